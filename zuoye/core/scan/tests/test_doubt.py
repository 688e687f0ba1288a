"""Doubt is sent to review, never guessed (issue 4: no wrong read above the threshold).

Greyscale scans lose pen ink where the printed template is masked, so readings resting on one
shape feature are capped below the threshold there; an item under a doubtful mark of another
item, or with much ink no mark explains over its grading area (grey), is not read as unmarked.
"""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
import pytest

import zuoye.core.scan.pipeline as pipeline
from zuoye.core.layout import Page, Rect
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.pipeline import ItemResult, _marked, items_read
from zuoye.core.scan.bubbles import BubbleReading, ChoiceReading
from zuoye.core.scan.redpen import PenMark, marks_and_ink, marks_classify, red_ink
from zuoye.core.scan.report import BubbleState, MarkKind, Status
from zuoye.core.scan.simulate import _Pen, bubbles_draw, page_draw
from zuoye.core.scan.vote import Crowding, mark_vote

K = DEFAULT_SCAN_CONFIG.px_per_mm
RED = (40, 40, 215)
CAP = DEFAULT_SCAN_CONFIG.disagreement_confidence


def _piece(points: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    image = np.full((120, 120, 3), 255, np.uint8)
    pen = _Pen(image, K)
    for p in points:
        pen.polyline(p, RED, 0.6)
    ink = red_ink(image)
    size = round(DEFAULT_SCAN_CONFIG.stroke_join_mm * K) | 1
    blob = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    return ink, blob


def _arc(degrees: float) -> np.ndarray:
    t = np.radians(np.linspace(20, 20 + degrees, 60))
    return np.stack([15 + 6 * np.cos(t), 15 + 6 * np.sin(t)], axis=1)


def test_an_open_loop_is_a_sure_circle_in_colour_and_review_in_grey() -> None:
    ink, blob = _piece([_arc(290)])
    colour = marks_classify(ink, blob, (0, 0), K)
    grey = marks_classify(ink, blob, (0, 0), K, grey=True)
    assert [r[0] for r in colour] == [MarkKind.CIRCLE] and colour[0][2] >= DEFAULT_SCAN_CONFIG.review_below
    assert [r[0] for r in grey] == [MarkKind.CIRCLE] and grey[0][2] <= CAP, grey[0][3]


def test_a_cross_both_readings_confirm_stays_sure_in_grey() -> None:
    ink, blob = _piece([np.array([[8.0, 8.0], [22.0, 22.0]]), np.array([[22.0, 8.0], [8.0, 22.0]])])
    grey = marks_classify(ink, blob, (0, 0), K, grey=True)
    assert [r[0] for r in grey] == [MarkKind.CROSS], [r[3] for r in grey]
    assert grey[0][2] >= DEFAULT_SCAN_CONFIG.review_below, grey[0][3]


def test_two_strokes_crossing_without_a_down_stroke_are_review_in_grey() -> None:
    """A wide half tick whose down stroke was masked away looks like two strokes crossing."""
    ink, blob = _piece([np.array([[4.0, 24.0], [30.0, 12.0]]), np.array([[12.0, 4.0], [21.0, 30.0]])])
    colour = marks_classify(ink, blob, (0, 0), K)
    grey = marks_classify(ink, blob, (0, 0), K, grey=True)
    assert colour[0][0] is MarkKind.CROSS and grey[0][0] is MarkKind.CROSS, [r[3] for r in colour]
    assert grey[0][2] <= CAP < colour[0][2], (grey[0][3], colour[0][3])


def test_unmarked_with_much_loose_ink_over_the_grading_area_is_review_in_grey(page: Page) -> None:
    item = page.items[2]
    colour = _marked(item, None, [], [], 0.0, DEFAULT_SCAN_CONFIG)
    grey_clean = _marked(item, None, [], [], 0.0, DEFAULT_SCAN_CONFIG, grading_mm2=1.0)
    grey_inky = _marked(item, None, [], [], 0.0, DEFAULT_SCAN_CONFIG,
                        grading_mm2=DEFAULT_SCAN_CONFIG.grey_loose_grading_max_mm2 + 1)
    assert colour.status is Status.READ and grey_clean.status is Status.READ
    assert grey_inky.status is Status.REVIEW and "greyscale" in grey_inky.reason
    # a faint dashed cross the rules lost left 7.4 mm² there; unmarked items' specks stay under 7
    faint = _marked(item, None, [], [], 2.3, DEFAULT_SCAN_CONFIG, grading_mm2=7.4)
    assert faint.status is Status.REVIEW


def test_unmarked_with_a_bubble_crossed_through_is_review_in_grey_only(page: Page) -> None:
    """On grey a tick whose turning point was lost with the masked print leaves only its arm,
    which the bubble reader sees as a cross-out."""
    item = page.items[0]
    crossed = ChoiceReading((), tuple(BubbleReading(b.value, BubbleState.CROSSED if i == 1 else BubbleState.EMPTY,
                                                    0.1, 1.0) for i, b in enumerate(item.bubbles)), 1.0, "crossed B")
    colour = _marked(item, crossed, [], [], 0.0, DEFAULT_SCAN_CONFIG)
    grey = _marked(item, crossed, [], [], 0.0, DEFAULT_SCAN_CONFIG, grading_mm2=1.0)
    assert (colour.mark, colour.status) == (MarkKind.NOTHING, Status.READ)
    assert grey.status is Status.REVIEW and "crossed through" in grey.reason


@pytest.mark.parametrize(("confidence", "status"), [(0.5, Status.REVIEW), (1.0, Status.READ)])
def test_an_item_under_a_doubtful_mark_of_another_item_is_not_read_as_unmarked(
        page: Page, monkeypatch: pytest.MonkeyPatch, confidence: float, status: Status) -> None:
    """A cross merged with the tick above it can come back as one doubtful tick turning in the
    next item: the item it covers must not be read, surely, as unmarked."""
    upper, lower = page.items[1], page.items[2]
    turn = (lower.answer.x + 5, lower.grading.y + 2)
    box = Rect(lower.answer.x, upper.grading.y + 4, 20.0, turn[1] - upper.grading.y - 4)
    mark = PenMark(MarkKind.TICK, turn, box, confidence, "test")
    monkeypatch.setattr(pipeline, "marks_and_ink",
                        lambda image, *a, **kw: ((mark,), np.zeros(image.shape[:2], np.uint8)))
    image = page_draw(page, K, np.random.default_rng(0))
    items = {r.key: r for r in items_read(image, page)}
    assert items[upper.key].status is status, items[upper.key].reason
    if status is Status.REVIEW:  # the rules propose nothing; the mark network may propose its reading
        assert items[upper.key].mark is not MarkKind.NOTHING and "in doubt" in items[upper.key].reason
    else:
        assert items[upper.key].mark is MarkKind.NOTHING


def _stroke_piece(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    image = np.full((200, 320, 3), 255, np.uint8)
    _Pen(image, K).polyline(points, RED, 0.6)
    ink = red_ink(image)
    size = round(DEFAULT_SCAN_CONFIG.stroke_join_mm * K) | 1
    return ink, cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))


def test_two_ticks_end_to_end_are_not_read_as_one_sure_tick() -> None:
    """The long arm of one tick ends on another tick's turning point: one piece, one arm that
    dips. Read as a single sure tick, the second item would lose its mark."""
    one = np.array([[5.0, 30.0], [8.0, 36.0], [35.0, 24.0]])
    two = np.array([[5.0, 30.0], [8.0, 36.0], [35.0, 24.0], [38.0, 28.0], [70.0, 12.0]])
    single = marks_classify(*_stroke_piece(one), (0, 0), K)
    double = marks_classify(*_stroke_piece(two), (0, 0), K)
    assert [r[0] for r in single] == [MarkKind.TICK] and single[0][2] >= DEFAULT_SCAN_CONFIG.review_below
    assert double[0][0] is MarkKind.TICK and double[0][2] < DEFAULT_SCAN_CONFIG.review_below, double[0][3]
    assert "dips" in double[0][3]


def test_grey_pencil_fills_are_not_loose_pen_ink(page: Page) -> None:
    """The grey ink plane finds paper only within a few mm, so the rim inside a pencil-filled
    bubble reads as ink; unmarked items with a filled bubble must still read as unmarked, not
    go to review for "pen ink over the answer"."""
    rng = np.random.default_rng(3)
    image = page_draw(page, K, rng)
    choice_items = [item for item in page.items if item.bubbles]
    for item in choice_items:
        bubbles_draw(image, item, {item.bubbles[-1].value: BubbleState.FILLED}, K, rng)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    _, ink = marks_and_ink(gray, page, K, DEFAULT_SCAN_CONFIG, colour=False)
    rims = [cv2.countNonZero(ink[round(i.answer.y * K):round(i.answer.bottom * K),
                                 round(i.answer.x * K):round(i.answer.right * K)]) / K ** 2 for i in choice_items]
    assert max(rims) >= DEFAULT_SCAN_CONFIG.loose_ink_max_mm2  # what the test is about is there
    items = {r.key: r for r in items_read(gray, page)}
    for item in choice_items:
        read = items[item.key]
        assert (read.mark, read.status) == (MarkKind.NOTHING, Status.READ), read.reason
        assert read.choice is not None and read.choice.values == (item.bubbles[-1].value,)


def test_a_little_ink_off_a_grey_ticks_arm_may_be_a_masked_slash() -> None:
    """A half tick's slash drawn along a printed line is masked with it on greyscale: what is
    left (here 1.2 mm², below a slash's 2 mm²) sends the tick to review there, not on colour."""
    tick = np.array([[5.0, 30.0], [8.0, 36.0], [35.0, 24.0]])
    ink, _ = _stroke_piece(tick)
    x, y = round((8 + 0.6 * 27) * K), round((36 - 0.6 * 12 - 3) * K)
    ink[y:y + 5, x:x + 4] = 255  # 4 × 5 px above the arm's middle
    size = round(DEFAULT_SCAN_CONFIG.stroke_join_mm * K) | 1
    blob = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    colour, grey = marks_classify(ink, blob, (0, 0), K), marks_classify(ink, blob, (0, 0), K, grey=True)
    assert [r[0] for r in colour] == [MarkKind.TICK] and colour[0][2] >= DEFAULT_SCAN_CONFIG.review_below
    assert [r[0] for r in grey] == [MarkKind.TICK] and grey[0][2] <= CAP and "masked" in grey[0][3]


def _stray_over(page: Page, item_index: int, reach_next: bool) -> PenMark:
    """A doubtful mark turning just above item ``item_index``'s grading area (in no item), its
    box over that item only, or reaching into the next item too."""
    item, after = page.items[item_index], page.items[item_index + 1]
    top = item.grading.y - 2
    bottom = after.grading.y + 3 if reach_next else item.grading.bottom - 1
    return PenMark(MarkKind.TICK, (item.answer.x + 3, top + 1), Rect(item.answer.x, top, 18.0, bottom - top),
                   0.5, "test")


@pytest.mark.parametrize(("reach_next", "lone"), [(False, True), (True, False)])
def test_a_lone_stray_mark_over_one_item_only_is_that_items_mark(page: Page, reach_next: bool, lone: bool) -> None:
    index = 2
    mark = _stray_over(page, index, reach_next)
    assert not any(i.grading.contains_point(*mark.turning_point) for i in page.items)
    assert pipeline._lone_stray(page.items[index], [], [mark], page) is lone
    assert not pipeline._lone_stray(page.items[index], [], [mark, mark], page)


def test_a_stray_mark_ending_just_short_of_the_next_item_is_lone_only_without_reach(page: Page) -> None:
    """Colour reading asks for ``stroke_join_mm`` of room (``reach``): a circle joined to a stroke
    of the next item's cross ended 0.45 mm short of that item's area."""
    index = 2
    item, after = page.items[index], page.items[index + 1]
    top = item.grading.y - 2
    mark = PenMark(MarkKind.TICK, (item.answer.x + 3, top + 1),
                   Rect(item.answer.x, top, 18.0, after.grading.y - 0.45 - top), 0.5, "test")
    assert not after.grading.intersects(mark.box)
    assert pipeline._lone_stray(item, [], [mark], page)
    assert not pipeline._lone_stray(item, [], [mark], page, DEFAULT_SCAN_CONFIG.stroke_join_mm)


def test_on_grey_a_sure_network_reads_the_lone_stray_mark_over_an_item() -> None:
    """The cross over the bubbles that masking cut into a doubtful "tick" turning outside every
    grading area: 274 such items read right in 274 on ten grey page sets (p >= 0.999)."""
    cfg = DEFAULT_SCAN_CONFIG
    unsure = ItemResult("q3", None, MarkKind.UNKNOWN, 0.0, Status.REVIEW, "a mark over it turns in no item")
    over, lone = Crowding(overlaid=True, crowded=True), Crowding(overlaid=True, crowded=True, lone_stray=True)
    assert mark_vote(unsure, None, (MarkKind.CROSS, 0.9995), cfg, over, colour=False).status is Status.REVIEW
    settled = mark_vote(unsure, None, (MarkKind.CROSS, 0.9995), cfg, lone, colour=False)
    assert (settled.mark, settled.status) == (MarkKind.CROSS, Status.READ)
    # the network reading no mark under it does not settle it: the mark is there
    nothing = mark_vote(unsure, None, (MarkKind.NOTHING, 0.9999), cfg, lone, colour=False)
    assert nothing.status is Status.REVIEW


def _loose_item(page: Page, ring: bool) -> tuple[ItemResult, np.ndarray]:
    """Item 3 in review for pen ink that no mark holds; ``ring``: that ink is a circle round its
    answer broken into four arcs (as the masked box edges leave one on greyscale)."""
    item = page.items[2]
    ink = np.zeros((round(page.height * K), round(page.width * K)), np.uint8)
    if ring:
        cx, cy = item.answer.centre
        for start in (10, 100, 190, 280):
            cv2.ellipse(ink, (round(cx * K), round(cy * K)), (round(9 * K), round(6 * K)), 0, start, start + 70, 255, 3)
    result = _marked(item, None, [], [], 30.0, DEFAULT_SCAN_CONFIG)
    return result, ink


def test_ink_no_mark_holds_is_proposed_as_the_networks_reading_but_stays_in_review(page: Page) -> None:
    result, ink = _loose_item(page, ring=True)
    assert result.reason.startswith(pipeline.LOOSE_INK) and result.mark is MarkKind.UNKNOWN
    proposed = pipeline.loose_proposed(result, page.items[2], ink, ink, [], K, True, None)
    assert (proposed.mark, proposed.status, proposed.confidence) == (MarkKind.CIRCLE, Status.REVIEW, 0.0)
    assert "the mark network reads circle" in proposed.reason and "in that ink" in proposed.reason
    # a reading below model_loose_propose (here, any) proposes nothing: unmarked items' ink read so
    unsure = dataclasses.replace(DEFAULT_SCAN_CONFIG, model_loose_propose=1.01)
    assert pipeline.loose_proposed(result, page.items[2], ink, ink, [], K, True, None, unsure) == result
    empty_result, empty = _loose_item(page, ring=False)
    assert pipeline.loose_proposed(empty_result, page.items[2], empty, empty, [], K, True, None) == empty_result
