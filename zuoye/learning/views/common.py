"""Who the learning pages are about, decided once through ``zuoye.schools.access``.

A student sees themselves; a guardian their own children; teachers, head teachers and staff
the students their scope reaches. Teachers see only the subjects they teach in the class
(``subjects_taught_in``); everyone else sees all subjects of a student they may see.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from zuoye.portal.context import request_scope
from zuoye.schools.access import Scope, classes_visible, require, students_visible, subjects_taught_in
from zuoye.schools.models import SchoolClass, Student, Subject

CARE_COOKIE = "zuoye_care"
"""The care mode (关怀版) is remembered in the browser for a year, per device, like the sites it copies."""


def student_visible(request: HttpRequest, student_id: int) -> tuple[Scope, Student]:
    scope = request_scope(request)
    student = students_visible(scope).select_related("user", "current_class", "school").filter(pk=student_id).first()
    require(student is not None, scope=scope, what=f"learning of student {student_id}")
    assert student is not None
    return scope, student


def subjects_for(scope: Scope, student: Student) -> list[Subject]:
    """Subjects of the student the person may see (a teacher: the ones they teach in the class)."""
    subjects = Subject.objects.filter(is_active=True).order_by("order", "id")
    personal = student.pk in scope.own_student_ids | scope.child_student_ids
    if personal or scope.is_platform_admin or student.current_class is None:
        return list(subjects)
    allowed = subjects_taught_in(scope, student.current_class)
    return list(subjects) if allowed is None else [s for s in subjects if s.pk in allowed]


def class_visible(request: HttpRequest, class_id: int) -> tuple[Scope, SchoolClass, list[Subject]]:
    """A class the person may see whole (teacher, head teacher, staff), and its subjects for them."""
    scope = request_scope(request)
    school_class = get_object_or_404(SchoolClass.objects.select_related("school", "school__region"), pk=class_id)
    require(classes_visible(scope).filter(pk=class_id).exists(), scope=scope, what=f"learning of class {class_id}")
    allowed = subjects_taught_in(scope, school_class)
    subjects = Subject.objects.filter(is_active=True).order_by("order", "id")
    return scope, school_class, [s for s in subjects if allowed is None or s.pk in allowed]


def care_mode(request: HttpRequest) -> bool:
    return request.COOKIES.get(CARE_COOKIE) == "1"
