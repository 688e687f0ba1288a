"""Stage 1, decode: file bytes to page images.

PNG, JPEG, single- and multi-page TIFF go through OpenCV's decoders (``imdecodemulti`` for
TIFF pages). PDFs are rasterised by the caller (pdftoppm or a PDF library at 200-300 dpi)
and handed in as images: this core stays free of PDF dependencies. Colour stays colour,
because red ink is only red in colour.
"""

from __future__ import annotations

import cv2
import numpy as np

from zuoye.core.scan.report import Image, StageResult, failed, passed

STAGE = "decode"


def _as_page(image: Image) -> Image:
    if image.ndim == 3 and image.shape[2] == 4:
        return np.ascontiguousarray(image[:, :, :3])
    return image


def pages_decode(data: bytes) -> StageResult[tuple[Image, ...]]:
    """All pages in an image file, in order; a report with the reason if none can be read."""
    buffer = np.frombuffer(data, dtype=np.uint8)
    if buffer.size == 0:
        return failed(STAGE, "empty file")
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
