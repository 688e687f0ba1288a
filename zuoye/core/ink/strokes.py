"""Dots → strokes: undo what Bluetooth and offline sync do to a pen's dot stream.

Dots can arrive twice (a replayed upload), out of order (offline sync interleaved with live
dots) or not at all (a lost "down" or "up"). A pen's clock only moves forward, so sorting by
(pen, page, timestamp) and keeping one dot per (pen, timestamp) restores the stream; strokes
then end at an "up", start at a "down", and also break at a time gap or a spatial jump, so a
lost up/down dot does not glue two strokes together. Hover and error dots never draw.
Everything is vectorised over the whole batch; only the final split is a Python loop.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zuoye.core.ink.config import DEFAULT_INK_CONFIG, NCODE_UNIT_MM, InkConfig
from zuoye.core.ink.dots import DotBatch, DotType, NcodeAddress


@dataclass(frozen=True, eq=False)
class Stroke:
    """One pen-down-to-pen-up line on one page; ``xy`` in millimetres on that page."""

    pen: str
    address: NcodeAddress
    t_start: int
    t_end: int
    xy: npt.NDArray[np.float64]
    force: npt.NDArray[np.int32]

    @functools.cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in mm."""
        lo = self.xy.min(axis=0)
        hi = self.xy.max(axis=0)
        return (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))


def ncode_to_mm(units: npt.NDArray[np.float64] | float) -> npt.NDArray[np.float64] | float:
    """Ncode units to millimetres (the page's dot pattern starts at the page's top-left corner)."""
    return units * NCODE_UNIT_MM


def mm_to_ncode(mm: npt.NDArray[np.float64] | float) -> npt.NDArray[np.float64] | float:
    return mm / NCODE_UNIT_MM


def _ordered_unique(batch: DotBatch) -> npt.NDArray[np.intp]:
    """Indices of drawing dots sorted by pen, page, time; one dot per (pen, timestamp)."""
    drawing = np.flatnonzero(batch.kind <= DotType.UP)
    order = drawing[np.lexsort((batch.t[drawing], batch.pen[drawing]))]
    pen, t = batch.pen[order], batch.t[order]
    keep = np.ones(order.shape[0], bool)
    keep[1:] = (pen[1:] != pen[:-1]) | (t[1:] != t[:-1])
    return order[keep]


def _breaks(batch: DotBatch, order: npt.NDArray[np.intp], config: InkConfig) -> npt.NDArray[np.bool_]:
    """True where a new stroke starts at position i of ``order``."""
    n = order.shape[0]
    start = np.zeros(n, bool)
    if n == 0:
        return start
    start[0] = True
    kind = batch.kind[order]
    xy = np.column_stack((batch.x[order], batch.y[order])) * NCODE_UNIT_MM
    jump = np.hypot(*(xy[1:] - xy[:-1]).T)
    start[1:] = ((batch.pen[order][1:] != batch.pen[order][:-1]) | (batch.page[order][1:] != batch.page[order][:-1])
                 | (np.diff(batch.t[order]) > config.stroke_gap_ms) | (jump > config.stroke_jump_mm)
                 | (kind[1:] == DotType.DOWN) | (kind[:-1] == DotType.UP))
    return start


def dots_to_strokes(batch: DotBatch, config: InkConfig = DEFAULT_INK_CONFIG) -> tuple[Stroke, ...]:
    """All strokes in the batch, ordered by pen then time."""
    order = _ordered_unique(batch)
    starts = np.flatnonzero(_breaks(batch, order, config))
    ends = np.append(starts[1:], order.shape[0])
    xy_all = np.column_stack((batch.x[order], batch.y[order])) * NCODE_UNIT_MM
    pen, page, t, force = batch.pen[order], batch.page[order], batch.t[order], batch.force[order]
    strokes = []
    for s, e in zip(starts.tolist(), ends.tolist()):
        if e - s < config.min_stroke_dots:
            continue
        strokes.append(Stroke(batch.pens[pen[s]], batch.addresses[page[s]], int(t[s]), int(t[e - 1]),
                              xy_all[s:e], force[s:e]))
    return tuple(strokes)
