"""Reads on homework: who sees and may change an assignment, the composing page, the load
calendar of a class, printed sheet sets.

Who sees an assignment: the teacher who set it, the head teacher of any of its classes, and
the admins and leaders of its school. Only the teacher who set it changes it, while it is a
draft; a school leader of its school may publish it over the load budget, with a reason.
Sheets carry students' names, so a class's sheets are printed and downloaded only by the
teacher who set the homework, the class's head teacher, and the school's staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum

from zuoye.core.policy.homework_load import LoadCheck
from zuoye.homework.models import Assignment, AssignmentClass, SheetSet
from zuoye.homework.services.assignments import assignment_load_checks
from zuoye.homework.services.load import limits_for_region
from zuoye.schools import models as m
from zuoye.schools.access import Scope, require
from zuoye.schools.selectors.scoped import visible_or_deny
from zuoye.schools.terms import term_current

NEAR_SHARE = 0.8
"""A day at or above this share of its limit is shown as "near the limit"."""


def assignments_visible(scope: Scope) -> QuerySet[Assignment]:
    if scope.is_platform_admin:
        return Assignment.objects.all()
    q = Q(teacher__user_id=scope.user_id) if scope.user_id else Q(pk__in=[])
    if scope.head_class_ids:
        q |= Q(class_links__school_class__in=scope.head_class_ids)
    if scope.school_ids:
        q |= Q(teacher__school_id__in=scope.school_ids)
    return Assignment.objects.filter(q).distinct()


def assignment_get(scope: Scope, assignment_id: int) -> Assignment:
    visible = assignments_visible(scope).select_related("subject", "teacher__user", "teacher__school")
    return visible_or_deny(visible, assignment_id, scope=scope, what="assignment")


def assignments_listed(scope: Scope) -> QuerySet[Assignment]:
    """Homework the person sees in the list (personal booklets have their own pages)."""
    return (
        assignments_visible(scope).filter(kind=Assignment.Kind.HOMEWORK)
        .select_related("subject", "teacher__user")
        .prefetch_related("class_links__school_class")
        .annotate(item_count=Count("item_links", distinct=True))
        .order_by("-assigned_on", "-id")
    )


def is_owner(scope: Scope, assignment: Assignment) -> bool:
    return assignment.teacher.user_id == scope.user_id


def may_edit(scope: Scope, assignment: Assignment) -> bool:
    return is_owner(scope, assignment) and assignment.status == Assignment.Status.DRAFT


def may_override(scope: Scope, school_class: m.SchoolClass) -> bool:
    return school_class.school_id in scope.leader_school_ids


def may_print(scope: Scope, assignment: Assignment, school_class: m.SchoolClass) -> bool:
    return (
        scope.is_platform_admin or is_owner(scope, assignment)
        or school_class.pk in scope.head_class_ids or school_class.school_id in scope.school_ids
    )


def assignment_classes(assignment: Assignment) -> list[m.SchoolClass]:
    return [link.school_class for link in assignment.class_links.select_related("school_class__school").order_by(
        "school_class__grade", "school_class__number")]


def assignment_class(assignment: Assignment, class_id: int) -> m.SchoolClass | None:
    return next((c for c in assignment_classes(assignment) if c.pk == class_id), None)


def teaching_offer(scope: Scope) -> list[tuple[m.Subject, list[m.SchoolClass]]]:
    """The subjects a teacher teaches this term, each with the classes they teach it in."""
    classes = list(m.SchoolClass.objects.filter(pk__in=scope.taught_class_ids).select_related("school"))
    subjects = m.Subject.objects.filter(pk__in={subject for _, subject in scope.taught}).order_by("order", "code")
    return [(subject, [c for c in classes if (c.pk, subject.pk) in scope.taught]) for subject in subjects]


# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LoadRow:
    """One class's load for the homework's day, as the panel shows it."""

    school_class: m.SchoolClass
    check: LoadCheck
    state: str  # "ok", "near", "over"
    may_override: bool


def _state(total: int, limit: int) -> str:
    if total > limit:
        return "over"
    if total and total >= NEAR_SHARE * limit:
        return "near"
    return "ok" if total else "empty"


def load_rows(scope: Scope, assignment: Assignment) -> list[LoadRow]:
    def state(check: LoadCheck) -> str:
        return "over" if not check.allowed else _state(check.total, check.limit)

    return [LoadRow(load.school_class, load.check, state(load.check), may_override(scope, load.school_class))
            for load in assignment_load_checks(assignment=assignment)]


def sheet_sets_of(assignment: Assignment, school_class: m.SchoolClass, limit: int = 6) -> list[SheetSet]:
    return list(SheetSet.objects.filter(assignment=assignment, school_class=school_class)
                .select_related("created_by")[:limit])


def sheet_set_get(scope: Scope, sheet_set_id: int) -> SheetSet:
    visible = SheetSet.objects.filter(assignment__in=assignments_visible(scope)).select_related(
        "assignment__teacher", "assignment__subject", "school_class")
    found = visible_or_deny(visible, sheet_set_id, scope=scope, what="answer sheets")
    require(may_print(scope, found.assignment, found.school_class), scope=scope, what=f"answer sheets {sheet_set_id}")
    return found


def class_students(school_class: m.SchoolClass) -> QuerySet[m.Student]:
    return m.Student.objects.filter(current_class=school_class, is_active=True).select_related("user").order_by(
        "student_number")


# ---------------------------------------------------------------------------------------------
def may_see_calendar(scope: Scope, school_class: m.SchoolClass) -> bool:
    return (scope.is_platform_admin or school_class.pk in scope.head_class_ids
            or school_class.school_id in scope.leader_school_ids)


def calendar_classes(scope: Scope) -> QuerySet[m.SchoolClass]:
    """Classes whose load calendar the person may open: their own class, or their school's."""
    q = Q(pk__in=scope.head_class_ids) | Q(school_id__in=scope.leader_school_ids)
    term = term_current()
    classes = m.SchoolClass.objects.filter(q).select_related("school")
    if term is not None:
        classes = classes.filter(school_year=term.school_year)
    return classes.order_by("school__name", "grade", "number")


def calendar_class_get(scope: Scope, class_id: int) -> m.SchoolClass:
    classes = m.SchoolClass.objects.filter(
        Q(pk__in=scope.head_class_ids) | Q(school_id__in=scope.leader_school_ids)
    ) if not scope.is_platform_admin else m.SchoolClass.objects.all()
    return visible_or_deny(classes.select_related("school__region"), class_id, scope=scope, what="load calendar")


@dataclass(frozen=True)
class CalendarDay:
    day: date
    minutes: tuple[int, ...]  # per subject column, 0 when none
    total: int
    state: str  # "empty", "ok", "near", "over"


@dataclass(frozen=True)
class LoadCalendar:
    school_class: m.SchoolClass
    subjects: tuple[m.Subject, ...]
    days: tuple[CalendarDay, ...]
    limit: int
    source: str


def class_calendar(school_class: m.SchoolClass, start: date, end: date) -> LoadCalendar:
    """Published minutes per day and subject from ``start`` to ``end`` (inclusive), in two queries
    and the region's limits; columns are the subjects taught this term plus any with homework."""
    rows = (AssignmentClass.objects.filter(school_class=school_class, published=True,
                                           assigned_on__range=(start, end))
            .values_list("assigned_on", "assignment__subject_id").annotate(total=Sum("minutes")))
    minutes = {(day, subject): int(total) for day, subject, total in rows}
    term = term_current(start)
    taught = set(m.TeachingAssignment.objects.filter(school_class=school_class, term=term)
                 .values_list("subject_id", flat=True)) if term else set()
    subjects = tuple(m.Subject.objects.filter(pk__in=taught | {s for _, s in minutes}).order_by("order", "code"))
    limits = limits_for_region(school_class.school.region)
    limit = limits.limit(school_class.grade)
    days = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        per = tuple(minutes.get((day, subject.pk), 0) for subject in subjects)
        total = sum(per)
        days.append(CalendarDay(day, per, total, _state(total, limit)))
    return LoadCalendar(school_class, subjects, tuple(days), limit, limits.source)
