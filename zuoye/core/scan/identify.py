"""Stage 2, identify: which assignment, student and page this image is, from its QR.

zxing-cpp reads the code at any rotation (upside down included) and gives the symbol's four
corners in the symbol's own order, so the QR also tells which way up the page is and roughly
how large a millimetre is; the align stage uses both. A payload that fails its CRC is a
misread and never guessed into another student's page. An image without a code is either a
blank back (almost no ink) or unidentified, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import zxingcpp

from zuoye.core.layout import PageAddress, PayloadError, payload_decode
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.report import Image, StageResult, failed, passed

STAGE = "identify"
BLANK = "blank page"
Point = tuple[float, float]


@dataclass(frozen=True)
class PageIdentity:
    """The decoded page code and where its symbol lies in the image (px)."""

    address: PageAddress
    payload: str
    corners: tuple[Point, Point, Point, Point]
    """Symbol corners in the symbol's own order: top-left, top-right, bottom-right, bottom-left."""


def _corners(position: zxingcpp.Position, scale: float = 1.0) -> tuple[Point, Point, Point, Point]:
    pts = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    a, b, c, d = ((float(p.x) * scale, float(p.y) * scale) for p in pts)
    return a, b, c, d


def _codes(gray: Image, config: ScanConfig) -> tuple[list[zxingcpp.Result], float]:
    """zxing on the page at half size first (a 200-300 dpi scan's QR has 4+ px modules, so half
    is plenty and 4× fewer pixels), on the full image when that finds nothing."""
    if min(gray.shape[:2]) >= config.identify_halve_above_px:
        small = np.ascontiguousarray(gray[::2, ::2])  # every other pixel: 10x cheaper than averaging
        results = zxingcpp.read_barcodes(small, formats=zxingcpp.BarcodeFormat.QRCode, try_downscale=False)
        if results:
            return results, 2.0
    return zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode), 1.0


def ink_share(gray: Image, config: ScanConfig) -> float:
    return float(np.count_nonzero(gray < config.blank_dark_level)) / max(1, gray.size)


def page_identify(gray: Image, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> StageResult[PageIdentity]:
    """Read the page code; the report's reason is ``blank page``, ``no QR code`` or the payload error."""
    results, scale = _codes(gray, config)
    if not results:
        share = ink_share(gray, config)
        if share < config.blank_ink_max:
            return failed(STAGE, BLANK)
        return failed(STAGE, f"no QR code (ink {share:.1%}): not a Zuoye sheet, or the code is damaged")
    problems = []
    for result in results:
        try:
            address = payload_decode(result.text)
        except PayloadError as exc:
            problems.append(f"{exc.reason}: {exc}")
            continue
        return passed(STAGE, PageIdentity(address, result.text, _corners(result.position, scale)), 1.0, result.text)
    return failed(STAGE, "unreadable page code (" + "; ".join(problems) + ")")
