"""The usage assessment on real rows, against a case worked out by hand.

Today is Monday 28 September 2026; the term began on Tuesday 1 September, so four weeks have
ended and count (Mondays 31 Aug, 7, 14, 21 Sep; each has at least 3 school days).

- 王芳 (maths, 七年级(1)班): two uses in each of the first three weeks, one in the fourth, plus a
  homework with self-reported results only (not a use) → 2, 2, 2, 1 → qualified, 7 uses, 0.5 credit.
- 赵老师 (Chinese, 七年级(2)班, made by the homework factory): one use in the first week only →
  unqualified, 0 credit; 李军, who also teaches Chinese there, none → unqualified.
- 城关中学, grade 7 (required: 语文 数学 英语 生物 历史 地理; physics starts in grade 8, chemistry
  in 9): 2 classes × 6 = 12 places, 2 with a teacher and a use → coverage 2/12; class usage
  1/2 (7(2) missed three weeks) → unqualified, 10 places without a teacher.
- 实验小学, 五年级(1)班 (required: 语文 数学 英语): maths every week, Chinese and English once →
  coverage 3/3, class usage 1/1 = 100 % > 90 % → excellent.
"""

from datetime import date
from decimal import Decimal

import pytest

from zuoye.analytics.rollup import rollup_refresh
from zuoye.analytics.selectors import assessment
from zuoye.analytics.tests.factories import used
from zuoye.core.policy import usage
from zuoye.schools.models import Subject

TODAY = date(2026, 9, 28)


@pytest.fixture
def term_so_far(county, monkeypatch):
    monkeypatch.setattr(assessment, "today", lambda: TODAY)
    c = county
    for day in ("09-01", "09-03", "09-08", "09-10", "09-15", "09-17", "09-22"):
        used(c, c.class_7_1, date.fromisoformat(f"2026-{day}"))
    used(c, c.class_7_1, date(2026, 9, 24), source="self", evidence="")
    used(c, c.class_7_2, date(2026, 9, 2), subject=c.chinese)
    primary = c.other_school_class
    for day in ("09-02", "09-09", "09-16", "09-23"):
        used(c, primary, date.fromisoformat(f"2026-{day}"))
    used(c, primary, date(2026, 9, 4), subject=c.chinese)
    used(c, primary, date(2026, 9, 11), subject=Subject.objects.get(code="english"))
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    return c


def test_teachers_rated_as_computed_by_hand(term_so_far):
    c = term_so_far
    lines = {line.teacher.user.username: line for line in assessment.teacher_ratings(
        school_ids=[c.school.pk], term=c.term)}
    wang, zhao, li = (lines[name].rating for name in ("wangfang", f"t_{c.class_7_2.pk}_chinese", "lijun"))
    assert (wang.level, wang.weeks_counted, wang.weeks_qualified, wang.weeks_excellent, wang.uses) == (
        usage.QUALIFIED, 4, 4, 3, 7)
    assert (zhao.level, zhao.weeks_qualified, zhao.uses) == (usage.UNQUALIFIED, 1, 1)
    assert (li.level, li.weeks_qualified, li.uses) == (usage.UNQUALIFIED, 0, 0)
    assert (lines["wangfang"].credits, lines["lijun"].credits) == (Decimal("0.5"), Decimal("0"))


def test_schools_rated_as_computed_by_hand(term_so_far):
    c = term_so_far
    junior, primary = assessment.school_assessments(schools=[c.school, c.other_school], year=c.year)
    assert (junior.slots, junior.covered, junior.classes, junior.using) == (12, 2, 2, 1)
    assert junior.rating.level == usage.UNQUALIFIED and len(junior.unstaffed) == 10
    assert "七年级(1)班英语" in junior.unstaffed
    assert (primary.slots, primary.covered, primary.classes, primary.using) == (3, 3, 1, 1)
    assert primary.rating.level == usage.EXCELLENT


def test_self_reported_results_are_not_a_use(term_so_far):
    from zuoye.analytics.models import AssignmentStat

    stat = AssignmentStat.objects.get(assigned_on=date(2026, 9, 24))
    assert (stat.self_students, stat.captured_students, stat.is_use) == (1, 0, False)


def test_a_school_without_required_classes_is_not_assessed(county, monkeypatch):
    monkeypatch.setattr(assessment, "today", lambda: TODAY)
    (line,) = assessment.school_assessments(schools=[county.far_school.__class__.objects.create(
        code="3636000099", name="于都县幼儿园", kind="primary", region=county.county)], year=county.year)
    assert line.rating.level == usage.NOT_ASSESSED and line.slots == 0
