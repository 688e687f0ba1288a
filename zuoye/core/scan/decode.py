"""Stage 1, decode: file bytes to page images.

PNG, JPEG, single- and multi-page TIFF go through OpenCV's decoders (``imdecodemulti`` for
TIFF pages). PDFs are rasterised by the caller (pdftoppm or a PDF library at 200-300 dpi)
and handed in as images: this core stays free of PDF dependencies. Colour stays colour,
because red ink is only red in colour.

A large JPEG (a scan of about 190 dpi or more) is decoded at half size: libjpeg scales in the
DCT, so this costs about a third of a full decode, and everything after it reads the page at
``px_per_mm`` (4 px/mm ≈ 100 dpi) anyway — the rectifier resamples bilinearly from so coarse a
source (``rectify_nearest_min_px_per_mm``). Measured on 200 simulated 200-dpi colour pages:
marks as right or better, decode 12 → 4 ms. Greyscale pages (a one-channel JPEG, or three
equal channels) are decoded at full size: on grey the pen is told from print by darkness, and a
half-size image blurs thin print into pen-like grey (measured: 74 % → 25 % of marks right).
"""

from __future__ import annotations

import cv2
import numpy as np

from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.redpen import _coloured, planes_sampled
from zuoye.core.scan.report import Image, StageResult, failed, passed

STAGE = "decode"


def _as_page(image: Image) -> Image:
    if image.ndim == 3 and image.shape[2] == 4:
        return np.ascontiguousarray(image[:, :, :3])
    return image


HALF_FROM_PX = 1560
"""A JPEG whose short side has at least this many pixels is decoded at half size (A4 at 190 dpi;
half of it still gives 3.7 px a mm, close to the 4 px/mm every reader works at)."""


def jpeg_size(data: bytes) -> tuple[int, int, int] | None:
    """(width, height, components) from a JPEG's frame header, None if it is no JPEG."""
    if data[:2] != b"\xff\xd8":
        return None
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:  # no length: skip on
            at += 1 if marker == 0xFF else 2
            continue
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start of frame
            height = int.from_bytes(data[at + 5:at + 7], "big")
            width = int.from_bytes(data[at + 7:at + 9], "big")
            return width, height, data[at + 9]
        at += 2 + length
    return None


def pages_decode(data: bytes, *, half_from_px: int | None = HALF_FROM_PX) -> StageResult[tuple[Image, ...]]:
    """All pages in an image file, in order; a report with the reason if none can be read.

    ``half_from_px``: a JPEG with a short side at least this long comes back at half size (None:
    always full size)."""
    buffer = np.frombuffer(data, dtype=np.uint8)
    if buffer.size == 0:
        return failed(STAGE, "empty file")
    size = jpeg_size(data) if half_from_px else None
    if size is not None and half_from_px and size[2] == 3 and min(size[:2]) >= half_from_px:
        # IGNORE_ORIENTATION: the pixels as stored, as IMREAD_UNCHANGED gives them below.
        half = cv2.imdecode(buffer, cv2.IMREAD_REDUCED_COLOR_2 | cv2.IMREAD_IGNORE_ORIENTATION)
        if half is not None and _coloured(planes_sampled(half, 4), DEFAULT_SCAN_CONFIG):  # every 4th px: ~0.2 ms
            return passed(STAGE, (np.asarray(half, dtype=np.uint8),), 1.0,
                          f"1 page(s), JPEG {size[0]}×{size[1]} decoded at half size")
    ok, pages = cv2.imdecodemulti(buffer, cv2.IMREAD_UNCHANGED)
    if not ok or not pages:
        single = cv2.imdecode(buffer, cv2.IMREAD_UNCHANGED)
        if single is None:
            return failed(STAGE, "not an image OpenCV can decode (PDF: rasterise first)")
        pages = [single]
    images = tuple(_as_page(np.asarray(p, dtype=np.uint8)) for p in pages)
    return passed(STAGE, images, 1.0, f"{len(images)} page(s)")


def grey(image: Image) -> Image:
    """The page in grey levels (a view if it already is)."""
    if image.ndim == 2:
        return image
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
