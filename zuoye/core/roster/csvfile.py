"""CSV text in whatever encoding Excel or WPS saved it.

Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK; "CSV UTF-8" starts with a byte-order
mark; "Unicode text" is UTF-16 with tabs. We take UTF-8 (with or without BOM) first, because
a GBK reading of UTF-8 bytes would silently produce nonsense, then GB18030 (a superset of GBK
and GB2312), and say which one we used so the report can mention it.
"""

from __future__ import annotations

import codecs
import csv
import io

from zuoye.core.roster.problems import Place, Problem, notice, problem

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
GB18030 = "gb18030"
UTF16 = "utf-16"


def decode(data: bytes, place: Place) -> tuple[str | None, str, list[Problem]]:
    """Return (text, encoding, problems); text is None when no encoding fits."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode(UTF8), UTF8_BOM, []
        except UnicodeDecodeError:
            return None, "", [problem("file_encoding", place)]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode(UTF16), UTF16, [notice("encoding_utf16", place)]
        except UnicodeDecodeError:
            return None, "", [problem("file_encoding", place)]
    try:
        return data.decode(UTF8), UTF8, []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(GB18030), GB18030, [notice("encoding_gb18030", place)]
    except UnicodeDecodeError:
        return None, "", [problem("file_encoding", place)]


def rows(text: str) -> list[tuple[int, list[str]]]:
    """1-based numbered rows; tab-separated when the first line has tabs and no commas (UTF-16 exports)."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(number, row) for number, row in enumerate(reader, start=1)]
