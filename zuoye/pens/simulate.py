"""A simulated class grading session on pages printed on dot-pattern paper.

For the demo, the tests and ``benchmarks/pen.py``: the ink core's simulator (``zuoye.core.ink``
``simulate``/``session``: hand-made ticks, crosses, half ticks, circles and score digits with
varied size, slant, speed, pressure and tremor; duplicate, late and lost dots) drawn on the
real pages a teacher printed, with the real pens registered to the teacher and the students.
Scores written are ones the item allows (0 … its points, or a deduction), so what is read
can be recorded.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from zuoye.core.ink import Dot, NcodeAddress, ReadingKind
from zuoye.core.ink.session import Truth, deliver, pen_dots
from zuoye.core.ink.shapes import MarkKind
from zuoye.core.ink.simulate import DEFAULT_HAND, HandConfig, Rng, choice_mark, grading_mark, score_strokes
from zuoye.core.layout import Page

KIND_WEIGHTS = ((MarkKind.TICK, 0.7), (MarkKind.CROSS, 0.12), (MarkKind.CIRCLE, 0.12), (MarkKind.HALF_TICK, 0.06))


@dataclass(frozen=True, eq=False)
class Session:
    dots: list[Dot]  # as delivered: lost, repeated and late dots included
    per_page: dict[NcodeAddress, list[Dot]]  # as delivered, page by page in grading order
    truth: tuple[Truth, ...]


def _score(points: float, rng: Rng) -> str:
    top = max(1, int(points))
    return "-" + str(int(rng.integers(1, min(top, 9) + 1))) if rng.random() < 0.3 else str(int(rng.integers(0, top + 1)))


def _grade(address: NcodeAddress, page: Page, pen: str, t: int, rng: Rng, hand: HandConfig
           ) -> tuple[list[Dot], list[Truth], int]:
    dots: list[Dot] = []
    truth: list[Truth] = []
    kinds, weights = zip(*KIND_WEIGHTS)
    for item in page.items:
        kind = kinds[int(rng.choice(len(kinds), p=weights))]
        new, t = pen_dots(grading_mark(kind, item.grading, rng, hand), pen, address, t, rng, hand)
        dots += new
        truth.append(Truth(address, pen, item.key, ReadingKind.GRADING, kind.value))
        t += int(rng.uniform(*hand.mark_pause_ms))
        if item.score_box is not None:
            score = _score(item.points or 10, rng)
            new, t = pen_dots(score_strokes(score, item.score_box, rng, hand), pen, address, t, rng, hand)
            dots += new
            truth.append(Truth(address, pen, item.key, ReadingKind.SCORE, score))
            t += int(rng.uniform(*hand.mark_pause_ms))
    return dots, truth, t


def _answer(address: NcodeAddress, page: Page, pen: str, t: int, rng: Rng, hand: HandConfig
            ) -> tuple[list[Dot], list[Truth]]:
    dots: list[Dot] = []
    truth: list[Truth] = []
    for item in page.items:
        if not item.bubbles:
            continue
        count = int(rng.integers(1, 3)) if item.kind.value == "multiple_choice" else 1
        picks = sorted(rng.choice(len(item.bubbles), count, replace=False).tolist())
        for i in picks:
            kind = MarkKind.CIRCLE if rng.random() < 0.6 else MarkKind.TICK
            new, t = pen_dots(choice_mark(item.bubbles[i], kind, rng, hand), pen, address, t, rng, hand)
            dots += new
            t += int(rng.uniform(*hand.mark_pause_ms))
        truth.append(Truth(address, pen, item.key, ReadingKind.CHOICE, "".join(item.bubbles[i].value for i in picks)))
    return dots, truth


def grading_session(pages: Mapping[NcodeAddress, Page], teacher_pen: str, *,
                    student_pens: Mapping[NcodeAddress, str] | None = None, seed: int = 1,
                    start_ms: int | None = None, hand: HandConfig = DEFAULT_HAND) -> Session:
    """Students answer the choice items with their pens (where they have one), then the teacher
    grades every page in order with the teacher's pen."""
    rng = np.random.default_rng(seed)
    t_teacher = start_ms if start_ms is not None else int(time.time() * 1000)
    per_page: dict[NcodeAddress, list[Dot]] = {}
    truth: list[Truth] = []
    for n, (address, page) in enumerate(pages.items()):
        dots: list[Dot] = []
        pen = (student_pens or {}).get(address)
        if pen:
            new, told = _answer(address, page, pen, t_teacher - 3_600_000 + n * 7_000, rng, hand)
            dots += new
            truth += told
        new, told, t_teacher = _grade(address, page, teacher_pen, t_teacher, rng, hand)
        per_page[address] = deliver(dots + new, rng, hand)
        truth += told
    return Session([d for page_dots in per_page.values() for d in page_dots], per_page, tuple(truth))
