"""Knowledge points follow the shipped trees: created once, corrected in place, retired never deleted."""

from __future__ import annotations

import pytest

from zuoye.core.curriculum import curriculum
from zuoye.itembank.models import KnowledgePoint
from zuoye.itembank.services.curriculum import curriculum_sync
from zuoye.schools.models import Subject

pytestmark = pytest.mark.django_db


def test_sync_creates_every_unit_and_point_with_its_unit_as_parent():
    counts = curriculum_sync()
    tree = curriculum()
    assert counts["created"] == counts["total"] == KnowledgePoint.objects.count()
    assert KnowledgePoint.objects.filter(kind="point").count() == len(tree.all_points())
    point = KnowledgePoint.objects.select_related("parent").get(code="math.g5b.u4.kp06")
    assert (point.title, point.grade, point.semester, point.parent.code) == ("约分", 5, "下册", "math.g5b.u4")


def test_a_second_sync_writes_nothing_and_a_changed_title_is_put_back():
    curriculum_sync()
    KnowledgePoint.objects.filter(code="math.g5b.u4.kp06").update(title="旧标题")
    counts = curriculum_sync()
    assert counts["created"] == counts["retired"] == 0
    assert KnowledgePoint.objects.get(code="math.g5b.u4.kp06").title == "约分"


def test_a_point_that_left_the_trees_is_retired_and_kept():
    curriculum_sync()
    unit = KnowledgePoint.objects.get(code="math.g5b.u4")
    KnowledgePoint.objects.create(code="math.g5b.u4.kp90", subject=Subject.objects.get(code="math"), grade=5,
                                  semester="下册", kind="point", parent=unit, title="已删去的知识点")
    assert curriculum_sync()["retired"] == 1
    assert not KnowledgePoint.objects.get(code="math.g5b.u4.kp90").is_active
