"""Canonical shapes of the marks: control polylines in a unit box, y downwards.

The classifier's templates and the simulator's hands both start from these, so what "a
tick" means is written once. Teachers' ticks follow FIELD-NOTES: a short down-stroke on the
left, then a long shallow arm rising 10–35°. Digits are drawn the way Chinese primary
teachers write them (a 4 and a 5 in two strokes or one).
"""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np
import numpy.typing as npt

Polyline = npt.NDArray[np.float64]
Shape = tuple[Polyline, ...]


class MarkKind(StrEnum):
    TICK = "tick"
    CROSS = "cross"
    HALF_TICK = "half_tick"
    CIRCLE = "circle"


GRADING_KINDS = tuple(MarkKind)
DIGIT_LABELS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-", ".")


def _p(*pts: tuple[float, float]) -> Polyline:
    return np.array(pts, np.float64)


def tick(rise_deg: float, short: float, drop_deg: float = 55.0) -> Shape:
    """Short arm of length ``short`` dropping ``drop_deg``, then a unit arm rising ``rise_deg``."""
    turn = (short * math.cos(math.radians(drop_deg)), short * math.sin(math.radians(drop_deg)))
    end = (turn[0] + math.cos(math.radians(rise_deg)), turn[1] - math.sin(math.radians(rise_deg)))
    mid = ((turn[0] + end[0]) / 2, (turn[1] + end[1]) / 2 + 0.02)  # the arm bows slightly
    return (_p((0.0, 0.0), turn, mid, end),)


def half_tick(rise_deg: float, short: float, at: float = 0.55, across: float = 0.28) -> Shape:
    """A tick with a short stroke across its long arm (半对)."""
    (line,) = tick(rise_deg, short)
    p = line[1] + at * (line[3] - line[1])
    a = math.radians(rise_deg)
    normal = np.array([math.sin(a), math.cos(a)])  # perpendicular to the arm, pointing down-right
    return (line, _p(tuple(p - normal * across / 2), tuple(p + normal * across / 2)))


def cross(aspect: float = 1.0) -> Shape:
    return (_p((0.0, 0.0), (1.0, aspect)), _p((1.0, 0.0), (0.0, aspect)))


def ellipse(aspect: float = 1.0, turns: float = 1.1, start_deg: float = -100.0, points: int = 40) -> Shape:
    """An anticlockwise (on paper) loop of ``turns`` turns; width 1, height ``aspect``."""
    a = np.radians(start_deg) - np.linspace(0.0, 2 * math.pi * turns, points)
    return (np.column_stack((0.5 + 0.5 * np.cos(a), aspect * (0.5 + 0.5 * np.sin(a)))),)


def grading_shape(kind: MarkKind) -> Shape:
    """The textbook form of a grading mark."""
    if kind is MarkKind.TICK:
        return tick(22.0, 0.18)
    if kind is MarkKind.HALF_TICK:
        return half_tick(22.0, 0.18)
    if kind is MarkKind.CROSS:
        return cross()
    return ellipse(0.7)


_DIGITS: dict[str, tuple[Shape, ...]] = {
    "0": (tuple(s * (0.6, 1.0) for s in ellipse(1.0, 1.05, -90.0)),),
    "1": ((_p((0.3, 0.0), (0.3, 1.0)),), (_p((0.12, 0.18), (0.3, 0.0), (0.3, 1.0)),)),
    "2": ((_p((0.05, 0.22), (0.2, 0.03), (0.42, 0.02), (0.55, 0.2), (0.45, 0.45), (0.0, 1.0), (0.6, 1.0)),),),
    "3": ((_p((0.05, 0.12), (0.3, 0.0), (0.55, 0.15), (0.5, 0.38), (0.22, 0.5), (0.55, 0.62), (0.57, 0.85),
              (0.3, 1.0), (0.0, 0.9)),),),
    "4": ((_p((0.42, 0.0), (0.0, 0.68), (0.6, 0.68)), _p((0.45, 0.3), (0.45, 1.0))),
          (_p((0.42, 0.0), (0.0, 0.68), (0.6, 0.68), (0.45, 0.68), (0.45, 0.3), (0.45, 1.0)),)),
    "5": ((_p((0.1, 0.0), (0.05, 0.45), (0.3, 0.38), (0.55, 0.55), (0.55, 0.85), (0.3, 1.0), (0.0, 0.9)),
           _p((0.1, 0.0), (0.55, 0.0))),
          (_p((0.55, 0.0), (0.1, 0.0), (0.05, 0.45), (0.3, 0.38), (0.55, 0.55), (0.55, 0.85), (0.3, 1.0),
              (0.0, 0.9)),)),
    "6": ((_p((0.5, 0.0), (0.18, 0.3), (0.03, 0.68), (0.15, 0.98), (0.45, 0.98), (0.57, 0.72), (0.35, 0.52),
              (0.05, 0.68)),),),
    "7": ((_p((0.0, 0.0), (0.6, 0.0), (0.2, 1.0)),),),
    "8": ((_p((0.52, 0.1), (0.3, 0.0), (0.07, 0.12), (0.12, 0.35), (0.48, 0.6), (0.57, 0.85), (0.3, 1.0),
              (0.03, 0.85), (0.12, 0.6), (0.48, 0.38), (0.55, 0.14), (0.32, 0.0)),),),
    "9": ((_p((0.55, 0.22), (0.3, 0.0), (0.05, 0.18), (0.12, 0.45), (0.48, 0.42), (0.55, 0.22), (0.5, 1.0)),),),
    "-": ((_p((0.0, 0.5), (0.55, 0.5)),),),
    ".": ((_p((0.3, 0.95), (0.32, 0.97)),),),
}


def digit_shapes(label: str) -> tuple[Shape, ...]:
    """The usual ways of writing one score character (box 0.6 wide, 1 high)."""
    return _DIGITS[label]
