"""Composing and publishing homework.

A teacher may set homework only for classes and the subject they teach there this term
(``schools.access``). Publishing checks every class's daily budget; over it, the homework is
refused with the numbers, unless a school leader of that school overrides, which is recorded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zuoye.accounts.models import User
from zuoye.core.policy.homework_load import LoadCheck
from zuoye.homework.models import Assignment, AssignmentClass, AssignmentItem, LoadOverride
from zuoye.homework.services.load import load_check
from zuoye.itembank.models import Item
from zuoye.schools import access
from zuoye.schools.models import SchoolClass, StaffRole, Subject, Teacher


@dataclass(frozen=True)
class ClassLoad:
    school_class: SchoolClass
    check: LoadCheck


class LoadBudgetExceeded(Exception):
    """Publishing would put classes over their daily limit; ``loads`` has the numbers for each."""

    def __init__(self, loads: Sequence[ClassLoad]) -> None:
        self.loads = list(loads)
        super().__init__("; ".join(f"{x.school_class}: {x.check.total}/{x.check.limit}" for x in self.loads))


def _require_teaches(teacher: Teacher, subject: Subject, classes: Sequence[SchoolClass]) -> None:
    scope = access.scope_for(teacher.user)
    for school_class in classes:
        if (school_class.pk, subject.pk) not in scope.taught:
            raise PermissionDenied(
                _("You do not teach %(subject)s in %(class)s this term.")
                % {"subject": subject.name, "class": school_class.name}
            )


def _items_minutes(assignment: Assignment) -> int:
    total = assignment.item_links.aggregate(total=Sum("item__minutes"))["total"] or Decimal(0)
    return max(1, math.ceil(total)) if total else 0


@transaction.atomic
def assignment_create(
    *, teacher: Teacher, subject: Subject, title: str, assigned_on: date, classes: Sequence[SchoolClass],
    answer_card_only: bool = False,
) -> Assignment:
    if not classes:
        raise ValidationError(_("Choose at least one class."))
    _require_teaches(teacher, subject, classes)
    assignment = Assignment.objects.create(
        teacher=teacher, subject=subject, title=title.strip(), assigned_on=assigned_on, minutes=0,
        answer_card_only=answer_card_only,
    )
    AssignmentClass.objects.bulk_create(
        AssignmentClass(assignment=assignment, school_class=c, assigned_on=assigned_on, minutes=0) for c in classes
    )
    return assignment


def _require_draft(assignment: Assignment) -> None:
    if assignment.status != Assignment.Status.DRAFT:
        raise ValidationError(_("This homework is already published and can no longer be changed."))


@transaction.atomic
def assignment_items_set(*, assignment: Assignment, items: Sequence[Item]) -> Assignment:
    """Replace the items, in the given order; minutes follow the items unless set by hand."""
    _require_draft(assignment)
    if len({item.pk for item in items}) != len(items):
        raise ValidationError(_("An item appears twice in this homework."))
    wrong = [item for item in items if item.subject_id != assignment.subject_id]
    if wrong:
        raise ValidationError(_("Item %(id)s is not a %(subject)s item.") % {"id": wrong[0].pk, "subject": assignment.subject.name})
    _links_store(assignment, items)
    if not assignment.minutes_edited:
        _minutes_store(assignment, _items_minutes(assignment), edited=False)
    return assignment


_PARKED = 20000  # positions are parked above any real one while reordering (see _links_store)


def _links_store(assignment: Assignment, items: Sequence[Item]) -> None:
    """Keep the links of items that stay (their ids are the item keys of printed sheets), drop
    the others, add the new ones; positions move in two steps so no two links ever share one."""
    links = {link.item_id: link for link in assignment.item_links.all()}
    assignment.item_links.exclude(item_id__in=[item.pk for item in items]).delete()
    kept = [links[item.pk] for item in items if item.pk in links]
    for link in kept:
        link.position += _PARKED
    AssignmentItem.objects.bulk_update(kept, ["position"])
    for n, item in enumerate(items, start=1):
        if item.pk in links:
            links[item.pk].position = n
    AssignmentItem.objects.bulk_update(kept, ["position"])
    AssignmentItem.objects.bulk_create(
        AssignmentItem(assignment=assignment, item=item, position=n, score=item.full_score)
        for n, item in enumerate(items, start=1) if item.pk not in links
    )


def _minutes_store(assignment: Assignment, minutes: int, *, edited: bool) -> None:
    assignment.minutes = minutes
    assignment.minutes_edited = edited
    assignment.save(update_fields=["minutes", "minutes_edited"])
    assignment.class_links.update(minutes=minutes)


@transaction.atomic
def assignment_minutes_set(*, assignment: Assignment, minutes: int | None) -> Assignment:
    """The teacher's own estimate; ``None`` returns to the items' sum."""
    _require_draft(assignment)
    if minutes is not None and not 1 <= minutes <= 300:
        raise ValidationError(_("Minutes must be between 1 and 300."))
    if minutes is None:
        _minutes_store(assignment, _items_minutes(assignment), edited=False)
    else:
        _minutes_store(assignment, minutes, edited=True)
    return assignment


@transaction.atomic
def assignment_delete(*, assignment: Assignment) -> None:
    """Throw a draft away (with any preview sheets printed from it); published homework stays."""
    _require_draft(assignment)
    assignment.delete()


def assignment_load_checks(*, assignment: Assignment) -> list[ClassLoad]:
    return [
        ClassLoad(link.school_class, load_check(
            school_class=link.school_class, day=assignment.assigned_on, adding=assignment.minutes,
            excluding_assignment=assignment.pk,
        ))
        for link in assignment.class_links.select_related("school_class__school__region")
    ]


def _may_override(actor: User, school_class: SchoolClass) -> bool:
    return StaffRole.objects.filter(
        user=actor, kind=StaffRole.Kind.SCHOOL_LEADER, school_id=school_class.school_id
    ).exists()


@transaction.atomic
def assignment_publish(*, assignment: Assignment, actor: User, override_reason: str = "") -> list[ClassLoad]:
    """Publish, or refuse with every class's numbers when the budget would be exceeded.

    ``override_reason`` is honoured only from a school leader of each class over budget.
    """
    _require_draft(assignment)
    if not assignment.item_links.exists() and not assignment.minutes_edited:
        raise ValidationError(_("Add items (or set the minutes for workbook homework) before publishing."))
    # Two teachers publishing for the same class at once must not both fit into the same minutes:
    # the classes' rows are locked until this transaction ends (PostgreSQL; SQLite has one writer).
    list(SchoolClass.objects.select_for_update(of=("self",)).filter(assignment_links__assignment=assignment).values_list("pk"))
    loads = assignment_load_checks(assignment=assignment)
    over = [load for load in loads if not load.check.allowed]
    if over and not (override_reason.strip() and all(_may_override(actor, x.school_class) for x in over)):
        raise LoadBudgetExceeded(over)
    LoadOverride.objects.bulk_create(
        LoadOverride(assignment=assignment, school_class=x.school_class, approved_by=actor,
                     reason=override_reason.strip(), limit=x.check.limit, total=x.check.total)
        for x in over
    )
    assignment.status = Assignment.Status.PUBLISHED
    assignment.published_at = timezone.now()
    assignment.save(update_fields=["status", "published_at"])
    assignment.class_links.update(published=True)
    return loads
