"""Whose first password a school admin may reset, and the student they may move.

Resetting hands the admin a password that opens the account, so it must never open more
than the admin already manages: the person must belong only to the admin's own schools
(as student, guardian or teacher) and hold no staff role. A teacher who is also a parent at
another school, or a county officer who is a parent here, is reset by someone above both.
"""

from __future__ import annotations

from zuoye.accounts.models import User
from zuoye.schools import access
from zuoye.schools import models as m
from zuoye.schools.access import Scope
from zuoye.schools.selectors.scoped import visible_or_deny


def schools_of_person(user: User) -> set[int]:
    """Every school the person belongs to, through any of their roles."""
    schools = set(m.Student.objects.filter(user=user).values_list("school_id", flat=True))
    schools |= set(m.GuardianLink.objects.filter(guardian__user=user).values_list("student__school_id", flat=True))
    schools |= set(m.Teacher.objects.filter(user=user).values_list("school_id", flat=True))
    schools |= set(m.StaffRole.objects.filter(user=user).exclude(school=None).values_list("school_id", flat=True))
    return schools


def may_reset_password(scope: Scope, user: User) -> bool:
    if scope.is_platform_admin:
        return not user.is_superuser
    if user.is_superuser or user.is_staff or user.staff_roles.exists():
        return False
    schools = schools_of_person(user)
    return bool(schools) and schools <= scope.admin_school_ids


def resettable_user(scope: Scope, user_id: int) -> User:
    """The person whose first password the admin asks to reset: 404 if unknown, 403 if not theirs."""
    user = visible_or_deny(User.objects.all(), user_id, scope=scope, what="person")
    access.require(may_reset_password(scope, user), scope=scope, what=f"password reset of person {user_id}")
    return user


def movable_student(scope: Scope, student_id: int) -> m.Student:
    """A student whose class the admin may change: their school's admin only."""
    student = visible_or_deny(
        access.students_visible(scope).select_related("current_class", "school"), student_id, scope=scope, what="student"
    )
    access.require(
        scope.is_platform_admin or student.school_id in scope.admin_school_ids, scope=scope, what=f"move of student {student_id}"
    )
    return student
