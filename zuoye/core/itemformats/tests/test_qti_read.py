"""Reading QTI items written by other tools (3.0 and 2.1), and reporting what is wrong, where."""

from __future__ import annotations

import base64

from zuoye.core.itemformats import (
    Blank, BlanksAnswer, ChoiceAnswer, ImportOptions, ItemType, ModelAnswer, TrueFalseAnswer,
    read_qti_file, read_qti_item,
)

from .documents import QTI3_CHOICE, QTI3_ESSAY, QTI21_TEXT_ENTRY, QTI21_TRUE_FALSE
from .factories import png_bytes

def test_qti3_choice_from_another_tool_maps_identifiers_to_labels_and_mathml_to_latex():
    result = read_qti_file(QTI3_CHOICE.encode(), file="frac.xml")

    assert result.problems == ()
    (item,) = result.items
    assert item.identifier == "frac-add"
    assert item.type is ItemType.SINGLE_CHOICE
    assert item.stem == "小明吃了一个蛋糕的 $\\frac{1}{2}$， 小红吃了 $\\frac{1}{3}$。\n两人一共吃了这个蛋糕的几分之几？"
    assert [option.text for option in item.options] == ["$\\frac{2}{5}$", "$\\frac{5}{6}$", "1"]
    assert item.answer == ChoiceAnswer(("B",))
    assert item.explanation == "通分后相加。"
    assert item.full_score == 2.0


def test_qti21_text_entries_accept_mapped_answers_and_numeric_tolerance():
    item, problems = read_qti_item(QTI21_TEXT_ENTRY.encode(), file="capital.xml")

    assert problems == []
    assert item.type is ItemType.FILL_BLANK
    assert item.stem == "The capital of China is __________. Its population is about ____ million."
    assert item.answer == BlanksAnswer((Blank(("Beijing", "Peking")), Blank(("21.5",), 0.5)))
    assert item.full_score == 4.0


def test_qti21_two_choice_true_false_becomes_a_true_false_item():
    item, problems = read_qti_item(QTI21_TRUE_FALSE.encode(), file="tf.xml")

    assert problems == []
    assert item.type is ItemType.TRUE_FALSE
    assert item.answer == TrueFalseAnswer(False)
    assert item.stem == "The sun goes round the earth."
    assert item.explanation == "The earth goes round the sun."


def test_extended_text_takes_the_scorer_rubric_as_model_answer_and_zuoye_attributes():
    item, problems = read_qti_item(QTI3_ESSAY.encode(), file="essay.xml")

    assert problems == []
    assert item.type is ItemType.SHORT_ANSWER
    assert item.stem == "读下面的语段，回答问题。\n（答案写在横线上）"
    assert item.answer == ModelAnswer("要点：母爱深沉。")
    assert (item.knowledge_points, item.difficulty, item.minutes, item.source) == (
        ("chinese.g7a.u2.kp01",), 4, 6, "期中练习")


def test_missing_metadata_gets_the_configured_defaults():
    options = ImportOptions(default_difficulty=2)

    item, _ = read_qti_item(QTI21_TRUE_FALSE.encode(), file="tf.xml", options=options)

    assert (item.difficulty, item.minutes, item.full_score, item.knowledge_points) == (2, 1, 1.0, ())


def test_data_uri_image_in_a_single_file_is_read():
    encoded = base64.b64encode(png_bytes()).decode()
    xml = QTI3_ESSAY.replace("<p>读下面", f'<p><img src="data:image/png;base64,{encoded}" alt=""/></p><p>读下面')

    item, problems = read_qti_item(xml.encode(), file="essay.xml")

    assert problems == []
    assert item.image.media_type == "image/png" and item.image.data == png_bytes()


# --- problems, each with its place ------------------------------------------------------------


def test_invalid_xml_reports_its_line():
    broken = QTI3_CHOICE.replace("</qti-prompt>", "</qti-prompt-oops>")

    item, problems = read_qti_item(broken.encode(), file="frac.xml")

    assert item is None
    assert [(p.file, p.line) for p in problems] == [("frac.xml", 16)]
    assert "invalid XML" in problems[0].reason


def test_doctype_is_refused():
    xml = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n' + QTI3_ESSAY

    _, problems = read_qti_item(xml.encode(), file="e.xml")

    assert problems[0].line == 2 and "DOCTYPE" in problems[0].reason


def test_item_without_correct_response_is_refused_with_item_id_and_line():
    xml = QTI3_CHOICE.replace("<qti-correct-response><qti-value>ChoiceB</qti-value></qti-correct-response>", "")

    item, problems = read_qti_item(xml.encode(), file="frac.xml")

    assert item is None
    assert [(p.item_id, p.line, p.reason) for p in problems] == [("frac-add", 5, "the item has no correct response")]


def test_correct_response_naming_no_choice_is_refused():
    _, problems = read_qti_item(QTI3_CHOICE.replace(">ChoiceB<", ">ChoiceZ<").encode(), file="f.xml")

    assert "ChoiceZ is not one of the choices" in problems[0].reason


def test_unknown_interaction_is_named_with_its_line():
    xml = QTI3_ESSAY.replace(
        '<qti-extended-text-interaction response-identifier="RESPONSE"/>',
        '<qti-hotspot-interaction response-identifier="RESPONSE" max-choices="1"/>',
    )

    item, problems = read_qti_item(xml.encode(), file="essay.xml")

    assert item is None
    assert [(p.item_id, p.line) for p in problems] == [("essay-1", 11)]
    assert problems[0].reason == "unsupported interaction <qti-hotspot-interaction>"


def test_mixed_interactions_are_refused():
    xml = QTI3_ESSAY.replace("<p>读下面的语段，回答问题。</p>", '<p>填空 <qti-text-entry-interaction response-identifier="X"/></p>')

    _, problems = read_qti_item(xml.encode(), file="e.xml")

    assert "mixes several interactions" in problems[0].reason


def test_broken_math_is_reported_with_the_item_id():
    xml = QTI3_ESSAY.replace("要点：母爱深沉。", "要点：\\(\\frac{1}{2\\)")

    item, problems = read_qti_item(xml.encode(), file="essay.xml")

    assert item is None
    assert problems[0].item_id == "essay-1"
    assert problems[0].reason.startswith("broken math in the model answer: unbalanced braces")


def test_broken_latex_in_mathml_alttext_is_reported():
    xml = QTI3_CHOICE.replace("<m:math><m:mfrac><m:mn>1</m:mn><m:mn>3</m:mn>", '<m:math alttext="\\fracc{1}{3}"><m:mfrac><m:mn>1</m:mn><m:mn>3</m:mn>')

    _, problems = read_qti_item(xml.encode(), file="f.xml")

    assert problems[0].reason.startswith("broken math in the stem: unknown command \\fracc")


def test_dollar_signs_in_qti_text_are_literal():
    xml = QTI3_ESSAY.replace("读下面的语段，回答问题。", "一本书 $5，两本书 $10。")

    item, _ = read_qti_item(xml.encode(), file="e.xml")

    assert item.stem.startswith("一本书 \\$5，两本书 \\$10。")


def test_unknown_knowledge_point_and_bad_metadata_are_reported_together():
    xml = QTI3_ESSAY.replace('data-zuoye-minutes="6"', 'data-zuoye-minutes="six"')
    options = ImportOptions(known_points={"chinese.g3a.u1.kp01"})

    _, problems = read_qti_item(xml.encode(), file="essay.xml", options=options)

    reasons = [p.reason for p in problems]
    assert "minutes 'six' is not a whole number" in reasons
    assert "unknown knowledge point 'chinese.g7a.u2.kp01'" in reasons


def test_image_that_cannot_be_found_in_a_single_file_is_reported():
    xml = QTI3_ESSAY.replace("<p>读下面", '<p><img src="figure.png" alt=""/></p><p>读下面')

    _, problems = read_qti_item(xml.encode(), file="essay.xml")

    assert problems[0].reason == "image 'figure.png' is missing (not in the package)"
    assert problems[0].line == 8


def test_data_uri_that_is_not_an_image_is_reported():
    fake = base64.b64encode(b"%PDF-1.4 not an image").decode()
    xml = QTI3_ESSAY.replace("<p>读下面", f'<p><img src="data:image/png;base64,{fake}" alt=""/></p><p>读下面')

    _, problems = read_qti_item(xml.encode(), file="essay.xml")

    assert "is not an image" in problems[0].reason


def test_not_a_qti_item():
    _, problems = read_qti_item(b"<html><body/></html>", file="page.xml")

    assert problems[0].reason == "not a QTI assessment item: the root element is <html>"


def test_rubric_block_without_view_is_read_as_part_of_the_stem():
    xml = QTI3_ESSAY.replace('<qti-rubric-block view="candidate">', "<qti-rubric-block>")

    item, _ = read_qti_item(xml.encode(), file="e.xml")

    assert item.stem == "读下面的语段，回答问题。\n（答案写在横线上）"
