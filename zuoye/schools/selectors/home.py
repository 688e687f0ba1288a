"""What each role's section of the home page shows, read within the person's scope.

One person may hold several roles (a teacher who is also a parent and the school's account
admin), so each function reads one role's section and the portal shows those the person has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from zuoye.schools import models as m
from zuoye.schools.access import Scope
from zuoye.schools.selectors import region as region_selectors
from zuoye.schools.selectors import school as school_selectors


@dataclass(frozen=True)
class StudentHome:
    student: m.Student
    subjects: list[school_selectors.SubjectTeacher]


def student_homes(scope: Scope, term: m.Term | None) -> list[StudentHome]:
    students = m.Student.objects.filter(pk__in=scope.own_student_ids).select_related(
        "user", "school", "current_class__head_teacher__user"
    )
    return [
        StudentHome(s, school_selectors.class_subject_teachers(s.current_class, term) if s.current_class else [])
        for s in students
    ]


def guardian_children(scope: Scope) -> list[m.Student]:
    return list(
        m.Student.objects.filter(pk__in=scope.child_student_ids, is_active=True)
        .select_related("user", "school", "current_class__head_teacher__user")
        .order_by("user__full_name")
    )


@dataclass
class TaughtClass:
    school_class: m.SchoolClass  # with .student_count
    subjects: list[m.Subject] = field(default_factory=list)
    is_head: bool = False


def teacher_classes(scope: Scope, year: m.SchoolYear | None) -> list[TaughtClass]:
    """Classes taught this term and classes headed this school year, the headed ones first."""
    subjects = {s.pk: s for s in m.Subject.objects.filter(pk__in={subject for _, subject in scope.taught})}
    classes = (
        m.SchoolClass.objects.filter(Q(pk__in=scope.taught_class_ids) | Q(pk__in=scope.head_class_ids, school_year=year))
        .select_related("school")
        .annotate(student_count=Count("students", filter=Q(students__is_active=True)))
    )
    rows = {c.pk: TaughtClass(c, is_head=c.pk in scope.head_class_ids) for c in classes}
    for class_id, subject_id in scope.taught:
        if class_id in rows:
            rows[class_id].subjects.append(subjects[subject_id])
    for row in rows.values():
        row.subjects.sort(key=lambda s: (s.order, s.code))
    return sorted(rows.values(), key=lambda r: (not r.is_head, r.school_class.grade, r.school_class.number))


@dataclass(frozen=True)
class SchoolAdminHome:
    school: m.School
    numbers: school_selectors.SchoolNumbers


def school_admin_homes(scope: Scope, year: m.SchoolYear | None) -> list[SchoolAdminHome]:
    schools = m.School.objects.filter(pk__in=scope.admin_school_ids).order_by("code")
    return [SchoolAdminHome(school, school_selectors.school_numbers(school, year)) for school in schools]


@dataclass(frozen=True)
class SchoolLeaderHome:
    school: m.School
    grades: list[school_selectors.GradeGroup]
    teachers: list[m.Teacher]  # with .term_assignments and .head_of


def school_leader_homes(scope: Scope, term: m.Term | None, year: m.SchoolYear | None) -> list[SchoolLeaderHome]:
    schools = m.School.objects.filter(pk__in=scope.leader_school_ids).order_by("code")
    return [
        SchoolLeaderHome(
            school,
            school_selectors.classes_by_grade(school, year),
            list(school_selectors.teachers_with_assignments(school, term, year)),
        )
        for school in schools
    ]


@dataclass(frozen=True)
class RegionHome:
    region: m.Region
    numbers: region_selectors.Numbers


def region_homes(scope: Scope, year: m.SchoolYear | None) -> list[RegionHome]:
    regions = m.Region.objects.filter(path__in=scope.region_paths).order_by("path")
    return [RegionHome(region, region_selectors.region_numbers(region, year)) for region in regions]
