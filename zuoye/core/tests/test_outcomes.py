"""The outcome of an item from what was read: score, teacher's mark, chosen options."""

from decimal import Decimal

import pytest

from zuoye.core.outcomes import choice_key, choice_outcome, outcome_of, score_parse


@pytest.mark.parametrize(("text", "full", "points"), [
    ("8", "10", "8"), ("-2", "10", "8"), ("−2", "10", "8"), ("4.5", "5", "4.5"), ("0", "5", "0"),
    ("12", "10", None), ("-12", "10", None), ("x", "10", None), ("", "10", None),
])
def test_score_text_gives_points_or_none_when_it_cannot_be_a_score(text, full, points):
    assert score_parse(text, Decimal(full)) == (None if points is None else Decimal(points))


@pytest.mark.parametrize(("mark", "outcome"), [
    ("tick", "right"), ("cross", "wrong"), ("circle", "wrong"), ("half", "partial"), ("half_tick", "partial"),
    ("", "unmarked"), ("unknown", "unmarked"),
])
def test_teacher_marks_mean_what_teachers_mean(mark, outcome):
    assert outcome_of(mark=mark).outcome == outcome


def test_the_teachers_tick_wins_over_the_answer_key():
    # given a choice the key calls wrong, ticked by the teacher
    result = outcome_of(mark="tick", chosen="B", key=("A",), full_score=Decimal(2))
    # then the teacher's call stands
    assert (result.outcome, result.score) == ("right", Decimal(2))


def test_a_score_wins_over_a_mark():
    result = outcome_of(mark="tick", score_text="-1", full_score=Decimal(5))
    assert (result.outcome, result.score, result.reason) == ("partial", Decimal(4), "score -1")


@pytest.mark.parametrize(("chosen", "key", "outcome"), [
    ("A", ("A",), "right"), ("B", ("A",), "wrong"), ("", ("A",), "wrong"),
    ("AC", ("A", "C"), "right"), ("A", ("A", "C"), "partial"), ("AB", ("A", "C"), "wrong"), ("T", ("T",), "right"),
])
def test_choices_without_a_mark_are_checked_against_the_key(chosen, key, outcome):
    assert choice_outcome(chosen, key) == outcome
    assert outcome_of(chosen=chosen, key=key).outcome == outcome


def test_choice_key_reads_stored_answers():
    assert choice_key("single_choice", ["B"]) == ("B",)
    assert choice_key("true_false", False) == ("F",)
    assert choice_key("fill_blank", [{"accepted": ["3"]}]) == ()
