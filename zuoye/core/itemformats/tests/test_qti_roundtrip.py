"""Exporting to QTI 3.0 and importing the export gives back equal items, for every item kind."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest

from zuoye.core.itemformats import (
    Blank, BlanksAnswer, ItemImage, read_qti_item, read_qti_package, write_qti_item, write_qti_package,
)
from zuoye.core.itemformats.xmltree import local, parse_xml

from .factories import AREA, EQUATION, FRACTIONS, POEM, PRIMES, SAMPLES, ZERO, jpeg_bytes

QTI3 = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"


@pytest.mark.parametrize("item", SAMPLES, ids=lambda item: item.type.value + ":" + item.identifier)
def test_single_file_round_trip_gives_an_equal_item(item):
    # when
    back, problems = read_qti_item(write_qti_item(item), file="item.xml")
    # then
    assert problems == []
    assert back == item


def test_package_round_trip_gives_equal_items_in_order():
    data = write_qti_package(SAMPLES)

    items, problems = read_qti_package(data, file="bank.zip")

    assert problems == ()
    assert items == SAMPLES


def test_package_is_deterministic_and_holds_manifest_items_and_images():
    first, second = write_qti_package(SAMPLES), write_qti_package(SAMPLES)

    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "imsmanifest.xml" in names
    assert f"items/{FRACTIONS.identifier}.xml" in names
    assert f"images/{AREA.identifier}.png" in names


@pytest.mark.parametrize("item", [
    replace(POEM, stem="古诗默写。\n　　春眠不觉晓，____。\n　　夜来风雨声，________。"),
    replace(POEM, identifier="blank-at-end", stem="中国的首都是哪座城市？", answer=BlanksAnswer((Blank(("北京", "北京市")),))),
    replace(POEM, identifier="marker-line", stem="中国的首都是哪座城市？\n________", answer=BlanksAnswer((Blank(("北京",)),))),
    replace(AREA, answer=BlanksAnswer((Blank(("26",), 0.05),)), image=None),
    replace(AREA, image=ItemImage("photo.jpg", jpeg_bytes(), "image/jpeg")),
    replace(ZERO, answer=replace(ZERO.answer, value=False), explanation=""),
    replace(ZERO, knowledge_points=("english.g7a.u1.kp01",), stem="Tom is a student."),
    replace(FRACTIONS, identifier="第 1 题 (分数)", full_score=2.5),
    replace(PRIMES, stem="Price: \\$5 and $x^{2}$ dollars.", source=""),
    replace(EQUATION, explanation=""),
], ids=["passage-indents", "no-marker", "marker-alone-on-a-line", "tolerance", "jpeg", "false-no-explanation", "english",
        "identifier-not-ncname", "literal-dollar", "worked-without-explanation"])
def test_round_trip_keeps_the_details(item):
    back, problems = read_qti_item(write_qti_item(item), file="item.xml")
    package_items, package_problems = read_qti_package(write_qti_package([item]), file="p.zip")

    assert problems == [] and package_problems == ()
    assert back == item
    assert package_items == (item,)


def test_export_uses_qti3_structure_and_element_order():
    root = parse_xml(write_qti_item(FRACTIONS))

    assert root.tag == QTI3 + "qti-assessment-item"
    assert root.get("time-dependent") == "false" and root.get("title")
    order = [local(child.tag) for child in root]
    assert order == [
        "qti-response-declaration", "qti-outcome-declaration", "qti-outcome-declaration",
        "qti-outcome-declaration", "qti-item-body", "qti-response-processing", "qti-modal-feedback",
    ]
    body = root.find(QTI3 + "qti-item-body")
    interaction = body.find(QTI3 + "qti-choice-interaction")
    assert interaction.get("max-choices") == "1"
    assert [choice.get("identifier") for choice in interaction] == ["A", "B", "C", "D"]
    maths = list(body.iter("{http://www.w3.org/1998/Math/MathML}math"))
    assert maths and maths[0].get("alttext") == "\\frac{1}{2}+\\frac{1}{3}"


def test_blanks_become_inline_text_entries_with_their_length():
    root = parse_xml(write_qti_item(POEM))

    entries = [node for node in root.iter(QTI3 + "qti-text-entry-interaction")]
    assert [entry.get("response-identifier") for entry in entries] == ["RESPONSE_1", "RESPONSE_2"]
    assert [entry.get("expected-length") for entry in entries] == ["8", "8"]


def test_worked_problem_is_human_scored_with_a_scorer_rubric():
    root = parse_xml(write_qti_item(EQUATION))

    rubric = next(root.iter(QTI3 + "qti-rubric-block"))
    assert rubric.get("view") == "scorer"
    score = next(node for node in root.iter(QTI3 + "qti-outcome-declaration") if node.get("identifier") == "SCORE")
    assert score.get("external-scored") == "human"
    assert next(root.iter(QTI3 + "qti-extended-text-interaction")).get("response-identifier") == "RESPONSE"


def test_manifest_lists_every_file_and_carries_metadata():
    manifest = parse_xml(zipfile.ZipFile(io.BytesIO(write_qti_package([AREA, FRACTIONS]))).read("imsmanifest.xml"))

    resources = [node for node in manifest.iter() if local(node.tag) == "resource"]
    assert [r.get("type") for r in resources] == ["imsqti_item_xmlv3p0"] * 2
    files = [node.get("href") for node in resources[0] if local(node.tag) == "file"]
    assert files == [f"items/{AREA.identifier}.xml", f"images/{AREA.identifier}.png"]
    guids = [node.text for node in manifest.iter() if local(node.tag) == "GUID"]
    assert guids == list(AREA.knowledge_points + FRACTIONS.knowledge_points)
