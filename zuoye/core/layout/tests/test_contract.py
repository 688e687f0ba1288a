"""The layout JSON: round trip, schema, and refusal of what this version cannot read."""

import json

import pytest

from zuoye.core.layout import LayoutJsonError, layout_from_json, layout_schema, layout_to_json
from zuoye.core.layout.contract import layout_to_dict

from . import schema_check
from .personas import answer_card_spec, fraction_spec
from .test_engine import layout


@pytest.fixture(scope="module")
def sheet_set():
    return layout(fraction_spec(), students=(101, 102, 0))


def test_json_reads_back_equal(sheet_set):
    text = layout_to_json(sheet_set)
    assert layout_from_json(text) == sheet_set
    assert layout_to_json(layout_from_json(text)) == text


def test_answer_card_json_reads_back_equal():
    sheet_set = layout(answer_card_spec(), students=(1, 0))
    assert layout_from_json(layout_to_json(sheet_set, indent=2)) == sheet_set


def test_json_validates_against_the_published_schema(sheet_set):
    schema = layout_schema()
    data = json.loads(layout_to_json(sheet_set))
    assert schema_check.errors(data, schema, schema) == []


def test_schema_check_is_not_a_rubber_stamp(sheet_set):
    schema = layout_schema()
    data = layout_to_dict(sheet_set)
    data["sheets"][0]["pages"][0]["items"][0]["bubbles"][0].pop("cy")
    data["sheets"][0]["pages"][0]["qr"]["payload"] = "ZY1|A7|S1|P1/1|nothex"
    data["sheets"][0]["pages"][0]["marks"][0]["extra"] = 1
    problems = "\n".join(schema_check.errors(data, schema, schema))
    assert "missing 'cy'" in problems and "does not match" in problems and "unexpected 'extra'" in problems


def test_json_is_plain_millimetres_with_chinese_kept_readable(sheet_set):
    data = json.loads(layout_to_json(sheet_set))
    assert (data["format"], data["version"], data["unit"], data["origin"]) == ("zuoye.layout", 1, "mm", "top-left")
    page = data["sheets"][0]["pages"][0]
    assert page["marks"][0] == {"corner": "tl", "x": 12.0, "y": 12.0, "w": 6.0, "h": 6.0}
    assert set(page["items"][0]) >= {"key", "number", "kind", "block", "answer", "bubbles", "grading"}
    assert "学籍号" not in layout_to_json(sheet_set)  # no personal data, and no printed words either


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(version=2), "version 2 is not supported"),
    (lambda d: d.update(format="other"), "not a Zuoye layout"),
    (lambda d: d.update(unit="in"), "in mm"),
    (lambda d: d["sheets"][0]["pages"][0]["items"][0].pop("grading"), r"items\[0\]\.grading: missing 'x'"),
    (lambda d: d["sheets"][0]["pages"][0]["qr"].update(modules="29"), r"qr\.modules: expected int"),
    (lambda d: d["sheets"][0]["pages"][0]["items"][0].update(kind="essay"), "kind"),
    (lambda d: d["sheets"][0].update(student_id=True), "expected int"),
])
def test_damaged_or_foreign_json_is_refused_with_its_path(sheet_set, mutate, message):
    data = layout_to_dict(sheet_set)
    mutate(data)
    with pytest.raises(LayoutJsonError, match=message):
        layout_from_json(json.dumps(data))


def test_text_that_is_not_json_is_refused():
    with pytest.raises(LayoutJsonError, match="not JSON"):
        layout_from_json("{")
