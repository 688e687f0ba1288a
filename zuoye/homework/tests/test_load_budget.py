"""The daily load budget (H9): per class and day, all subjects together, 60 minutes in grades 3–6,
90 in grades 7–9, no written homework in grades 1–2; regions may set their own; over it, publishing
is refused with the numbers unless a school leader of that school overrides (recorded)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from zuoye.homework.models import Assignment, LoadOverride, RegionLoadLimit
from zuoye.homework.services.assignments import LoadBudgetExceeded, assignment_load_checks, assignment_publish
from zuoye.homework.tests.factories import DAY, class_of_grade, homework, teacher_of
from zuoye.schools import services as s

pytestmark = pytest.mark.django_db

LIMITS = [(1, 0), (2, 0), (3, 60), (4, 60), (5, 60), (6, 60), (7, 90), (8, 90), (9, 90)]


@pytest.mark.parametrize("grade, limit", LIMITS)
def test_the_grade_limit_may_be_reached_but_not_passed(county, grade, limit):
    school_class = class_of_grade(county, grade)
    if limit:
        first = homework(county, school_class, minutes=limit - 10)
        assignment_publish(assignment=first, actor=first.teacher.user)
        second = homework(county, school_class, minutes=10)
        assignment_publish(assignment=second, actor=second.teacher.user)  # exactly at the limit
    extra = homework(county, school_class, minutes=1)
    with pytest.raises(LoadBudgetExceeded) as refused:
        assignment_publish(assignment=extra, actor=extra.teacher.user)
    (load,) = refused.value.loads
    assert (load.school_class, load.check.limit, load.check.already, load.check.total) == (
        school_class, limit, limit, limit + 1)
    extra.refresh_from_db()
    assert extra.status == Assignment.Status.DRAFT


def test_every_subject_of_the_day_counts_and_the_refusal_carries_each_number(county):
    chinese = homework(county, county.class_7_1, minutes=40, subject=county.chinese)
    assignment_publish(assignment=chinese, actor=chinese.teacher.user)
    maths = homework(county, county.class_7_1, minutes=30)
    assignment_publish(assignment=maths, actor=county.teacher_wang)
    more = homework(county, county.class_7_1, minutes=25)
    with pytest.raises(LoadBudgetExceeded) as refused:
        assignment_publish(assignment=more, actor=county.teacher_wang)
    check = refused.value.loads[0].check
    assert dict(check.by_subject) == {"语文": 40, "数学": 30}
    assert (check.already, check.adding, check.total, check.limit, check.over_by) == (70, 25, 95, 90, 5)


def test_drafts_and_other_days_do_not_count(county):
    homework(county, county.class_7_1, minutes=80)  # a draft
    yesterday = homework(county, county.class_7_1, minutes=80, day=DAY - timedelta(days=1))
    assignment_publish(assignment=yesterday, actor=county.teacher_wang)
    today = homework(county, county.class_7_1, minutes=90)
    assignment_publish(assignment=today, actor=county.teacher_wang)
    assert today.class_links.get().published


def test_a_county_limit_wins_over_the_city_and_the_national_rule(county):
    RegionLoadLimit.objects.create(region=county.city, grade_from=7, grade_to=9, minutes=80, source="市教育局文件")
    RegionLoadLimit.objects.create(region=county.county, grade_from=7, grade_to=7, minutes=60, source="县教育局文件")
    draft = homework(county, county.class_7_1, minutes=70)
    (load,) = assignment_load_checks(assignment=draft)
    assert (load.check.limit, load.check.allowed) == (60, False) and "县教育局文件" in load.check.source
    with pytest.raises(LoadBudgetExceeded):
        assignment_publish(assignment=draft, actor=county.teacher_wang)
    eighth = class_of_grade(county, 8)
    assert assignment_load_checks(assignment=homework(county, eighth, minutes=70))[0].check.limit == 80


def test_a_school_leader_may_override_with_a_reason_and_it_is_recorded(county):
    done = homework(county, county.class_7_1, minutes=70)
    assignment_publish(assignment=done, actor=county.teacher_wang)
    over = homework(county, county.class_7_1, minutes=30)
    loads = assignment_publish(assignment=over, actor=county.school_leader, override_reason="期末复习，已与家长沟通")
    over.refresh_from_db()
    assert over.status == Assignment.Status.PUBLISHED and not loads[0].check.allowed
    record = LoadOverride.objects.get(assignment=over)
    assert (record.approved_by, record.school_class, record.limit, record.total, record.reason) == (
        county.school_leader, county.class_7_1, 90, 100, "期末复习，已与家长沟通")


@pytest.mark.parametrize("who, reason", [
    ("teacher_wang", "我觉得可以"),  # a teacher's own reason is no override
    ("school_leader", ""),  # a leader must give a reason
    ("other_leader", "另一所学校的领导"),  # a leader of another school
])
def test_no_one_else_can_override(county, who, reason):
    if who == "other_leader":
        actor = teacher_of(county, county.other_school_class, county.math, "leader_other")
        s.staff_role_grant(user=actor, kind="school_leader", school=county.other_school)
    else:
        actor = getattr(county, who)
    over = homework(county, county.class_7_1, minutes=95)
    with pytest.raises(LoadBudgetExceeded):
        assignment_publish(assignment=over, actor=actor, override_reason=reason)
    assert not LoadOverride.objects.exists()
