"""Published homework with results for the learning tests, through the one door."""

from __future__ import annotations

from datetime import date

from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.homework.tests.factories import homework


def published(county, items, *, day: date, title: str = "作业", school_class=None, subject=None):
    assignment = homework(county, school_class or county.class_7_1, items=items, day=day, title=title, subject=subject)
    teacher = assignment.teacher.user
    assignment_publish(assignment=assignment, actor=teacher)
    return assignment


def record(assignment, student, outcomes, source="scan", answers=None):
    links = list(assignment.item_links.order_by("position"))
    rows = [ResponseIn(link.pk, student.pk, outcome, answer=(answers or {}).get(n, ""))
            for n, (link, outcome) in enumerate(zip(links, outcomes)) if outcome]
    return responses_record(responses=rows, source=source)
