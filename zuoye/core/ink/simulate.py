"""A stroke simulator: hand-made grading marks, scores and answers, delivered the way pens do.

Tests and ``benchmarks/pen.py`` need pen sessions with known truth. Marks start from the
canonical shapes (``shapes.py``) and are varied the way FIELD-NOTES describes real hands:
ticks are long shallow swooshes (3–8 cm, rising 10–35°) drawn across the answer and spilling
past it; size, slant, speed, pressure, jitter and hesitation vary per mark. Delivery then
does what Bluetooth and offline sync do: duplicates, out-of-order chunks, dropped dots,
hover and error dots. Everything draws from one seeded ``numpy.random.Generator``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from zuoye.core.ink.shapes import DIGIT_LABELS, MarkKind, Polyline, Shape, cross, digit_shapes, ellipse, \
    half_tick, tick
from zuoye.core.layout.geometry import Bubble, Rect

Rng = np.random.Generator


@dataclass(frozen=True)
class HandConfig:
    """How varied the simulated hands and how faulty the delivery are."""

    sample_ms: float = 8.0            # the pen's frame interval (≈ 120 Hz)
    tick_length_mm: tuple[float, float] = (30.0, 80.0)
    tick_rise_deg: tuple[float, float] = (10.0, 35.0)
    tick_short: tuple[float, float] = (0.08, 0.25)   # short arm, share of the long arm
    tick_overreach: float = 1.3       # a tick is at most this many times as tall as its region
    cross_size_mm: tuple[float, float] = (8.0, 25.0)
    circle_width_mm: tuple[float, float] = (10.0, 40.0)
    digit_height_mm: tuple[float, float] = (5.0, 9.0)
    slant_deg: float = 10.0           # ± shear of the whole mark
    rotate_deg: float = 6.0           # ± rotation of the whole mark
    aspect: float = 0.15              # ± relative change of height against width
    wobble: float = 0.04              # ± control-point displacement, share of the mark size
    speed_mm_s: tuple[float, float] = (60.0, 250.0)
    min_stroke_ms: float = 60.0
    jitter_mm: float = 0.12           # per-dot hand tremor (smoothed)
    hesitation: float = 0.25          # chance of a pause with dots on one spot at a stroke's start
    spill_mm: float = 4.0             # how far a mark's centre may stray from the region's centre
    stroke_pause_ms: tuple[float, float] = (90.0, 400.0)
    mark_pause_ms: tuple[float, float] = (1600.0, 4000.0)
    duplicate_share: float = 0.03
    drop_share: float = 0.02
    out_of_order_share: float = 0.2   # share of chunks delivered late
    hover_dots: int = 3
    error_share: float = 0.005


DEFAULT_HAND = HandConfig()


def _u(rng: Rng, span: tuple[float, float]) -> float:
    return float(rng.uniform(*span))


def _place(shape: Shape, width: float, height: float, centre: tuple[float, float], rng: Rng,
           hand: HandConfig) -> tuple[Polyline, ...]:
    """Scale a unit shape, shear, rotate, wobble its control points and centre it at ``centre``."""
    pts = np.concatenate(shape)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.maximum(hi - lo, 1e-6)
    aspect = 1.0 + float(rng.uniform(-hand.aspect, hand.aspect))
    shear = math.tan(math.radians(float(rng.uniform(-hand.slant_deg, hand.slant_deg))))
    turn = math.radians(float(rng.uniform(-hand.rotate_deg, hand.rotate_deg)))
    rot = np.array([[math.cos(turn), -math.sin(turn)], [math.sin(turn), math.cos(turn)]])
    size = max(width, height)
    out = []
    for line in shape:
        p = (line - (lo + hi) / 2) / span * (width if span[0] > 1e-3 else 0.0, height * aspect)
        p[:, 0] += shear * -p[:, 1]
        p = p @ rot.T + rng.uniform(-hand.wobble, hand.wobble, p.shape) * size
        out.append(p + centre)
    return tuple(out)


def _spilled(rect: Rect, rng: Rng, hand: HandConfig) -> tuple[float, float]:
    cx, cy = rect.centre
    dx, dy = rng.uniform(-hand.spill_mm, hand.spill_mm, 2).tolist()
    return (cx + dx, cy + dy)


def grading_mark(kind: MarkKind, region: Rect, rng: Rng, hand: HandConfig = DEFAULT_HAND) -> tuple[Polyline, ...]:
    """A teacher's mark drawn across ``region`` (its centre within ``spill_mm`` of the region's)."""
    centre = _spilled(region, rng, hand)
    if kind in (MarkKind.TICK, MarkKind.HALF_TICK):
        rise, short = _u(rng, hand.tick_rise_deg), _u(rng, hand.tick_short)
        shape = tick(rise, short) if kind is MarkKind.TICK else half_tick(rise, short, float(rng.uniform(0.4, 0.7)))
        lo, hi = np.concatenate(shape).min(axis=0), np.concatenate(shape).max(axis=0)
        ratio = float((hi - lo)[1] / (hi - lo)[0])
        # a teacher ticking a one-line item keeps the swoosh about as tall as the row
        length = min(_u(rng, hand.tick_length_mm), region.w * 0.9, region.h * hand.tick_overreach / ratio)
        return _place(shape, length, length * ratio, centre, rng, hand)
    if kind is MarkKind.CROSS:
        size = min(_u(rng, hand.cross_size_mm), region.h * 0.9)
        return _place(cross(float(rng.uniform(0.7, 1.2))), size, size, centre, rng, hand)
    width = min(_u(rng, hand.circle_width_mm), region.w * 0.9)
    aspect = float(rng.uniform(0.45, 0.95))
    loop = ellipse(aspect, float(rng.uniform(1.0, 1.2)), float(rng.uniform(-140, -40)))
    return _place(loop, width, min(width * aspect, region.h * 0.9), centre, rng, hand)


def score_strokes(text: str, box: Rect, rng: Rng, hand: HandConfig = DEFAULT_HAND) -> tuple[Polyline, ...]:
    """``text`` (digits, "-", ".") handwritten left to right inside ``box``."""
    height = min(_u(rng, hand.digit_height_mm), box.h * 0.85)
    shares = [0.25 if c == "." else 0.2 if c == "1" else 0.6 for c in text]
    gap_share = float(rng.uniform(0.3, 0.45))
    height = min(height, box.w * 0.92 / (sum(shares) + gap_share * (len(text) - 1)))
    widths = [share * height for share in shares]
    gap = gap_share * height
    x = box.centre[0] - (sum(widths) + gap * (len(text) - 1)) / 2
    cy = box.centre[1] + float(rng.uniform(-0.5, 0.5))
    strokes: list[Polyline] = []
    for char, w in zip(text, widths):
        if char == ".":
            at = np.array([x + w / 2, cy + height * 0.42])
            strokes.append(np.array([at, at + rng.uniform(0.1, 0.4, 2)]))
        else:
            variants = digit_shapes(char)
            shape = variants[int(rng.integers(len(variants)))]
            h = 0.08 * height if char == "-" else height
            strokes.extend(_place(shape, w, h, (x + w / 2, cy), rng, hand))
        x += w + gap
    return tuple(strokes)


def choice_mark(bubble: Bubble, kind: MarkKind, rng: Rng, hand: HandConfig = DEFAULT_HAND) -> tuple[Polyline, ...]:
    """A student's circle round, or tick on, one bubble."""
    jiggle = bubble.r * 0.4
    centre = (bubble.cx + float(rng.uniform(-jiggle, jiggle)), bubble.cy + float(rng.uniform(-jiggle, jiggle)))
    if kind is MarkKind.CIRCLE:
        w = bubble.r * float(rng.uniform(2.4, 3.2))
        loop = ellipse(float(rng.uniform(0.7, 1.0)), float(rng.uniform(1.0, 1.2)))
        return _place(loop, w, w * 0.85, centre, rng, hand)
    size = bubble.r * float(rng.uniform(2.5, 4.0))
    shape = tick(_u(rng, (25.0, 50.0)), _u(rng, (0.25, 0.45)))
    line = _place(shape, size, size * 0.6, (0.0, 0.0), rng, hand)[0]
    turn = line[1]  # the turning point lands on the bubble
    return (line - turn + centre,)


def random_score(rng: Rng) -> str:
    """A score as teachers write them: "96", "8", "-1", "4.5", "10"."""
    kind = int(rng.integers(4))
    if kind == 0:
        return str(int(rng.integers(0, 101)))
    if kind == 1:
        return "-" + str(int(rng.integers(1, 10)))
    if kind == 2:
        return f"{int(rng.integers(0, 20))}.5"
    return str(int(rng.integers(0, 10)))


assert set("".join(str(i) for i in range(10)) + "-.") == set(DIGIT_LABELS)
