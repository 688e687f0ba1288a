"""Reads of booklets: who may print a class's booklets or read a student's, and the latest prints.

Booklets carry a child's name, wrong answers and results, so they follow the student scoping:
a class's booklets are printed by the teachers of the class (any subject), its head teacher
and the school's staff; a student's own booklet is read by the student, their guardians, the
teachers of their class and the school's staff. Region staff do not see children's booklets.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet
from django.http import Http404

from zuoye.booklets.models import Booklet, BookletBatch
from zuoye.schools import models as m
from zuoye.schools.access import Scope, require

T = TypeVar("T")


def may_print_class(scope: Scope, school_class: m.SchoolClass) -> bool:
    return (scope.is_platform_admin or school_class.pk in scope.class_ids
            or school_class.school_id in scope.school_ids)


def may_read_student(scope: Scope, student: m.Student) -> bool:
    return (
        scope.is_platform_admin or student.pk in scope.own_student_ids or student.pk in scope.child_student_ids
        or (student.current_class_id is not None and student.current_class_id in scope.class_ids)
        or student.school_id in scope.school_ids
    )


def printable_classes(scope: Scope) -> QuerySet[m.SchoolClass]:
    """Classes whose booklets the person may print, in school and grade order."""
    classes = m.SchoolClass.objects.select_related("school")
    if not scope.is_platform_admin:
        classes = classes.filter(pk__in=scope.class_ids) | classes.filter(school_id__in=scope.school_ids)
    return classes.order_by("school__code", "grade", "number")


def _allowed(found: T | None, allowed: bool, *, scope: Scope, what: str) -> T:
    """404 for what does not exist, 403 (logged) for what exists outside the person's scope."""
    if found is None:
        raise Http404(f"no {what}")
    require(allowed, scope=scope, what=what)
    return found


def require_some(classes: list[m.SchoolClass], *, scope: Scope) -> None:
    """Someone with no class to print for is not shown an empty page but denied (and logged)."""
    require(bool(classes), scope=scope, what="booklet classes")


def class_get(scope: Scope, class_id: int) -> m.SchoolClass:
    school_class = m.SchoolClass.objects.select_related("school").filter(pk=class_id).first()
    return _allowed(school_class, school_class is not None and may_print_class(scope, school_class), scope=scope,
                    what=f"class {class_id}")


def student_get(scope: Scope, student_id: int) -> m.Student:
    student = m.Student.objects.select_related("user", "current_class__school").filter(pk=student_id).first()
    return _allowed(student, student is not None and may_read_student(scope, student), scope=scope,
                    what=f"student {student_id}")


def batches_of(school_class: m.SchoolClass, week: str, limit: int = 5) -> list[BookletBatch]:
    return list(BookletBatch.objects.filter(school_class=school_class, week=week)[:limit])


def batch_get(scope: Scope, batch_id: int) -> BookletBatch:
    batch = BookletBatch.objects.select_related("school_class__school").filter(pk=batch_id).first()
    return _allowed(batch, batch is not None and may_print_class(scope, batch.school_class), scope=scope,
                    what=f"booklet batch {batch_id}")


def class_booklets(school_class: m.SchoolClass, week: str) -> list[Booklet]:
    """Each student's latest booklet of the week, in student-number order."""
    latest: dict[int, Booklet] = {}
    for booklet in Booklet.objects.filter(school_class=school_class, week=week).select_related("student__user"):
        latest.setdefault(booklet.student_id, booklet)
    return sorted(latest.values(), key=lambda b: b.student.student_number)


def student_booklets(student: m.Student, week: str | None = None, limit: int = 8) -> list[Booklet]:
    booklets = Booklet.objects.filter(student=student)
    if week:
        booklets = booklets.filter(week=week)
    return list(booklets[:limit])


def booklet_get(scope: Scope, booklet_id: int) -> Booklet:
    booklet = Booklet.objects.select_related("student__user").filter(pk=booklet_id).first()
    return _allowed(booklet, booklet is not None and may_read_student(scope, booklet.student), scope=scope,
                    what=f"booklet {booklet_id}")
