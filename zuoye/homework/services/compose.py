"""Composing a draft step by step: add items, remove one, move one, draw fresh variants into it.

Each step is expressed through :func:`assignment_items_set`, which keeps the rules (drafts
only, one subject, no item twice, minutes follow the items unless set by hand) in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zuoye.accounts.models import User
from zuoye.core.variants.registry import template as variant_template
from zuoye.homework.models import Assignment
from zuoye.homework.services.assignments import assignment_items_set
from zuoye.itembank.models import Item
from zuoye.itembank.services.variants import variants_generate

MAX_GENERATED = 10
"""Fresh items drawn from a template in one go."""


def _current(assignment: Assignment) -> list[Item]:
    return [link.item for link in assignment.item_links.select_related("item").order_by("position")]


@transaction.atomic
def assignment_items_add(*, assignment: Assignment, items: Sequence[Item]) -> int:
    """Append items not yet in the homework; returns how many were added."""
    current = _current(assignment)
    have = {item.pk for item in current}
    new = [item for item in dict.fromkeys(items) if item.pk not in have]
    assignment_items_set(assignment=assignment, items=current + new)
    return len(new)


@transaction.atomic
def assignment_item_remove(*, assignment: Assignment, link_id: int) -> None:
    assignment_items_set(assignment=assignment, items=[
        link.item for link in assignment.item_links.select_related("item").order_by("position") if link.pk != link_id
    ])


@transaction.atomic
def assignment_item_move(*, assignment: Assignment, link_id: int, by: int) -> None:
    """Move one item ``by`` places (−1 up, +1 down), staying within the list."""
    links = list(assignment.item_links.select_related("item").order_by("position"))
    index = next((n for n, link in enumerate(links) if link.pk == link_id), None)
    if index is None:
        raise ValidationError(_("That item is not in this homework."))
    target = min(max(index + by, 0), len(links) - 1)
    links.insert(target, links.pop(index))
    assignment_items_set(assignment=assignment, items=[link.item for link in links])


def _class_grades(assignment: Assignment) -> set[int]:
    return set(assignment.class_links.values_list("school_class__grade", flat=True))


@transaction.atomic
def assignment_items_generate(*, assignment: Assignment, template_code: str, count: int, actor: User | None) -> int:
    """Draw ``count`` fresh variants (举一反三) from a template of the classes' grade and add them.

    Fresh: seeds start after the highest one the bank holds for the template, so each call
    brings new numbers. Returns how many items were added.
    """
    try:
        chosen = variant_template(template_code)
    except KeyError:
        raise ValidationError(_("There is no such template.")) from None
    if assignment.subject.code != "math" or chosen.grade not in _class_grades(assignment):
        raise ValidationError(_("This template does not fit the subject and grade of this homework."))
    if not 1 <= count <= MAX_GENERATED:
        raise ValidationError(_("Generate between 1 and %(n)s items at a time.") % {"n": MAX_GENERATED})
    highest = Item.objects.filter(template_code=template_code).aggregate(seed=Max("template_seed"))["seed"]
    items = variants_generate(template_code=template_code, count=count, start_seed=(highest or 0) + 1, actor=actor)
    return assignment_items_add(assignment=assignment, items=items)
