"""One door for uploads: recognise the format from the bytes, then read with the right reader.

Teachers name files carelessly (``题目.txt`` holding Moodle XML, a package renamed ``.xml``),
so the content decides: a zip is a QTI package; XML is told apart by its root element;
anything else is read as GIFT, which is plain text.
"""

from __future__ import annotations

import re
from typing import Literal

from .config import DEFAULT_OPTIONS, ImportOptions
from .gift import read_gift
from .model import ItemProblem
from .moodle import read_moodle_xml
from .package import read_qti_package
from .qti_read import read_qti_item
from .result import ImportResult

Format = Literal["qti-package", "qti", "moodle", "gift"]
_ROOT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")


def detect_format(data: bytes) -> Format | None:
    """The format of an upload, from its content; None for XML that is none of ours."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "qti-package"
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return "gift"
    match = _ROOT.search(_skip_comments(head))
    root = match.group(1).decode("ascii", "replace") if match else ""
    if root == "quiz":
        return "moodle"
    if root in ("qti-assessment-item", "assessmentItem"):
        return "qti"
    return None


def _skip_comments(head: bytes) -> bytes:
    return re.sub(rb"<!--.*?-->", b"", head, flags=re.S)


def read_qti_file(data: bytes, *, file: str, options: ImportOptions = DEFAULT_OPTIONS) -> ImportResult:
    """A single QTI item file (3.0 or 2.x); its images must be ``data:`` URIs."""
    item, problems = read_qti_item(data, file=file, options=options)
    return ImportResult((item,) if item is not None else (), tuple(problems))


def import_items(data: bytes, *, file: str, options: ImportOptions = DEFAULT_OPTIONS) -> ImportResult:
    """Read any supported upload: QTI package or item, Moodle XML, GIFT."""
    kind = detect_format(data)
    if kind == "qti-package":
        return read_qti_package(data, file=file, options=options)
    if kind == "qti":
        return read_qti_file(data, file=file, options=options)
    if kind == "moodle":
        return read_moodle_xml(data, file=file, options=options)
    if kind == "gift":
        return read_gift(data, file=file, options=options)
    reason = "unknown XML: expected a QTI item, a Moodle <quiz>, or a QTI package (.zip with imsmanifest.xml)"
    return ImportResult((), (ItemProblem(file, "", None, reason),))
