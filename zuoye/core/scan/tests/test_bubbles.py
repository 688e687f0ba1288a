"""Stage bubbles: filled, empty, erased and crossed-out bubbles, and several filled."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from zuoye.core.layout import Page
from zuoye.core.scan.bubbles import bubble_read, choices_read
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.pipeline import OPTION_UNREAD, items_read
from zuoye.core.scan.decode import grey
from zuoye.core.scan.report import BubbleState, MarkKind, Status
from zuoye.core.scan.simulate import _Pen, bubbles_draw, page_draw

K = 6.0


def _read(page: Page, states: dict[str, BubbleState], seed: int) -> dict[str, BubbleState]:
    rng = np.random.default_rng(seed)
    item = page.items[1]  # multiple choice, A-D
    image = page_draw(page, K, rng)
    bubbles_draw(image, item, states, K, rng)
    reading = choices_read(grey(image), item, K)
    return {r.value: r.state for r in reading.bubbles}


def test_each_kind_of_pencil_work_is_told_apart(page: Page) -> None:
    states = {"A": BubbleState.FILLED, "B": BubbleState.ERASED, "C": BubbleState.CROSSED}
    for seed in range(5):
        seen = _read(page, states, seed)
        assert seen == {**states, "D": BubbleState.EMPTY}


def test_several_filled_are_all_reported(page: Page) -> None:
    rng = np.random.default_rng(9)
    item = page.items[0]
    image = page_draw(page, K, rng)
    bubbles_draw(image, item, {"A": BubbleState.FILLED, "C": BubbleState.FILLED}, K, rng)
    reading = choices_read(grey(image), item, K)
    assert reading.values == ("A", "C") and "2 filled" in reading.reason
    assert reading.confidence >= 0.8


def test_uneven_light_does_not_fill_bubbles(page: Page) -> None:
    rng = np.random.default_rng(10)
    item = page.items[0]
    image = grey(page_draw(page, K, rng)).astype(np.float32)
    image *= np.linspace(1.0, 0.55, image.shape[1], dtype=np.float32)[None, :]
    reading = choices_read(image.astype(np.uint8), item, K)
    assert reading.values == () and all(r.state is BubbleState.EMPTY for r in reading.bubbles)


@pytest.mark.parametrize(("width", "ink", "state"), [(0.4, (40, 40, 215), BubbleState.FILLED),
                                                     (0.9, (45, 55, 150), BubbleState.UNCLEAR)])
def test_a_bubble_under_red_pen_is_read_on_what_the_pen_leaves_visible(
        page: Page, width: float, ink: tuple[int, int, int], state: BubbleState) -> None:
    """A thin stroke leaves enough of the bubble to read; a thick cross right over it leaves
    too little: the cross decides the result (the teacher's mark wins over the key) and the
    option under it is recorded as unknown, never guessed."""
    rng = np.random.default_rng(9)
    k = DEFAULT_SCAN_CONFIG.px_per_mm
    item = page.items[1]
    image = page_draw(page, k, rng)
    bubbles_draw(image, item, {"B": BubbleState.FILLED}, k, rng)
    b = item.bubbles[1]
    pen = _Pen(image, k)
    for sign in (-1, 1):
        pen.polyline(np.array([[b.cx - 7, b.cy - 7 * sign], [b.cx + 7, b.cy + 7 * sign]]), ink, width)
    reading = {r.key: r for r in items_read(image, page)}[item.key]
    assert reading.choice is not None
    assert reading.choice.bubbles[1].state is state, reading.choice
    if state is BubbleState.UNCLEAR:
        assert (reading.mark, reading.status, reading.option_read) == (MarkKind.CROSS, Status.READ, False)
        assert OPTION_UNREAD in reading.reason
    else:
        assert reading.option_read


def test_the_upper_decile_is_numpys_percentile() -> None:
    from zuoye.core.scan.bubbles import _upper_decile

    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 10, 57, 400):
        values = rng.integers(0, 256, n).astype(np.uint8)
        assert _upper_decile(values) == pytest.approx(float(np.percentile(values, 90)))


def _lettered(page: Page, states: dict[str, BubbleState], seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Item 1 printed as the sheet PDF prints it, a letter inside each bubble (luma 150), and
    blurred as a phone photo blurs it; and the print mask of those letters."""
    rng = np.random.default_rng(seed)
    item = page.items[1]
    image = page_draw(page, K, rng)
    printed = np.zeros(image.shape[:2], np.uint8)
    for b in item.bubbles:
        at = (round((b.cx - 0.7) * K), round((b.cy + 0.7) * K))
        for canvas, ink in ((image, (150, 150, 150)), (printed, 255)):
            cv2.putText(canvas, b.value, at, cv2.FONT_HERSHEY_SIMPLEX, 0.1 * K, ink, max(1, round(0.3 * K)))
    bubbles_draw(image, item, states, K, rng)
    return cv2.GaussianBlur(grey(image), (5, 5), 1.5), printed


def test_the_letters_printed_in_the_bubbles_are_no_pencil_when_the_print_is_known(page: Page) -> None:
    states = {"B": BubbleState.FILLED}
    wrong_without = 0
    for seed in range(4):
        gray, printed = _lettered(page, states, seed)
        item = page.items[1]
        known = choices_read(gray, item, K, printed=printed)
        assert {r.value: r.state for r in known.bubbles} == {
            "A": BubbleState.EMPTY, "B": BubbleState.FILLED, "C": BubbleState.EMPTY, "D": BubbleState.EMPTY}
        assert known.confidence >= DEFAULT_SCAN_CONFIG.review_below
        unknown = choices_read(gray, item, K)
        wrong_without += any(r.state not in (BubbleState.EMPTY, BubbleState.FILLED) for r in unknown.bubbles)
    assert wrong_without  # the letters alone read as erasures without the print


def test_a_letter_too_big_to_look_past_is_read_with_it(page: Page) -> None:
    """When the print would leave too little of the middle in view, the bubble is read whole."""
    gray, _ = _lettered(page, {"A": BubbleState.FILLED}, 0)
    everything = np.full(gray.shape, 255, np.uint8)
    reading = choices_read(gray, page.items[1], K, printed=everything)
    assert reading.values == ("A",)


def test_ink_along_a_pen_stroke_through_a_bubble_is_no_cross_out_it_can_tell(page: Page) -> None:
    """Pencil along one diagonal of a bubble reads as crossed out; with the teacher's pen over
    a third of its middle beside that ink (what a blurred phone photo leaves of a filled bubble
    next to a tick's arm), the same ink is unclear, not a sure cross-out."""
    b = page.items[1].bubbles[1]
    gray = np.full((round(page.height * K), round(page.width * K)), 235, np.uint8)
    cx, cy, r = b.cx * K, b.cy * K, b.r * K
    cv2.circle(gray, (round(cx), round(cy)), round(r), 120, 1)  # the printed ring
    d = 0.8 * r
    cv2.line(gray, (round(cx - d), round(cy - d)), (round(cx + d), round(cy + d)), 70, 2)
    pen = np.zeros_like(gray)
    cv2.line(pen, (round(cx - d + r / 2), round(cy - d - r / 2)), (round(cx + d + r / 2), round(cy + d - r / 2)),
             255, round(r))
    middle = np.hypot(*np.mgrid[-round(r):round(r) + 1, -round(r):round(r) + 1]) <= DEFAULT_SCAN_CONFIG.bubble_core * r
    window = pen[round(cy) - round(r):round(cy) + round(r) + 1, round(cx) - round(r):round(cx) + round(r) + 1]
    assert np.mean(window[middle] > 0) > DEFAULT_SCAN_CONFIG.bubble_cross_pen_max  # the pen covers enough
    assert bubble_read(gray, b, K).state is BubbleState.CROSSED
    under_pen = bubble_read(gray, b, K, hidden=pen)
    assert (under_pen.state, under_pen.confidence) == (BubbleState.UNCLEAR, 0.0)
