"""Homework with results for analytics tests: published, recorded through the one door.

``used(county, class, day)`` publishes a homework of three choice items for the class and
records every student's results (scan by default), which is one use under the default rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from unittest import mock

from django.utils import timezone

from zuoye.core import itemformats as fmt
from zuoye.homework.models import Assignment
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.homework.tests.factories import homework
from zuoye.itembank.models import Item
from zuoye.itembank.services.curriculum import curriculum_sync
from zuoye.itembank.services.items import Placement, items_store
from zuoye.schools import models as m
from zuoye.schools.tests.personas import County

POINT = "math.g7b.u5.kp01"


def items_for(subject: m.Subject, grade: int, count: int = 3) -> list[Item]:
    """Choice items (answer A) of a subject and grade; maths items carry one knowledge point."""
    if subject.code == "math":
        curriculum_sync()
    entries = []
    for n in range(count):
        data = fmt.ItemData(
            identifier=f"{subject.code}-{grade}-{n}", type=fmt.ItemType.SINGLE_CHOICE, stem=f"{subject.name}第{n + 1}题",
            options=tuple(fmt.ChoiceOption(label, f"选项{label}") for label in "ABCD"),
            answer=fmt.ChoiceAnswer(("A",)), explanation="", minutes=2,
            knowledge_points=(POINT,) if subject.code == "math" else ())
        entries.append((data, Placement(subject, grade), None))
    items, _ = items_store(entries, actor=None)
    return list(items)


def used(county: County, school_class: m.SchoolClass, day: date, *, subject: m.Subject | None = None,
         source: str = "scan", evidence: str = "scan-page:1", outcomes: Sequence[str] | None = None,
         answers: Sequence[str] | None = None, title: str = "作业", at: datetime | None = None,
         per_student: Callable[[int], Sequence[str]] | None = None) -> Assignment:
    """Publish homework for the class on ``day`` and record each student's results.

    ``outcomes`` (one per item, the same for every student) default to right, wrong, right;
    ``per_student(n)`` gives the n-th student's outcomes instead (a class that differs, as real ones do);
    ``answers`` are the options chosen, one per item. ``at``: when the results are recorded
    (default: 20:00 on the day after, as a teacher scanning the next evening would).
    """
    subject = subject or county.math
    items = items_for(subject, school_class.grade)
    assignment = homework(county, school_class, items=items, subject=subject, day=day, title=title)
    assignment_publish(assignment=assignment, actor=assignment.teacher.user)
    outcomes = list(outcomes or ["right", "wrong", "right"])
    answers = list(answers or [{"right": "A", "wrong": "B"}.get(o, "") for o in outcomes])
    links = list(assignment.item_links.order_by("position"))
    students = m.Student.objects.filter(current_class=school_class)
    mark = {"right": "A", "wrong": "B"}
    rows = [ResponseIn(assignment_item_id=link.pk, student_id=s.pk,
                       outcome=per_student(k)[n] if per_student else outcomes[n],
                       answer=mark.get(per_student(k)[n], "") if per_student else answers[n], evidence=evidence)
            for k, s in enumerate(students.order_by("pk")) for n, link in enumerate(links)]
    when = at or timezone.make_aware(datetime.combine(day + timedelta(days=1), time(20, 0)))
    with mock.patch("django.utils.timezone.now", return_value=when):
        responses_record(responses=rows, source=source)
    return assignment
