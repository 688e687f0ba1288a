"""Stage 5a, bubbles: what the student did to each choice bubble, on the rectified page.

Each bubble is sampled inside its printed ring (``bubble_core`` of the radius) and compared
with the paper just around it, so uneven light and greyish scans do not fill bubbles. The
dark share decides filled / empty; between the two a bubble is either crossed out (its ink
lies on the diagonals) or unclear; an empty-looking bubble that is still greyish shows an
erasure. Confidence grows with the distance from the nearest decision boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from zuoye.core.layout import Bubble, ItemRegion
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.report import BubbleState, Image


@dataclass(frozen=True)
class BubbleReading:
    value: str
    state: BubbleState
    dark_share: float
    confidence: float


@dataclass(frozen=True)
class ChoiceReading:
    """An item's bubbles: the values filled, each bubble's state, and the weakest confidence."""

    values: tuple[str, ...]
    bubbles: tuple[BubbleReading, ...]
    confidence: float
    reason: str


def _margin(distance: float, config: ScanConfig) -> float:
    return 0.5 + 0.5 * min(1.0, max(0.0, distance) / config.bubble_margin)


@lru_cache(maxsize=4096)
def _geometry(b: Bubble, k: float, outer: float, shape: tuple[int, int]) -> tuple[tuple[slice, slice],
                                                                                  npt.NDArray[np.float64]]:
    """Where a bubble's window lies and each pixel's radius and distance from the diagonals (in
    bubble radii); computed once per layout bubble, since every page of an assignment shares it."""
    cx, cy, reach = b.cx * k, b.cy * k, b.r * k * outer
    x0, y0 = max(0, int(cx - reach)), max(0, int(cy - reach))
    x1, y1 = min(shape[1], int(cx + reach) + 2), min(shape[0], int(cy + reach) + 2)
    ys, xs = np.mgrid[y0:y1, x0:x1]
    radius = np.hypot(xs - cx, ys - cy) / (b.r * k)
    diag = np.abs(np.abs(xs - cx) - np.abs(ys - cy)) / (b.r * k)
    planes = np.stack([radius, diag])
    planes.setflags(write=False)
    return (slice(y0, y1), slice(x0, x1)), planes


def _upper_decile(values: npt.NDArray[np.uint8]) -> float:
    """``np.percentile(values, 90)`` (linear between the two nearest), by a partial sort: a page
    reads some twenty bubbles, and the general percentile's overhead was 2 ms of a page's 35."""
    position = 0.9 * (len(values) - 1)
    lo = int(position)
    hi = min(lo + 1, len(values) - 1)
    part = np.partition(values, (lo, hi))
    low, high = float(part[lo]), float(part[hi])
    return low + (high - low) * (position - lo)


def bubble_read(gray: Image, b: Bubble, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
                hidden: Image | None = None, printed: Image | None = None) -> BubbleReading:
    """One bubble on the rectified grey page of ``k`` px/mm. ``hidden``: pixels whose level says
    nothing about pencil (red pen over the bubble, on colour scans): neither dark nor light.
    ``printed``: where the sheet prints ink (the option's letter inside the bubble), left out of
    the middle when enough of it stays in view: blurred on a phone photo, an empty bubble's letter
    reads as an erasure or a light fill. A filled bubble covers its letter, so it loses nothing."""
    inner, outer = config.bubble_paper
    where, (radius, diag) = _geometry(b, k, outer, (gray.shape[0], gray.shape[1]))
    window = gray[where]
    seen = np.ones(window.shape, bool) if hidden is None else hidden[where] == 0
    ring = (radius >= inner) & (radius <= outer) & seen
    paper = max(1.0, _upper_decile(window[ring])) if np.any(ring) else 255.0
    middle = radius <= config.bubble_core
    if printed is not None:
        unprinted = seen & (printed[where] == 0)
        if np.count_nonzero(middle & unprinted) >= config.bubble_visible_min * np.count_nonzero(middle):
            seen = unprinted
    core = middle & seen
    visible = float(np.count_nonzero(core)) / max(1, int(np.count_nonzero(middle)))
    if visible < config.bubble_visible_min:  # pen over the middle: look further out, short of the ring
        core = (radius <= config.bubble_core_wide) & seen
        visible = float(np.count_nonzero(core)) / max(1, int(np.count_nonzero(radius <= config.bubble_core)))
        if visible < config.bubble_visible_min:
            return BubbleReading(b.value, BubbleState.UNCLEAR, 0.0, 0.0)
    darkness = 1.0 - window[core] / paper
    dark = darkness > config.bubble_dark_min
    share = float(np.mean(dark))
    on_diagonals = 0.0
    if share > config.bubble_empty_max:
        on_diagonals = float(np.mean(diag[core][dark] < config.bubble_diagonal_band))
    if config.bubble_cross_share_max > share and on_diagonals >= config.bubble_cross_diag_min:
        if hidden is not None and np.mean(hidden[where][middle] != 0) > config.bubble_cross_pen_max:
            return BubbleReading(b.value, BubbleState.UNCLEAR, share, 0.0)
        return BubbleReading(b.value, BubbleState.CROSSED, share,
                             _margin(on_diagonals - config.bubble_cross_diag_min, config))
    if share >= config.bubble_filled_min:
        return BubbleReading(b.value, BubbleState.FILLED, share, _margin(share - config.bubble_filled_min, config))
    if share <= config.bubble_empty_max:
        greyness = float(np.mean(np.clip(darkness, 0, 1)))
        state = BubbleState.ERASED if greyness > config.bubble_erased_grey else BubbleState.EMPTY
        return BubbleReading(b.value, state, share, _margin(config.bubble_empty_max - share, config))
    return BubbleReading(b.value, BubbleState.UNCLEAR, share, 0.0)


def choices_read(gray: Image, item: ItemRegion, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
                 hidden: Image | None = None, printed: Image | None = None) -> ChoiceReading:
    """All bubbles of a choice item; the reason names several fills, erasures and cross-outs."""
    readings = tuple(bubble_read(gray, b, k, config, hidden, printed) for b in item.bubbles)
    values = tuple(r.value for r in readings if r.state is BubbleState.FILLED)
    notes = [f"{len(values)} filled" if values else "none filled"]
    for state in (BubbleState.ERASED, BubbleState.CROSSED, BubbleState.UNCLEAR):
        named = [r.value for r in readings if r.state is state]
        if named:
            notes.append(f"{state.value} {','.join(named)}")
    confidence = min((r.confidence for r in readings), default=1.0)
    return ChoiceReading(values, readings, confidence, "; ".join(notes))
