"""The loader refuses a broken tree as a whole, naming every mistake; the index answers lookups."""

import copy
import json

import pytest

from zuoye.core.curriculum import (
    CurriculumError, Semester, UnknownCode, curriculum, load_curriculum, load_subject, parse_code,
    parse_subject,
)

GOOD = {
    "subject": "physics",
    "name": "物理",
    "edition": "测试版",
    "grades": [8],
    "books": [
        {"grade": 8, "semester": "上册", "units": [
            {"code": "u1", "title": "第一章 机械运动", "points": [{"code": "kp01", "title": "运动的描述"}]},
        ]},
        {"grade": 8, "semester": "下册", "units": [
            {"code": "u7", "title": "第七章 力", "points": [
                {"code": "kp01", "title": "力"}, {"code": "kp02", "title": "弹力"}]},
        ]},
    ],
}


def broken(edit):
    doc = copy.deepcopy(GOOD)
    edit(doc)
    with pytest.raises(CurriculumError) as caught:
        parse_subject(doc, source="physics.json")
    return " | ".join(caught.value.problems)


def test_a_good_tree_parses_with_full_codes():
    tree = parse_subject(GOOD)
    assert [p.code for p in tree.points()] == ["physics.g8a.u1.kp01", "physics.g8b.u7.kp01", "physics.g8b.u7.kp02"]
    assert tree.books[1].title == "八年级下册"


def test_duplicate_codes_are_refused():
    def edit(doc):
        doc["books"][1]["units"][0]["points"][1]["code"] = "kp01"
    assert "physics.g8b.u7.kp01: duplicate code" in broken(edit)


def test_a_unit_without_points_is_refused():
    def edit(doc):
        doc["books"][0]["units"][0]["points"] = []
    assert "unit physics.g8a.u1: 'points' must be a non-empty list" in broken(edit)


def test_a_grade_without_its_whole_year_is_refused():
    def edit(doc):
        doc["grades"] = [8, 9]
        del doc["books"][1]
    problems = broken(edit)
    assert "grade 8: needs 上册 and 下册, or 全一册; has ['上册']" in problems
    assert "grade 9: needs 上册 and 下册, or 全一册; has none" in problems


def test_every_problem_is_reported_at_once():
    def edit(doc):
        doc["subject"] = "physic"
        doc["books"][0]["units"][0]["code"] = "unit1"
        doc["books"][0]["units"][0]["points"][0]["titel"] = "x"
        doc["books"][1]["units"][0]["title"] = " 第七章 力"
    problems = broken(edit)
    assert "'physic' is not one of" in problems
    assert "unit code must look like u4, u3c2 or s1" in problems
    assert "unknown key 'titel'" in problems
    assert "'title' must be a non-empty text without surrounding spaces" in problems


def test_unknown_semester_is_refused():
    def edit(doc):
        doc["books"][0]["semester"] = "上学期"
    assert "'semester' must be one of 上册, 下册, 全一册" in broken(edit)


def test_file_must_match_its_subject(tmp_path):
    (tmp_path / "chemistry.json").write_text(json.dumps(GOOD), encoding="utf-8")
    with pytest.raises(CurriculumError, match="holds subject 'physics'"):
        load_subject("chemistry", data_dir=tmp_path)


def test_invalid_json_is_refused_with_the_file_name(tmp_path):
    (tmp_path / "physics.json").write_text("{", encoding="utf-8")
    with pytest.raises(CurriculumError, match="physics.json: cannot read"):
        load_subject("physics", data_dir=tmp_path)


def test_a_curriculum_from_another_folder(tmp_path):
    (tmp_path / "physics.json").write_text(json.dumps(GOOD), encoding="utf-8")
    tree = load_curriculum(data_dir=tmp_path, subjects=["physics"])
    assert tree.breadcrumb("physics.g8b.u7.kp02") == ("物理", "八年级下册", "第七章 力", "弹力")


def test_lookups_by_code():
    tree = curriculum()
    assert tree.point("math.g5b.u4.kp06").title == "约分"
    assert tree.unit("math.g5b.u4.kp06").title == "第四单元 分数的意义和性质"
    assert tree.book("math.g5b.u4").title == "五年级下册"
    assert tree.breadcrumb("math.g5b") == ("数学", "五年级下册")
    assert tree.breadcrumb("math") == ("数学",)
    assert "math.g5b.u4.kp06" in tree and "math.g5b.u4.kp99" not in tree


def test_points_of_one_grade_and_semester_in_textbook_order():
    points = curriculum().points("math", grade=3, semester=Semester.FIRST)
    assert points[0].code == "math.g3a.u1.kp01"
    assert all(p.code.startswith("math.g3a.") for p in points)


@pytest.mark.parametrize("code", ["math.g5b.u4.kp99", "maths", "math.g5c", "math.g5b.u4.kp6"])
def test_unknown_codes_raise(code):
    with pytest.raises(UnknownCode):
        curriculum().node(code)


def test_wrong_kind_of_node_raises():
    with pytest.raises(UnknownCode, match="not a knowledge point"):
        curriculum().point("math.g5b.u4")


def test_parse_code_parts():
    parts = parse_code("biology.g7a.u3c2.kp01")
    assert (parts.subject, parts.grade, parts.semester, parts.unit, parts.point) == (
        "biology", 7, Semester.FIRST, "u3c2", "kp01")
    assert parse_code("math").grade == 0
