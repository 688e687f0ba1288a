"""The seed's own numbers (seed 002, 赣教师办函〔2021〕25号), table-driven, and a hand-computed term."""

from datetime import date
from decimal import Decimal

import pytest

from zuoye.core.policy import usage as u

# A term from Tuesday 1 September to Friday 16 October 2026, National Day 1–7 October, assessed on
# Monday 19 October. Weeks by Monday, worked out by hand:
#   08-31: Tue–Fri, 4 school days, counted      09-28: Mon–Wed (1–2 Oct off), 3 days, counted
#   09-07, 09-14, 09-21: 5 days, counted        10-05: Thu–Fri only (5–7 Oct off), 2 days, NOT counted
#   10-12: 5 days, ended on the 18th, counted   → 6 counted weeks
CAL = u.TermCalendar(date(2026, 9, 1), date(2026, 10, 16), u.national_holidays(2026))
AS_OF = date(2026, 10, 19)
COUNTED = [date(2026, 8, 31), date(2026, 9, 7), date(2026, 9, 14), date(2026, 9, 21), date(2026, 9, 28),
           date(2026, 10, 12)]


def test_weeks_of_the_hand_computed_term():
    weeks = CAL.weeks(AS_OF)
    assert [w.monday for w in weeks if w.counted] == COUNTED
    assert {w.monday: w.school_days for w in weeks} == {
        date(2026, 8, 31): 4, date(2026, 9, 7): 5, date(2026, 9, 14): 5, date(2026, 9, 21): 5,
        date(2026, 9, 28): 3, date(2026, 10, 5): 2, date(2026, 10, 12): 5}


def test_a_week_not_yet_over_is_not_counted():
    weeks = CAL.weeks(date(2026, 10, 18))  # Sunday: the week of the 12th is not over
    assert date(2026, 10, 12) not in [w.monday for w in weeks if w.counted]


@pytest.mark.parametrize(
    ("uses", "level", "weeks_qualified", "weeks_excellent"),
    [
        ([2, 2, 2, 2, 2, 2], u.EXCELLENT, 6, 6),  # "2次以上为优秀"
        ([2, 3, 2, 5, 2, 2], u.EXCELLENT, 6, 6),
        ([1, 1, 1, 1, 1, 1], u.QUALIFIED, 6, 0),  # "每周使用1次的为合格"
        ([2, 2, 2, 2, 2, 1], u.QUALIFIED, 6, 5),  # one week with one use: qualified, not excellent
        ([1, 1, 1, 1, 1, 0], u.UNQUALIFIED, 5, 0),  # a week without a use
        ([0, 0, 0, 0, 0, 0], u.UNQUALIFIED, 0, 0),  # "未使用为不合格"
        ([9, 0, 0, 0, 0, 0], u.UNQUALIFIED, 1, 1),  # nine uses in one week do not make up for the rest
    ],
)
def test_teacher_rating_by_week(uses, level, weeks_qualified, weeks_excellent):
    rating = u.teacher_rating(uses_by_week=dict(zip(COUNTED, uses)), weeks=CAL.weeks(AS_OF))
    assert (rating.level, rating.weeks_counted, rating.weeks_qualified, rating.weeks_excellent, rating.uses) == (
        level, 6, weeks_qualified, weeks_excellent, sum(uses))


def test_uses_in_a_holiday_week_neither_help_nor_hurt():
    uses = dict(zip(COUNTED, [1] * 6)) | {date(2026, 10, 5): 4}
    rating = u.teacher_rating(uses_by_week=uses, weeks=CAL.weeks(AS_OF))
    assert (rating.level, rating.uses) == (u.QUALIFIED, 6)


def test_a_bureau_may_allow_a_week_short():
    lenient = u.WeeklyRule(tolerance_weeks=1)
    rating = u.teacher_rating(uses_by_week=dict(zip(COUNTED, [1, 1, 1, 1, 1, 0])), weeks=CAL.weeks(AS_OF), rule=lenient)
    assert rating.level == u.QUALIFIED


def test_no_counted_week_is_not_assessed():
    assert u.teacher_rating(uses_by_week={}, weeks=CAL.weeks(date(2026, 9, 2))).level == u.NOT_ASSESSED


@pytest.mark.parametrize(
    ("slots", "covered", "classes", "using", "level"),
    [
        (10, 10, 10, 10, u.EXCELLENT),  # coverage 100 %, class usage 100 % > 90 %
        (10, 10, 20, 19, u.EXCELLENT),  # 95 %
        (10, 10, 10, 9, u.QUALIFIED),  # exactly 90 %: "超过90%" is not met
        (10, 10, 10, 7, u.QUALIFIED),  # 70 % > 60 %
        (10, 10, 10, 6, u.UNQUALIFIED),  # exactly 60 %: "超过60%" is not met
        (10, 9, 10, 10, u.UNQUALIFIED),  # coverage must be 100 %
        (0, 0, 0, 0, u.NOT_ASSESSED),
    ],
)
def test_school_rating_by_seed_002(slots, covered, classes, using, level):
    assert u.school_rating(slots=slots, covered=covered, classes=classes, using=using).level == level


def test_impossible_school_counts_are_refused():
    with pytest.raises(ValueError, match="impossible counts"):
        u.school_rating(slots=3, covered=4, classes=1, using=1)


@pytest.mark.parametrize(("level", "credits"), [(u.EXCELLENT, "0.5"), (u.QUALIFIED, "0.5"), (u.UNQUALIFIED, "0"),
                                                (u.NOT_ASSESSED, "0")])
def test_credits_per_term(level, credits):
    assert u.SEED_002_CREDITS.credits(level) == Decimal(credits)


def test_a_year_of_two_qualified_terms_is_one_credit():
    assert u.year_credits([u.QUALIFIED, u.EXCELLENT]) == Decimal("1.0")
    assert u.year_credits([u.QUALIFIED, u.UNQUALIFIED]) == Decimal("0.5")


@pytest.mark.parametrize(("grade", "subjects"), [
    (2, set()),
    (3, {"chinese", "math", "english"}),
    (6, {"chinese", "math", "english"}),
    (7, {"chinese", "math", "english", "physics", "chemistry", "biology", "history", "geography"}),
    (9, {"chinese", "math", "english", "physics", "chemistry", "biology", "history", "geography"}),
])
def test_required_grades_and_subjects_of_seed_002(grade, subjects):
    assert u.SEED_002_REQUIRED.subjects(grade) == subjects
    assert "赣教师办函" in u.SEED_002_REQUIRED.source


def test_seed_000_county_asks_from_grade_4_without_history():
    assert u.SEED_000_REQUIRED.subjects(3) == set() and "history" not in u.SEED_000_REQUIRED.subjects(8)


@pytest.mark.parametrize(("size", "captured", "use"), [(40, 20, True), (40, 19, False), (1, 1, True), (0, 0, False)])
def test_one_use_needs_half_the_class_captured(size, captured, use):
    assert u.SEED_002_USE.is_use(class_size=size, captured_students=captured) is use
