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
    _, dark = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    lo, hi = (side_px * (1 - config.mark_size_tolerance)) ** 2, (side_px * (1 + config.mark_size_tolerance)) ** 2
    centres = []
    for contour in contours:
        area = cv2.contourArea(contour)
        if not lo <= area <= hi:
            continue
        (cx, cy), (w, h), _ = cv2.minAreaRect(contour)
        if min(w, h) <= 0 or max(w, h) / min(w, h) > config.mark_aspect_max:
            continue
        if area / (w * h) >= config.mark_fill_min:
            centres.append((cx, cy))
    return np.array(centres, np.float64).reshape(-1, 2)


def page_align(gray: Image, page: Page, identity: PageIdentity,
               config: ScanConfig = DEFAULT_SCAN_CONFIG) -> StageResult[PageGeometry]:
    """Fit the page's homography from its four alignment marks, checked against the QR."""
    affine = _qr_affine(page, identity)
    scale = float(np.sqrt(abs(np.linalg.det(affine[:, :2]))))
    side_mm = float(np.mean([m.rect.w for m in page.marks]))
    candidates = _square_candidates(gray, side_mm * scale, config)
    src, dst = [], []
    for mark in page.marks:
        cx, cy = mark.rect.centre
        predicted = affine @ np.array([cx, cy, 1.0])
        if len(candidates) == 0:
            return failed(STAGE, f"no solid square near the {mark.corner.value} mark")
        distances = np.linalg.norm(candidates - predicted, axis=1)
        best = int(np.argmin(distances))
        if distances[best] > config.mark_search_mm * scale:
            return failed(STAGE, f"no solid square near the {mark.corner.value} mark")
        src.append((cx, cy))
        dst.append(tuple(candidates[best]))
    homography = np.asarray(cv2.getPerspectiveTransform(np.float32(src), np.float32(dst)), np.float64)
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
                 config: ScanConfig = DEFAULT_SCAN_CONFIG) -> Image:
    """The page resampled in layout coordinates: pixel (x, y) is mm (x, y) / ``px_per_mm``."""
    k = config.px_per_mm
    out_to_mm = np.array([[1 / k, 0, 0], [0, 1 / k, 0], [0, 0, 1]], np.float64)
    size = (round(page.width * k), round(page.height * k))
    warped = cv2.warpPerspective(image, geometry.homography @ out_to_mm, size,
                                 flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=(255, 255, 255))
    return np.asarray(warped, np.uint8)
