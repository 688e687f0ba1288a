"""Stages align and rectify: the homography lands the layout on the scan, checked by the QR."""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
import pytest

from zuoye.core.layout import Page
from zuoye.core.scan.align import PageGeometry, page_align, page_rectify
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.decode import grey
from zuoye.core.scan.identify import PageIdentity, page_identify
from zuoye.core.scan.report import StageResult
from zuoye.core.scan.simulate import Degradation, page_degrade, page_draw


def _scan(page: Page, angle: float, dpi: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return page_degrade(page_draw(page, dpi / 25.4, rng), Degradation(angle=angle, jpeg_quality=70, light=0.2), rng)


@pytest.mark.parametrize(("angle", "dpi"), [(0.0, 200.0), (14.0, 150.0), (-15.0, 300.0), (180.0, 200.0), (93.0, 150.0)])
def test_rectified_page_puts_the_marks_where_the_layout_says(page: Page, angle: float, dpi: float) -> None:
    scan = _scan(page, angle, dpi, 7)
    identity = page_identify(grey(scan)).value
    assert identity is not None
    aligned = page_align(grey(scan), page, identity)
    assert aligned.value is not None, aligned.report.reason
    assert aligned.value.px_per_mm == pytest.approx(dpi / 25.4, rel=0.03)
    flat = grey(page_rectify(scan, page, aligned.value))
    k = DEFAULT_SCAN_CONFIG.px_per_mm
    for mark in page.marks:  # the centre of each mark is black, 2 mm outside it is paper
        cx, cy = mark.rect.centre
        assert flat[round(cy * k), round(cx * k)] < 80
        assert flat[round((mark.rect.bottom + 2) * k), round(cx * k)] > 170


def test_a_missing_mark_is_reported_by_corner(page: Page) -> None:
    scan = grey(_scan(page, 0.0, 150.0, 8)).copy()
    k = 150 / 25.4
    bl = next(m for m in page.marks if m.corner.value == "bl").rect.inflate(1)
    cv2.rectangle(scan, (round(bl.x * k), round(bl.y * k)), (round(bl.right * k), round(bl.bottom * k)), 255, -1)
    identity = page_identify(scan).value
    assert identity is not None
    result = page_align(scan, page, identity)
    assert result.value is None and "bl" in result.report.reason


def _photo(page: Page, seed: int, **degradation: float) -> np.ndarray:
    """A phone photo of ``page`` at 170 dpi, upside down on odd seeds."""
    rng = np.random.default_rng(seed)
    photo = Degradation(angle=float(rng.uniform(-8, 8) + 180 * (seed % 2)), jpeg_quality=75, **degradation)
    return page_degrade(page_draw(page, 170 / 25.4, rng), photo, rng)


def _identity(scan: np.ndarray) -> PageIdentity:
    identity = page_identify(grey(scan)).value
    assert identity is not None
    return identity


def _assert_marks_land(scan: np.ndarray, page: Page, aligned: StageResult[PageGeometry]) -> None:
    """Aligned, and the centre of every mark is dark on the rectified page."""
    assert aligned.value is not None, aligned.report.reason
    flat = grey(page_rectify(scan, page, aligned.value))
    k = DEFAULT_SCAN_CONFIG.px_per_mm
    for mark in page.marks:
        cx, cy = mark.rect.centre
        assert flat[round(cy * k), round(cx * k)] < 90


@pytest.mark.parametrize("seed", range(4))
def test_phone_photos_with_perspective_shadow_and_a_bowed_page_are_aligned(page: Page, seed: int) -> None:
    scan = _photo(page, 100 + seed, perspective=0.06, shadow=0.3, curve=3.0, background=110)
    _assert_marks_land(scan, page, page_align(grey(scan), page, _identity(scan)))


@pytest.mark.parametrize("seed", [1, 14])
def test_a_steep_photo_finds_its_last_mark_in_a_wider_window(page: Page, seed: int) -> None:
    """Perspective beyond the benchmark's (0.11 of the width per corner): the map fitted on the
    QR and the marks found first predicts the last mark outside its window; looked for once
    more, wider (``mark_search_retry``), it is found, and the QR check holds."""
    scan = _photo(page, seed, perspective=0.11, shadow=0.2, curve=2.0, background=120)
    identity = _identity(scan)
    once = page_align(grey(scan), page, identity, dataclasses.replace(DEFAULT_SCAN_CONFIG, mark_search_retry=1.0))
    assert once.value is None and "no solid square" in once.report.reason
    _assert_marks_land(scan, page, page_align(grey(scan), page, identity))


def test_a_band_is_rectified_as_the_whole_page_is_and_the_rest_left_white(page: Page) -> None:
    from zuoye.core.scan.pipeline import items_band
    scan = _scan(page, 4.0, 200.0, 3)
    identity = page_identify(grey(scan)).value
    assert identity is not None
    geometry = page_align(grey(scan), page, identity).value
    assert geometry is not None
    band = items_band(page)
    assert band[0] < min(i.grading.y for i in page.items) and band[1] > max(i.grading.bottom for i in page.items)
    whole, part = page_rectify(scan, page, geometry), page_rectify(scan, page, geometry, band=band)
    k = DEFAULT_SCAN_CONFIG.px_per_mm
    top, bottom = round(band[0] * k), round(band[1] * k)
    assert part.shape == whole.shape
    difference = np.abs(whole[top:bottom].astype(np.int16) - part[top:bottom])
    assert np.mean(difference > 2) < 0.002, np.mean(difference > 2)  # rounding: another neighbour, seldom
    assert (part[:top] == 255).all() and (part[bottom:] == 255).all()
    assert (whole[bottom:] < 128).any()  # the footer's print: what the band leaves out is not blank
