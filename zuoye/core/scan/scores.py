"""Score digits the teacher writes in an item's score box ("8", "-2"), read by shape.

The pen ink inside the box (less its printed outline) is cut into characters — pieces joined
over a dry pen's gaps, pieces stacked in one column belonging together — and each character's
ink pixels, as a point cloud, are matched against the pen core's digit templates
(``zuoye.core.ink``: the same ways of writing each character, slanted and wobbled) by chamfer
distance. Confidence is the lower of the fit and the margin over the best other character, as
in the pen core; ink in the box that reads as no character sends the item to review.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from zuoye.core.ink.classify import TemplateSet, chamfer, digit_templates, normalise
from zuoye.core.ink.config import DEFAULT_INK_CONFIG
from zuoye.core.layout import Rect
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig

Mask = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class ScoreReading:
    text: str
    """The characters read, left to right ("" when the box is empty)."""
    confidence: float
    reason: str


@functools.cache
def _templates() -> TemplateSet:
    return digit_templates(DEFAULT_INK_CONFIG)


def _characters(ink: Mask, k: float, config: ScanConfig) -> list[npt.NDArray[np.float64]]:
    """Each character's ink pixels (x, y), left to right."""
    size = max(3, round(config.score_join_mm * k) | 1)
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    spans = []
    for label in range(1, count):
        x, _, w, h, _ = (int(v) for v in stats[label])
        if max(w, h) >= config.score_char_min_mm * k:
            spans.append([x, x + w, [label]])
    spans.sort()
    merged: list[list] = []
    for span in spans:  # pieces over one another (the two strokes of a 4 or a 5) are one character
        if merged and min(merged[-1][1], span[1]) - span[0] > 0.5 * (span[1] - span[0]):
            merged[-1][1] = max(merged[-1][1], span[1])
            merged[-1][2] += span[2]
        else:
            merged.append(span)
    chars = []
    centre = _skeleton(ink)
    for _, _, group in merged:
        ys, xs = np.nonzero(np.isin(labels, group) & (centre > 0))
        if len(xs):
            chars.append(np.column_stack([xs, ys]).astype(np.float64))
    return chars


def _skeleton(ink: Mask) -> Mask:
    """The strokes' centre lines (morphological skeleton), so a character's cloud is as thin as
    the templates' lines whatever the pen's width."""
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    skeleton, rest = np.zeros_like(ink), ink.copy()
    while cv2.countNonZero(rest):
        eroded = cv2.erode(rest, cross)
        skeleton |= cv2.subtract(rest, cv2.dilate(eroded, cross))
        rest = eroded
    return skeleton


def score_read(ink: Mask, box: Rect, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> ScoreReading:
    """The characters written inside ``box`` (page mm) on a pen-ink mask of ``k`` px/mm."""
    inner = box.inflate(-config.score_box_inset_mm)
    crop = ink[max(0, round(inner.y * k)):round(inner.bottom * k), max(0, round(inner.x * k)):round(inner.right * k)]
    chars = _characters(crop, k, config) if crop.size else []
    if not chars:
        return ScoreReading("", 1.0, "score box empty")
    templates = _templates()
    n = templates.points.shape[1]
    clouds = np.stack([c[np.linspace(0, len(c) - 1, n).round().astype(np.int64)] for c in chars])
    dist = chamfer(normalise(clouds), templates.points)
    ids = templates.label_ids
    text, weakest, notes = "", 1.0, []
    for row in dist:
        best = int(np.argmin(row))
        d1 = float(row[best])
        d2 = float(np.where(ids == ids[best], np.inf, row).min())
        fit, margin = 1 - d1 / config.score_fit_limit, 1 - d1 / d2 if d2 > 0 else 0.0
        confidence = float(np.clip(min(fit, 2 * margin), 0.0, 1.0))
        text += templates.labels[best]
        weakest = min(weakest, confidence)
        notes.append(f"{templates.labels[best]} {confidence:.2f}")
    return ScoreReading(text, weakest, "score " + ", ".join(notes))
