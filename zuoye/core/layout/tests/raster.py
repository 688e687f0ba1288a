"""Reading a rendered PDF back: rasterise with pdftoppm, then find marks, rings, lines and QRs.

These are deliberately simple, independent measurements (Otsu-free fixed thresholds on a
clean render, centroids, line profiles), so that a mismatch between the layout JSON and the
printed page shows up as a distance in millimetres.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

from zuoye.core.layout import Bubble, Rect

DPI = 300
PX_PER_MM = DPI / 25.4


def rasterise(pdf: bytes, folder: Path, prefix: str = "page", dpi: int = DPI) -> list[np.ndarray]:
    """Every page as a greyscale array (0 black, 255 white); PGM, as PNG encoding is 10x slower."""
    source = folder / f"{prefix}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(source), str(folder / prefix)],
                   check=True, capture_output=True)
    files = sorted(folder.glob(f"{prefix}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    images = [cv2.imread(str(f), cv2.IMREAD_GRAYSCALE) for f in files]
    assert all(image is not None for image in images), "pdftoppm wrote an unreadable page"
    return [image for image in images if image is not None]


def solid_squares(gray: np.ndarray, side_mm: float) -> list[tuple[float, float]]:
    """Centres (mm) of solid dark squares about ``side_mm`` wide.

    QR finder patterns are squares too, but hollow: requiring 85 % dark pixels rejects them
    (RECIPES §3).
    """
    dark = (gray < 128).astype(np.uint8)
    contours, _ = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    side = side_mm * PX_PER_MM
    centres = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (0.8 * side < w < 1.2 * side and 0.8 * side < h < 1.2 * side):
            continue
        if dark[y : y + h, x : x + w].mean() < 0.85:
            continue
        m = cv2.moments(contour)
        centres.append((m["m10"] / m["m00"] / PX_PER_MM, m["m01"] / m["m00"] / PX_PER_MM))
    return centres


def ring(gray: np.ndarray, bubble: Bubble, margin_mm: float = 0.8) -> tuple[float, float, float]:
    """Centre and mean radius (mm) of the dark ring printed near ``bubble``.

    Only pixels darker than the faint letters count, within a disc a little larger than the
    expected ring, so neighbouring bubbles stay out.
    """
    reach = (bubble.r + margin_mm) * PX_PER_MM
    cx, cy = bubble.cx * PX_PER_MM, bubble.cy * PX_PER_MM
    x0, y0 = int(cx - reach) - 1, int(cy - reach) - 1
    patch = gray[y0 : int(cy + reach) + 2, x0 : int(cx + reach) + 2]
    rows, cols = np.nonzero(patch < 110)
    xs, ys = cols + x0 + 0.5, rows + y0 + 0.5  # pixel centres
    inside = (xs - cx) ** 2 + (ys - cy) ** 2 <= reach**2
    xs, ys = xs[inside], ys[inside]
    if xs.size < 10:
        return (float("nan"),) * 3
    mx, my = xs.mean(), ys.mean()
    radius = np.hypot(xs - mx, ys - my).mean()
    return mx / PX_PER_MM, my / PX_PER_MM, radius / PX_PER_MM


def edge_offsets(gray: np.ndarray, rect: Rect, search_mm: float = 1.5) -> list[float]:
    """How far (mm) each printed side of ``rect`` lies from where the layout puts it."""
    s = int(search_mm * PX_PER_MM)
    left, right = int((rect.x + 2) * PX_PER_MM), int((rect.right - 2) * PX_PER_MM)
    top, bottom = int((rect.y + 2) * PX_PER_MM), int((rect.bottom - 2) * PX_PER_MM)
    offsets = []
    for y in (rect.y, rect.bottom):
        band = 255.0 - gray[int(y * PX_PER_MM) - s : int(y * PX_PER_MM) + s, left:right]
        offsets.append(_peak(band.mean(axis=1), int(y * PX_PER_MM) - s) / PX_PER_MM - y)
    for x in (rect.x, rect.right):
        band = 255.0 - gray[top:bottom, int(x * PX_PER_MM) - s : int(x * PX_PER_MM) + s]
        offsets.append(_peak(band.mean(axis=0), int(x * PX_PER_MM) - s) / PX_PER_MM - x)
    return offsets


def _peak(profile: np.ndarray, start: int) -> float:
    """Sub-pixel position of a thin line: the darkness-weighted mean around the darkest pixel."""
    i = int(np.argmax(profile))
    window = profile[max(i - 3, 0) : i + 4]
    positions = np.arange(max(i - 3, 0), max(i - 3, 0) + window.size) + 0.5
    weights = np.clip(window - np.median(profile), 0, None)
    return start + float((positions * weights).sum() / weights.sum())


def lowest_ink_mm(gray: np.ndarray, rect: Rect, below_mm: float, threshold: int = 200) -> float:
    """The y (mm) of the lowest dark pixel within ``rect`` extended ``below_mm`` downwards."""
    x0, x1 = int(rect.x * PX_PER_MM), int(rect.right * PX_PER_MM)
    y0, y1 = int(rect.y * PX_PER_MM), int((rect.bottom + below_mm) * PX_PER_MM)
    rows = np.nonzero((gray[y0:y1, x0:x1] < threshold).any(axis=1))[0]
    return float("nan") if rows.size == 0 else (y0 + rows[-1] + 1) / PX_PER_MM


def qr_codes(gray: np.ndarray) -> list[tuple[str, list[tuple[float, float]]]]:
    """Decoded QR texts with their four corners (mm), clockwise from top-left."""
    found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    result = []
    for code in found:
        p = code.position
        corners = [(c.x / PX_PER_MM, c.y / PX_PER_MM) for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
        result.append((code.text, corners))
    return result
