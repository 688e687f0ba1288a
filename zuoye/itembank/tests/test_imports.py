"""Importing item files into the bank: all or nothing, every problem with file/item/line, idempotent,
the raw file kept, and a QTI 3.0 export that imports back to the same items."""

from __future__ import annotations

import pytest

from zuoye.itembank.models import Item, ItemImport
from zuoye.itembank.selectors import ItemFilter, items_filtered, items_qti_package
from zuoye.itembank.services.curriculum import curriculum_sync
from zuoye.itembank.services.imports import items_import
from zuoye.itembank.services.items import Placement, item_to_data
from zuoye.itembank.tests.bank import item_with_figure, small_bank
from zuoye.schools.models import Subject

pytestmark = pytest.mark.django_db

GOOD_GIFT = """$CATEGORY: 七年级数学/有理数

::g1:: 计算 $-3+5$ 的结果是 {=2 ~-2 ~8 ~-8}

::g2:: $|-7|$ 的值是 {=7}

::g3:: 0 是正数。{F}
"""
BROKEN_GIFT = GOOD_GIFT + """
::g4:: 这道题的答案块没有结束 {=1 ~2

::g5:: 最后一题 {=3 ~4}
"""


@pytest.fixture
def math7():
    curriculum_sync()
    return Placement(Subject.objects.get(code="math"), 7)


def test_a_sound_gift_file_is_imported_whole_and_placed_by_the_chosen_subject_and_grade(math7):
    report = items_import(data=GOOD_GIFT.encode(), filename="有理数.gift", actor=None, fallback=math7)
    assert report.ok and (report.created, report.unchanged) == (3, 0)
    stored = Item.objects.filter(external_id__in=["g1", "g2", "g3"])
    assert {(i.subject.code, i.grade, i.type) for i in stored} == {
        ("math", 7, "single_choice"), ("math", 7, "fill_blank"), ("math", 7, "true_false")}
    assert report.record.ok and report.record.created_count == 3


def test_one_broken_item_refuses_the_whole_file_and_names_file_item_and_line(math7):
    report = items_import(data=BROKEN_GIFT.encode(), filename="有理数.gift", actor=None, fallback=math7)
    assert not report.ok
    assert Item.objects.count() == 0  # the three sound items are not written either
    (problem,) = report.record.problems
    assert problem["file"] == "有理数.gift" and problem["item"] == "g4" and problem["line"] == 9
    assert "never closed" in problem["reason"]


def test_items_without_knowledge_points_are_refused_when_no_subject_is_chosen(math7):
    report = items_import(data=GOOD_GIFT.encode(), filename="a.gift", actor=None)
    assert not report.ok and len(report.problems) == 3
    assert all("no knowledge point" in p.reason for p in report.problems)
    assert Item.objects.count() == 0


def test_importing_the_same_file_again_changes_nothing(math7):
    first = items_import(data=GOOD_GIFT.encode(), filename="a.gift", actor=None, fallback=math7)
    again = items_import(data=GOOD_GIFT.encode(), filename="a.gift", actor=None, fallback=math7)
    assert (first.created, again.created, again.unchanged) == (3, 0, 3)
    assert Item.objects.count() == 3


def test_a_dry_run_counts_what_would_change_and_writes_no_item(math7):
    items_import(data=GOOD_GIFT.encode(), filename="a.gift", actor=None, fallback=math7)
    bigger = GOOD_GIFT + "\n::g6:: $2 \\times 3$ 等于 {=6}\n"
    report = items_import(data=bigger.encode(), filename="b.gift", actor=None, fallback=math7, dry_run=True)
    assert report.ok and (report.created, report.unchanged) == (1, 3)
    assert Item.objects.count() == 3 and report.record.dry_run


def test_the_raw_upload_is_kept_whatever_happened(math7):
    report = items_import(data=BROKEN_GIFT.encode(), filename="坏文件.gift", actor=None, fallback=math7)
    record = ItemImport.objects.get(pk=report.record.pk)
    with record.file.open("rb") as kept:
        assert kept.read() == BROKEN_GIFT.encode()
    assert record.filename == "坏文件.gift" and len(record.sha256) == 64


def test_an_unknown_knowledge_point_refuses_the_item():
    curriculum_sync()
    moodle = """<?xml version="1.0" encoding="UTF-8"?><quiz><question type="truefalse"><name><text>kp-test</text></name>
      <questiontext format="html"><text>1 是质数。</text></questiontext>
      <answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer>
      <tags><tag><text>kp:math.g5b.u9.kp99</text></tag></tags></question></quiz>"""
    report = items_import(data=moodle.encode(), filename="moodle.xml", actor=None)
    assert not report.ok and "math.g5b.u9.kp99" in report.problems[0].reason
    assert report.problems[0].line is not None


def test_a_qti_export_imports_back_to_the_same_items_through_the_database():
    # given a bank with generated items and one with a figure
    small_bank(per_template=3)
    item_with_figure()
    before = {item.content_hash: item_to_data(item) for item in Item.objects.all()}
    package = items_qti_package(items_filtered(ItemFilter(subject="math", grade=7)))
    # when the bank is emptied and the package imported again
    Item.objects.all().delete()
    report = items_import(data=package, filename="export.zip", actor=None)
    # then every item is back, equal in everything a student and a scanner see
    assert report.ok, report.problems
    assert report.created == len(before)
    after = {item.content_hash: item_to_data(item) for item in Item.objects.all()}
    assert set(after) == set(before)
    for digest, data in before.items():
        again = after[digest]
        assert (again.stem, again.options, again.answer, again.explanation) == (data.stem, data.options, data.answer, data.explanation)
        assert (again.knowledge_points, again.difficulty, again.minutes, again.full_score) == (
            data.knowledge_points, data.difficulty, data.minutes, data.full_score)
        assert (again.image.data if again.image else None) == (data.image.data if data.image else None)
    # and importing it once more changes nothing
    assert items_import(data=package, filename="export.zip", actor=None).created == 0
