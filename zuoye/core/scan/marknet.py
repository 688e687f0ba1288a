"""A second reader of the teacher's marks: a small network trained on simulated marks.

Why a second reader: the rule reader (``redpen``, ``ticks``) decides a mark's kind from a few
shape features and is honest about its doubt, but its doubt is frequent where a hand is
sloppy — a half tick whose slash broke off reads as two ticks, a cross drawn through a filled
bubble loses a corner, a circle left open looks like a hook. The teacher then confirms items
the machine could have read. The network looks at the same ink differently — the whole
picture of the marks over one item, as a fixed-size image, with where the item lies and which
marks the rules found in it — and was trained on tens of thousands of simulated marks whose
truth is known, on the test sheet and on random layouts (``marknet_train``). Two networks
trained apart are averaged. The two readers vote:

* the rules are unsure, the network is sure (``p ≥ model_sure``): the network's reading stands,
  and the reason says so and keeps the rules' doubt;
* the rules are sure and the network is sure of something else: review (two readers disagree);
* otherwise the rules' reading stands; when the item goes to review anyway, the queue proposes
  the surer reader's reading.

Colour scans and greyscale scans have a network each (``WEIGHTS``, ``WEIGHTS_GREY``): on grey
the ink plane holds what the rules took for pen by its shade, and a missing file leaves the
rules alone.

Where marks crowd (an item's mark ran into another, a doubtful mark of another item lies over
it, several marks turn in it) the network must be surer and may not contradict what the rules
could tell (``vote.mark_vote``): each of those terms answers a wrong sure reading once seen.

Plain numpy (two-layer perceptrons; the weights are ``.npz`` files beside this module), so
nothing new is installed and a page costs about a millisecond more.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from threadpoolctl import ThreadpoolController

from zuoye.core.layout import Rect
from zuoye.core.scan.report import MarkKind

WEIGHTS = Path(__file__).with_name("data") / "marknet.npz"
WEIGHTS_GREY = WEIGHTS.with_name("marknet-grey.npz")
"""Greyscale scans: red ink is a shade of grey, the ink plane holds what the rules took for pen."""
CLASSES: tuple[MarkKind, ...] = (MarkKind.NOTHING, MarkKind.TICK, MarkKind.CROSS, MarkKind.CIRCLE, MarkKind.HALF)
SIDE = 32
"""The crop is resampled to SIDE × SIDE pixels."""
MARGIN_MM = 2.0
EXTRAS = 4
PLANES = 4
"""Ink, the item's grading area, its own marks' boxes, other marks' boxes (and on greyscale a
fifth: where the print was masked, ``mark_features``)."""

Features = npt.NDArray[np.float32]


def mark_window(boxes: Sequence[Rect], margin_mm: float = MARGIN_MM) -> Rect | None:
    """The square (mm) round every mark box over an item, or None when there is none."""
    if not boxes:
        return None
    r = Rect.bounding(tuple(boxes)).inflate(margin_mm)
    side = max(r.w, r.h)
    cx, cy = r.centre
    return Rect(cx - side / 2, cy - side / 2, side, side)


def _cut(mask: npt.NDArray[np.uint8], r: Rect, k: float) -> npt.NDArray[np.float32]:
    """``r`` (mm) of ``mask`` at SIDE × SIDE, zero where ``r`` leaves the page."""
    h, w = mask.shape
    x0, y0 = round(r.x * k), round(r.y * k)
    n = max(1, round(r.w * k))
    canvas = np.zeros((n, n), np.uint8)
    sx0, sy0, sx1, sy1 = max(0, x0), max(0, y0), min(w, x0 + n), min(h, y0 + n)
    if sx1 > sx0 and sy1 > sy0:
        canvas[sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = mask[sy0:sy1, sx0:sx1]
    return cv2.resize(canvas, (SIDE, SIDE), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0


def _boxes_plane(boxes: Sequence[Rect], window: Rect) -> npt.NDArray[np.float32]:
    """1 inside any of ``boxes`` (mm), cut to ``window`` at SIDE × SIDE."""
    plane = np.zeros((SIDE, SIDE), np.float32)
    scale = SIDE / window.w
    def at(mm: float, start: float) -> int:  # plain ints: np.clip on a scalar costs 10 µs
        return min(SIDE, max(0, round((mm - start) * scale)))

    for r in boxes:
        plane[at(r.y, window.y):at(r.bottom, window.y), at(r.x, window.x):at(r.right, window.x)] = 1.0
    return plane


def mark_features(ink: npt.NDArray[np.uint8], grading: Rect, window: Rect, k: float,
                  own: Sequence[Rect] = (), others: Sequence[Rect] = (),
                  unseen: npt.NDArray[np.uint8] | None = None) -> Features:
    """One item's input: the pen ink in ``window``; where the item's grading area lies in it (a
    mark belongs to the item its turning point is in, so the network must know which part of the
    picture is "this item"); the boxes of the marks the rules found turning in this item
    (``own``) and of every other mark in the window (``others``): a stroke crossing a tick may be
    its half tick's slash or the leg of the next item's cross, and which mark the rules took it
    for tells them apart; then the window's size and the ink's share in it, which the
    resampling hides. ``unseen`` (greyscale): where the print was masked and a pen stroke could
    not be seen, a fifth plane."""
    ink_plane = _cut(ink, window, k)
    stack = (ink_plane, _boxes_plane([grading], window), _boxes_plane(own, window), _boxes_plane(others, window))
    if unseen is not None:
        stack = (*stack, _cut(unseen, window, k))
    extras = np.array([window.w / 60.0, float(ink_plane.mean()) * 4.0, grading.h / 40.0,
                       (grading.bottom - window.y) / max(window.w, 1e-6)], np.float32)
    return np.concatenate([*(plane.ravel() for plane in stack), extras])


@dataclass(frozen=True)
class MarkNet:
    """The trained perceptrons: features → probability of each of ``CLASSES`` (the score
    characters' network, ``scores``, is one too, over its own classes).

    Every field has a leading axis of members: perceptrons trained alike on different draws of
    the examples, whose probabilities are averaged. One network alone is sure of some wrong
    readings; two trained apart are seldom sure of the same wrong one, so the average is
    sure less often where it should not be (measured: ``scan/README.md``)."""

    w1: npt.NDArray[np.float32]
    b1: npt.NDArray[np.float32]
    w2: npt.NDArray[np.float32]
    b2: npt.NDArray[np.float32]
    w3: npt.NDArray[np.float32]
    b3: npt.NDArray[np.float32]
    mean: npt.NDArray[np.float32]
    scale: npt.NDArray[np.float32]

    def __post_init__(self) -> None:
        if self.w1.ndim == 2:  # one network: a single member
            for name in self.__dataclass_fields__:
                object.__setattr__(self, name, getattr(self, name)[np.newaxis])

    @classmethod
    def stacked(cls, nets: Sequence[MarkNet]) -> MarkNet:
        return cls(**{k: np.concatenate([getattr(n, k) for n in nets]) for k in cls.__dataclass_fields__})

    @property
    def members(self) -> int:
        return int(self.w1.shape[0])

    def probabilities(self, x: Features) -> npt.NDArray[np.float32]:
        """``x``: (n, features) → (n, classes: ``CLASSES`` for marks), rows summing to 1. On one
        BLAS thread: a page's few rows are a small product, and waking threads would cost more
        than it."""
        found = np.zeros((len(x), self.b3.shape[-1]), np.float32)
        with one_blas_thread():
            for i in range(self.members):
                h = np.maximum(0.0, ((x - self.mean[i]) * self.scale[i]) @ self.w1[i] + self.b1[i])
                h = np.maximum(0.0, h @ self.w2[i] + self.b2[i])
                z = h @ self.w3[i] + self.b3[i]
                z = z - z.max(axis=1, keepdims=True)
                e = np.exp(z)
                found += e / e.sum(axis=1, keepdims=True)
        return found / self.members

    @property
    def planes(self) -> int:
        """How many SIDE × SIDE planes the weights were trained on."""
        return (self.w1.shape[1] - EXTRAS) // (SIDE * SIDE)

    def save(self, path: Path) -> None:
        """The first layer's weights (nearly all of them) are kept in half precision: the file
        is half as big, and the readings move by far less than the thresholds' steps."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **{k: getattr(self, k) for k in self.__dataclass_fields__} | {
            "w1": self.w1.astype(np.float16)})


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager[object]:
    """A context in which matrix products run on one BLAS thread: a page's products are small,
    and threads once woken spin on after them, costing each page about as much CPU again
    (measured on score boxes: 92 → 41 ms a page) and slowing the other pages' processes."""
    return _blas().limit(limits=1, user_api="blas")


@lru_cache(maxsize=4)
def marknet_load(path: Path = WEIGHTS) -> MarkNet | None:
    """The shipped network, or None when the weights are missing (the rules read alone)."""
    if not path.exists():
        return None
    with np.load(path) as data:
        return MarkNet(**{k: data[k].astype(np.float32) for k in MarkNet.__dataclass_fields__})
