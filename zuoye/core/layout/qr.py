"""The QR payload on every page: which assignment, which student, which page; and a check.

A scanned page is identified only by its QR, so a misread must never pass as another
student's page. The payload is short text, ``ZY1|A<assignment>|S<student>|P<page>/<pages>|<check>``
(student 0 is a generic sheet), where ``check`` is the CRC-32 of everything before it in
eight upper-case hex digits. QR error correction already repairs most damage; the CRC catches
what slips through (a decoder's wrong guess, a hand-typed line with a swapped digit) and any
hand edit. It is not a signature: anyone can compute it, and nothing here is secret.

The same text, with spaces for bars, is printed under the QR so that a person can type it in
when a photo is too poor to decode; :func:`payload_decode` accepts both forms.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass

import segno

PREFIX = "ZY1"
MAX_ID = 10**12  # ids of at most 12 digits keep the symbol at version 5 (37 modules) or less at level Q
_FIELDS = re.compile(r"^A(?P<a>[1-9]\d{0,11})\|S(?P<s>0|[1-9]\d{0,11})\|P(?P<p>[1-9]\d{0,2})/(?P<n>[1-9]\d{0,2})$")


class PayloadError(ValueError):
    """The text is not a valid Zuoye page payload; ``reason`` is a short machine-readable word."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class PageAddress:
    """What a page's QR says. ``student_id`` 0 marks a generic (per-class) sheet."""

    assignment_id: int
    student_id: int
    page: int
    pages: int

    def __post_init__(self) -> None:
        if not (0 < self.assignment_id < MAX_ID and 0 <= self.student_id < MAX_ID):
            raise PayloadError("range", "assignment id must be 1 to 12 digits, student id 0 to 12 digits")
        if not 1 <= self.page <= self.pages <= 999:
            raise PayloadError("range", f"page {self.page} of {self.pages} is impossible")

    @property
    def generic(self) -> bool:
        return self.student_id == 0


def _check(body: str) -> str:
    return f"{zlib.crc32(body.encode('ascii')) & 0xFFFFFFFF:08X}"


def payload_encode(address: PageAddress) -> str:
    """The text stored in the page's QR code."""
    body = f"{PREFIX}|A{address.assignment_id}|S{address.student_id}|P{address.page}/{address.pages}"
    return f"{body}|{_check(body)}"


def payload_decode(text: str) -> PageAddress:
    """Read a payload (or its printed line); raise :class:`PayloadError` on any damage."""
    parts = text.strip().replace(" ", "|").split("|")
    if len(parts) != 5 or not parts[0]:
        raise PayloadError("format", f"not a Zuoye page code: {text!r}")
    if parts[0].upper() != PREFIX:
        raise PayloadError("version", f"unknown page-code version {parts[0]!r} (expected {PREFIX})")
    body = "|".join([PREFIX, *(part.upper() for part in parts[1:4])])
    if _check(body) != parts[4].upper():
        raise PayloadError("checksum", f"page code {text!r} fails its check: misread or altered")
    match = _FIELDS.match(body[len(PREFIX) + 1 :])
    if not match:
        raise PayloadError("format", f"page code {text!r} has malformed fields")
    return PageAddress(int(match["a"]), int(match["s"]), int(match["p"]), int(match["n"]))


def human_line(payload: str) -> str:
    """The line printed under the QR: the payload with spaces, easy to read aloud or type."""
    return payload.replace("|", " ")


@dataclass(frozen=True)
class QrSymbol:
    """A QR symbol ready for typst: SVG without border, and its width in modules."""

    svg: str
    modules: int


@functools.lru_cache(maxsize=2048)
def qr_symbol(payload: str, error: str) -> QrSymbol:
    """Encode ``payload`` (byte mode, no micro QR) at error level ``error`` or better.

    The SVG has no quiet zone and no fixed size: the renderer scales it to the page's QR
    rectangle, and the layout keeps the quiet zone free around it. Encoding costs about 5 ms
    (segno tries all eight masks, as the standard asks), and both the layout (for the module
    count) and the renderer need it, hence the cache.
    """
    symbol = segno.make(payload, error=error, micro=False, boost_error=True)
    width, _ = symbol.symbol_size(border=0)
    return QrSymbol(svg=symbol.svg_inline(border=0, omitsize=True), modules=int(width))
