"""Reading a page: the teacher's marks and scores, the student's chosen options.

The pen's owner decides what its strokes mean (a pen is registered to a teacher or a
student): a teacher's strokes in an item's score box are a score, elsewhere in the item's
grading area a grading mark; a student's strokes on a choice item's bubbles choose options.
Each reading carries a confidence and goes to review below ``InkConfig.review_below``, or
when one of its strokes crossed into another item.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from zuoye.core.ink.classify import Match, TemplateSet, digit_templates, grading_templates, match_many
from zuoye.core.ink.config import DEFAULT_INK_CONFIG, InkConfig
from zuoye.core.ink.dots import NcodeAddress
from zuoye.core.ink.regions import MarkStrokes, group_marks, hit_test, split_characters
from zuoye.core.ink.shapes import MarkKind, Polyline
from zuoye.core.ink.strokes import Stroke
from zuoye.core.layout.geometry import ItemKind, ItemRegion, Page


class Role(StrEnum):
    TEACHER = "teacher"
    STUDENT = "student"


class ReadingKind(StrEnum):
    GRADING = "grading"  # value: a MarkKind
    SCORE = "score"      # value: the written characters, e.g. "-1", "4.5"
    CHOICE = "choice"    # value: the chosen bubble values in order, e.g. "A", "AC", "T"


@dataclass(frozen=True, eq=False)
class Reading:
    item_key: str
    kind: ReadingKind
    value: str
    confidence: float
    review: bool
    crossing: bool
    strokes: tuple[Stroke, ...]


@dataclass(frozen=True, eq=False)
class PageReading:
    readings: tuple[Reading, ...]
    stray: tuple[Stroke, ...]  # strokes outside every item region


@dataclass(frozen=True, eq=False)
class InkModels:
    grading: TemplateSet
    digits: TemplateSet


@functools.cache
def default_models() -> InkModels:
    return InkModels(grading_templates(DEFAULT_INK_CONFIG), digit_templates(DEFAULT_INK_CONFIG))


def _reading(item: ItemRegion, kind: ReadingKind, value: str, confidence: float, mark: MarkStrokes,
             config: InkConfig) -> Reading:
    review = confidence < config.review_below or mark.crossing
    return Reading(item.key, kind, value, round(confidence, 4), review, mark.crossing, mark.strokes)


def _score_texts(chars: Sequence[tuple[tuple[Stroke, ...], ...]], found: Sequence[Match],
                 config: InkConfig) -> list[tuple[str, float]]:
    """Each score mark's text and confidence (its least sure character); ``found`` matches the
    written (non-dot) characters in order."""
    matches = iter(found)
    out = []
    for mark_chars in chars:
        text, confidence = [], 1.0
        for char in mark_chars:
            if _is_dot(char, config):
                text.append(".")
                continue
            m = next(matches)
            text.append(m.label)
            confidence = min(confidence, m.confidence)
        out.append(("".join(text), confidence))
    return out


def _is_dot(char: Sequence[Stroke], config: InkConfig) -> bool:
    xy = np.concatenate([s.xy for s in char])
    return float((xy.max(axis=0) - xy.min(axis=0)).max()) < config.dot_size_mm


Finish = Callable[[Sequence[Match], Sequence[Match]], PageReading]


@dataclass(frozen=True, eq=False)
class _Plan:
    """A page's marks waiting for classification: what to match against which templates, and
    how to turn the matches into the page's readings. Plans of many pages are matched together."""

    grading: list[list[Polyline]]
    digits: list[list[Polyline]]
    finish: Finish


def _teacher(page: Page, strokes: Sequence[Stroke], config: InkConfig) -> _Plan:
    """Score boxes first (they lie inside grading areas), then grading areas for the rest."""
    boxed = [item for item in page.items if item.score_box is not None]
    in_box = hit_test(strokes, [item.score_box for item in boxed if item.score_box is not None], config)
    score_marks = group_marks(strokes, in_box, config, join_mm=float("inf"))
    chars = [split_characters(mark.strokes, config) for mark in score_marks]
    written = [[s.xy for s in c] for mark_chars in chars for c in mark_chars if not _is_dot(c, config)]
    rest = [s for s, h in zip(strokes, in_box) if h.region < 0]
    hits = hit_test(rest, [item.grading for item in page.items], config)
    marks = group_marks(rest, hits, config)

    def finish(grading: Sequence[Match], digits: Sequence[Match]) -> PageReading:
        readings = [_reading(boxed[mark.region], ReadingKind.SCORE, value, confidence, mark, config)
                    for mark, (value, confidence) in zip(score_marks, _score_texts(chars, digits, config))]
        readings += [_reading(page.items[mark.region], ReadingKind.GRADING, found.label, found.confidence, mark,
                              config) for mark, found in zip(marks, grading)]
        return PageReading(tuple(readings), tuple(s for s, h in zip(rest, hits) if h.region < 0))

    return _Plan([[s.xy for s in m.strokes] for m in marks], written, finish)


def _anchor(mark: MarkStrokes, kind: str) -> tuple[float, float]:
    """A circle points at its centre, a tick at its turning point (its lowest dot)."""
    if kind == MarkKind.TICK:
        first = mark.strokes[0].xy
        low = first[int(np.argmax(first[:, 1]))]
        return (float(low[0]), float(low[1]))
    xy = np.concatenate([s.xy for s in mark.strokes])
    centre = (xy.min(axis=0) + xy.max(axis=0)) / 2
    return (float(centre[0]), float(centre[1]))


def _option(item: ItemRegion, mark: MarkStrokes, found: Match, config: InkConfig) -> tuple[str, float]:
    confidence = found.confidence if found.label in (MarkKind.TICK, MarkKind.CIRCLE) else 0.0
    ax, ay = _anchor(mark, found.label)
    dist = np.array([np.hypot(b.cx - ax, b.cy - ay) for b in item.bubbles])
    order = np.argsort(dist)
    if len(order) > 1:
        ratio = float(dist[order[0]] / max(float(dist[order[1]]), 1e-6))
        confidence = min(confidence, (1.0 - ratio) ** config.option_margin_power * 2)
    return item.bubbles[int(order[0])].value, confidence


def _student(page: Page, strokes: Sequence[Stroke], config: InkConfig) -> _Plan:
    choice = [item for item in page.items if item.kind.objective and item.bubbles]
    hits = hit_test(strokes, [item.answer.inflate(config.mark_join_mm) for item in choice], config)
    marks = group_marks(strokes, hits, config)

    def finish(grading: Sequence[Match], _: Sequence[Match]) -> PageReading:
        chosen: dict[int, list[tuple[str, float, MarkStrokes]]] = {}
        for mark, found in zip(marks, grading):
            chosen.setdefault(mark.region, []).append((*_option(choice[mark.region], mark, found, config), mark))
        readings = [_choice(choice[region], region, picks, config) for region, picks in sorted(chosen.items())]
        return PageReading(tuple(readings), tuple(s for s, h in zip(strokes, hits) if h.region < 0))

    return _Plan([[s.xy for s in m.strokes] for m in marks], [], finish)


def _choice(item: ItemRegion, region: int, picks: list[tuple[str, float, MarkStrokes]], config: InkConfig) -> Reading:
    values = sorted({value for value, _, _ in picks}, key=[b.value for b in item.bubbles].index)
    confidence = min(c for _, c, _ in picks)
    if item.kind is not ItemKind.MULTIPLE_CHOICE and len(values) > 1:
        confidence = 0.0  # two answers to a one-answer item: a person decides
    strokes = tuple(s for _, _, m in picks for s in m.strokes)
    merged = MarkStrokes(region, strokes, any(m.crossing for *_, m in picks))
    return _reading(item, ReadingKind.CHOICE, "".join(values), confidence, merged, config)


def _plan(page: Page, strokes: Sequence[Stroke], role: Role, config: InkConfig) -> _Plan:
    return _teacher(page, strokes, config) if role is Role.TEACHER else _student(page, strokes, config)


def _run(plans: Sequence[_Plan], models: InkModels, config: InkConfig) -> list[PageReading]:
    """Finish every plan after matching all their marks in one call per template set."""
    grading = match_many([m for p in plans for m in p.grading], models.grading, config)
    digits = match_many([m for p in plans for m in p.digits], models.digits, config)
    out, g, d = [], 0, 0
    for p in plans:
        out.append(p.finish(grading[g:g + len(p.grading)], digits[d:d + len(p.digits)]))
        g, d = g + len(p.grading), d + len(p.digits)
    return out


def read_page(page: Page, strokes: Sequence[Stroke], role: Role, *, config: InkConfig = DEFAULT_INK_CONFIG,
              models: InkModels | None = None) -> PageReading:
    """Readings from one pen's strokes on one page of a known layout."""
    return _run([_plan(page, strokes, role, config)], models or default_models(), config)[0]


@dataclass(frozen=True, eq=False)
class SessionReading:
    pages: tuple[tuple[NcodeAddress, str, PageReading], ...]  # (address, pen, reading)
    unknown_pages: tuple[tuple[NcodeAddress, tuple[Stroke, ...]], ...]  # kept, shown for assignment
    unknown_pens: tuple[str, ...]  # unregistered: refused


def read_strokes(strokes: Sequence[Stroke], pages: Mapping[NcodeAddress, Page], roles: Mapping[str, Role], *,
                 config: InkConfig = DEFAULT_INK_CONFIG, models: InkModels | None = None) -> SessionReading:
    """Read every (page, pen) of a batch; unknown pages and unregistered pens come back apart."""
    groups: dict[tuple[NcodeAddress, str], list[Stroke]] = {}
    unknown: dict[NcodeAddress, list[Stroke]] = {}
    refused: set[str] = set()
    for stroke in strokes:
        if stroke.pen not in roles:
            refused.add(stroke.pen)
        elif stroke.address not in pages:
            unknown.setdefault(stroke.address, []).append(stroke)
        else:
            groups.setdefault((stroke.address, stroke.pen), []).append(stroke)
    keys = sorted(groups)
    plans = [_plan(pages[a], groups[(a, pen)], roles[pen], config) for a, pen in keys]
    read = tuple((a, pen, reading) for (a, pen), reading in zip(keys, _run(plans, models or default_models(), config)))
    return SessionReading(read, tuple((a, tuple(s)) for a, s in sorted(unknown.items())), tuple(sorted(refused)))
