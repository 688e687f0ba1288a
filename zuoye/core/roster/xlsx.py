"""A small, fast, read-only xlsx reader for rosters.

openpyxl reads a 50,000-row roster in about 9 s (its per-cell objects dominate) and, in its
fast read-only mode, cannot see merged cells. A roster needs less than a spreadsheet library
offers: each cell's value, whether it holds a formula or an error, and the merged ranges. This
reader streams the sheet XML with the standard library's expat-backed ``iterparse`` and gives
exactly that, in about a quarter of the time. Writing workbooks (templates, exports) still uses
openpyxl.

Numbers keep their type (int or float) so callers can tell that Excel stored an ID-card number
as a float and dropped its last digits.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import IO, Iterator

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_REF = re.compile(r"^([A-Z]+)(\d+)$")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")

Value = str | int | float | bool | None


class XlsxError(Exception):
    """The workbook cannot be read; ``code`` is a :mod:`problems` code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Sheet:
    name: str
    hidden: bool = False
    rows: list[tuple[int, list[Value]]] = field(default_factory=list)  # (1-based row, values by 0-based column)
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column index)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column index) -> "#N/A"
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min_row, min_col, max_row, max_col), 0-based cols


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number - 1


def read(data: bytes) -> list[Sheet]:
    """Every worksheet of the workbook, in tab order. Raises :class:`XlsxError`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _Reader(archive).sheets()
    except XlsxError:
        raise
    except (zipfile.BadZipFile, ET.ParseError, KeyError, EOFError, ValueError, IndexError) as exc:
        raise XlsxError("file_damaged") from exc


class _Reader:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        root = ET.fromstring(archive.read("xl/workbook.xml"))
        self.ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else MAIN_NS
        if self.ns == STRICT_NS:
            raise XlsxError("file_strict_ooxml")
        self.workbook = root
        self.tags = {name: f"{{{self.ns}}}{name}" for name in ("row", "mergeCell", "c", "f", "v", "is", "t", "r", "si", "sheets")}
        self.targets = self._relationships("xl/_rels/workbook.xml.rels")
        self.shared = self._shared_strings()

    def _tag(self, name: str) -> str:
        return self.tags[name]

    def _relationships(self, path: str) -> dict[str, tuple[str, str]]:
        root = ET.fromstring(self.archive.read(path))
        found = {}
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
        return found

    def _shared_strings(self) -> list[str]:
        paths = [target for kind, target in self.targets.values() if kind == "sharedStrings"]
        if not paths:
            return []
        strings = []
        si, t, r = self._tag("si"), self._tag("t"), self._tag("r")
        with self.archive.open(paths[0]) as stream:
            for _, element in ET.iterparse(stream):
                if element.tag == si:
                    strings.append(_rich_text(element, t, r))
                    element.clear()
        return strings

    def sheets(self) -> list[Sheet]:
        result = []
        sheets = self.workbook.find(self._tag("sheets"))
        for entry in sheets if sheets is not None else []:
            kind, target = self.targets.get(entry.get(f"{{{REL_NS}}}id", ""), ("", ""))
            if kind != "worksheet":
                continue  # chart sheets and dialog sheets hold no roster
            sheet = Sheet(name=entry.get("name", ""), hidden=entry.get("state", "visible") != "visible")
            with self.archive.open(target) as stream:
                self._read_sheet(stream, sheet)
            result.append(sheet)
        return result

    def _read_sheet(self, stream: IO[bytes], sheet: Sheet) -> None:
        row_tag, merge_tag = self._tag("row"), self._tag("mergeCell")
        last_row = 0
        for _, element in ET.iterparse(stream):
            if element.tag == row_tag:
                last_row = int(element.get("r") or last_row + 1)
                values = self._row_values(element, last_row, sheet)
                if values:
                    sheet.rows.append((last_row, values))
                element.clear()
            elif element.tag == merge_tag:
                first, _, last = (element.get("ref") or "").partition(":")
                (r1, c1), (r2, c2) = _ref(first), _ref(last or first)
                sheet.merged.append((r1, c1, r2, c2))

    def _row_values(self, row: ET.Element, number: int, sheet: Sheet) -> list[Value]:
        values: list[Value] = []
        tags = self.tags
        c_tag, f_tag, v_tag, is_tag, t_tag, r_tag = tags["c"], tags["f"], tags["v"], tags["is"], tags["t"], tags["r"]
        column = -1
        for cell in row:
            if cell.tag != c_tag:
                continue
            ref = cell.get("r")
            column = _ref(ref)[1] if ref else column + 1
            kind = cell.get("t", "n")
            if cell.find(f_tag) is not None:
                sheet.formulas.add((number, column))
            raw = cell.findtext(v_tag)
            if kind == "inlineStr":
                node = cell.find(is_tag)
                value: Value = _rich_text(node, t_tag, r_tag) if node is not None else ""
            elif not raw:
                value = None  # e.g. a formula with no cached result
            elif kind == "s":
                value = self.shared[int(raw)]
            elif kind in ("str", "d"):
                value = _unescape(raw)
            elif kind == "b":
                value = raw.strip() in ("1", "true")
            elif kind == "e":
                sheet.errors[(number, column)] = raw
                value = raw
            else:
                value = _number(raw)
            if value is not None and value != "":
                values.extend([None] * (column + 1 - len(values)))
                values[column] = value
        return values


_COLUMNS: dict[str, int] = {}


def _ref(ref: str) -> tuple[int, int]:
    """``B12`` → (12, 1)."""
    letters = ref.rstrip("0123456789")
    column = _COLUMNS.get(letters)
    if column is None:
        match = _REF.match(ref.replace("$", "").upper())
        if not match:
            raise ValueError(f"bad cell reference {ref!r}")
        letters, column = match[1], column_index(match[1])
        if len(_COLUMNS) < 10000:
            _COLUMNS[letters] = column
    return int(ref[len(letters):]), column


def _number(raw: str) -> int | float:
    text = raw.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    number = float(text)
    return int(number) if number.is_integer() and abs(number) < 1e15 and "E" not in text.upper() else number


def _rich_text(node: ET.Element, t_tag: str, r_tag: str) -> str:
    """Text of a string item: plain <t>, or runs <r><t>; phonetic guides (<rPh>) are not part of it."""
    parts = []
    for child in node:
        if child.tag == t_tag:
            parts.append(child.text or "")
        elif child.tag == r_tag:
            parts.extend(t.text or "" for t in child if t.tag == t_tag)
    return _unescape("".join(parts))


def _unescape(text: str) -> str:
    """Excel writes control characters as _xHHHH_."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


def iter_values(sheet: Sheet) -> Iterator[tuple[int, int, Value]]:
    for number, values in sheet.rows:
        for column, value in enumerate(values):
            if value is not None:
                yield number, column, value
