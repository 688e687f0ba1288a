"""The shipped demo items: enough of them, every grade, real knowledge points, realistic times."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from zuoye.core.curriculum import curriculum
from zuoye.core.demo_items import DemoDataError, demo_files, demo_items, parse_demo_file
from zuoye.core.itemformats import ItemType, ModelAnswer, read_qti_package, write_qti_package

MINIMUM = {"chinese": 110, "english": 110, "math": 60}
CHOICES = (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE)


def grade_of(code: str) -> int:
    return int(code.split(".")[1][1])


@pytest.mark.parametrize("subject", sorted(MINIMUM))
def test_each_subject_has_enough_items_in_every_grade_3_to_9(subject):
    items = demo_items(subject)

    assert len(items) >= MINIMUM[subject]
    grades = Counter(grade_of(item.knowledge_points[0]) for item in items)
    assert sorted(grades) == [3, 4, 5, 6, 7, 8, 9]
    assert min(grades.values()) >= 9


def test_every_knowledge_point_exists_in_the_curriculum():
    tree = curriculum()

    for item in demo_items():
        for code in item.knowledge_points:
            assert tree.point(code).code == code, item.identifier


def test_identifiers_are_unique_across_subjects():
    identifiers = [item.identifier for item in demo_items()]

    assert len(identifiers) == len(set(identifiers))


def test_estimated_minutes_are_realistic():
    for item in demo_items():
        if item.type in CHOICES:
            assert 1 <= item.minutes <= 2, item.identifier
        elif item.type is ItemType.SHORT_ANSWER and item.knowledge_points[0].startswith("math."):
            assert 3 <= item.minutes <= 8, item.identifier
        else:
            assert 1 <= item.minutes <= 6, item.identifier


def test_every_item_explains_its_answer_and_names_its_source():
    for item in demo_items():
        assert item.explanation and item.source, item.identifier
        assert 1 <= item.difficulty <= 5


@pytest.mark.parametrize("subject", sorted(MINIMUM))
def test_each_subject_mixes_item_types(subject):
    kinds = {item.type for item in demo_items(subject)}

    assert {ItemType.SINGLE_CHOICE, ItemType.FILL_BLANK, ItemType.SHORT_ANSWER} <= kinds


def test_chinese_covers_poems_classical_prose_and_reading():
    items = demo_items("chinese")
    stems = [item.stem for item in items]

    assert sum(item.type is ItemType.FILL_BLANK and "《" in item.stem for item in items) >= 30
    assert sum("文言文" in stem or "小古文" in stem for stem in stems) >= 6
    assert sum("阅读" in stem and "\n　　" in stem for stem in stems) >= 8


def test_english_covers_reading_cloze_and_translation():
    stems = [item.stem for item in demo_items("english")]

    assert sum("阅读短文" in stem for stem in stems) >= 12
    assert sum("汉译英" in stem for stem in stems) >= 7
    assert sum(stem.count("____") >= 3 for stem in stems) >= 4


def test_math_items_are_word_problems_with_formulas_and_worked_answers():
    items = demo_items("math")

    assert sum("$" in item.stem or "$" in item.explanation for item in items) >= 60
    worked = [item for item in items if isinstance(item.answer, ModelAnswer)]
    assert len(worked) >= 20
    assert all("\n" in item.answer.text or "答" in item.answer.text or "=" in item.answer.text for item in worked)


def test_all_demo_items_survive_a_qti_package_round_trip():
    items = demo_items()

    back, problems = read_qti_package(write_qti_package(items), file="demo.zip")

    assert problems == ()
    assert back == items


def test_files_follow_the_subject_part_naming():
    assert [path.name for path in demo_files("math")] == ["math-middle.json", "math-primary.json"]


# --- the loader refuses broken files, naming each mistake ------------------------------------

GOOD_ITEM = {
    "id": "t-1", "type": "single_choice", "kp": ["math.g3a.u1.kp01"], "difficulty": 1, "minutes": 1,
    "stem": "1 分钟 = （　　）秒", "options": ["10", "60", "100"], "answer": "B", "explanation": "1 分 = 60 秒。",
}
KNOWN = {"math.g3a.u1.kp01"}


def document(*items) -> str:
    return json.dumps({"subject": "math", "source": "测试", "items": list(items)}, ensure_ascii=False, indent=1)


def test_a_good_file_loads():
    (item,) = parse_demo_file(document(GOOD_ITEM), file="t.json", known_points=KNOWN)

    assert item.full_score == 2.0 and item.source == "测试"


@pytest.mark.parametrize(("change", "reason"), [
    ({"colour": "red"}, "unknown key 'colour'"),
    ({"answer": 2}, 'a choice answer is a label such as "B" or labels such as ["A", "C"]'),
    ({"answer": "D"}, "the correct answer D is not one of the options"),
    ({"kp": ["math.g3a.u1.kp99"]}, "unknown knowledge point 'math.g3a.u1.kp99'"),
    ({"kp": ["english.g3a.u1.kp01"]}, "knowledge point 'english.g3a.u1.kp01' is not a math point"),
    ({"stem": "$\\frac{1}{2$ 分钟"}, "broken math in the stem: unbalanced braces"),
    ({"stem": "1  分钟"}, "the stem has stray spaces or empty lines"),
    ({"minutes": "1"}, "'minutes' must be a whole number"),
    ({"type": "essay"}, "type must be one of single_choice, multiple_choice, true_false, fill_blank, short_answer"),
    ({"kp": []}, "the item names no knowledge point"),
])
def test_each_mistake_is_reported_with_item_id_and_line(change, reason):
    with pytest.raises(DemoDataError) as error:
        parse_demo_file(document({**GOOD_ITEM, **change}), file="t.json", known_points=KNOWN)

    problems = error.value.problems
    assert {(p.file, p.item_id, p.line) for p in problems} == {("t.json", "t-1", 6)}
    assert problems[0].reason.startswith(reason)


def test_blank_shorthands_and_numeric_tolerance():
    fill = {**GOOD_ITEM, "type": "fill_blank", "stem": "1 分钟 = ____ 秒，也写作____。", "options": [],
            "answer": [{"number": "60", "tolerance": 0}, ["六十", "60"]]}

    (item,) = parse_demo_file(document(fill), file="t.json", known_points=KNOWN)

    assert item.answer.blanks[0].tolerance == 0.0 and item.answer.blanks[1].accepted == ("六十", "60")
    assert item.full_score == 2.0


def test_duplicate_ids_and_invalid_json_are_reported():
    with pytest.raises(DemoDataError) as error:
        parse_demo_file(document(GOOD_ITEM, GOOD_ITEM), file="t.json", known_points=KNOWN)
    assert [p.reason for p in error.value.problems] == ["duplicate id"]

    with pytest.raises(DemoDataError) as error:
        parse_demo_file('{\n "items": [\n  {"id": }\n ]\n}', file="t.json")
    assert error.value.problems[0].line == 3
