"""Stage decode: image files to pages, the reason when they are not images."""

from __future__ import annotations

import cv2
import numpy as np

from zuoye.core.scan.decode import grey, pages_decode


def _page(shade: int) -> np.ndarray:
    image = np.full((60, 40, 3), 255, np.uint8)
    image[10:20, 10:30] = shade
    return image


def test_png_and_jpeg_decode_to_one_colour_page() -> None:
    for ext in (".png", ".jpg"):
        ok, data = cv2.imencode(ext, _page(0))
        result = pages_decode(data.tobytes())
        assert result.report.ok and result.value is not None
        assert len(result.value) == 1 and result.value[0].shape == (60, 40, 3)


def test_multi_page_tiff_keeps_every_page_in_order() -> None:
    ok, data = cv2.imencodemulti(".tiff", [_page(0), _page(100), _page(200)])
    assert ok
    result = pages_decode(np.asarray(data).tobytes())
    assert result.value is not None and len(result.value) == 3
    assert [int(grey(p)[15, 15]) for p in result.value] == [0, 100, 200]


def test_bytes_that_are_no_image_give_a_reason() -> None:
    for data in (b"", b"%PDF-1.7 not rasterised"):
        result = pages_decode(data)
        assert result.value is None and not result.report.ok and result.report.reason
