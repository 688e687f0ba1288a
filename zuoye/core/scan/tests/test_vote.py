"""The vote of the rules and the mark network on each item (``vote``): when the network
settles the rules' doubt, when it sends a sure rule reading to review, and what the queue
proposes when neither settles it."""

from __future__ import annotations

import dataclasses

import pytest

from zuoye.core.layout import Rect
from zuoye.core.scan import DEFAULT_SCAN_CONFIG, Status
from zuoye.core.scan.bubbles import BubbleReading, ChoiceReading
from zuoye.core.scan.config import ScanConfig
from zuoye.core.scan.redpen import CLOSED_LOOP, OPEN_LOOP, PenMark
from zuoye.core.scan.report import BubbleState, MarkKind
from zuoye.core.scan.ticks import ANOTHER_MARK, CROSSING, STRAY_INK
from zuoye.core.scan.vote import ALONE, MARKS_OVER_IT, OPTION_UNREAD, Crowding, ItemResult, mark_vote


def _vote(result: ItemResult, choice: ChoiceReading | None, model: tuple[MarkKind, float], config: ScanConfig,
          *, colour: bool = True, **crowding: bool) -> ItemResult:
    """``mark_vote`` with the crowding given as keywords, so that each test names only what it sets."""
    return mark_vote(result, choice, model, config, Crowding(**crowding), colour=colour)


def _mark(kind: MarkKind, reason: str = "") -> PenMark:
    return PenMark(kind, (10.0, 10.0), Rect(0, 0, 20, 20), 0.5, reason)


def test_crowding_is_what_the_rules_said_of_the_marks_in_and_over_the_item() -> None:
    assert Crowding.of([_mark(MarkKind.TICK)], []) == ALONE
    crossed = Crowding.of([_mark(MarkKind.TICK, f"{ANOTHER_MARK}: 40 mm² off the arm")], [])
    assert (crossed.crossed, crossed.crowded, crossed.overlaid) == (True, True, False)
    over = Crowding.of([], [_mark(MarkKind.TICK)], lone_stray=True)
    assert (over.overlaid, over.crowded, over.lone_stray, over.several) == (True, True, True, False)
    several = Crowding.of([_mark(MarkKind.TICK), _mark(MarkKind.HALF)], [])
    assert (several.several, several.slashed, several.crowded) == (True, True, False)
    cross = Crowding.of([_mark(MarkKind.CROSS, f"{CROSSING} (length weakest)")], [])
    assert (cross.crossing, cross.slashed) == (True, True)
    # a stroke across an arm among several marks is no slash the rules saw on one tick
    assert not Crowding.of([_mark(MarkKind.CROSS, CROSSING), _mark(MarkKind.TICK)], []).slashed
    assert Crowding.of([_mark(MarkKind.TICK, f"{STRAY_INK}: 3 mm²")], []).stray
    assert Crowding.of([_mark(MarkKind.CIRCLE, OPEN_LOOP)], []).open_loop
    assert Crowding.of([_mark(MarkKind.CIRCLE, CLOSED_LOOP)], []).closed_loop


def _result(mark: MarkKind, confidence: float) -> ItemResult:
    status = Status.READ if confidence >= DEFAULT_SCAN_CONFIG.review_below else Status.REVIEW
    return ItemResult("q1", None, mark, confidence, status, f"mark {mark.value} (rules)")


def test_a_sure_network_settles_the_rules_doubt() -> None:
    voted = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.HALF, 0.999), DEFAULT_SCAN_CONFIG)
    assert (voted.mark, voted.status) == (MarkKind.HALF, Status.READ)
    assert "network reads half" in voted.reason and "rules were unsure" in voted.reason


def test_an_unsure_network_leaves_the_doubt_for_the_teacher_and_the_surer_reader_proposes() -> None:
    voted = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.HALF, 0.9), DEFAULT_SCAN_CONFIG)
    assert (voted.mark, voted.confidence, voted.status) == (MarkKind.HALF, 0.5, Status.REVIEW)
    assert voted.reason.startswith("the mark network reads half (90.0%), the rules tick: mark tick (rules)")
    kept = _vote(_result(MarkKind.TICK, 0.7), None, (MarkKind.HALF, 0.6), DEFAULT_SCAN_CONFIG)
    assert (kept.mark, kept.status) == (MarkKind.TICK, Status.REVIEW) and kept.reason.startswith("mark tick (rules)")
    none = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.9), DEFAULT_SCAN_CONFIG)
    assert (none.mark, none.confidence, none.status) == (MarkKind.CROSS, 0.0, Status.REVIEW)


def test_crowded_marks_need_a_surer_network_and_overlaid_ones_its_agreement() -> None:
    cfg = DEFAULT_SCAN_CONFIG
    crowded = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.993), cfg, crowded=True)
    assert crowded.status is Status.REVIEW
    surer = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.996), cfg, crowded=True)
    assert surer.status is Status.READ
    overlaid = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.HALF, 0.998), cfg, crowded=True, overlaid=True)
    assert (overlaid.mark, overlaid.status) == (MarkKind.HALF, Status.REVIEW)
    surest = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.HALF, 0.9995), cfg, crowded=True, overlaid=True)
    assert (surest.mark, surest.status) == (MarkKind.HALF, Status.READ)
    agreeing = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.996), cfg, crowded=True, overlaid=True)
    assert (agreeing.mark, agreeing.status) == (MarkKind.TICK, Status.READ)
    several = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.TICK, 0.9999), cfg, several=True)
    assert several.status is Status.REVIEW


def test_a_mark_over_the_item_that_may_be_another_items_needs_the_surest_network() -> None:
    """No mark turns in the item; the one over it lies over another item's area too (a circle
    joined to a stroke of the next item's cross): the network's reading of the item settles it
    only at ``model_sure_overlaid``. A lone mark over it (``lone_stray``) needs no more than
    where marks crowd."""
    cfg = DEFAULT_SCAN_CONFIG
    shared = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.996), cfg, crowded=True, overlaid=True)
    assert (shared.mark, shared.status) == (MarkKind.CROSS, Status.REVIEW)
    surest = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.9995), cfg, crowded=True, overlaid=True)
    assert surest.status is Status.READ
    lone = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.996), cfg, crowded=True, overlaid=True,
                 lone_stray=True)
    assert (lone.mark, lone.status) == (MarkKind.CROSS, Status.READ)


def test_a_slash_the_rules_see_on_the_networks_tick_is_proposed_as_a_half_tick() -> None:
    """The rules read a slash across an arm (a cross read from a stroke across an arm, a half
    tick, alone or among several marks), the network a tick: the item stays in review, proposed
    as the half tick both readings make together. A sure network still settles a lone half
    tick the rules doubt, as it settles any doubt of theirs."""
    cfg = DEFAULT_SCAN_CONFIG
    for rules, flags, p in ((MarkKind.CROSS, {"crossing": True}, 0.6), (MarkKind.CROSS, {"crossing": True}, 1.0),
                            (MarkKind.UNKNOWN, {"several": True}, 0.6), (MarkKind.UNKNOWN, {"several": True}, 1.0),
                            (MarkKind.HALF, {}, 0.6)):
        voted = _vote(_result(rules, 0.5), None, (MarkKind.TICK, p), cfg, slashed=True, **flags)
        assert (voted.mark, voted.status) == (MarkKind.HALF, Status.REVIEW), (rules, p)
        assert "a stroke across its arm (a half tick)" in voted.reason
    settled = _vote(_result(MarkKind.HALF, 0.5), None, (MarkKind.TICK, 0.9995), cfg, slashed=True)
    assert (settled.mark, settled.status) == (MarkKind.TICK, Status.READ)
    plain = _vote(_result(MarkKind.CROSS, 0.5), None, (MarkKind.TICK, 1.0), cfg)
    assert plain.mark is MarkKind.TICK  # a cross read from its corners: no stroke across an arm
    agreed = _vote(_result(MarkKind.CROSS, 0.5), None, (MarkKind.CROSS, 0.9), cfg, crossing=True, slashed=True)
    assert agreed.mark is MarkKind.CROSS
    veto = _vote(_result(MarkKind.HALF, 0.95), None, (MarkKind.TICK, 0.999), cfg, slashed=True)
    assert (veto.mark, veto.status) == (MarkKind.HALF, Status.REVIEW)  # sure rules, vetoed: their half stays


def test_sure_readers_that_disagree_send_the_item_to_review() -> None:
    voted = _vote(_result(MarkKind.TICK, 0.95), None, (MarkKind.CROSS, 0.995), DEFAULT_SCAN_CONFIG)
    assert voted.status is Status.REVIEW and voted.confidence < DEFAULT_SCAN_CONFIG.review_below
    agreed = _vote(_result(MarkKind.TICK, 0.95), None, (MarkKind.TICK, 0.995), DEFAULT_SCAN_CONFIG)
    assert agreed == _result(MarkKind.TICK, 0.95)


def test_greyscale_needs_a_surer_network_and_crowded_marks_stay_in_review() -> None:
    cfg = DEFAULT_SCAN_CONFIG
    assert _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.995), cfg).status is Status.READ
    grey = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.995), cfg, colour=False)
    assert (grey.mark, grey.status) == (MarkKind.CROSS, Status.REVIEW)
    assert _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.9995), cfg, colour=False).status is Status.READ
    for crowding in ({"crowded": True}, {"several": True, "crossed": True, "overlaid": True, "crowded": True},
                     {"several": True, "overlaid": True, "crowded": True}, {"crossed": True, "crowded": True}):
        crowded = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.HALF, 0.99999), cfg, colour=False,
                        **crowding)
        assert (crowded.mark, crowded.status) == (MarkKind.HALF, Status.REVIEW), crowding


def _choice(confidence: float) -> ChoiceReading:
    """Two bubbles, B filled, A unclear under the teacher's pen at ``confidence``."""
    return ChoiceReading(("B",), (BubbleReading("A", BubbleState.UNCLEAR, 0.3, confidence),
                                  BubbleReading("B", BubbleState.FILLED, 0.9, 1.0)), confidence, "1 filled; unclear A")


def test_a_lone_grey_mark_read_surely_decides_over_the_bubbles_doubt() -> None:
    """As on colour: the mark decides the result, the option under it is recorded as unknown.
    Read less surely, or crowded with the rules reading no kind, the bubbles' doubt still holds
    it for the teacher."""
    cfg, doubtful = DEFAULT_SCAN_CONFIG, _choice(0.5)
    lone = _vote(_result(MarkKind.TICK, 0.5), doubtful, (MarkKind.TICK, 0.9995), cfg, colour=False)
    assert (lone.mark, lone.status) == (MarkKind.TICK, Status.READ) and OPTION_UNREAD in lone.reason
    assert not dataclasses.replace(lone, choice=doubtful).option_read
    unsure = _vote(_result(MarkKind.TICK, 0.5), doubtful, (MarkKind.TICK, 0.995), cfg, colour=False)
    crowded = _vote(_result(MarkKind.UNKNOWN, 0.0), doubtful, (MarkKind.TICK, 0.9995), cfg, colour=False,
                    crowded=True, overlaid=True)
    assert unsure.status is Status.REVIEW and crowded.status is Status.REVIEW
    nothing = _vote(_result(MarkKind.NOTHING, 0.5), doubtful, (MarkKind.NOTHING, 0.9995), cfg, colour=False)
    assert nothing.status is Status.REVIEW  # unmarked, the bubbles decide


def test_grey_pieces_of_one_mark_and_crowded_readings_both_readers_agree_on() -> None:
    """Masking the print cuts a grey mark into pieces the rules read as several marks: a sure
    network may read them as one, a tick included, unless another mark's ink lies across an arm;
    then only as a half tick (that ink its slash), and not where another item's mark lies over
    it. Crowded, a sure network settles only the kind the rules read too."""
    cfg = DEFAULT_SCAN_CONFIG
    pieces = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.TICK, 0.9995), cfg, colour=False, several=True)
    assert (pieces.mark, pieces.status) == (MarkKind.TICK, Status.READ)
    cut = {"colour": False, "several": True, "crossed": True, "crowded": True}
    half = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.HALF, 0.9995), cfg, **cut)
    assert (half.mark, half.status) == (MarkKind.HALF, Status.READ)
    assert _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.HALF, 0.998), cfg, **cut).status is Status.REVIEW
    assert _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.TICK, 0.9995), cfg, **cut).status is Status.REVIEW
    assert _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.HALF, 0.9995), cfg, overlaid=True,
                 **cut).status is Status.REVIEW
    assert _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.HALF, 0.9995), cfg, colour=False, crossed=True,
                 crowded=True).status is Status.REVIEW  # one mark: the ink may be a neighbour's stroke
    looped = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.TICK, 0.9995), cfg, colour=False, several=True,
                   open_loop=True)
    circle = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CIRCLE, 0.9995), cfg, colour=False, several=True,
                   open_loop=True)
    assert looped.status is Status.REVIEW and circle.status is Status.READ  # a loop is no piece of a tick
    assert _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.TICK, 0.9995), cfg, several=True).status \
        is Status.REVIEW  # colour: a piece a tick leaves unexplained is a second mark
    agreed = _vote(_result(MarkKind.CIRCLE, 0.5), None, (MarkKind.CIRCLE, 0.9995), cfg, colour=False,
                   crowded=True, overlaid=True)
    other = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.CROSS, 0.9995), cfg, colour=False,
                  crowded=True, overlaid=True)
    assert agreed.status is Status.READ and other.status is Status.REVIEW


def test_grey_network_vetoes_sooner_and_a_stray_inked_tick_needs_it_surer() -> None:
    cfg = DEFAULT_SCAN_CONFIG
    veto = _vote(_result(MarkKind.TICK, 0.95), None, (MarkKind.CIRCLE, 0.7), cfg, colour=False)
    assert (veto.mark, veto.status) == (MarkKind.TICK, Status.REVIEW) and "network reads circle" in veto.reason
    assert _vote(_result(MarkKind.TICK, 0.95), None, (MarkKind.CIRCLE, 0.7), cfg).status is Status.READ
    assert _vote(_result(MarkKind.TICK, 0.95), None, (MarkKind.CIRCLE, 0.5), cfg, colour=False).status is Status.READ
    stray = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.9995), cfg, colour=False, stray=True)
    surer = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.99995), cfg, colour=False, stray=True)
    assert stray.status is Status.REVIEW and surer.status is Status.READ


def test_a_tick_cut_from_ink_across_its_arm_is_read_as_a_half_tick_only_by_the_surest_network() -> None:
    """Several marks, one across the other's arm: a half tick whose slash the rules cut off, or
    a tick with a neighbour's stroke over it (a phone photo's tick settled as half at 0.9977)."""
    cfg = DEFAULT_SCAN_CONFIG
    cut = {"several": True, "crossed": True, "crowded": True}
    unsure = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.HALF, 0.9977), cfg, **cut)
    assert (unsure.mark, unsure.status) == (MarkKind.HALF, Status.REVIEW)
    sure = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.HALF, 0.9992), cfg, **cut)
    assert (sure.mark, sure.status) == (MarkKind.HALF, Status.READ)
    crowded = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.HALF, 0.9977), cfg, several=True, crowded=True)
    assert crowded.status is Status.READ  # marks crowd, none across an arm: the crowded threshold


def test_the_network_seeing_no_mark_where_the_rules_read_one_is_only_proposed() -> None:
    """On grey a circle the rules read as a doubtful tick with stray ink was settled as
    unmarked by a network sure of "nothing"."""
    cfg = DEFAULT_SCAN_CONFIG
    for colour in (True, False):
        denied = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.NOTHING, 1.0), cfg, colour=colour)
        assert (denied.mark, denied.status) == (MarkKind.NOTHING, Status.REVIEW), colour
    unsure = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.NOTHING, 0.9999), cfg, colour=False)
    assert (unsure.mark, unsure.status) == (MarkKind.NOTHING, Status.READ)  # the rules read no kind


def test_a_plain_tick_may_not_explain_ink_across_its_arm() -> None:
    cfg = DEFAULT_SCAN_CONFIG
    crossed = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.9999), cfg, crowded=True, crossed=True)
    assert crossed.status is Status.REVIEW
    half = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.HALF, 0.9999), cfg, crowded=True, crossed=True)
    assert (half.mark, half.status) == (MarkKind.HALF, Status.READ)
    stroke = _vote(_result(MarkKind.CROSS, 0.5), None, (MarkKind.TICK, 0.99999), cfg, crossing=True, slashed=True)
    assert (stroke.mark, stroke.status) == (MarkKind.HALF, Status.REVIEW)  # proposed as a half tick, never settled
    cross = _vote(_result(MarkKind.CROSS, 0.5), None, (MarkKind.CROSS, 0.999), cfg, crossing=True)
    assert (cross.mark, cross.status) == (MarkKind.CROSS, Status.READ)


def test_a_sure_cross_from_strokes_crossing_is_doubted_by_a_network_reading_a_half_tick() -> None:
    cfg = DEFAULT_SCAN_CONFIG
    # The rules saw a stroke across an arm and no down stroke (hidden under a filled bubble, as
    # on a benchmark page where the network read half at 0.978, under the plain veto).
    doubted = _vote(_result(MarkKind.CROSS, 1.0), None, (MarkKind.HALF, 0.978), cfg, crossing=True, slashed=True)
    assert (doubted.mark, doubted.status) == (MarkKind.HALF, Status.REVIEW)
    assert doubted.confidence == pytest.approx(0.022)
    assert "the rules cross" in doubted.reason
    # a down stroke broken off the arm (the pen skipped): the network read half at 0.52
    unsure = _vote(_result(MarkKind.CROSS, 1.0), None, (MarkKind.HALF, 0.52), cfg, crossing=True, slashed=True)
    assert (unsure.mark, unsure.status) == (MarkKind.HALF, Status.REVIEW)
    drawn = _vote(_result(MarkKind.CROSS, 1.0), None, (MarkKind.HALF, 0.978), cfg)  # a cross of two strokes
    assert (drawn.mark, drawn.status) == (MarkKind.CROSS, Status.READ)
    tick = _vote(_result(MarkKind.CROSS, 1.0), None, (MarkKind.TICK, 0.97), cfg, crossing=True, slashed=True)
    assert tick.status is Status.READ  # only a half tick has the stroke the rules saw


def test_the_queue_proposes_what_explains_the_ink_and_keeps_a_closed_loop() -> None:
    cfg = DEFAULT_SCAN_CONFIG
    crossed = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.CROSS, 0.45), cfg, crowded=True, crossed=True)
    assert (crossed.mark, crossed.status) == (MarkKind.CROSS, Status.REVIEW)  # less sure, but explains the ink
    plain = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.CROSS, 0.45), cfg, crowded=True)
    assert plain.mark is MarkKind.TICK
    loop = _vote(_result(MarkKind.CIRCLE, 0.5), None, (MarkKind.CROSS, 0.9), cfg, crowded=True, closed_loop=True)
    assert (loop.mark, loop.status) == (MarkKind.CIRCLE, Status.REVIEW)
    open_ = _vote(_result(MarkKind.CIRCLE, 0.5), None, (MarkKind.CROSS, 0.9), cfg, crowded=True)
    assert open_.mark is MarkKind.CROSS


def test_readers_agreeing_on_a_cross_circle_or_half_settle_it_even_where_marks_crowd() -> None:
    cfg = DEFAULT_SCAN_CONFIG
    for kind in (MarkKind.CROSS, MarkKind.CIRCLE, MarkKind.HALF):
        agreed = _vote(_result(kind, 0.5), None, (kind, 0.96), cfg, crowded=True, overlaid=True)
        assert (agreed.mark, agreed.status, agreed.confidence) == (kind, Status.READ, 0.96), kind
    assert _vote(_result(MarkKind.CROSS, 0.5), None, (MarkKind.CROSS, 0.94), cfg, crowded=True).status is Status.REVIEW
    assert _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.98), cfg, crowded=True).status is Status.REVIEW
    crossed = _vote(_result(MarkKind.HALF, 0.5), None, (MarkKind.HALF, 0.98), cfg, crowded=True, crossed=True)
    assert crossed.status is Status.REVIEW
    grey = _vote(_result(MarkKind.CROSS, 0.5), None, (MarkKind.CROSS, 0.98), cfg, colour=False, crowded=True)
    assert grey.status is Status.REVIEW


def test_stray_ink_on_a_tick_needs_a_very_sure_network_to_say_tick() -> None:
    """The stray ink may be a short slash: a half tick was read as a tick at 0.996."""
    cfg = DEFAULT_SCAN_CONFIG
    unsure = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.996), cfg, stray=True)
    assert unsure.status is Status.REVIEW
    sure = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.9992), cfg, stray=True)
    assert (sure.mark, sure.status) == (MarkKind.TICK, Status.READ)
    half = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.HALF, 0.993), cfg, stray=True)
    assert (half.mark, half.status) == (MarkKind.HALF, Status.READ)  # a half explains the ink
    # in review, both read a tick: on colour the ink is most often a short slash
    proposed = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.88), cfg, stray=True)
    assert (proposed.mark, proposed.status) == (MarkKind.HALF, Status.REVIEW)
    assert "the rules ink on its arm (a half tick?)" in proposed.reason
    grey = _vote(_result(MarkKind.TICK, 0.5), None, (MarkKind.TICK, 0.88), cfg, colour=False, stray=True)
    assert (grey.mark, grey.status) == (MarkKind.TICK, Status.REVIEW)  # on grey a coin flip: as read
    several = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.TICK, 0.88), cfg, stray=True, several=True)
    assert several.mark is MarkKind.TICK  # several marks, one a stray-inked tick: mostly ticks


def test_a_circle_read_from_an_open_loop_stands_only_when_the_network_agrees() -> None:
    cfg = DEFAULT_SCAN_CONFIG
    doubted = _vote(_result(MarkKind.CIRCLE, 1.0), None, (MarkKind.TICK, 0.56), cfg, open_loop=True)
    assert (doubted.mark, doubted.status) == (MarkKind.TICK, Status.REVIEW)  # the network's reading is proposed
    assert doubted.confidence == pytest.approx(0.44)
    assert "the rules circle" in doubted.reason
    agreed = _vote(_result(MarkKind.CIRCLE, 1.0), None, (MarkKind.CIRCLE, 0.9), cfg, open_loop=True)
    assert agreed == _result(MarkKind.CIRCLE, 1.0)
    closed = _vote(_result(MarkKind.CIRCLE, 1.0), None, (MarkKind.TICK, 0.56), cfg)
    assert closed.status is Status.READ  # a closed loop is not doubted by an unsure network


def test_a_grey_item_only_marks_of_other_items_lie_over_is_read_by_the_surest_network() -> None:
    """No mark turns in the item, marks of no sure item lie over it: on greyscale as on colour,
    the network settles it at ``model_sure_overlaid`` when it sees a mark there; "no mark" is
    never settled so (a circle over the item read so on a fresh page set)."""
    cfg = DEFAULT_SCAN_CONFIG
    over = ItemResult("q1", None, MarkKind.UNKNOWN, 0.0, Status.REVIEW, f"{MARKS_OVER_IT}: tick at (40, 117) mm")
    flags = {"colour": False, "crowded": True, "overlaid": True}
    sure = _vote(over, None, (MarkKind.CROSS, 0.9995), cfg, **flags)
    assert (sure.mark, sure.status) == (MarkKind.CROSS, Status.READ)
    assert _vote(over, None, (MarkKind.CROSS, 0.998), cfg, **flags).status is Status.REVIEW
    assert _vote(over, None, (MarkKind.NOTHING, 0.99999), cfg, **flags).status is Status.REVIEW
    own = _vote(_result(MarkKind.UNKNOWN, 0.0), None, (MarkKind.CROSS, 0.9995), cfg, **flags)
    assert own.status is Status.REVIEW  # a mark of its own the rules could not read: crowded, as before
