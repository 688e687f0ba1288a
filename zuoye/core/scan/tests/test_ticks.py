"""A tick's anatomy: turning point, arm, and the ink off it (a slash, another mark, nothing).

Each test draws marks with the simulator's own strokes onto a blank page at the pipeline's
resolution and checks what ``marks_find`` makes of them, in particular where marks touch: a
long tick running over the mark of the item above must give both marks, each in its own item.
"""

from __future__ import annotations

import numpy as np
import pytest

from zuoye.core.layout import Page
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.pipeline import items_read
from zuoye.core.scan.redpen import marks_find, red_ink
from zuoye.core.scan.report import MarkKind, Status
from zuoye.core.scan.simulate import _Pen, _tick, mark_draw, page_draw
from zuoye.core.scan.ticks import off_arm_read, tick_anatomy

K = DEFAULT_SCAN_CONFIG.px_per_mm
RED = (40, 40, 215)


def _ink(points: np.ndarray) -> np.ndarray:
    image = np.full((300, 400, 3), 255, np.uint8)
    _Pen(image, K).polyline(points, RED, 0.6)
    return red_ink(image)


def test_the_turning_point_is_the_first_low_point_not_a_lower_slash() -> None:
    rng = np.random.default_rng(1)
    tick = _tick(20.0, 50.0, rng, (30, 31))[0]
    ink = _ink(tick)
    anatomy = tick_anatomy(ink[:, :], K)
    assert anatomy is not None
    assert abs(anatomy.vertex[0] / K - 20.0) < 1.0 and abs(anatomy.vertex[1] / K - 50.0) < 1.0
    assert off_arm_read(anatomy, K).verdict == "none"
    assert anatomy.down / K > DEFAULT_SCAN_CONFIG.tick_down_min_mm


def test_a_straight_stroke_without_a_down_stroke_is_a_bare_arm() -> None:
    ink = _ink(np.array([[10.0, 60.0], [50.0, 40.0]]))
    anatomy = tick_anatomy(ink, K)
    assert anatomy is not None and anatomy.down / K < DEFAULT_SCAN_CONFIG.tick_down_min_mm


@pytest.mark.parametrize("seed", range(6))
def test_half_ticks_and_crosses_are_told_apart_by_the_down_stroke(page: Page, seed: int) -> None:
    for kind in (MarkKind.HALF, MarkKind.CROSS):
        rng = np.random.default_rng(seed)
        image = page_draw(page, K, rng)
        mark_draw(image, page.items[4], kind, K, rng)
        found = marks_find(image, page, K)
        assert [m.kind for m in found] == [kind], [m.reason for m in found]


def _tick_into_the_item_above(page: Page, above: MarkKind, seed: int) -> np.ndarray:
    """Item 3 (true/false) gets a long tick whose arm runs into item 2's mark."""
    rng = np.random.default_rng(seed)
    image = page_draw(page, K, rng)
    mark_draw(image, page.items[1], above, K, rng)
    low = page.items[2].answer
    x, y = low.x + 3.0, low.y + low.h * 0.6
    target_x, target_y = page.items[1].answer.x + page.items[1].answer.w * 0.45, page.items[1].answer.centre[1]
    length = float(np.hypot(target_x - x, target_y - y)) + 12.0
    angle = float(np.degrees(np.arctan2(y - target_y, target_x - x)))
    pen = _Pen(image, K)
    short = np.array([[x - 2.0, y - 6.0], [x, y]])
    arm = np.array([[x, y], [x + length * np.cos(np.radians(angle)), y - length * np.sin(np.radians(angle))]])
    pen.polyline(np.vstack([short, arm[1:]]), RED, 0.6)
    return image


@pytest.mark.parametrize("above", [MarkKind.CROSS, MarkKind.CIRCLE, MarkKind.TICK])
def test_a_tick_running_into_the_mark_above_leaves_both_marks_in_their_items(page: Page, above: MarkKind) -> None:
    image = _tick_into_the_item_above(page, above, 5)
    items = {r.key: r for r in items_read(image, page)}
    low, high = items[page.items[2].key], items[page.items[1].key]
    # The rules read the tick; the mark network may take the neighbour's stroke across its arm
    # for a half tick's slash and propose that, but only for the teacher to decide.
    assert low.mark is MarkKind.TICK or (low.status is Status.REVIEW and "mark tick (" in low.reason), low.reason
    assert high.mark is above or high.status is Status.REVIEW, high.reason
    assert high.mark is not MarkKind.NOTHING


def test_a_mark_turning_between_items_sends_the_items_under_it_to_review(page: Page) -> None:
    rng = np.random.default_rng(3)
    image = page_draw(page, K, rng)
    gap_y = (page.items[2].grading.bottom + page.items[3].grading.y) / 2
    pen = _Pen(image, K)
    x = page.items[3].answer.x + 10
    pen.polyline(np.array([[x - 6, gap_y - 6], [x + 6, gap_y + 6]]), RED, 0.6)
    pen.polyline(np.array([[x + 6, gap_y - 6], [x - 6, gap_y + 6]]), RED, 0.6)
    items = {r.key: r for r in items_read(image, page)}
    for item in (page.items[2], page.items[3]):
        assert items[item.key].status is Status.REVIEW and "turns in no item" in items[item.key].reason
