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


def _large(colour: bool) -> np.ndarray:
    """An A4 page at 200 dpi with a red stroke (colour) or the same in grey."""
    image = np.full((2339, 1654, 3), 250, np.uint8)
    cv2.line(image, (200, 300), (1400, 900), (40, 40, 215), 5)
    cv2.rectangle(image, (100, 100), (400, 200), (0, 0, 0), -1)
    return image if colour else cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)


def test_a_large_colour_jpeg_is_decoded_at_half_size() -> None:
    ok, data = cv2.imencode(".jpg", _large(True), [cv2.IMWRITE_JPEG_QUALITY, 85])
    result = pages_decode(data.tobytes())
    assert result.value is not None and result.value[0].shape == (1170, 827, 3), result.report.reason
    assert "half size" in result.report.reason
    full = pages_decode(data.tobytes(), half_from_px=None)
    assert full.value is not None and full.value[0].shape == (2339, 1654, 3)


def test_greyscale_and_small_jpegs_stay_full_size() -> None:
    """Grey pages are read by darkness against the print, which half size blurs; small ones
    would fall below the readers' 4 px/mm."""
    grey_rgb = cv2.imencode(".jpg", _large(False))[1].tobytes()
    grey_one = cv2.imencode(".jpg", cv2.cvtColor(_large(False), cv2.COLOR_BGR2GRAY))[1].tobytes()
    small = cv2.imencode(".jpg", cv2.resize(_large(True), (1100, 1560)))[1].tobytes()
    shapes = [pages_decode(d).value[0].shape for d in (grey_rgb, grey_one, small)]  # type: ignore[index]
    assert shapes == [(2339, 1654, 3), (2339, 1654), (1560, 1100, 3)]


def test_the_jpeg_frame_header_gives_the_size_without_decoding() -> None:
    from zuoye.core.scan.decode import jpeg_size
    data = cv2.imencode(".jpg", np.zeros((70, 90), np.uint8))[1].tobytes()
    assert jpeg_size(data) == (90, 70, 1)
    assert jpeg_size(cv2.imencode(".png", np.zeros((7, 9), np.uint8))[1].tobytes()) is None
