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

from zuoye.core.ink import Dot, NcodeAddress
from zuoye.core.ink.session import Truth, deliver, page_answer, page_grade
from zuoye.core.ink.simulate import DEFAULT_HAND, HandConfig, Rng
from zuoye.core.layout import ItemRegion, Page


@dataclass(frozen=True, eq=False)
class Session:
    dots: list[Dot]  # as delivered: lost, repeated and late dots included
    per_page: dict[NcodeAddress, list[Dot]]  # as delivered, page by page in grading order
    truth: tuple[Truth, ...]


def _score(item: ItemRegion, rng: Rng) -> str:
    """A score within the item's points: what it earned, or points off ("-2")."""
    top = max(1, int(item.points or 10))
    return "-" + str(int(rng.integers(1, min(top, 9) + 1))) if rng.random() < 0.3 else str(int(rng.integers(0, top + 1)))


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
            new, told = page_answer(address, page, pen, t_teacher - 3_600_000 + n * 7_000, rng, hand)
            dots += new
            truth += told
        new, told, t_teacher = page_grade(address, page, teacher_pen, t_teacher, rng, hand, _score)
        per_page[address] = deliver(dots + new, rng, hand)
        truth += told
    return Session([d for page_dots in per_page.values() for d in page_dots], per_page, tuple(truth))
