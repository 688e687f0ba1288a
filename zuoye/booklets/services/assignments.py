"""The booklet assignment of a class, week and subject: where a booklet's answer sheets lead.

Homework's own services do not fit: they keep an assignment a draft while its items change,
set its minutes from the items and check the daily load budget on publishing, and a
teacher must teach the subject. A booklet assignment is published from the start, grows as
new extension items are printed (items are added, never removed: responses may point at
them), and has 0 minutes, so it never counts as homework load (``kind`` booklet). Hence this
small service writes the rows itself.

Its teacher is the one who teaches the subject in the class this term, else the class's
head teacher (someone must own it; scanning reads it whoever does). Its day is the Monday
after the week: the booklet is done then, and results dated inside the week would feed the
very booklet they came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zuoye.booklets.models import BookletAssignment
from zuoye.booklets.weeks import Week
from zuoye.homework.models import Assignment, AssignmentClass, AssignmentItem
from zuoye.itembank.models import Item
from zuoye.schools.models import SchoolClass, Subject, Teacher, TeachingAssignment
from zuoye.schools.terms import term_current


class BookletOwnerMissing(ValueError):
    """Nobody teaches the subject in the class and it has no head teacher."""


def _owner(school_class: SchoolClass, subject: Subject) -> Teacher:
    taught = TeachingAssignment.objects.filter(school_class=school_class, subject=subject).select_related("teacher")
    term = term_current()
    if term is not None:
        taught = taught.filter(term=term)
    link = taught.order_by("id").first()
    if link is not None:
        return link.teacher
    if school_class.head_teacher_id is not None:
        return school_class.head_teacher  # type: ignore[return-value]
    raise BookletOwnerMissing(f"{school_class}: nobody teaches {subject.name} there and it has no head teacher")


def booklet_title(week: Week, subject: Subject) -> str:
    return f"一人一册 {week.label} {subject.name}拓展练习"


@transaction.atomic
def booklet_assignment_ensure(*, school_class: SchoolClass, week: Week, subject: Subject,
                              items: Sequence[Item]) -> dict[int, AssignmentItem]:
    """The class's booklet assignment for the week and subject, holding at least ``items``.

    Returns item id → its ``AssignmentItem`` (whose id is the item key on the printed sheet).
    """
    wrong = [item.pk for item in items if item.subject_id != subject.pk]
    if wrong:
        raise ValueError(f"items {wrong} are not {subject.name} items")
    # Two prints of the class at once (two teachers, or a teacher and a parent) take turns here,
    # so neither creates a second assignment nor gives two items the same position.
    SchoolClass.objects.select_for_update().filter(pk=school_class.pk).first()
    found = BookletAssignment.objects.select_related("assignment").filter(
        school_class=school_class, week=week.label, subject=subject).first()
    if found is None:
        day = week.end + timedelta(days=1)
        assignment = Assignment.objects.create(
            teacher=_owner(school_class, subject), subject=subject, title=booklet_title(week, subject),
            assigned_on=day, minutes=0, minutes_edited=True, status=Assignment.Status.PUBLISHED,
            kind=Assignment.Kind.BOOKLET, published_at=timezone.now(),
        )
        AssignmentClass.objects.create(assignment=assignment, school_class=school_class, assigned_on=day,
                                       minutes=0, published=True)
        found = BookletAssignment.objects.create(school_class=school_class, week=week.label, subject=subject,
                                                 assignment=assignment)
    assignment = found.assignment
    links = {link.item_id: link for link in assignment.item_links.all()}
    last = assignment.item_links.aggregate(last=Max("position"))["last"] or 0
    new = []
    for item in items:
        if item.pk not in links:
            last += 1
            new.append(AssignmentItem(assignment=assignment, item=item, position=last, score=item.full_score))
            links[item.pk] = new[-1]
    AssignmentItem.objects.bulk_create(new)
    if new and any(link.pk is None for link in new):  # backends without RETURNING: read the ids back
        links = {link.item_id: link for link in assignment.item_links.all()}
    return links
