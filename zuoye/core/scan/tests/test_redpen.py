"""Stage red pen: each kind of teacher mark, in colour and in grey, and the item it belongs to."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from zuoye.core.layout import Page, Rect
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.redpen import CORNERS, PenMark, _spill_checked, grey_planes, is_colour, marks_find, print_mask
from zuoye.core.scan.report import MarkKind
from zuoye.core.scan.simulate import mark_draw, page_draw

K = 6.0
KINDS = (MarkKind.TICK, MarkKind.CROSS, MarkKind.CIRCLE, MarkKind.HALF)


def _marked(page: Page, kind: MarkKind, item_index: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = page_draw(page, K, rng)
    mark_draw(image, page.items[item_index], kind, K, rng)
    return image


def _accuracy(page: Page, grey: bool, seeds: range) -> float:
    right = total = 0
    for kind in KINDS:
        for seed in seeds:
            image = _marked(page, kind, 4, seed)  # the worked item: room for long ticks
            if grey:
                image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
            found = marks_find(image, page, K)
            total += 1
            right += len(found) == 1 and found[0].kind is kind and page.items[4].grading.contains_point(
                *found[0].turning_point)
    return right / total


def test_colour_marks_are_classified_by_shape_and_placed_by_turning_point(page: Page) -> None:
    assert _accuracy(page, grey=False, seeds=range(8)) >= 0.9


def test_greyscale_marks_are_read_by_shape_without_colour(page: Page) -> None:
    assert _accuracy(page, grey=True, seeds=range(8)) >= 0.75


def test_a_page_without_red_has_no_marks(page: Page) -> None:
    rng = np.random.default_rng(1)
    image = page_draw(page, K, rng)
    assert marks_find(image, page, K) == ()
    assert marks_find(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), page, K) == ()


@pytest.mark.parametrize("kind", KINDS)
def test_a_tick_spilling_over_the_next_item_still_belongs_to_its_own(page: Page, kind: MarkKind) -> None:
    image = _marked(page, kind, 0, 3)
    found = marks_find(image, page, K)
    assert [m.kind for m in found] == [kind]
    assert page.items[0].grading.contains_point(*found[0].turning_point)


def test_colour_is_told_from_grey_scans_saved_as_rgb(page: Page) -> None:
    image = _marked(page, MarkKind.TICK, 4, 2)
    assert is_colour(image)
    assert not is_colour(cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR))


def _corners_cross(page: Page, lower: Rect, upper_share: float) -> tuple[PenMark, np.ndarray]:
    """A cross read from its corners turning in item 1's grading area, its box reaching up into
    item 0's, with ``upper_share`` of its ink there; the ink as a page mask (pixels at ``K``)."""
    ink = np.zeros((round(page.height * K), round(page.width * K)), np.uint8)
    above = page.items[0].grading
    box = Rect(lower.x + 2, above.bottom - 6, 16, lower.y - above.bottom + 14)
    x0, x1 = round(box.x * K), round(box.right * K)
    ink[round((lower.y + 2) * K):round((lower.y + 8) * K), x0:x1] = 255  # 6 mm of rows in item 1
    rows = round(6 * K * upper_share / (1 - upper_share))
    ink[round(above.bottom * K) - rows:round(above.bottom * K), x0:x1] = 255  # the rest in item 0
    mark = PenMark(MarkKind.CROSS, (box.x + 8, lower.y + 5), box, 1.0, f"{CORNERS} (0.12); as strokes: tick 0.50")
    return mark, ink


def test_a_corners_cross_with_much_ink_over_another_item_is_two_marks_joined_in_doubt(page: Page) -> None:
    lower = page.items[1].grading
    mark, ink = _corners_cross(page, lower, 0.4)
    assert lower.contains_point(*mark.turning_point)
    checked = _spill_checked(mark, page, ink, K, DEFAULT_SCAN_CONFIG)
    assert checked.confidence <= DEFAULT_SCAN_CONFIG.disagreement_confidence < DEFAULT_SCAN_CONFIG.review_below
    assert f"over {page.items[0].key}" in checked.reason


def test_a_cross_spilling_a_little_over_the_next_item_stays_sure(page: Page) -> None:
    mark, ink = _corners_cross(page, page.items[1].grading, 0.15)
    assert _spill_checked(mark, page, ink, K, DEFAULT_SCAN_CONFIG) == mark


def test_only_crosses_read_from_their_corners_are_checked_for_spill(page: Page) -> None:
    mark, ink = _corners_cross(page, page.items[1].grading, 0.5)
    tick = PenMark(MarkKind.TICK, mark.turning_point, mark.box, 1.0, "0.0 mm² off the arm")
    by_strokes = PenMark(MarkKind.CROSS, mark.turning_point, mark.box, 1.0, "two strokes crossing")
    assert _spill_checked(tick, page, ink, K, DEFAULT_SCAN_CONFIG) == tick
    assert _spill_checked(by_strokes, page, ink, K, DEFAULT_SCAN_CONFIG) == by_strokes


def test_the_print_mask_keeps_thin_grey_text_and_drops_the_dropout_grey(page: Page) -> None:
    """At twice the reading scale, a stroke one fine pixel wide (small grey text) is print; the
    dropout grey of the words inside answer boxes is not; the mask comes at the reading scale."""
    k = DEFAULT_SCAN_CONFIG.px_per_mm
    raster = np.full((round(page.height * 2 * k), round(page.width * 2 * k)), 255, np.uint8)
    raster[400, 100:300] = 150  # a hairline of small grey text
    raster[600:604, 100:300] = 200  # words in dropout grey (LayoutConfig.corner_luma 195)
    mask = print_mask(raster, page)
    assert mask.shape == (round(page.height * k), round(page.width * k))
    assert mask[200, 50:150].all() and not mask[300:302, 50:150].any()
    assert not mask[100].any()


def test_with_the_print_known_a_dark_pen_stroke_is_ink_and_print_the_layout_misses_is_not(page: Page) -> None:
    k = DEFAULT_SCAN_CONFIG.px_per_mm
    gray = np.full((round(page.height * k), round(page.width * k)), 245, np.uint8)
    below = page.items[0].grading
    y, x0, x1 = round((below.y + 3) * k), round((below.x + 20) * k), round((below.x + 60) * k)
    gray[y:y + 3, x0:x1] = 40  # a stroke of the darkest red ink, as grey
    gray[y + 20:y + 22, x0:x1] = 120  # print the layout has no rectangle for (a rule, a label)
    printed = np.zeros(gray.shape, np.uint8)
    printed[y + 20:y + 22, x0:x1] = 255
    guessed, _ = grey_planes(gray, page, k)
    known, unseen = grey_planes(gray, page, k, printed=printed)
    assert not guessed[y + 1, x0 + 10:x1 - 10].any()  # darker than grey_print_level: taken for print
    assert guessed[y + 21, x0 + 10:x1 - 10].all()  # lighter print: taken for pen
    assert known[y + 1, x0 + 10:x1 - 10].all() and not known[y + 21, x0:x1].any()
    assert unseen[y + 21, x0:x1].all()


def _line(image: np.ndarray, a: tuple[float, float], b: tuple[float, float]) -> None:
    cv2.line(image, (round(a[0] * K), round(a[1] * K)), (round(b[0] * K), round(b[1] * K)), (40, 40, 215),
             max(1, round(0.6 * K)), cv2.LINE_AA)


@pytest.mark.parametrize("apart", [True, False])
def test_a_bare_arm_continues_a_mark_only_next_to_its_ink(page: Page, apart: bool) -> None:
    """A tick in the second item whose long arm rises across the first spans a box holding part of
    the first; a stroke with no down stroke (a bare arm) starting there, far from the arm's ink,
    is the first item's own mark, not the rest of that arm. Starting at the arm's end, it is."""
    first, second = page.items[0].grading, page.items[1].grading
    turn = (second.x + 40, second.y + second.h / 2)
    top = (turn[0] + 70, first.y + 4)
    image = page_draw(page, K, np.random.default_rng(2))
    _line(image, (turn[0] - 4, turn[1] - 5), turn)
    _line(image, turn, top)
    start = (turn[0] + 8, first.bottom - 4) if apart else (top[0] + 2, top[1] + 1)
    _line(image, start, (start[0] + 30, start[1] - 3))
    arm = np.array(top) - np.array(turn)
    along = np.clip(np.dot(np.array(start) - np.array(turn), arm) / np.dot(arm, arm), 0, 1)
    gap = float(np.hypot(*(np.array(start) - (np.array(turn) + along * arm))))
    assert (gap > DEFAULT_SCAN_CONFIG.bare_arm_join_mm) == apart  # the case drawn is the case meant
    found = marks_find(image, page, K)
    ticks = [m for m in found if second.contains_point(*m.turning_point)]
    assert [m.kind for m in ticks] == [MarkKind.TICK]
    own = [m for m in found if first.contains_point(*m.turning_point)]
    assert len(own) == (1 if apart else 0), found
