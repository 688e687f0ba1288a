"""Score digits the teacher writes in an item's score box ("8", "-2"), read by shape.

The pen ink inside the box (less its printed outline) is cut into characters — pieces joined
over a dry pen's gaps, pieces stacked in one column belonging together — and each character is
read twice:

* its ink pixels, thinned to centre lines, as a point cloud matched against the pen core's
  digit templates (``zuoye.core.ink``: the same ways of writing each character, slanted and
  wobbled) by chamfer distance; confidence is the lower of the fit and the margin over the best
  other character, as in the pen core;
* its ink as a small picture, by a network trained on the simulator's score characters
  (``scores_train``; ``data/scorenet.npz``), which also knows a picture that is no single
  character (two digits run together, a scrap): ``NOT_ONE``.

Why two: at 4 px/mm the templates of 3, 5 and 8 (or 2 and 7) lie close, so the chamfer margin is
small even when the reading is right (most boxes went to review with every character right);
the network tells them apart, and two readers that look differently seldom agree on a wrong
character. A character is sure when both read it and the network is sure
(``score_model_sure``), or when the templates are sure and the network reads the same character;
readers that disagree send the item to review, proposing the surer reading. Ink in the box that
reads as no character sends the item to review.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from zuoye.core.ink.classify import TemplateSet, chamfer, digit_templates, normalise
from zuoye.core.ink.config import DEFAULT_INK_CONFIG
from zuoye.core.layout import Rect
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.marknet import MarkNet, marknet_load, one_blas_thread

Mask = npt.NDArray[np.uint8]

SCORE_WEIGHTS = Path(__file__).with_name("data") / "scorenet.npz"
NOT_ONE = "?"
"""The network's class for a picture that is no single character."""
SCORE_CLASSES = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-", NOT_ONE)
CHAR_SIDE = 24
"""A character's picture is resampled to CHAR_SIDE × CHAR_SIDE pixels (its longer side)."""
CHAR_EXTRAS = 4
"""...followed by its height, width, aspect and ink share (``character_features``)."""


@dataclass(frozen=True)
class Character:
    """One character cut from the box: its centre-line pixels (x, y) for the templates, and its
    ink cropped to its bounding box for the network."""

    points: npt.NDArray[np.float64]
    ink: Mask
    left: int
    """Where its ink starts, in pixels from the left of the ink it was cut from."""


@dataclass(frozen=True)
class ScoreReading:
    text: str
    """The characters read, left to right ("" when the box is empty)."""
    confidence: float
    reason: str


@functools.cache
def _templates() -> TemplateSet:
    return digit_templates(DEFAULT_INK_CONFIG)


def score_characters(ink: Mask, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> list[Character]:
    """Each character in the box's ink, left to right."""
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
        own = np.isin(labels, group) & (ink > 0)
        ys, xs = np.nonzero(own & (centre > 0))
        if len(xs):
            oy, ox = np.nonzero(own)
            crop = own[oy.min():oy.max() + 1, ox.min():ox.max() + 1].astype(np.uint8) * 255
            chars.append(Character(np.column_stack([xs, ys]).astype(np.float64), crop, int(ox.min())))
    return chars


def character_features(char: Character, k: float) -> npt.NDArray[np.float32]:
    """The network's input: the character's ink centred in a square of its longer side, at
    CHAR_SIDE × CHAR_SIDE, and its height, width (mm), aspect and ink share, which the
    resampling hides (a "-" and a "1" are one stroke each, one lying, one standing)."""
    h, w = char.ink.shape
    side = max(h, w)
    square = np.zeros((side, side), np.uint8)
    y0, x0 = (side - h) // 2, (side - w) // 2
    square[y0:y0 + h, x0:x0 + w] = char.ink
    picture = cv2.resize(square, (CHAR_SIDE, CHAR_SIDE), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    extras = np.array([h / k / 6.0, w / k / 6.0, w / max(h, 1), float(char.ink.mean()) / 255.0], np.float32)
    return np.concatenate([picture.ravel(), extras])


def _network() -> MarkNet | None:
    return marknet_load(SCORE_WEIGHTS)


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
    chars = score_characters(crop, k, config) if crop.size else []
    if not chars:
        return ScoreReading("", 1.0, "score box empty")
    templates = _templates()
    n = templates.points.shape[1]
    clouds = np.stack([c.points[np.linspace(0, len(c.points) - 1, n).round().astype(np.int64)] for c in chars])
    with one_blas_thread():
        dist = chamfer(normalise(clouds), templates.points)
    net = _network() if config.score_model else None
    second = net.probabilities(np.stack([character_features(c, k) for c in chars])) if net is not None else None
    ids = templates.label_ids
    text, weakest, notes = "", 1.0, []
    for i, row in enumerate(dist):
        best = int(np.argmin(row))
        d1 = float(row[best])
        d2 = float(np.where(ids == ids[best], np.inf, row).min())
        fit, margin = 1 - d1 / config.score_fit_limit, 1 - d1 / d2 if d2 > 0 else 0.0
        label, confidence = templates.labels[best], float(np.clip(min(fit, 2 * margin), 0.0, 1.0))
        note = f"{label} {confidence:.2f}"
        if second is not None:
            label, confidence, note = _vote(label, confidence, second[i], config)
        text += label
        weakest = min(weakest, confidence)
        notes.append(note)
    return ScoreReading(text, weakest, "score " + ", ".join(notes))


def _vote(label: str, confidence: float, probs: npt.NDArray[np.float32],
          config: ScanConfig) -> tuple[str, float, str]:
    """The templates' reading and the network's of one character: agreeing with a sure network,
    sure; disagreeing, review (a picture of no single character always), proposing the surer."""
    best = int(probs.argmax())
    kind, p = SCORE_CLASSES[best], float(probs[best])
    said = f"{label} {confidence:.2f}, network {kind} {p:.2f}"
    if kind == label:
        return label, max(confidence, p) if p >= config.score_model_sure else confidence, said
    if kind == NOT_ONE:
        return label, min(confidence, 1.0 - p), said
    doubt = min(confidence, 1.0 - p, config.disagreement_confidence)
    return (kind if p > confidence else label), doubt, said
