"""Usage assessment (H11) and credits (H12), computed from the rollup with ``core.policy.usage``.

Who is assessed: every active teacher who teaches a required subject in a required grade in the
term (``RequiredSubjects``); a school is assessed over the classes of its required grades. The
queries are per set of schools, not per school, so a county's table is a handful of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from zuoye.analytics.models import AssignmentStat
from zuoye.core.policy import usage
from zuoye.schools.models import Region, School, SchoolClass, SchoolYear, Subject, Teacher, TeachingAssignment, Term
from zuoye.schools.terms import today

REQUIRED = usage.SEED_002_REQUIRED
WEEKLY = usage.SEED_002_WEEKLY
SCHOOL_RULE = usage.SEED_002_SCHOOL
CREDITS = usage.SEED_002_CREDITS


def calendar_for(term: Term) -> usage.TermCalendar:
    return usage.TermCalendar(term.start_date, term.end_date, usage.national_holidays(term.school_year.start_date.year))


def as_of_for(end: date) -> date:
    """Assess the weeks that have ended: today during the term, the day after it once it is over."""
    return min(today(), end + timedelta(days=1))


def _required_subject_ids() -> dict[int, set[int]]:
    """grade → ids of the required subjects taught in that grade."""
    subjects = list(Subject.objects.filter(is_active=True))
    return {g: {s.pk for s in subjects if s.code in REQUIRED.subjects(g) and s.min_grade <= g <= s.max_grade}
            for g in REQUIRED.grades}


def _uses_by_week(stats: Iterable[dict[str, object]], key: str) -> dict[int, dict[date, int]]:
    out: dict[int, dict[date, int]] = defaultdict(dict)
    for row in stats:
        out[row[key]][row["week"]] = row["n"]  # type: ignore[index]
    return out


@dataclass(frozen=True)
class TeacherLine:
    teacher: Teacher
    teaches: str
    rating: usage.TeacherRating

    @property
    def credits(self) -> Decimal:
        return CREDITS.credits(self.rating.level)


def teacher_ratings(*, school_ids: Iterable[int], term: Term) -> list[TeacherLine]:
    required = _required_subject_ids()
    taught = (TeachingAssignment.objects.filter(term=term, school_class__school_id__in=list(school_ids),
                                                teacher__is_active=True)
              .select_related("teacher__user", "teacher__school", "school_class", "subject"))
    teaches: dict[int, list[str]] = defaultdict(list)
    teachers: dict[int, Teacher] = {}
    for ta in taught:
        if ta.subject_id in required.get(ta.school_class.grade, set()):
            teachers[ta.teacher_id] = ta.teacher
            teaches[ta.teacher_id].append(f"{ta.school_class.name}{ta.subject.name}")
    weeks = calendar_for(term).weeks(as_of_for(term.end_date))
    stats = (AssignmentStat.objects.filter(teacher_id__in=list(teachers), is_use=True,
                                           assigned_on__gte=term.start_date, assigned_on__lte=term.end_date)
             .values("teacher_id", "week").annotate(n=Count("assignment_id", distinct=True)))
    uses = _uses_by_week(stats, "teacher_id")
    lines = [TeacherLine(t, "、".join(sorted(teaches[t.pk])),
                         usage.teacher_rating(uses_by_week=uses.get(t.pk, {}), weeks=weeks, rule=WEEKLY))
             for t in teachers.values()]
    return sorted(lines, key=lambda x: (x.teacher.school.code, x.teacher.user.full_name, x.teacher.pk))


@dataclass(frozen=True)
class SchoolLine:
    school: School
    slots: int
    covered: int
    unstaffed: tuple[str, ...]  # required class × subject places with no teacher
    uncovered: tuple[str, ...]  # with a teacher but no use this year
    classes: int
    using: int
    rating: usage.SchoolRating


def teacher_ratings_by_term(*, region: Region, school_year: SchoolYear) -> list[tuple[int, list[TeacherLine]]]:
    """(term number, ratings) of every term of the year begun by today, for the region's
    schools: the credit export lists each term's verdict (0.5 credit a qualified term)."""
    school_ids = list(School.objects.filter(region__path__startswith=region.path).values_list("pk", flat=True))
    return [(t.number, teacher_ratings(school_ids=school_ids, term=t))
            for t in school_year.terms.select_related("school_year").order_by("number")
            if t.start_date <= timezone.localdate()]


def _year_weeks(year: SchoolYear) -> list[usage.Week]:
    weeks: list[usage.Week] = []
    for term in year.terms.all().order_by("start_date"):
        weeks.extend(calendar_for(term).weeks(as_of_for(term.end_date)))
    return weeks


def school_assessments(*, schools: Iterable[School], year: SchoolYear) -> list[SchoolLine]:
    schools = list(schools)
    required = _required_subject_ids()
    classes = list(SchoolClass.objects.filter(school__in=schools, school_year=year, grade__in=REQUIRED.grades))
    subject_names = dict(Subject.objects.values_list("pk", "name"))
    staffed = set(TeachingAssignment.objects.filter(school_class__in=classes, term__school_year=year)
                  .values_list("school_class_id", "subject_id"))
    year_stats = AssignmentStat.objects.filter(school__in=schools, is_use=True, assigned_on__gte=year.start_date,
                                               assigned_on__lte=year.end_date)
    used = set(year_stats.values_list("school_class_id", "subject_id").distinct())
    class_weeks = _uses_by_week(year_stats.values("school_class_id", "week").annotate(
        n=Count("assignment_id", distinct=True)), "school_class_id")
    weeks = _year_weeks(year)
    by_school: dict[int, list[SchoolClass]] = defaultdict(list)
    for c in classes:
        by_school[c.school_id].append(c)
    lines = []
    for school in schools:
        mine = sorted(by_school.get(school.pk, []), key=lambda c: (c.grade, c.number))
        slots = [(c, s) for c in mine for s in sorted(required.get(c.grade, set()))]
        unstaffed = tuple(f"{c.name}{subject_names[s]}" for c, s in slots if (c.pk, s) not in staffed)
        uncovered = tuple(f"{c.name}{subject_names[s]}" for c, s in slots if (c.pk, s) in staffed
                          and (c.pk, s) not in used)
        covered = sum(1 for c, s in slots if (c.pk, s) in used)
        using = sum(1 for c in mine if usage.teacher_rating(uses_by_week=class_weeks.get(c.pk, {}), weeks=weeks,
                                                            rule=WEEKLY).level in (usage.QUALIFIED, usage.EXCELLENT))
        rating = usage.school_rating(slots=len(slots), covered=covered, classes=len(mine), using=using,
                                     rule=SCHOOL_RULE)
        lines.append(SchoolLine(school, len(slots), covered, unstaffed, uncovered, len(mine), using, rating))
    return lines
