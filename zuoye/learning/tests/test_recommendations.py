"""Extension exercises: weakest points, never seen before, fresh variants for maths, within the
day's load budget; teachers approve, remove or replace."""

from __future__ import annotations

from datetime import date

import pytest

from zuoye.homework.models import Response
from zuoye.homework.tests.factories import homework
from zuoye.homework.services.assignments import assignment_minutes_set, assignment_publish
from zuoye.learning.models import Recommendation
from zuoye.learning.selectors import booklet_content
from zuoye.learning.services.recommendations import (
    recommendation_decide, recommendations_approve_all, recommendations_propose,
)
from zuoye.learning.tests.helpers import published, record
from zuoye.itembank.tests.bank import small_bank

pytestmark = pytest.mark.django_db
MON, NEXT = date(2026, 11, 30), date(2026, 12, 1)


@pytest.fixture
def missed(county, django_capture_on_commit_callbacks):
    bank = small_bank(per_template=2)
    hw = published(county, [bank[0], bank[2], bank[4]], day=MON)
    with django_capture_on_commit_callbacks(execute=True):
        record(hw, county.student_zhang, ["wrong", "right", "wrong"])
    return bank


def test_math_gets_fresh_variants_of_the_very_item_missed_never_seen_before(county, missed):
    proposal = recommendations_propose(student=county.student_zhang, subject_id=county.math.pk, for_date=NEXT)
    recs = list(Recommendation.objects.filter(student=county.student_zhang).select_related("item", "variant_of"))
    weak = {kp.pk for item in (missed[0], missed[4]) for kp in item.knowledge_points.all()}
    assert proposal.proposed == len(recs) >= 6
    assert {r.knowledge_point_id for r in recs} <= weak
    seen = set(Response.objects.filter(student=county.student_zhang).values_list("item_id", flat=True))
    assert not seen & {r.item_id for r in recs}
    assert len({r.item_id for r in recs}) == len(recs)
    variants = [r for r in recs if r.variant_of is not None]
    assert sorted(r.variant_of.pk for r in variants) == sorted([missed[0].pk] * 3 + [missed[4].pk] * 3)
    for r in variants:  # 举一反三: the same template, a new seed
        assert r.item.template_code == r.variant_of.template_code and r.status == "proposed"
    for r in recs:
        if r.variant_of is None:  # the item's other weak points: bank items one step up
            assert r.knowledge_point in r.item.knowledge_points.all()


def test_proposals_stay_within_what_is_left_of_the_days_load_budget(county, missed):
    # 七年级: 90 minutes; homework of 85 minutes already published for the day leaves 5
    hw = homework(county, county.class_7_1, minutes=85, day=NEXT)
    assignment_minutes_set(assignment=hw, minutes=85)
    assignment_publish(assignment=hw, actor=county.teacher_wang)
    proposal = recommendations_propose(student=county.student_zhang, subject_id=county.math.pk, for_date=NEXT)
    recs = Recommendation.objects.filter(student=county.student_zhang).select_related("item")
    assert proposal.budget_left == 5
    assert sum(r.item.minutes for r in recs) <= 5


def test_teachers_approve_remove_and_replace_and_only_approved_ones_reach_the_booklet(county, missed):
    recommendations_propose(student=county.student_zhang, subject_id=county.math.pk, for_date=NEXT)
    first, second, *rest = Recommendation.objects.filter(student=county.student_zhang).order_by("id")
    recommendation_decide(recommendation=first, action="remove", actor=county.teacher_wang)
    replacement = recommendation_decide(recommendation=second, action="replace", actor=county.teacher_wang)
    assert Recommendation.objects.get(pk=second.pk).status == "removed"
    if replacement is not None:
        assert replacement.status == "proposed" and replacement.item_id not in {first.item_id, second.item_id}
    # nobody approved yet: the booklet takes the proposals (the default), never removed ones
    content = booklet_content(student_id=county.student_zhang.pk, start=MON, end=NEXT)
    items = {e.item.pk for e in content.extension}
    assert first.item_id not in items and second.item_id not in items and items
    recommendation_decide(recommendation=rest[0], action="approve", actor=county.teacher_wang)
    content = booklet_content(student_id=county.student_zhang.pk, start=MON, end=NEXT)
    assert [e.item.pk for e in content.extension] == [rest[0].item_id]
    assert recommendations_approve_all(student_ids=[county.student_zhang.pk], for_date=NEXT,
                                       actor=county.teacher_wang) >= 1
    with pytest.raises(ValueError, match="unknown action"):
        recommendation_decide(recommendation=rest[0], action="send", actor=county.teacher_wang)


def test_grades_without_written_homework_get_no_proposals(county, django_capture_on_commit_callbacks):
    from zuoye.homework.tests.factories import class_of_grade
    from zuoye.schools.models import Student
    from zuoye.schools import services as s
    from zuoye.accounts.services import user_create

    school_class = class_of_grade(county, 2)
    user = user_create(username="s_g2", full_name="小一", password="x-Zuoye-2026")
    student = Student.objects.create(user=user, school=school_class.school, student_number="G2", gender="F")
    s.student_move(student=student, to_class=school_class, on=date(2026, 9, 1), source="test")
    proposal = recommendations_propose(student=student, subject_id=county.math.pk, for_date=NEXT)
    assert proposal.proposed == 0 and proposal.budget_left == 0


def test_other_subjects_proposals_for_the_same_evening_count_against_the_budget(county, missed):
    from zuoye.learning.models import Recommendation as R

    hw = homework(county, county.class_7_1, minutes=80, day=NEXT)
    assignment_minutes_set(assignment=hw, minutes=80)
    assignment_publish(assignment=hw, actor=county.teacher_wang)
    # 8 minutes of Chinese extension work already proposed for that evening leave 2 for maths
    other = small_bank(per_template=3)[-1]
    R.objects.create(student=county.student_zhang, subject=county.chinese, item=other,
                     knowledge_point=other.knowledge_points.first(), reason="语文", for_date=NEXT)
    R.objects.filter(subject=county.chinese).update(status="proposed")
    other.minutes = 8
    other.save(update_fields=["minutes"])
    proposal = recommendations_propose(student=county.student_zhang, subject_id=county.math.pk, for_date=NEXT)
    assert proposal.budget_left == 2
    assert sum(r.item.minutes for r in R.objects.filter(subject=county.math).select_related("item")) <= 2
