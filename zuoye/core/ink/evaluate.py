"""Scoring readings against the simulator's truth: right, wrong above threshold, sent to review.

Shared by the tests and ``benchmarks/pen.py`` so both count the same way. A truth is *right*
when its (page, pen, item) has exactly one reading of its kind with its value, or exactly one
such reading outside review. Every reading outside review whose value is not the truth's (or
that has no truth at all) is *wrong above threshold*: the figure that must stay 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zuoye.core.ink.read import Reading, SessionReading
from zuoye.core.ink.session import Truth


@dataclass(frozen=True)
class Score:
    marks: int
    right: int
    wrong_confident: int     # readings not sent to review whose value is wrong: must be 0
    to_review: int           # truths with a reading in review (right or not)
    missed: int              # truths with no reading at their item (e.g. assigned to a neighbour, in review there)
    extra: int               # readings with no truth behind them

    @property
    def right_share(self) -> float:
        return self.right / self.marks if self.marks else 1.0

    @property
    def review_share(self) -> float:
        return self.to_review / self.marks if self.marks else 0.0


def score(truth: Sequence[Truth], result: SessionReading) -> Score:
    got: dict[tuple[object, ...], list[Reading]] = {}
    for address, pen, page in result.pages:
        for r in page.readings:
            got.setdefault((address, pen, r.item_key, r.kind), []).append(r)
    right = wrong = review = missed = 0
    for t in truth:
        readings = got.pop((t.address, t.pen, t.item_key, t.kind), [])
        sure = [r for r in readings if not r.review]
        right += (len(readings) == 1 and readings[0].value == t.value) or [r.value for r in sure] == [t.value]
        review += any(r.review for r in readings)
        wrong += sum(r.value != t.value for r in sure)
        missed += not readings
    leftover = [r for rs in got.values() for r in rs]
    wrong += sum(not r.review for r in leftover)
    return Score(len(truth), right, wrong, review, missed, len(leftover))
