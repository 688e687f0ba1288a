"""A small assignment laid out without typst (a fake stem measurer), and simulated work on it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from zuoye.core.layout import ItemKind, ItemSpec, Page, SheetHeader, SheetSet, SheetSpec, sheet_set_layout
from zuoye.core.layout.spec import Stem
from zuoye.core.scan.report import BubbleState, MarkKind
from zuoye.core.scan.simulate import PageWork

HEADER = SheetHeader(school="城关第二小学", class_label="三年级(2)班", title="分数的初步认识",
                     subject="数学", date="2026年3月2日")
MARK_KINDS = (MarkKind.TICK, MarkKind.TICK, MarkKind.TICK, MarkKind.CROSS, MarkKind.CIRCLE, MarkKind.HALF,
              MarkKind.NOTHING)


def _measure(stems: Sequence[Stem]) -> list[float]:
    return [5.0 * (1 + len(stem.markup) // 40) for stem in stems]


def items() -> tuple[ItemSpec, ...]:
    return (
        ItemSpec("q1", "1", ItemKind.SINGLE_CHOICE, "把一个蛋糕平均分成 4 份，每份是它的（　）。",
                 options=("1/2", "1/3", "1/4", "1/5"), points=2),
        ItemSpec("q2", "2", ItemKind.MULTIPLE_CHOICE, "下面哪些分数与 1/2 相等？",
                 options=("2/4", "3/5", "4/8", "5/10"), points=3),
        ItemSpec("q3", "3", ItemKind.TRUE_FALSE, "2/5 + 1/5 = 3/5", points=1),
        ItemSpec("q4", "4", ItemKind.FILL_IN, "填空：3/4 里面有（　）个 1/4。", blanks=2, points=2),
        ItemSpec("q5", "5", ItemKind.WORKED, "计算：5/9 + 2/9", answer_height_mm=35, points=6),
        ItemSpec("q6", "6", ItemKind.SINGLE_CHOICE, "下面哪个分数最大？",
                 options=("3/8", "5/8", "1/8", "7/8"), points=2),
    )


def sheet_set(assignment_id: int = 42, students: Sequence[int] = (101,)) -> SheetSet:
    spec = SheetSpec(assignment_id=assignment_id, header=HEADER, items=items())
    markup = {item.key: item.stem for item in spec.items if item.stem}
    return sheet_set_layout(spec, list(students), markup=markup, measure=_measure)


def random_work(page: Page, rng: np.random.Generator) -> PageWork:
    """Each choice item gets one or two filled bubbles, sometimes an erasure; every item a mark."""
    bubbles: dict[str, dict[str, BubbleState]] = {}
    for item in page.items:
        if not item.bubbles:
            continue
        values = [b.value for b in item.bubbles]
        chosen = rng.choice(values, size=1 + int(rng.random() < 0.3), replace=False)
        states = {str(v): BubbleState.FILLED for v in chosen}
        rest = [v for v in values if v not in states]
        if rest and rng.random() < 0.4:
            states[rest[0]] = BubbleState.ERASED
        bubbles[item.key] = states
    marks = {item.key: MARK_KINDS[int(rng.integers(len(MARK_KINDS)))] for item in page.items}
    return PageWork(bubbles, marks)
