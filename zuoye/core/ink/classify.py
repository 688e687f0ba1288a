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
from threadpoolctl import ThreadpoolController

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
    """Normalised template clouds ``points`` (K × N × 2) with their labels and stroke counts.

    ``direction_weight`` > 0 adds each point's stroke direction to the match (``features``)."""

    labels: tuple[str, ...]
    points: Points
    strokes: npt.NDArray[np.int64]
    axes: Points | None = None
    direction_weight: float = 0.0

    @functools.cached_property
    def features(self) -> Points:
        return _features(self.points, self.axes, self.direction_weight)

    @functools.cached_property
    def label_ids(self) -> npt.NDArray[np.int64]:
        return np.unique(np.array(self.labels), return_inverse=True)[1].reshape(-1)


def resample_many(marks: Sequence[Sequence[Polyline]], n: int) -> Points:
    """``n`` points per mark (M × n × 2), evenly spaced along its strokes taken end to end."""
    return _resample(marks, n)[0]


def _resample(marks: Sequence[Sequence[Polyline]], n: int) -> tuple[Points, npt.NDArray[np.int64]]:
    """The points of ``resample_many`` and, for each, the index of the stroke it lies on.

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
    points = np.stack((np.interp(at, arc, xy[:, 0]), np.interp(at, arc, xy[:, 1])), axis=2)
    return points, np.searchsorted(arc[ends - 1], at)


def axes_of(points: Points, stroke: npt.NDArray[np.int64]) -> Points:
    """Each point's stroke direction as an axis (cos 2θ, sin 2θ): a line drawn either way gives the
    same axis, so the match still ignores stroke direction and order, yet a "1" is no "7"'s bar.
    The direction is taken between the point's neighbours on the same stroke."""
    same_prev = np.concatenate((np.zeros_like(stroke[..., :1], bool), stroke[..., 1:] == stroke[..., :-1]), axis=-1)
    same_next = np.concatenate((stroke[..., :-1] == stroke[..., 1:], np.zeros_like(stroke[..., :1], bool)), axis=-1)
    prev = np.where(same_prev[..., None], np.roll(points, 1, axis=-2), points)
    nxt = np.where(same_next[..., None], np.roll(points, -1, axis=-2), points)
    dx, dy = np.moveaxis(nxt - prev, -1, 0)
    r2 = dx ** 2 + dy ** 2
    safe = np.where(r2 > 0, r2, 1.0)
    return np.stack((np.where(r2 > 0, (dx ** 2 - dy ** 2) / safe, 0.0), np.where(r2 > 0, 2 * dx * dy / safe, 0.0)),
                    axis=-1)


def _features(points: Points, axes: Points | None, weight: float) -> Points:
    return points if axes is None or weight <= 0 else np.concatenate((points, weight * axes), axis=-1)


def normalise(points: Points) -> Points:
    """Each cloud (… × n × 2) centred on its box and scaled by its longer side, aspect kept."""
    lo, hi = points.min(axis=-2, keepdims=True), points.max(axis=-2, keepdims=True)
    scale = np.maximum((hi - lo).max(axis=-1, keepdims=True), 1e-6)
    return (points - (lo + hi) / 2) / scale


def templates_from(shapes: Sequence[tuple[str, Shape]], points: int, direction_weight: float = 0.0) -> TemplateSet:
    clouds, stroke = _resample([shape for _, shape in shapes], points)
    return TemplateSet(tuple(label for label, _ in shapes), normalise(clouds),
                       np.array([len(shape) for _, shape in shapes], np.int64), axes_of(clouds, stroke),
                       direction_weight)


def chamfer(clouds: Points, templates: Points) -> npt.NDArray[np.float64]:
    """Symmetric mean nearest-point distance of each cloud (M × N × D) to each template (K × J × D).

    Squared distances for all pairs come from a matrix product ([a, |a|², 1] · [−2b, 1, |b|²] =
    |a − b|²), and only the minima are square-rooted: this is the hot loop of the whole core.
    The product is taken twice, once each way round, so that both minima (over a template's
    points, over a cloud's points) run across rows, which numpy does several times faster than
    a minimum along each short row of 24.
    """
    m, n, d = clouds.shape
    k, j, _ = templates.shape
    a = clouds.reshape(m * n, d).astype(np.float32)
    b = templates.reshape(k * j, d).astype(np.float32)
    a_sq, b_sq = (a ** 2).sum(axis=1), (b ** 2).sum(axis=1)
    a4 = np.column_stack((a, a_sq, np.ones(m * n, np.float32)))
    b4 = np.column_stack((-2 * b, np.ones(k * j, np.float32), b_sq))
    to_template = (b4 @ a4.T).reshape(k, j, m * n).min(axis=1)  # (k, m·n): each cloud point's nearest
    to_cloud = (a4 @ b4.T).reshape(m, n, k * j).min(axis=1)     # (m, k·j): each template point's nearest
    there = np.sqrt(np.maximum(to_template, 0.0)).reshape(k, m, n).mean(axis=2).T
    back = np.sqrt(np.maximum(to_cloud, 0.0)).reshape(m, k, j).mean(axis=2)
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
    points, stroke = _resample(marks, templates.points.shape[1])
    axes = axes_of(points, stroke) if templates.direction_weight > 0 else None
    clouds = _features(normalise(points), axes, templates.direction_weight)
    # in blocks, so the marks × templates × points² distances stay in cache; on one BLAS thread,
    # since waking more threads for each small product cost up to 9 times the product itself
    # on a loaded 2-core machine (benchmarks/pen.py)
    with _blas_controller().limit(limits=1, user_api="blas"):
        dist = np.concatenate([chamfer(clouds[i:i + config.match_block], templates.features)
                               for i in range(0, len(clouds), config.match_block)])
    counts = np.array([len(strokes) for strokes in marks])
    dist += config.stroke_count_penalty * np.abs(templates.strokes[None, :] - counts[:, None])
    return _verdicts(dist, templates, config)


@functools.cache
def _blas_controller() -> ThreadpoolController:
    return ThreadpoolController()


def match(strokes: Sequence[Polyline], templates: TemplateSet, config: InkConfig = DEFAULT_INK_CONFIG) -> Match:
    return match_many([strokes], templates, config)[0]


def grading_templates(config: InkConfig = DEFAULT_INK_CONFIG) -> TemplateSet:
    """Ticks, half ticks, crosses and circles over the range of hands the simulator draws: the
    teacher's long shallow ticks and the student's small steep ones on bubbles."""
    shapes: list[tuple[str, Shape]] = []
    for rise in (10.0, 22.0, 34.0):
        for short in (0.1, 0.22):
            shapes.append(("tick", tick(rise, short)))
            shapes.append(("half_tick", half_tick(rise, short)))
    # a student's tick on a bubble is small and steep, its short arm long (simulate.choice_mark)
    for rise, short in config.student_ticks:
        shapes.append(("tick", tick(rise, short)))
    for aspect in (0.7, 1.0, 1.3):
        shapes.append(("cross", cross(aspect)))
    for aspect in (0.45, 0.7, 0.95):
        shapes.append(("circle", ellipse(aspect)))
    assert {label for label, _ in shapes} == {k.value for k in GRADING_KINDS}
    return templates_from(shapes, config.resample_points, config.grading_direction_weight)


def digit_templates(config: InkConfig = DEFAULT_INK_CONFIG) -> TemplateSet:
    """Each way of writing each character, upright and slanted either way (a "." is told by size)."""
    rng = np.random.default_rng(config.template_seed)
    shapes = [(label, _sheared(shape, shear)) for label in DIGIT_LABELS if label != "."
              for shape in digit_shapes(label) for shear in (-0.2, 0.0, 0.2)]
    shapes += [(label, _wobbled(shape, rng, config.template_wobble)) for label in DIGIT_LABELS if label != "."
               for shape in digit_shapes(label) for _ in range(config.template_variants)]
    return templates_from(shapes, config.digit_points, config.digit_direction_weight)


def _wobbled(shape: Shape, rng: np.random.Generator, wobble: float) -> Shape:
    """A hand-made variant: slanted, stretched and with its control points moved a little."""
    shear, stretch = rng.uniform(-0.25, 0.25), rng.uniform(0.85, 1.15)
    return tuple(np.column_stack((line[:, 0] + shear * (1.0 - line[:, 1]), line[:, 1] * stretch))
                 + rng.uniform(-wobble, wobble, line.shape) for line in shape)


def _sheared(shape: Shape, shear: float) -> Shape:
    """Slanted like handwriting: x moves right by ``shear`` per unit of height upwards."""
    return tuple(np.column_stack((line[:, 0] + shear * (1.0 - line[:, 1]), line[:, 1])) for line in shape)
