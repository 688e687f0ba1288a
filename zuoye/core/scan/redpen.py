"""Stage 5b, red pen: the teacher's marks on the rectified page, and which item each belongs to.

Colour scans: red ink is where red exceeds green and blue (nothing on the sheet is printed
in red, README of ``core.layout``). Greyscale scans: red is only a shade of grey, so ink is
taken by darkness after masking what the layout says is printed (marks, QR, header, stems,
bubble rings, box outlines), and marks are told from the student's writing by size.
Strokes broken by a dry pen are joined by a closing; each joined piece large enough is one
mark, classified by shape — a hole: circle; ink in all four corners of its box: cross;
lowest point on the left with a long rising arm: tick, or half tick when a stroke crosses
the arm — and it belongs to the item whose grading area holds its turning point.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from zuoye.core.layout import Bubble, Page, Rect
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.report import Image, MarkKind

Mask = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class PenMark:
    kind: MarkKind
    turning_point: tuple[float, float]
    """In page mm."""
    box: Rect
    confidence: float
    reason: str


def is_colour(image: Image, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> bool:
    if image.ndim == 2:
        return False
    b, g, r = cv2.split(image[::2, ::2])
    spread = cv2.subtract(cv2.max(cv2.max(b, g), r), cv2.min(cv2.min(b, g), r))
    coloured = cv2.countNonZero(cv2.compare(spread, config.colour_spread_min, cv2.CMP_GT))
    return coloured > config.colour_share_min * spread.size


def red_ink(image: Image, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> Mask:
    b, g, r = cv2.split(image)
    return np.asarray(cv2.compare(cv2.subtract(r, cv2.max(g, b)), config.red_excess_min, cv2.CMP_GT), np.uint8)


def _bubble_mask(mask: Mask, level: npt.NDArray[np.float32], b: Bubble, k: float, config: ScanConfig) -> None:
    """The printed ring; the whole disc only when pencil fills it (an empty one lets pen through)."""
    centre, m = (round(b.cx * k), round(b.cy * k)), config.template_margin_mm
    core = level[max(0, centre[1] - 2):centre[1] + 3, max(0, centre[0] - 2):centre[0] + 3]
    if core.size and float(np.mean(core)) < config.grey_ink_level:
        cv2.circle(mask, centre, round((b.r + m) * k), 255, -1)
    else:
        cv2.circle(mask, centre, round(b.r * k), 255, max(1, round(2 * m * k)))


def _printed(page: Page, level: npt.NDArray[np.float32], k: float, config: ScanConfig) -> Mask:
    mask = np.zeros(level.shape, np.uint8)
    margin = config.template_margin_mm
    m = max(1, round(margin * k))

    def box(r: Rect, fill: bool) -> None:
        p0, p1 = (round(r.x * k), round(r.y * k)), (round(r.right * k), round(r.bottom * k))
        cv2.rectangle(mask, p0, p1, 255, -1 if fill else 2 * m + 1)

    for solid in (page.header, page.footer, page.qr.rect.inflate(page.qr.quiet_mm), *(x.rect for x in page.marks)):
        box(solid, True)
    for item in page.items:
        box(Rect(item.block.x, item.block.y, 6.0, 6.0), True)
        for outline in (*item.blanks, *((item.answer,) if not item.bubbles else ()), item.score_box):
            if outline is not None:
                box(outline, False)
        for b in item.bubbles:
            _bubble_mask(mask, level, b, k, config)
    if page.student_grid is not None:
        box(page.student_grid.rect, True)
    return mask


def grey_ink(gray: Image, page: Page, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> Mask:
    """Dark pixels that the layout does not explain: pen, pencil, dirt."""
    window = max(3, round(config.paper_window_mm * k) | 1)
    paper = cv2.dilate(gray, np.ones((window, window), np.uint8))
    level = (gray.astype(np.float32) / np.maximum(paper, 1).astype(np.float32)) * 255
    ink = (level < config.grey_ink_level).astype(np.uint8) * 255
    black = (level < config.grey_print_level).astype(np.uint8) * 255
    edge = max(3, round(config.template_margin_mm * k) | 1)
    ink[cv2.dilate(black, np.ones((edge, edge), np.uint8)) > 0] = 0
    ink[_printed(page, level, k, config) > 0] = 0
    return ink


def _has_hole(piece: Mask, config: ScanConfig) -> float:
    contours, hierarchy = cv2.findContours(piece, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return 0.0
    holes = [cv2.contourArea(c) for c, h in zip(contours, hierarchy[0], strict=True) if h[3] >= 0]
    return max(holes, default=0.0) / float(piece.shape[0] * piece.shape[1])


def _open_loop(u: npt.NDArray[np.float64], v: npt.NDArray[np.float64], config: ScanConfig) -> bool:
    """Ink all round the box centre and none near it: a circle, even with a gap."""
    du, dv = u - 0.5, v - 0.5
    if np.any(np.hypot(du, dv) < config.loop_centre_empty / 2):
        return False
    sectors = np.unique(((np.arctan2(dv, du) + np.pi) / (np.pi / 4)).astype(np.int64) % 8)
    return len(sectors) >= config.loop_sectors_min


def _corners(u: npt.NDArray[np.float64], v: npt.NDArray[np.float64], config: ScanConfig) -> float:
    """The smallest share of the ink found in any of the box's four corner cells."""
    c = config.cross_corner
    return min(float(np.mean((np.abs(u - cu) < c) & (np.abs(v - cv) < c))) for cu in (0, 1) for cv in (0, 1))


def _slash_mm(xs: npt.NDArray[np.int64], ys: npt.NDArray[np.int64], x_from: int, k: float) -> float:
    """Tallest column right of the turning point, above the arm's usual thickness (mm)."""
    right = xs > x_from
    if not np.any(right):
        return 0.0
    cols, inverse = np.unique(xs[right], return_inverse=True)
    low = np.full(len(cols), 1 << 30)
    high = np.zeros(len(cols), np.int64)
    np.minimum.at(low, inverse, ys[right])
    np.maximum.at(high, inverse, ys[right])
    extent = high - low
    return float(np.max(extent) - np.median(extent)) / k


def _conf(distance: float, config: ScanConfig) -> float:
    return 0.5 + 0.5 * min(1.0, max(0.0, distance) / config.shape_margin)


def mark_classify(ink: Mask, blob: Mask, origin: tuple[int, int], k: float,
                  config: ScanConfig = DEFAULT_SCAN_CONFIG) -> tuple[MarkKind, tuple[float, float], float, str]:
    """Kind, turning point (mm), confidence and reason for one mark: its ink and its joined blob."""
    ys, xs = np.nonzero(ink)
    x0, y0 = int(xs.min()), int(ys.min())
    w, h = int(xs.max()) - x0 + 1, int(ys.max()) - y0 + 1
    centre = ((origin[0] + x0 + w / 2) / k, (origin[1] + y0 + h / 2) / k)
    hole = _has_hole(blob, config)
    if hole >= config.circle_hole_min:
        return MarkKind.CIRCLE, centre, _conf(hole / config.circle_hole_min - 1, config), f"closed loop ({hole:.2f})"
    u, v = (xs - x0) / max(1, w - 1), (ys - y0) / max(1, h - 1)
    if _open_loop(u, v, config):
        return MarkKind.CIRCLE, centre, _conf(0.5, config), "open loop round an empty centre"
    corners = _corners(u, v, config)
    corner_margin = abs(corners / config.cross_corner_ink_min - 1)
    if corners >= config.cross_corner_ink_min:
        return MarkKind.CROSS, centre, _conf(corner_margin, config), f"ink in all four corners ({corners:.2f})"
    lowest = int(np.argmax(np.where(u <= config.tick_vertex_x_max, ys, -1)))
    if u[lowest] > config.tick_vertex_x_max or v[lowest] < config.tick_vertex_y_min:
        return MarkKind.UNKNOWN, centre, 0.0, "no turning point on the left"
    turn = ((origin[0] + xs[lowest]) / k, (origin[1] + ys[lowest]) / k)
    slash = _slash_mm(xs, ys, int(xs[lowest] + config.slash_skip_mm * k), k)
    margin = abs(slash / config.half_slash_min_mm - 1)
    kind = MarkKind.HALF if slash >= config.half_slash_min_mm else MarkKind.TICK
    confidence = min(_conf(margin, config), _conf(corner_margin, config))
    return kind, turn, confidence, f"slash {slash:.1f} mm, corners {corners:.2f}"


def marks_find(image: Image, page: Page, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
               colour: bool | None = None) -> tuple[PenMark, ...]:
    """Every teacher mark on the rectified page (colour: by red; grey: by shape)."""
    if is_colour(image, config) if colour is None else colour:
        ink, join = red_ink(image, config), config.stroke_join_mm
    else:
        gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        ink, join = grey_ink(gray, page, k, config), config.grey_stroke_join_mm
    size = max(3, round(join * k) | 1)
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    marks = []
    for label in range(1, count):
        x, y, w, h, area = (int(s) for s in stats[label])
        if max(w, h) < (config.mark_min_extent_mm + join) * k:
            continue
        blob = (labels[y:y + h, x:x + w] == label).astype(np.uint8) * 255
        piece = cv2.bitwise_and(ink[y:y + h, x:x + w], blob)
        if cv2.countNonZero(piece) < config.mark_min_ink_mm2 * k * k:
            continue
        kind, turn, confidence, reason = mark_classify(piece, blob, (x, y), k, config)
        marks.append(PenMark(kind, turn, Rect(x / k, y / k, max(w, 1) / k, max(h, 1) / k), confidence, reason))
    return tuple(marks)
