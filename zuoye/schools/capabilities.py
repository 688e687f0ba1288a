"""What a person may *do* or see in detail, decided from the scope that :mod:`access` computed.

:mod:`zuoye.schools.access` decides what a person may see at all (which schools, classes,
students). Within what they see, some acts and details are narrower, and they are decided
here, from the same :class:`~zuoye.schools.access.Scope` and without extra queries:

- managing a school (classes, head teachers, assignments, moves, password resets) belongs
  to that school's account admin only; school leaders and region staff read;
- the first passwords of a class (credential slips) go to the school admin and the class's
  head teacher, who hands them out;
- contact details of guardians (masked phones) are for the school and the class's teachers,
  not for region staff, who see names only;
- the full 学籍号 (which embeds the ID-card number) is for the school admin; everyone else
  sees it masked like an ID-card number.
"""

from __future__ import annotations

from zuoye.schools import models as m
from zuoye.schools.access import Scope


def may_manage_school(scope: Scope, school_id: int) -> bool:
    return scope.is_platform_admin or school_id in scope.admin_school_ids


def may_print_slips(scope: Scope, school_class: m.SchoolClass) -> bool:
    return may_manage_school(scope, school_class.school_id) or school_class.pk in scope.head_class_ids


def may_see_activation(scope: Scope, school_class: m.SchoolClass) -> bool:
    """Whether accounts have been activated: the people who hand out the slips need to know."""
    return may_print_slips(scope, school_class)


def may_see_contacts(scope: Scope, school_class: m.SchoolClass) -> bool:
    return (
        scope.is_platform_admin
        or school_class.school_id in scope.school_ids
        or school_class.pk in scope.class_ids
    )


def may_see_full_student_number(scope: Scope, school_id: int) -> bool:
    return may_manage_school(scope, school_id)
