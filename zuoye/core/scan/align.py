"""Stages 3 and 4, align and rectify: the four solid squares, the homography, the page in mm.

The QR alone gives a rough map from page millimetres to image pixels (its four corners, in the
symbol's own order, so rotation and upside-down pages come for free). That map predicts where
each of the four alignment marks lies; the solid square nearest each prediction is taken
(solid: dark share above ``mark_fill_min``, which QR finder patterns fail), and the exact
homography is fitted from the four mark centres to the layout's. The QR centre, mapped back
through that homography, must land where zxing saw it: the check that the marks are right.
Readers then work on the page rectified to ``px_per_mm``, in layout coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from zuoye.core.layout import Page
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.identify import PageIdentity
from zuoye.core.scan.report import Image, StageResult, failed, passed

STAGE = "align"
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class PageGeometry:
    """``homography`` maps page mm to image px; ``px_per_mm`` is the scan's mean scale."""

    homography: Matrix
    px_per_mm: float
    qr_error_mm: float


def _qr_affine(page: Page, identity: PageIdentity) -> Matrix:
    r = page.qr.rect
    src = np.array([[r.x, r.y, 1], [r.right, r.y, 1], [r.right, r.bottom, 1], [r.x, r.bottom, 1]], np.float64)
    dst = np.array(identity.corners, np.float64)
    solution, *_ = np.linalg.lstsq(src, dst, rcond=None)
    return np.asarray(solution.T, np.float64)  # 2×3: mm -> px


def _square_candidates(gray: Image, side_px: float, config: ScanConfig) -> npt.NDArray[np.float64]:
    """Centres of solid dark squares about ``side_px`` wide in ``gray`` (a window round one mark).

    Otsu's threshold is taken in the window, so a shadow over one corner of a phone photo does
    not hide its mark; outer boundaries only (two-level hierarchy), so a mark inside a hole of a
    darker table around the page is still found."""
    _, dark = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    contours, hierarchy = cv2.findContours(dark, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    lo, hi = (side_px * (1 - config.mark_size_tolerance)) ** 2, (side_px * (1 + config.mark_size_tolerance)) ** 2
    centres = []
    for contour, links in zip(contours, hierarchy[0] if hierarchy is not None else (), strict=True):
        if links[3] >= 0:
            continue  # the boundary of a hole
        area = cv2.contourArea(contour)
        if not lo <= area <= hi:
            continue
        (cx, cy), (w, h), _ = cv2.minAreaRect(contour)
        if min(w, h) <= 0 or max(w, h) / min(w, h) > config.mark_aspect_max:
            continue
        fill = area / (w * h)
        if fill >= config.mark_fill_min or (fill >= config.mark_fill_warped_min and _four_cornered(contour)):
            centres.append((cx, cy))
    return np.array(centres, np.float64).reshape(-1, 2)


def _four_cornered(contour: npt.NDArray[np.int32]) -> bool:
    """A quadrilateral (a mark seen in perspective), not a disc (a filled bubble, fill ~0.79)."""
    approx = cv2.approxPolyDP(contour, 0.03 * cv2.arcLength(contour, True), True)
    return len(approx) == 4


def _mark_near(gray: Image, predicted: npt.NDArray[np.float64], side_px: float, reach_px: float,
               config: ScanConfig) -> tuple[float, float] | None:
    """The solid square nearest ``predicted`` within ``reach_px``, searched in a window round it."""
    half = reach_px + side_px
    x0, y0 = max(0, int(predicted[0] - half)), max(0, int(predicted[1] - half))
    x1, y1 = min(gray.shape[1], int(predicted[0] + half) + 1), min(gray.shape[0], int(predicted[1] + half) + 1)
    if x1 - x0 < side_px or y1 - y0 < side_px:
        return None
    candidates = _square_candidates(gray[y0:y1, x0:x1], side_px, config) + (x0, y0)
    if len(candidates) == 0:
        return None
    distances = np.linalg.norm(candidates - predicted, axis=1)
    best = int(np.argmin(distances))
    return (float(candidates[best][0]), float(candidates[best][1])) if distances[best] <= reach_px else None


def _fit(src: list[tuple[float, float]], dst: list[tuple[float, float]], homography: bool) -> Matrix:
    """mm -> px from point pairs: an affine map while the points are the QR and one or two marks
    (a homography would fit noise in its perspective terms), a homography once three marks span
    the page."""
    if homography:
        model, _ = cv2.findHomography(np.float64(src), np.float64(dst), 0)
        if model is not None:
            return np.asarray(model, np.float64)
    a = np.column_stack([np.float64(src), np.ones(len(src))])
    solution, *_ = np.linalg.lstsq(a, np.float64(dst), rcond=None)
    return np.asarray(solution.T, np.float64)


def _project(matrix: Matrix, x: float, y: float) -> npt.NDArray[np.float64]:
    p = matrix @ np.array([x, y, 1.0])
    return np.asarray(p[:2] / p[2] if matrix.shape[0] == 3 else p, np.float64)


def page_align(gray: Image, page: Page, identity: PageIdentity,
               config: ScanConfig = DEFAULT_SCAN_CONFIG) -> StageResult[PageGeometry]:
    """Fit the page's homography from its four alignment marks, checked against the QR.

    Marks are looked for nearest the QR first; each one found refines the map that predicts
    the next (QR corners and marks so far: an affine map, a homography from four points), so a
    phone photo's perspective does not throw the far marks out of their search window."""
    affine = _qr_affine(page, identity)
    scale = float(np.sqrt(abs(np.linalg.det(affine[:, :2]))))
    side_px = float(np.mean([m.rect.w for m in page.marks])) * scale
    qx, qy = page.qr.rect.centre
    r = page.qr.rect
    src = [(r.x, r.y), (r.right, r.y), (r.right, r.bottom), (r.x, r.bottom)]
    dst = [tuple(c) for c in identity.corners]
    found: dict[int, tuple[float, float]] = {}
    model: Matrix = affine
    for index, mark in sorted(enumerate(page.marks), key=lambda m: np.hypot(m[1].rect.centre[0] - qx,
                                                                              m[1].rect.centre[1] - qy)):
        cx, cy = mark.rect.centre
        # The map is surest near the points it was fitted on: look further the further from them.
        distance = min(float(np.hypot(cx - x, cy - y)) for x, y in src)
        reach = (config.mark_search_mm + config.mark_search_share * distance) * scale
        seen = _mark_near(gray, _project(model, cx, cy), side_px, reach, config)
        if seen is None:  # a steep photo bends the prediction further: look wider once (the QR check follows)
            seen = _mark_near(gray, _project(model, cx, cy), side_px, reach * config.mark_search_retry, config)
        if seen is None:
            return failed(STAGE, f"no solid square near the {mark.corner.value} mark")
        found[index] = seen
        src.append((cx, cy))
        dst.append(seen)
        model = _fit(src, dst, homography=len(found) >= 3)
    marks_mm = [page.marks[i].rect.centre for i in sorted(found)]
    marks_px = [found[i] for i in sorted(found)]
    homography = np.asarray(cv2.getPerspectiveTransform(np.float32(marks_mm), np.float32(marks_px)), np.float64)
    error = _qr_error_mm(page, identity, homography, scale)
    if error > config.qr_check_max_mm:
        return failed(STAGE, f"marks disagree with the QR by {error:.1f} mm")
    confidence = 1.0 - error / config.qr_check_max_mm / 2
    return passed(STAGE, PageGeometry(homography, scale, error), confidence, f"QR check {error:.2f} mm")


def _qr_error_mm(page: Page, identity: PageIdentity, homography: Matrix, scale: float) -> float:
    cx, cy = page.qr.rect.centre
    predicted = homography @ np.array([cx, cy, 1.0])
    seen = np.mean(np.array(identity.corners), axis=0)
    return float(np.linalg.norm(predicted[:2] / predicted[2] - seen)) / scale


def page_rectify(image: Image, page: Page, geometry: PageGeometry,
                 config: ScanConfig = DEFAULT_SCAN_CONFIG, band: tuple[float, float] | None = None) -> Image:
    """The page resampled in layout coordinates: pixel (x, y) is mm (x, y) / ``px_per_mm``.

    ``band`` (top, bottom) in mm: only those rows are resampled, the rest of the page is left
    white (the warp is the costliest step; the pipeline needs only the items' band)."""
    k = config.px_per_mm
    width, height = round(page.width * k), round(page.height * k)
    top, bottom = (0, height) if band is None else (max(0, round(band[0] * k)), min(height, round(band[1] * k)))
    out_to_mm = np.array([[1 / k, 0, 0], [0, 1 / k, 0 + top / k], [0, 0, 1]], np.float64)
    nearest = config.rectify_nearest and geometry.px_per_mm >= config.rectify_nearest_min_px_per_mm
    matrix = geometry.homography @ out_to_mm
    if band is None:
        return _warp(image, matrix, (width, height), nearest)
    flat = np.full((height, width, *image.shape[2:]), 255, np.uint8)
    if bottom > top:
        flat[top:bottom] = _warp(image, matrix, (width, bottom - top), nearest)
    return flat


def _warp(image: Image, matrix: Matrix, size: tuple[int, int], nearest: bool) -> Image:
    """``cv2.warpPerspective`` (``matrix``: output pixel → source pixel), nearest-neighbour or
    bilinear, with white outside the source. A bilinear warp of a colour image
    goes through four channels: OpenCV's bilinear resampling has vector code for one and four
    channels but not three, and the fourth channel costs less than it saves (an A4 band at
    4 px/mm: 7.9 → 3.5 ms, pixel for pixel the same)."""
    flags = (cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR) | cv2.WARP_INVERSE_MAP
    if image.ndim == 3 and image.shape[2] == 3 and not nearest:
        four = cv2.warpPerspective(cv2.cvtColor(image, cv2.COLOR_BGR2BGRA), matrix, size, flags=flags,
                                   borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255, 255))
        return np.asarray(cv2.cvtColor(four, cv2.COLOR_BGRA2BGR), np.uint8)
    return np.asarray(cv2.warpPerspective(image, matrix, size, flags=flags, borderMode=cv2.BORDER_CONSTANT,
                                          borderValue=(255, 255, 255)), np.uint8)
