"""Score digits in an item's score box, read by shape against the pen core's digit templates."""

from __future__ import annotations

import numpy as np

from zuoye.core.layout import Page, SheetSet
from zuoye.core.scan.pipeline import lookup_from, page_read
from zuoye.core.scan.report import MarkKind, Status
from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_fill

SCORES = ("8", "-2", "6", "10", "-1", "3", "5", "-4", "9", "7", "0", "2")


def test_points_in_the_score_box_are_read_and_never_wrong_and_sure(layout: SheetSet, page: Page) -> None:
    item = next(i for i in page.items if i.score_box is not None)
    right = wrong_sure = 0
    for seed, text in enumerate(SCORES * 2):
        rng = np.random.default_rng(seed)
        work = PageWork(marks={item.key: MarkKind.TICK}, scores={item.key: text})
        scan = page_degrade(page_fill(page, work, 200 / 25.4, rng),
                            Degradation(angle=float(rng.uniform(-3, 3)), jpeg_quality=80, noise=2), rng)
        result = next(r for r in page_read(scan, lookup_from([layout])).items if r.key == item.key)
        right += result.score_text == text
        wrong_sure += result.score_text != text and result.status is Status.READ
        assert result.mark is MarkKind.TICK or result.status is Status.REVIEW  # digits are not marks
    assert right >= 0.9 * len(SCORES) * 2
    assert wrong_sure == 0


def test_items_without_points_written_have_no_score_text(layout: SheetSet, page: Page) -> None:
    rng = np.random.default_rng(4)
    result = page_read(page_fill(page, PageWork(), 150 / 25.4, rng), lookup_from([layout]))
    assert all(r.score_text == "" for r in result.items)
