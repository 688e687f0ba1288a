"""Stage red pen: each kind of teacher mark, in colour and in grey, and the item it belongs to."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from zuoye.core.layout import Page
from zuoye.core.scan.redpen import is_colour, marks_find
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
