"""Shape matching: which known mark a set of strokes looks most like, and how sure that is.

Every mark (all its strokes) is resampled to a fixed number of points spread by arc length,
moved to its box centre and scaled by its longer side (aspect kept, so a "1" and a "-" stay
apart), then compared with every template at once by a symmetric chamfer distance (mean
distance to the nearest template point, both ways). Chamfer ignores stroke order and
direction, which differ between writers. A template that needs another number of strokes
pays a penalty. Confidence is the lower of the *fit* (how close the best template is) and
the *margin* (how much closer it is than the best template of any other label); a reading
whose confidence is below ``InkConfig.review_below`` goes to review.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zuoye.core.ink.config import DEFAULT_INK_CONFIG, InkConfig
from zuoye.core.ink.shapes import DIGIT_LABELS, GRADING_KINDS, Polyline, Shape, cross, digit_shapes, ellipse, \
    half_tick, tick

Points = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Match:
    label: str
    confidence: float
    distance: float


@dataclass(frozen=True, eq=False)
class TemplateSet:
    """Normalised template clouds ``points`` (K × N × 2) with their labels and stroke counts."""

    labels: tuple[str, ...]
    points: Points
    strokes: npt.NDArray[np.int64]

    @functools.cached_property
    def label_ids(self) -> npt.NDArray[np.int64]:
        return np.unique(np.array(self.labels), return_inverse=True)[1].reshape(-1)


def resample_many(marks: Sequence[Sequence[Polyline]], n: int) -> Points:
    """``n`` points per mark (M × n × 2), evenly spaced along its strokes taken end to end.

    All marks are laid into one array whose cumulative arc length does not grow across the
    jump between two strokes, so one ``np.interp`` call samples every mark at once.
    """
    lines = [line for strokes in marks for line in strokes]
    xy = np.concatenate(lines)
    seg = np.hypot(*np.diff(xy, axis=0).T)
    ends = np.cumsum([len(line) for line in lines])
    seg[ends[:-1] - 1] = 0.0  # no length between one stroke's end and the next stroke's start
    # a tiny rise per dot keeps the arc strictly increasing (repeated dots, stroke joins): np.interp needs it
    arc = np.concatenate(([0.0], np.cumsum(seg + 1e-9)))
    mark_ends = ends[np.cumsum([len(strokes) for strokes in marks]) - 1]
    mark_starts = np.concatenate(([0], mark_ends[:-1]))
    lo, hi = arc[mark_starts], arc[mark_ends - 1]
    at = lo[:, None] + np.linspace(0.0, 1.0, n)[None, :] * (hi - lo)[:, None]
    return np.stack((np.interp(at, arc, xy[:, 0]), np.interp(at, arc, xy[:, 1])), axis=2)


def normalise(points: Points) -> Points:
    """Each cloud (… × n × 2) centred on its box and scaled by its longer side, aspect kept."""
    lo, hi = points.min(axis=-2, keepdims=True), points.max(axis=-2, keepdims=True)
    scale = np.maximum((hi - lo).max(axis=-1, keepdims=True), 1e-6)
    return (points - (lo + hi) / 2) / scale


def templates_from(shapes: Sequence[tuple[str, Shape]], points: int) -> TemplateSet:
    clouds = normalise(resample_many([shape for _, shape in shapes], points))
    return TemplateSet(tuple(label for label, _ in shapes), clouds,
                       np.array([len(shape) for _, shape in shapes], np.int64))


def chamfer(clouds: Points, templates: Points) -> npt.NDArray[np.float64]:
    """Symmetric mean nearest-point distance of each cloud (M × N × 2) to each template (K × N × 2).

    Squared distances for all pairs come from one matrix product, and only the minima are
    square-rooted: this is the hot loop of the whole core.
    """
    m, n, _ = clouds.shape
    k, j, _ = templates.shape
    a = clouds.reshape(m * n, 2).astype(np.float32)
    b = templates.reshape(k * j, 2).astype(np.float32)
    # [a, |a|², 1] · [−2b, 1, |b|²] = |a − b|²: one matrix product, no further passes over it
    a4 = np.column_stack((a, (a ** 2).sum(axis=1), np.ones(m * n, np.float32)))
    b4 = np.column_stack((-2 * b, np.ones(k * j, np.float32), (b ** 2).sum(axis=1)))
    sq = (a4 @ b4.T).reshape(m, n, k, j)
    there = np.sqrt(np.maximum(sq.min(axis=3), 0.0)).mean(axis=1)  # (m, k): cloud to nearest template point
    back = np.sqrt(np.maximum(sq.min(axis=1), 0.0)).mean(axis=2)   # (m, k): template to nearest cloud point
    return ((there + back) / 2).astype(np.float64)


def _verdicts(dist: npt.NDArray[np.float64], templates: TemplateSet, config: InkConfig) -> tuple[Match, ...]:
    best = np.argmin(dist, axis=1)
    rows = np.arange(dist.shape[0])
    d1 = dist[rows, best]
    ids = templates.label_ids
    d2 = np.where(ids[None, :] == ids[best][:, None], np.inf, dist).min(axis=1)
    fit = 1.0 - d1 / config.fit_limit
    margin = np.where(d2 > 0, 1.0 - d1 / d2, 0.0)
    confidence = np.clip(np.minimum(fit, 2 * margin), 0.0, 1.0)
    return tuple(Match(templates.labels[b], c, d) for b, c, d in zip(best.tolist(), confidence.tolist(), d1.tolist()))


def match_many(marks: Sequence[Sequence[Polyline]], templates: TemplateSet,
               config: InkConfig = DEFAULT_INK_CONFIG) -> tuple[Match, ...]:
    """The best label for each mark (a sequence of strokes), all marks compared in one go."""
    if not marks:
        return ()
    clouds = normalise(resample_many(marks, templates.points.shape[1]))
    # in blocks, so the marks × templates × points² distances stay in cache
    dist = np.concatenate([chamfer(clouds[i:i + config.match_block], templates.points)
                           for i in range(0, len(clouds), config.match_block)])
    counts = np.array([len(strokes) for strokes in marks])
    dist += config.stroke_count_penalty * np.abs(templates.strokes[None, :] - counts[:, None])
    return _verdicts(dist, templates, config)


def match(strokes: Sequence[Polyline], templates: TemplateSet, config: InkConfig = DEFAULT_INK_CONFIG) -> Match:
    return match_many([strokes], templates, config)[0]


def grading_templates(config: InkConfig = DEFAULT_INK_CONFIG) -> TemplateSet:
    """Ticks, half ticks, crosses and circles over the range of hands the simulator draws."""
    shapes: list[tuple[str, Shape]] = []
    for rise in (10.0, 22.0, 34.0):
        for short in (0.1, 0.22):
            shapes.append(("tick", tick(rise, short)))
            shapes.append(("half_tick", half_tick(rise, short)))
    for aspect in (0.7, 1.0, 1.3):
        shapes.append(("cross", cross(aspect)))
    for aspect in (0.45, 0.7, 0.95):
        shapes.append(("circle", ellipse(aspect)))
    assert {label for label, _ in shapes} == {k.value for k in GRADING_KINDS}
    return templates_from(shapes, config.resample_points)


def digit_templates(config: InkConfig = DEFAULT_INK_CONFIG) -> TemplateSet:
    """Each way of writing each character, upright and slanted either way (a "." is told by size)."""
    rng = np.random.default_rng(config.template_seed)
    shapes = [(label, _sheared(shape, shear)) for label in DIGIT_LABELS if label != "."
              for shape in digit_shapes(label) for shear in (-0.2, 0.0, 0.2)]
    shapes += [(label, _wobbled(shape, rng, config.template_wobble)) for label in DIGIT_LABELS if label != "."
               for shape in digit_shapes(label) for _ in range(config.template_variants)]
    return templates_from(shapes, config.digit_points)


def _wobbled(shape: Shape, rng: np.random.Generator, wobble: float) -> Shape:
    """A hand-made variant: slanted, stretched and with its control points moved a little."""
    shear, stretch = rng.uniform(-0.25, 0.25), rng.uniform(0.85, 1.15)
    return tuple(np.column_stack((line[:, 0] + shear * (1.0 - line[:, 1]), line[:, 1] * stretch))
                 + rng.uniform(-wobble, wobble, line.shape) for line in shape)


def _sheared(shape: Shape, shear: float) -> Shape:
    """Slanted like handwriting: x moves right by ``shear`` per unit of height upwards."""
    return tuple(np.column_stack((line[:, 0] + shear * (1.0 - line[:, 1]), line[:, 1])) for line in shape)
