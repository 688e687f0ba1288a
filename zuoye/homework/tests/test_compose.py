"""Composing homework: only for classes and subjects the teacher teaches; items added, moved and
removed with their links kept; minutes follow the items unless set by hand; fresh variants; publishing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from zuoye.homework.models import Assignment, AssignmentItem
from zuoye.homework.services.assignments import (
    assignment_create,
    assignment_delete,
    assignment_items_set,
    assignment_minutes_set,
    assignment_publish,
)
from zuoye.homework.services.compose import (
    assignment_item_move,
    assignment_item_remove,
    assignment_items_add,
    assignment_items_generate,
)
from zuoye.homework.tests.factories import DAY, homework
from zuoye.itembank.models import Item
from zuoye.itembank.tests.bank import small_bank

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(county):
    with translation.override("en"):
        yield small_bank()


@pytest.mark.parametrize("where", ["class_7_2", "chinese"])
def test_a_teacher_cannot_set_homework_where_they_do_not_teach(county, bank, where):
    school_class = county.class_7_2 if where == "class_7_2" else county.class_7_1
    subject = county.chinese if where == "chinese" else county.math
    with pytest.raises(PermissionDenied, match="do not teach"):
        assignment_create(teacher=county.teacher_wang.teacher, subject=subject, title="x", assigned_on=DAY,
                          classes=[school_class])
    assert not Assignment.objects.exists()


def test_minutes_follow_the_items_until_set_by_hand_and_can_be_reset(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:3])
    expected = sum(item.minutes for item in bank[:3])
    assert draft.minutes == expected and draft.class_links.get().minutes == expected
    assignment_minutes_set(assignment=draft, minutes=25)
    assignment_items_add(assignment=draft, items=bank[3:5])
    draft.refresh_from_db()
    assert (draft.minutes, draft.minutes_edited) == (25, True)
    assignment_minutes_set(assignment=draft, minutes=None)
    draft.refresh_from_db()
    assert draft.minutes == sum(item.minutes for item in bank[:5]) and not draft.minutes_edited


def test_moving_and_removing_items_keeps_the_links_of_the_others(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:4])
    links = {link.item_id: link.pk for link in draft.item_links.all()}
    third = draft.item_links.get(position=3)
    assignment_item_move(assignment=draft, link_id=third.pk, by=-1)
    assignment_item_remove(assignment=draft, link_id=draft.item_links.get(position=1).pk)
    order = list(draft.item_links.order_by("position").values_list("item_id", "position", "pk"))
    assert [item for item, _, _ in order] == [bank[2].pk, bank[1].pk, bank[3].pk]
    assert [position for _, position, _ in order] == [1, 2, 3]
    assert all(links[item] == pk for item, _, pk in order)  # the sheet keys of kept items do not change


def test_an_item_of_another_subject_or_twice_is_refused(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:2])
    chinese = Item.objects.create(subject=county.chinese, grade=7, type="short_answer", stem="默写《春》第一段。",
                                  answer="……", minutes=5, content_hash="x" * 64)
    with translation.override("en"), pytest.raises(ValidationError, match="not a"):
        assignment_items_set(assignment=draft, items=[bank[0], chinese])
    with translation.override("en"), pytest.raises(ValidationError, match="twice"):
        assignment_items_set(assignment=draft, items=[bank[0], bank[0]])
    assert assignment_items_add(assignment=draft, items=[bank[0], bank[2]]) == 1


def test_generating_brings_fresh_items_of_the_template_into_the_homework(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:1])
    stored_seeds = set(Item.objects.filter(template_code="math.g7.linear_equation").values_list("template_seed", flat=True))
    added = assignment_items_generate(assignment=draft, template_code="math.g7.linear_equation", count=3,
                                      actor=county.teacher_wang)
    new = [link.item for link in draft.item_links.select_related("item").order_by("position")][1:]
    assert added == 3 and len(new) == 3
    assert all(item.template_code == "math.g7.linear_equation" and item.template_seed not in stored_seeds for item in new)
    with translation.override("en"), pytest.raises(ValidationError, match="does not fit"):
        assignment_items_generate(assignment=draft, template_code="math.g3.elapsed_time", count=1, actor=None)


def test_publishing_needs_items_and_freezes_the_homework(county, bank):
    empty = homework(county, county.class_7_1)
    with translation.override("en"), pytest.raises(ValidationError, match="Add items"):
        assignment_publish(assignment=empty, actor=county.teacher_wang)
    draft = homework(county, county.class_7_1, items=bank[:2])
    assignment_publish(assignment=draft, actor=county.teacher_wang)
    assert draft.class_links.get().published
    with translation.override("en"), pytest.raises(ValidationError, match="already published"):
        assignment_items_add(assignment=draft, items=bank[2:3])
    with pytest.raises(ValidationError):
        assignment_delete(assignment=draft)


def test_a_draft_can_be_thrown_away(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:2])
    assignment_delete(assignment=draft)
    assert not Assignment.objects.exists() and not AssignmentItem.objects.exists()
