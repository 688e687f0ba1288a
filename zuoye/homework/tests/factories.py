"""Homework for tests: classes of any grade with a maths teacher, and assignments of given minutes.

The test county's junior school has grades 7–9 and its primary school grades 1–6; a class of
another grade gets its own maths teacher so the load rules can be tried grade by grade.
"""

from __future__ import annotations

from datetime import date

from zuoye.accounts.models import User
from zuoye.accounts.services import user_create
from zuoye.homework.models import Assignment
from zuoye.homework.services.assignments import assignment_create, assignment_items_set, assignment_minutes_set
from zuoye.itembank.models import Item
from zuoye.schools import models as m
from zuoye.schools import services as s
from zuoye.schools.tests.personas import PASSWORD, County

DAY = date(2026, 12, 3)


def teacher_of(county: County, school_class: m.SchoolClass, subject: m.Subject, username: str = "") -> User:
    """A teacher who teaches ``subject`` in ``school_class`` this term (Wang for 七年级(1)班 maths)."""
    if school_class.pk == county.class_7_1.pk and subject.pk == county.math.pk:
        return county.teacher_wang
    name = username or f"t_{school_class.pk}_{subject.code}"
    user = User.objects.filter(username=name).first() or user_create(username=name, full_name="赵老师", password=PASSWORD)
    teacher = s.teacher_add(user=user, school=school_class.school)
    s.teaching_assign(teacher=teacher, school_class=school_class, subject=subject, term=county.term)
    return user


def class_of_grade(county: County, grade: int) -> m.SchoolClass:
    school = county.school if grade >= 7 else county.other_school
    return s.classes_ensure(school=school, school_year=county.year, grade=grade, count=1)[0]


def homework(
    county: County, school_class: m.SchoolClass, *, minutes: int | None = None, items: list[Item] | None = None,
    subject: m.Subject | None = None, day: date = DAY, title: str = "作业",
) -> Assignment:
    """A draft with the given items, or with ``minutes`` set by hand (workbook homework)."""
    subject = subject or county.math
    user = teacher_of(county, school_class, subject)
    assignment = assignment_create(teacher=user.teacher, subject=subject, title=title, assigned_on=day,
                                   classes=[school_class])
    if items:
        assignment_items_set(assignment=assignment, items=items)
    if minutes is not None:
        assignment_minutes_set(assignment=assignment, minutes=minutes)
    return assignment
