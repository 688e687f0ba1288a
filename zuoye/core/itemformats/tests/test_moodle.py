"""Moodle XML: every supported question type, categories as source, tags as metadata."""

from __future__ import annotations

from zuoye.core.itemformats import (
    Blank, BlanksAnswer, ChoiceAnswer, ItemType, ModelAnswer, TrueFalseAnswer, read_moodle_xml,
)

from .documents import QUIZ
from .factories import png_bytes

def test_every_supported_type_is_read():
    items, problems = read_moodle_xml(QUIZ.encode(), file="quiz.xml")

    assert problems == ()
    assert [item.type for item in items] == [
        ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE, ItemType.FILL_BLANK,
        ItemType.FILL_BLANK, ItemType.SHORT_ANSWER,
    ]
    choice, primes, tf, capital, area, equation = items
    assert choice.identifier == "frac-add-1"
    assert choice.stem == "计算 $\\frac{1}{2}+\\frac{1}{3}$ 的结果是"
    assert choice.answer == ChoiceAnswer(("B",))
    assert choice.explanation == "先通分：$\\frac{3}{6}+\\frac{2}{6}$。"
    assert (choice.full_score, choice.difficulty, choice.minutes) == (2.0, 2, 2)
    assert choice.knowledge_points == ("math.g5b.u6.kp02",)
    assert choice.source == "五年级数学 / 分数的加法和减法"
    assert choice.image.filename == "cake fig.png" and choice.image.data == png_bytes()
    assert primes.answer == ChoiceAnswer(("A", "C"))
    assert tf.answer == TrueFalseAnswer(True)
    assert capital.answer == BlanksAnswer((Blank(("北京", "北京市")),))
    assert area.answer == BlanksAnswer((Blank(("26",), 0.1),))
    assert equation.answer == ModelAnswer("$2x=4$\n$x=2$")
    assert equation.explanation == "移项后两边同除以 2。"


def test_unsupported_type_and_missing_correct_answer_are_reported_with_line_and_name():
    quiz = QUIZ.replace('<answer fraction="100"><text>26</text>', '<answer fraction="50"><text>26</text>').replace(
        '<question type="description">', '<question type="matching"><name><text>Pairs</text></name></question>\n  <question type="description">')

    items, problems = read_moodle_xml(quiz.encode(), file="quiz.xml")

    assert [(p.item_id, p.line, p.reason) for p in problems] == [
        ("Area", 49, "no answer is marked correct (fraction 100)"),
        ("Pairs", 60, "Moodle question type 'matching' is not supported (use multichoice, truefalse, shortanswer, numerical, essay)"),
    ]
    assert len(items) == 5


def test_broken_math_in_moodle_text_is_reported():
    quiz = QUIZ.replace("\\(2x+3=7\\)", "\\(2x+\\frac{3=7\\)")

    _, problems = read_moodle_xml(quiz.encode(), file="quiz.xml")

    assert problems[0].item_id == "Equation"
    assert problems[0].reason.startswith("broken math in the stem")


def test_not_a_quiz_and_invalid_xml():
    assert read_moodle_xml(b"<questions/>", file="q.xml").problems[0].reason.startswith("not a Moodle XML file")
    (problem,) = read_moodle_xml(b"<quiz>\n<question type='truefalse'>\n</quiz>", file="q.xml").problems
    assert problem.line == 3 and problem.reason == "invalid XML: mismatched tag"


def test_image_not_embedded_is_reported():
    quiz = QUIZ.replace('<file name="cake fig.png"', '<file name="other.png"')

    _, problems = read_moodle_xml(quiz.encode(), file="quiz.xml")

    assert problems[0].reason == "image '@@PLUGINFILE@@/cake%20fig.png' is not embedded in the question"
