"""What kind of file did the admin upload? Decided from its bytes, never from its name.

A renamed .docx, an Excel 97 .xls, a PDF of the roster or a half-uploaded workbook each gets
its own plain explanation instead of a parser's stack trace. Zip containers are opened only to
list their members (and their declared sizes, which guards against zip bombs), never extracted.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from zuoye.core.roster.problems import Place, Problem, problem

XLSX = "xlsx"
CSV = "csv"
ONEROSTER = "oneroster"


@dataclass(frozen=True)
class Limits:
    """Sizes beyond which a roster is refused rather than read."""

    max_upload_bytes: int = 100 * 1024 * 1024
    # A 50,000-student workbook unpacks to about 15 MB; 1 GB is far beyond any real roster.
    max_unpacked_bytes: int = 1024 * 1024 * 1024


LIMITS = Limits()

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003, Word 97-2003, encrypted OOXML


def detect(data: bytes, filename: str, limits: Limits = LIMITS) -> tuple[str | None, list[Problem]]:
    """Return (kind, problems): kind is XLSX, CSV or ONEROSTER, or None when the file cannot be read."""
    place = Place(file=filename)
    if not data:
        return None, [problem("file_empty", place)]
    if len(data) > limits.max_upload_bytes:
        return None, [problem("file_too_large", place, limit_mb=limits.max_upload_bytes // (1024 * 1024))]
    if data.startswith(_OLE2):
        return None, [problem("file_xls", place)]
    if data.startswith(b"%PDF"):
        return None, [problem("file_pdf", place)]
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        return None, [problem("file_image", place)]
    if data.startswith(b"PK"):
        return _zip_kind(data, place, limits)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [problem("file_binary", place)]
    return CSV, []


def _zip_kind(data: bytes, place: Place, limits: Limits) -> tuple[str | None, list[Problem]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        return None, [problem("file_damaged", place)]
    if sum(info.file_size for info in infos) > limits.max_unpacked_bytes:
        return None, [problem("file_zip_bomb", place)]
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names:
        return XLSX, []
    if "word/document.xml" in names:
        return None, [problem("file_word", place)]
    if any(name.lower().endswith(".csv") for name in names):
        return ONEROSTER, []
    return None, [problem("file_zip_unknown", place)]
