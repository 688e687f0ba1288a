"""The item checks report every inconsistency of an item at once, in words a teacher follows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from zuoye.core.itemformats import (
    Blank, BlanksAnswer, ChoiceAnswer, ChoiceOption, ImportOptions, ItemImage, ModelAnswer,
    TrueFalseAnswer, item_problems,
)

from .factories import AREA, EQUATION, FRACTIONS, POEM, SAMPLES, ZERO, png_bytes


def reasons(item, **options):
    return [problem.reason for problem in item_problems(item, file="f", options=ImportOptions(**options))]


@pytest.mark.parametrize("item", SAMPLES, ids=lambda item: item.identifier)
def test_sample_items_have_no_problem(item):
    assert reasons(item) == []


@pytest.mark.parametrize(("item", "expected"), [
    (replace(FRACTIONS, answer=ChoiceAnswer(())), "the correct answer is missing"),
    (replace(FRACTIONS, answer=ChoiceAnswer(("A", "B"))), "a single choice has one correct option, not 2 (A, B)"),
    (replace(FRACTIONS, answer=ChoiceAnswer(("E",))), "the correct answer E is not one of the options"),
    (replace(FRACTIONS, options=FRACTIONS.options[:1], answer=ChoiceAnswer(("A",))), "a choice item needs 2 to 8 options, not 1"),
    (replace(FRACTIONS, options=(ChoiceOption("A", "1"), ChoiceOption("C", "2")), answer=ChoiceAnswer(("A",))),
     "options must be labelled A, B in order, not A, C"),
    (replace(FRACTIONS, options=(ChoiceOption("A", "1"), ChoiceOption("B", " "))), "option B is empty"),
    (replace(ZERO, answer=ChoiceAnswer(("A",))), "a true_false item needs a TrueFalseAnswer, not ChoiceAnswer"),
    (replace(ZERO, options=FRACTIONS.options), "a true_false item has no options"),
    (replace(POEM, answer=BlanksAnswer((Blank(("处处闻啼鸟",)),))), "the stem has 2 blanks (____) but 1 answers"),
    (replace(POEM, answer=BlanksAnswer((Blank(("a",)), Blank(())))), "blank 2: the accepted answer is missing"),
    (replace(AREA, answer=BlanksAnswer((Blank(("二十六",), 0.1),))), "blank 1: '二十六' is not a number"),
    (replace(AREA, answer=BlanksAnswer((Blank(("26", "26.0"), 0.1),))), "blank 1: a numerical blank accepts exactly one number"),
    (replace(AREA, answer=BlanksAnswer((Blank(("26",), -1.0),))), "blank 1: the tolerance -1.0 must be zero or more"),
    (replace(EQUATION, answer=ModelAnswer("")), "the model answer is missing"),
    (replace(ZERO, stem=" "), "the stem is empty"),
    (replace(ZERO, identifier=""), "the item has no identifier"),
    (replace(ZERO, difficulty=6), "the difficulty 6 must be 1 to 5"),
    (replace(ZERO, minutes=0), "the estimated minutes 0 must be 1 to 60"),
    (replace(ZERO, full_score=0), "the full score 0 must be more than 0 and at most 100"),
    (replace(ZERO, knowledge_points=("a", "a")), "a knowledge point is named twice"),
    (replace(ZERO, stem="$\\frac{1}{2$ 对吗"), "broken math in the stem: unbalanced braces: '{' is never closed at column 10"),
    (replace(FRACTIONS, options=(ChoiceOption("A", "$x^$"), ChoiceOption("B", "1"))), "broken math in the option A: "),
    (replace(EQUATION, explanation="因为 $x=$$"), "broken math in the explanation: "),
    (replace(AREA, image=ItemImage("a.png", b"GIF89a not really", "image/png")), "a.png is declared image/png but holds image/gif"),
    (replace(AREA, image=ItemImage("a.png", b"PK\x03\x04zip", "image/png")), "a.png is not an image (PNG, JPEG, GIF or WebP)"),
    (replace(AREA, image=ItemImage("a.png", png_bytes()[:40], "image/png")), "a.png is a damaged image"),
])
def test_each_inconsistency_is_named(item, expected):
    assert any(reason.startswith(expected) for reason in reasons(item)), reasons(item)


def test_all_problems_of_an_item_are_reported_together():
    item = replace(ZERO, difficulty=0, minutes=100, stem="$x^$")

    assert len(reasons(item)) == 3


def test_knowledge_points_checked_against_the_known_codes_when_given():
    assert reasons(ZERO, known_points={"math.g7a.u1.kp01"}) == []
    assert reasons(ZERO, known_points=set()) == ["unknown knowledge point 'math.g7a.u1.kp01'"]
    assert reasons(replace(ZERO, knowledge_points=()), require_knowledge_points=True) == ["the item names no knowledge point"]


def test_true_false_answer_must_be_a_bool_kind():
    assert reasons(replace(ZERO, answer=TrueFalseAnswer(False))) == []


def test_oversized_image_is_refused_before_decoding():
    assert reasons(AREA, max_image_bytes=10) == ["image 平行四边形.png is larger than 0 MB"]
