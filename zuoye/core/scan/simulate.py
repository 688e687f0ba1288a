"""A print-and-scan simulator: a sheet drawn from its layout, filled in, graded, scanned badly.

For tests and benchmarks, fast: the page is drawn straight from the layout geometry with
OpenCV (marks, QR from the real payload, bubbles, boxes, text-like strokes where stems and
header are), at the target dpi, instead of rasterising the typst PDF (the layout package's
print proof already shows the PDF matches the geometry). Student work is pencil: filled,
erased and crossed-out bubbles. Teacher marks follow FIELD-NOTES: long shallow swoosh ticks
(3-8 cm long arms rising 10-35°, spilling over the item), crosses, circles, half ticks, in
varied red inks and widths, with broken strokes. Then the scan: rotation by any angle,
greyscale, uneven light, noise, JPEG. Every random choice comes from the caller's generator.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np
import segno

from zuoye.core.layout import Bubble, GridColumn, ItemRegion, Page, Rect
from zuoye.core.scan.report import BubbleState, Image, MarkKind

Rng = np.random.Generator
INKS = ((40, 40, 215), (120, 105, 235), (45, 55, 150), (60, 30, 190))
"""Red pen inks, BGR: bright red, pinkish red, dull brown-red, dark red."""
PENCIL = (85, 85, 85)


@dataclass(frozen=True)
class PageWork:
    """What the student and the teacher put on one page, by item key."""

    bubbles: dict[str, dict[str, BubbleState]] = field(default_factory=dict)
    marks: dict[str, MarkKind] = field(default_factory=dict)
    scores: dict[str, str] = field(default_factory=dict)
    """Points the teacher writes in an item's score box ("8", "-2"), by item key."""
    student_number: str = ""
    """Generic sheets: the digits filled in the 学籍号 grid, one a column (space: left blank)."""


@dataclass(frozen=True)
class Degradation:
    angle: float = 0.0
    """Rotation in degrees, any value (180: upside down)."""
    grey: bool = False
    jpeg_quality: int = 0
    """0: no JPEG round trip."""
    light: float = 0.0
    """Darkening of one side of the page by a gradient, 0-1."""
    noise: float = 0.0
    """Standard deviation of Gaussian noise, grey levels."""
    perspective: float = 0.0
    """Phone photos: each page corner moves up to this share of the page's width (a 4-point warp)."""
    shadow: float = 0.0
    """Phone photos: a soft-edged shadow (a hand, the phone) darkens part of the page by this share."""
    curve: float = 0.0
    """Phone photos: the page bows (lifted from the table) by this many mm at its middle."""
    background: int = 255
    """Grey level outside the page: 255 on a scanner, darker on a table under a phone."""


class _Pen:
    """Draws in millimetres on an image of ``k`` px/mm."""

    def __init__(self, image: Image, k: float) -> None:
        self.image, self.k = image, k

    def px(self, x: float, y: float) -> tuple[int, int]:
        return round(x * self.k), round(y * self.k)

    def rect(self, r: Rect, colour: tuple[int, int, int], width_mm: float) -> None:
        cv2.rectangle(self.image, self.px(r.x, r.y), self.px(r.right, r.bottom), colour,
                      max(1, round(width_mm * self.k)))

    def fill(self, r: Rect, colour: tuple[int, int, int]) -> None:
        cv2.rectangle(self.image, self.px(r.x, r.y), self.px(r.right, r.bottom), colour, -1)

    def polyline(self, points: np.ndarray, colour: tuple[int, int, int], width_mm: float) -> None:
        pts = np.round(points * self.k).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(self.image, [pts], False, colour, max(1, round(width_mm * self.k)), cv2.LINE_AA)


def _qr(pen: _Pen, page: Page) -> None:
    matrix = np.array(segno.make(page.qr.payload, error="q", micro=False, boost_error=True).matrix, np.uint8)
    r = page.qr.rect
    (x0, y0), (x1, y1) = pen.px(r.x, r.y), pen.px(r.right, r.bottom)
    cells = np.where(matrix > 0, 0, 255).astype(np.uint8)
    symbol = cv2.resize(cells, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
    pen.image[y0:y1, x0:x1] = symbol[:, :, None]


def _glyphs(pen: _Pen, r: Rect, rng: Rng, line_mm: float = 5.0) -> None:
    """Text-like strokes: short black marks in lines, as printed characters look from afar."""
    y = r.y + 1.0
    while y + 3.5 <= r.bottom:
        x = r.x + 1.0
        while x + 3.5 <= r.right and rng.random() > 0.03:
            for _ in range(3):
                a, b = rng.uniform(0, 3.5, 2), rng.uniform(0, 3.5, 2)
                pen.polyline(np.array([[x + a[0], y + a[1]], [x + b[0], y + b[1]]]), (20, 20, 20), 0.3)
            x += 4.0
        y += line_mm


def _bubble_ring(pen: _Pen, b: Bubble) -> None:
    cv2.circle(pen.image, pen.px(b.cx, b.cy), round(b.r * pen.k), (60, 60, 60), max(1, round(0.2 * pen.k)),
               cv2.LINE_AA)


def page_draw(page: Page, px_per_mm: float, rng: Rng) -> Image:
    """The printed, empty page: what comes out of the printer."""
    k = px_per_mm
    image = np.full((round(page.height * k), round(page.width * k), 3), 255, np.uint8)
    pen = _Pen(image, k)
    for mark in page.marks:
        pen.fill(mark.rect, (0, 0, 0))
    _qr(pen, page)
    _glyphs(pen, page.header, rng, 7.0)
    for item in page.items:
        _item_draw(pen, item, rng)
    if page.student_grid is not None:
        for column in page.student_grid.columns:
            for b in column.bubbles:
                _bubble_ring(pen, b)
                _digit(pen, b)
    return image


def print_at(printed: Image, page: Page, px_per_mm: float) -> Image:
    """A copy of a rasterised printed page (BGR) at ``px_per_mm``, the size the layout gives."""
    size = (round(page.width * px_per_mm), round(page.height * px_per_mm))
    image = printed if printed.ndim == 3 else cv2.cvtColor(printed, cv2.COLOR_GRAY2BGR)
    if (image.shape[1], image.shape[0]) == size:
        return image.copy()
    shrink = size[0] < image.shape[1]
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR), np.uint8)


def _digit(pen: _Pen, b: Bubble) -> None:
    """The small digit printed inside a grid bubble (about 1.4 mm tall, as the PDF sets it)."""
    scale = 1.4 * pen.k / 22.0  # Hershey simplex digits are ~22 units tall at scale 1
    (w, h), _ = cv2.getTextSize(b.value, cv2.FONT_HERSHEY_SIMPLEX, scale, 1)
    x, y = pen.px(b.cx, b.cy)
    cv2.putText(pen.image, b.value, (x - w // 2, y + h // 2), cv2.FONT_HERSHEY_SIMPLEX, scale, (60, 60, 60), 1,
                cv2.LINE_AA)


def _item_draw(pen: _Pen, item: ItemRegion, rng: Rng) -> None:
    _glyphs(pen, Rect(item.block.x, item.block.y, 4.5, 4.5), rng)
    if item.stem is not None:
        _glyphs(pen, item.stem, rng)
    for b in item.bubbles:
        _bubble_ring(pen, b)
    for r in item.blanks:
        pen.rect(r, (40, 40, 40), 0.25)
    if not item.bubbles and not item.blanks:
        pen.rect(item.answer, (40, 40, 40), 0.25)
    if item.score_box is not None:
        pen.rect(item.score_box, (40, 40, 40), 0.25)


def _wobble(points: np.ndarray, rng: Rng, amount: float) -> np.ndarray:
    return points + rng.normal(0, amount, points.shape)


def _line(a: tuple[float, float], b: tuple[float, float], n: int, bow: float) -> np.ndarray:
    t = np.linspace(0, 1, n)[:, None]
    pa, pb = np.array(a), np.array(b)
    normal = np.array([-(pb - pa)[1], (pb - pa)[0]]) / max(1e-9, float(np.linalg.norm(pb - pa)))
    return pa + t * (pb - pa) + np.sin(np.pi * t) * bow * normal


def bubbles_draw(image: Image, item: ItemRegion | GridColumn, states: dict[str, BubbleState], k: float, rng: Rng) -> None:
    """Pencil in the bubbles: filled, rubbed out, or struck through with an X."""
    pen = _Pen(image, k)
    for b in item.bubbles:
        state = states.get(b.value, BubbleState.EMPTY)
        centre, radius = pen.px(b.cx + rng.normal(0, 0.15), b.cy + rng.normal(0, 0.15)), b.r * k
        if state is BubbleState.FILLED:
            shade = int(rng.integers(40, 110))
            cv2.ellipse(image, centre, (round(radius * rng.uniform(0.85, 1.05)), round(radius * rng.uniform(0.8, 1.0))),
                        float(rng.uniform(0, 180)), 0, 360, (shade, shade, shade), -1, cv2.LINE_AA)
        elif state is BubbleState.ERASED:
            shade = int(rng.integers(200, 222))
            cv2.ellipse(image, centre, (round(radius * 0.95), round(radius * 0.85)), 0, 0, 360, (shade,) * 3, -1)
        elif state is BubbleState.CROSSED:
            d = b.r * 0.9
            for sx in (-1, 1):
                pen.polyline(_line((b.cx - d, b.cy - sx * d), (b.cx + d, b.cy + sx * d), 8, 0.0), PENCIL, 0.45)


def _broken(points: np.ndarray, rng: Rng, gaps: int) -> list[np.ndarray]:
    """Split a stroke where a dry pen skipped or it crossed the student's ink (gaps of 0.5-2 mm)."""
    dense = _resample(points, 0.25)
    cuts = sorted(int(c) for c in rng.integers(4, max(5, len(dense) - 4), gaps))
    pieces, start = [], 0
    for cut in cuts:
        if cut - start > 2:
            pieces.append(dense[start:cut])
        start = cut + int(rng.integers(2, 9))
    pieces.append(dense[start:])
    return [p for p in pieces if len(p) >= 2]


def _resample(points: np.ndarray, step_mm: float) -> np.ndarray:
    lengths = np.r_[0, np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))]
    at = np.arange(0, lengths[-1], step_mm)
    return np.column_stack([np.interp(at, lengths, points[:, 0]), np.interp(at, lengths, points[:, 1])])


def _tick(x: float, y: float, rng: Rng, long_mm: tuple[float, float]) -> list[np.ndarray]:
    short, steep = rng.uniform(4, 9), math.radians(rng.uniform(45, 75))
    length, rise = rng.uniform(*long_mm), math.radians(rng.uniform(10, 35))
    start = (x - short * math.cos(steep), y - short * math.sin(steep))
    end = (x + length * math.cos(rise), y - length * math.sin(rise))
    down, up = _line(start, (x, y), 10, rng.uniform(-0.5, 0.5)), _line((x, y), end, 40, rng.uniform(-2.5, 1.0))
    return [np.vstack([down, up[1:]])]


def _half(x: float, y: float, rng: Rng) -> list[np.ndarray]:
    tick = _tick(x, y, rng, (20, 35))
    arm = tick[0][10:]
    mid = arm[len(arm) // 2 + int(rng.integers(-4, 5))]
    d, angle = rng.uniform(4, 7), math.radians(rng.uniform(50, 75))
    slash = _line((mid[0] - d * math.cos(angle), mid[1] - d * math.sin(angle)),
                  (mid[0] + d * math.cos(angle), mid[1] + d * math.sin(angle)), 12, 0.3)
    return [*tick, slash]


def _cross(x: float, y: float, rng: Rng) -> list[np.ndarray]:
    d = rng.uniform(5, 8)
    return [_line((x - d + rng.normal(0, 1), y - d), (x + d, y + d + rng.normal(0, 1)), 16, rng.uniform(-1, 1)),
            _line((x + d + rng.normal(0, 1), y - d), (x - d, y + d + rng.normal(0, 1)), 16, rng.uniform(-1, 1))]


def _circle(x: float, y: float, rng: Rng) -> list[np.ndarray]:
    a, b = rng.uniform(6, 11), rng.uniform(4, 7)
    t0 = rng.uniform(0, 2 * math.pi)
    t = np.linspace(t0, t0 + 2 * math.pi * rng.uniform(1.02, 1.12), 60)
    return [np.column_stack([x + a * np.cos(t), y + b * np.sin(t)])]


def turning_point(item: ItemRegion, rng: Rng) -> tuple[float, float]:
    """Where a teacher's mark turns: over the answer, left of its middle."""
    a = item.answer
    return (a.x + a.w * rng.uniform(0.2, 0.45), a.y + a.h * rng.uniform(0.35, 0.75))


def mark_draw(image: Image, item: ItemRegion, kind: MarkKind, k: float, rng: Rng) -> None:
    """One red-pen mark on ``item`` in a random ink, width, and with broken strokes."""
    x, y = turning_point(item, rng)
    strokes = {MarkKind.TICK: lambda: _tick(x, y, rng, (30, 60)), MarkKind.HALF: lambda: _half(x, y, rng),
               MarkKind.CROSS: lambda: _cross(x, y, rng), MarkKind.CIRCLE: lambda: _circle(x, y, rng)}
    if kind not in strokes:
        return
    pen, ink = _Pen(image, k), INKS[int(rng.integers(len(INKS)))]
    width = rng.uniform(0.35, 0.8)
    for stroke in strokes[kind]():
        for piece in _broken(_wobble(stroke, rng, 0.08), rng, int(rng.integers(0, 3))):
            pen.polyline(piece, ink, width)


def score_text(rng: Rng) -> str:
    """Points a teacher writes in a score box: 0–20, or points off, −1 to −12."""
    if rng.random() < 0.6:
        return str(int(rng.integers(0, 21)))
    return f"-{int(rng.integers(1, 13))}"


def score_draw(image: Image, box: Rect, text: str, k: float, rng: Rng) -> list[tuple[float, float]]:
    """Points written by hand in a score box: the pen core's character shapes, slanted, wobbled,
    4.5-6.5 mm tall, in a red ink. Returns each character's span across the page (mm), so that
    training can tell which character a piece of ink is."""
    from zuoye.core.ink.shapes import digit_shapes

    pen, ink = _Pen(image, k), INKS[int(rng.integers(len(INKS)))]
    height, width = rng.uniform(4.5, 6.5), rng.uniform(0.3, 0.5)
    x = box.x + rng.uniform(1.0, 2.5)
    top = box.y + (box.h - height) / 2 + rng.uniform(-0.5, 0.5)
    shear = rng.uniform(-0.2, 0.2)
    spans = []
    for char in text:
        shapes = digit_shapes(char)
        drawn = []
        for line in shapes[int(rng.integers(len(shapes)))]:
            pts = np.column_stack([x + (line[:, 0] + shear * (1 - line[:, 1])) * height,
                                   top + line[:, 1] * height])
            drawn.append(_wobble(_resample(pts, 0.3) if len(pts) > 1 else pts, rng, 0.06))
            pen.polyline(drawn[-1], ink, width)
        xs = np.concatenate([d[:, 0] for d in drawn])
        spans.append((float(xs.min()), float(xs.max())))
        x += 0.6 * height + rng.uniform(0.8, 1.6)
    return spans


def page_fill(page: Page, work: PageWork, px_per_mm: float, rng: Rng, printed: Image | None = None) -> Image:
    """The printed page with the student's pencil and the teacher's red pen on it.

    ``printed``: the real sheet PDF's page rasterised (``print_at`` scales it to ``px_per_mm``);
    without it the page is drawn from the layout (``page_draw``: fast, but its print is not
    typst's, and what a greyscale scan must mask out is the real print's)."""
    image = page_draw(page, px_per_mm, rng) if printed is None else print_at(printed, page, px_per_mm)
    for item in page.items:
        bubbles_draw(image, item, work.bubbles.get(item.key, {}), px_per_mm, rng)
    if page.student_grid is not None:
        for column, digit in zip(page.student_grid.columns, work.student_number, strict=False):
            bubbles_draw(image, column, {digit: BubbleState.FILLED} if digit.strip() else {}, px_per_mm, rng)
    for item in page.items:
        mark_draw(image, item, work.marks.get(item.key, MarkKind.NOTHING), px_per_mm, rng)
    for item in page.items:
        if item.score_box is not None and work.scores.get(item.key):
            score_draw(image, item.score_box, work.scores[item.key], px_per_mm, rng)
    return image


def _curve(image: Image, bow_px: float) -> Image:
    """A page lifted at its middle: rows sag by a sine of the column, up to ``bow_px``."""
    h, w = image.shape[:2]
    xs = np.arange(w, dtype=np.float32)
    sag = (bow_px * np.sin(np.pi * xs / max(1, w - 1))).astype(np.float32)
    map_x = np.broadcast_to(xs[None, :], (h, w)).astype(np.float32)
    map_y = (np.arange(h, dtype=np.float32)[:, None] - sag[None, :]).astype(np.float32)
    return np.asarray(cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR, borderValue=(255, 255, 255)), np.uint8)


def _placement(w: int, h: int, d: Degradation, rng: Rng) -> tuple[np.ndarray, tuple[int, int]]:
    """The homography putting the page on the scan (rotation, then a phone's 4-point warp) and the canvas."""
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
    moved = corners + rng.uniform(-d.perspective, d.perspective, (4, 2)) * w if d.perspective else corners
    warp = cv2.getPerspectiveTransform(np.float32(corners), np.float32(moved)).astype(np.float64)
    a = math.radians(d.angle)
    rotate = np.array([[math.cos(a), math.sin(a), 0], [-math.sin(a), math.cos(a), 0], [0, 0, 1]])
    matrix = rotate @ warp
    placed = cv2.perspectiveTransform(corners.reshape(-1, 1, 2), matrix).reshape(-1, 2)
    margin = 0.03 * w if d.perspective else 0.0
    low, high = placed.min(axis=0) - margin, placed.max(axis=0) + margin
    shift = np.array([[1, 0, -low[0]], [0, 1, -low[1]], [0, 0, 1]])
    return shift @ matrix, (int(math.ceil(high[0] - low[0])), int(math.ceil(high[1] - low[1])))


def _shadow(size: tuple[int, int], strength: float, rng: Rng) -> np.ndarray:
    """A soft shadow over one side of the image: 1 - strength inside, blending over a tenth of it."""
    nw, nh = size
    angle = rng.uniform(0, 2 * math.pi)
    ys, xs = np.mgrid[0:nh, 0:nw].astype(np.float32)
    along = (xs - nw / 2) * math.cos(angle) + (ys - nh / 2) * math.sin(angle)
    edge = rng.uniform(0.1, 0.35) * max(nw, nh)
    softness = 0.1 * max(nw, nh)
    inside = 1 / (1 + np.exp(-(along - edge) / softness))
    return np.asarray(1 - strength * inside, np.float32)


def page_degrade(image: Image, d: Degradation, rng: Rng) -> Image:
    """Scan or photograph it: bow, rotate and warp (the canvas grows), light gradient, shadow, noise,
    grey, JPEG."""
    if d.curve:
        image = _curve(image, d.curve * image.shape[1] / 210.0)
    h, w = image.shape[:2]
    matrix, (nw, nh) = _placement(w, h, d, rng)
    fill = (d.background,) * 3
    out = cv2.warpPerspective(image, matrix, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=fill).astype(np.float32)
    if d.light:
        out *= np.linspace(1.0, 1.0 - d.light, nw, dtype=np.float32)[None, :, None]
    if d.shadow:
        out *= _shadow((nw, nh), d.shadow, rng)[:, :, None]
    if d.noise:
        out += rng.normal(0, d.noise, out.shape).astype(np.float32)
    result = np.clip(out, 0, 255).astype(np.uint8)
    if d.grey:
        result = cv2.cvtColor(result, cv2.COLOR_BGR2GRAY)
    if d.jpeg_quality:
        ok, data = cv2.imencode(".jpg", result, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg_quality])
        result = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    return np.asarray(result, np.uint8)
