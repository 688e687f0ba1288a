"""Reads for one school: its numbers, its classes by grade, a class's roster, its teachers.

Callers fetch the school or class through :func:`school_get` / :func:`class_get` (scoped);
the other functions then read inside that one place, each in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from zuoye.accounts.models import User
from zuoye.schools import access
from zuoye.schools import models as m
from zuoye.schools.access import Scope
from zuoye.schools.selectors.scoped import visible_or_deny
from zuoye.schools.terms import school_year_current


def school_get(scope: Scope, school_id: int) -> m.School:
    return visible_or_deny(access.schools_visible(scope).select_related("region"), school_id, scope=scope, what="school")


def class_get(scope: Scope, class_id: int) -> m.SchoolClass:
    visible = access.classes_visible(scope).select_related(
        "school__region", "school_year", "head_teacher__user"
    )
    return visible_or_deny(visible, class_id, scope=scope, what="class")


@dataclass(frozen=True)
class SchoolNumbers:
    classes: int
    students: int
    teachers: int
    guardians: int
    students_without_guardian_phone: int
    pending_students: int
    pending_guardians: int
    pending_teachers: int

    @property
    def pending(self) -> int:
        """Accounts still on their generated first password (never logged in and changed it)."""
        return self.pending_students + self.pending_guardians + self.pending_teachers


def school_numbers(school: m.School, year: m.SchoolYear | None) -> SchoolNumbers:
    students = m.Student.objects.filter(school=school, is_active=True)
    links = m.GuardianLink.objects.filter(student__in=students)
    pending = User.objects.filter(must_change_password=True, is_active=True)
    return SchoolNumbers(
        classes=m.SchoolClass.objects.filter(school=school, school_year=year).count() if year else 0,
        students=students.count(),
        teachers=m.Teacher.objects.filter(school=school, is_active=True).count(),
        guardians=links.values("guardian_id").distinct().count(),
        students_without_guardian_phone=students.exclude(
            guardian_links__guardian__user__phone_digest__isnull=False
        ).count(),
        pending_students=pending.filter(pk__in=students.values("user_id")).count(),
        pending_guardians=pending.filter(pk__in=links.values("guardian__user_id")).count(),
        pending_teachers=pending.filter(pk__in=m.Teacher.objects.filter(school=school, is_active=True).values("user_id")).count(),
    )


@dataclass(frozen=True)
class GradeGroup:
    grade: int
    classes: list[m.SchoolClass]  # each with .student_count

    @property
    def students(self) -> int:
        return sum(c.student_count for c in self.classes)  # type: ignore[attr-defined]


def classes_of(school: m.School, year: m.SchoolYear | None) -> QuerySet[m.SchoolClass]:
    return (
        m.SchoolClass.objects.filter(school=school, school_year=year)
        .select_related("head_teacher__user")
        .annotate(student_count=Count("students", filter=Q(students__is_active=True)))
        .order_by("grade", "number")
    )


def classes_by_grade(school: m.School, year: m.SchoolYear | None) -> list[GradeGroup]:
    if year is None:
        return []
    return [GradeGroup(grade, list(rows)) for grade, rows in groupby(classes_of(school, year), key=lambda c: c.grade)]


@dataclass(frozen=True)
class SubjectTeacher:
    subject: m.Subject
    teachers: list[User] = field(default_factory=list)


def class_subject_teachers(school_class: m.SchoolClass, term: m.Term | None) -> list[SubjectTeacher]:
    """Who teaches what in a class this term, in the subjects' usual order."""
    if term is None:
        return []
    rows = (
        m.TeachingAssignment.objects.filter(school_class=school_class, term=term)
        .select_related("subject", "teacher__user")
        .order_by("subject__order", "teacher__user__full_name")
    )
    grouped: dict[int, SubjectTeacher] = {}
    for row in rows:
        grouped.setdefault(row.subject_id, SubjectTeacher(row.subject)).teachers.append(row.teacher.user)
    return list(grouped.values())


def class_students(school_class: m.SchoolClass) -> QuerySet[m.Student]:
    """The class roster with each student's guardians and class history, in three queries."""
    return (
        m.Student.objects.filter(current_class=school_class, is_active=True)
        .select_related("user")
        .prefetch_related(
            Prefetch("guardian_links", queryset=m.GuardianLink.objects.select_related("guardian__user").order_by("id")),
            Prefetch(
                "memberships",
                queryset=m.ClassMembership.objects.select_related("school_class__school_year").order_by("started_on", "id"),
            ),
        )
        .order_by("student_number")
    )


def move_targets(school_class: m.SchoolClass) -> QuerySet[m.SchoolClass]:
    """Classes of the same school and year a student of this class may be moved to."""
    return (
        m.SchoolClass.objects.filter(school_id=school_class.school_id, school_year_id=school_class.school_year_id)
        .exclude(pk=school_class.pk)
        .order_by("grade", "number")
    )


def teachers_of(school: m.School) -> QuerySet[m.Teacher]:
    return m.Teacher.objects.filter(school=school, is_active=True).select_related("user").order_by("user__full_name", "id")


def teachers_with_assignments(
    school: m.School, term: m.Term | None, year: m.SchoolYear | None
) -> QuerySet[m.Teacher]:
    """Teachers with ``.term_assignments`` (this term), ``.head_of`` (classes this year) and ``.holds_staff_role``."""
    assignments = (
        m.TeachingAssignment.objects.filter(term=term)
        .select_related("school_class", "subject")
        .order_by("school_class__grade", "school_class__number", "subject__order")
    )
    staff = m.StaffRole.objects.filter(user=OuterRef("user"))
    return teachers_of(school).annotate(holds_staff_role=Exists(staff)).prefetch_related(
        Prefetch("assignments", queryset=assignments, to_attr="term_assignments"),
        Prefetch("head_of_classes", queryset=m.SchoolClass.objects.filter(school_year=year), to_attr="head_of"),
    )


def move_targets_for(student: m.Student) -> QuerySet[m.SchoolClass]:
    """Where a student may be moved: their class's year-mates, or this year's classes if they have none."""
    if student.current_class is not None:
        return move_targets(student.current_class)
    this_year = m.SchoolClass.objects.filter(school_id=student.school_id, school_year=school_year_current())
    return this_year.order_by("grade", "number")
