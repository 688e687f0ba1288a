"""Strokes → item regions → marks.

A stroke belongs to the item region that holds most of its dots (one vectorised point-in-
rectangle test for all dots of a page at once). A teacher's swoosh is longer than the answer
and may cross into the next item, so when a second item holds a real share of the dots too
the stroke is flagged ``crossing`` rather than silently split. Strokes of one item close in
time and space then form one mark: the two strokes of a cross, a tick and its half-mark slash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zuoye.core.ink.config import DEFAULT_INK_CONFIG, InkConfig
from zuoye.core.ink.strokes import Stroke
from zuoye.core.layout.geometry import Rect


@dataclass(frozen=True)
class Hit:
    """Where one stroke landed: index of its region (-1: none), and whether it crossed another."""

    region: int
    crossing: bool


@dataclass(frozen=True, eq=False)
class MarkStrokes:
    """Strokes taken together as one mark, in drawing order."""

    region: int
    strokes: tuple[Stroke, ...]
    crossing: bool


def _rect_array(rects: Sequence[Rect]) -> npt.NDArray[np.float64]:
    return np.array([(r.x, r.y, r.right, r.bottom) for r in rects], np.float64).reshape(-1, 4)


def hit_test(strokes: Sequence[Stroke], rects: Sequence[Rect],
             config: InkConfig = DEFAULT_INK_CONFIG) -> tuple[Hit, ...]:
    """The region holding most of each stroke's length; earlier rects win ties."""
    if not strokes:
        return ()
    if not rects:
        return tuple(Hit(-1, False) for _ in strokes)
    box = _rect_array(rects)
    xy = np.concatenate([s.xy for s in strokes])
    inside = ((xy[:, 0:1] >= box[:, 0]) & (xy[:, 0:1] <= box[:, 2])
              & (xy[:, 1:2] >= box[:, 1]) & (xy[:, 1:2] <= box[:, 3]))
    starts = np.cumsum([0] + [len(s.xy) for s in strokes[:-1]])
    # weight each dot by the length drawn to the next one: a share of ink, whatever the speed
    weight = np.append(np.hypot(*np.diff(xy, axis=0).T), 0.0)
    weight[starts[1:] - 1] = 0.0
    counts = np.add.reduceat(inside * weight[:, None], starts, axis=0)
    sizes = np.add.reduceat(weight, starts)
    best = np.argmax(counts, axis=1)
    top = counts[np.arange(len(strokes)), best]
    counts[np.arange(len(strokes)), best] = -1
    second = counts.max(axis=1)
    return tuple(Hit(int(b) if t > 0 else -1, bool(t > 0 and s > 0 and s >= config.crossing_share * n))
                 for b, t, s, n in zip(best.tolist(), top.tolist(), second.tolist(), sizes.tolist()))


def _meets(a: tuple[float, float, float, float], b: tuple[float, float, float, float], grow: float) -> bool:
    return a[0] - grow <= b[2] and b[0] - grow <= a[2] and a[1] - grow <= b[3] and b[1] - grow <= a[3]


def group_marks(strokes: Sequence[Stroke], hits: Sequence[Hit],
                config: InkConfig = DEFAULT_INK_CONFIG, join_mm: float | None = None) -> tuple[MarkStrokes, ...]:
    """Consecutive strokes of one region close in time whose boxes come within ``join_mm`` form one mark."""
    grow = config.mark_join_mm if join_mm is None else join_mm
    marks: list[MarkStrokes] = []
    open_by_region: dict[int, tuple[list[Stroke], list[float], list[bool]]] = {}
    for stroke, hit in sorted(zip(strokes, hits), key=lambda sh: sh[0].t_start):
        if hit.region < 0:
            continue
        current = open_by_region.get(hit.region)
        if current is not None:
            group, box, crossing = current
            near = stroke.t_start - group[-1].t_end <= config.mark_gap_ms
            if near and _meets((box[0], box[1], box[2], box[3]), stroke.bounds, grow):
                group.append(stroke)
                b = stroke.bounds
                box[:] = [min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3])]
                crossing[0] = crossing[0] or hit.crossing
                continue
            marks.append(MarkStrokes(hit.region, tuple(group), crossing[0]))
        open_by_region[hit.region] = ([stroke], list(stroke.bounds), [hit.crossing])
    marks.extend(MarkStrokes(region, tuple(g), c[0]) for region, (g, _, c) in open_by_region.items())
    return tuple(sorted(marks, key=lambda m: m.strokes[0].t_start))


def split_characters(strokes: Sequence[Stroke],
                     config: InkConfig = DEFAULT_INK_CONFIG) -> tuple[tuple[Stroke, ...], ...]:
    """Handwritten characters left to right: a stroke joins the character on its left when their
    x-ranges overlap by more than ``digit_overlap_share`` of the narrower one (the bar of a 5,
    the upright of a 4), so a slanted 1 touching the next digit still stands alone. A flat bar
    overlapping the character on its left at all joins it: a "-" only ever stands first in a
    score, so a bar after a digit is that digit's (a 5's bar drawn off to the right)."""
    chars: list[tuple[list[Stroke], float, float]] = []
    for stroke in sorted(strokes, key=lambda s: s.bounds[0]):
        left, _, right, _ = stroke.bounds
        if chars:
            group, c_left, c_right = chars[-1]
            overlap = min(right, c_right) - max(left, c_left)
            narrower = max(min(right - left, c_right - c_left), 1e-6)
            if overlap > config.digit_overlap_share * narrower or (overlap > 0 and _is_bar(stroke, config)):
                group.append(stroke)
                chars[-1] = (group, min(left, c_left), max(right, c_right))
                continue
        chars.append(([stroke], left, right))
    return tuple(tuple(sorted(c, key=lambda s: s.t_start)) for c, _, _ in chars)


def _is_bar(stroke: Stroke, config: InkConfig) -> bool:
    left, top, right, bottom = stroke.bounds
    return right - left >= config.dot_size_mm and bottom - top <= config.bar_flatness * (right - left)
