"""Demo step (``zuoye demo``): plant a few improbable usage cases, then run the rollup.

The learning step fills 于都县第三中学 with four weeks of honest results (scans with evidence,
students who differ). Here three teachers of another school get homework whose results a
county's staff should look at, each through the one door:

- all self-reported, nothing from paper (``self_only``);
- every student right on every item, every time (``all_correct``);
- "photos" that name no photo (``no_evidence``).

Then the rollup runs over the last five weeks, so the reports and the spot-check list are
filled when the demo starts. Idempotent: the planted homework carries :data:`MARK` in its title
and is made once; the rollup rebuilds the same rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from zuoye.analytics.rollup import rollup_refresh
from zuoye.homework.models import Assignment, Response
from zuoye.homework.services.assignments import assignment_create, assignment_items_set, assignment_publish
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.itembank.models import Item
from zuoye.schools.models import School, Student, TeachingAssignment

MARK = "（抽查示例）"
HONEST_SCHOOL = "于都县第三中学"  # the learning step's school
PLANT_SCHOOLS = ("于都县实验小学", "于都县实验中学")
CASES = ("self_only", "all_correct", "no_evidence")
SUBJECTS = ("math", "chinese", "english")


def _days(today: date, weeks: int = 3) -> list[date]:
    start = today - timedelta(days=7 * weeks)
    return [start + timedelta(days=n) for n in range(7 * weeks) if (start + timedelta(days=n)).weekday() in (1, 3)]


def _places(school: School) -> list[tuple[TeachingAssignment, list[Item]]]:
    """Three (teacher, class, subject) places with different teachers, a class of ten or more and items."""
    chosen, teachers = [], set()
    links = (TeachingAssignment.objects.filter(school_class__school=school, subject__code__in=SUBJECTS)
             .select_related("teacher__user", "school_class", "subject").order_by("school_class__grade", "subject__order"))
    for link in links:
        if link.teacher_id in teachers or Student.objects.filter(current_class=link.school_class).count() < 10:
            continue
        items = list(Item.objects.filter(subject=link.subject, grade=link.school_class.grade).order_by("pk")[:3])
        if len(items) == 3:
            chosen.append((link, items))
            teachers.add(link.teacher_id)
        if len(chosen) == len(CASES):
            break
    return chosen


def _plant(case: str, link: TeachingAssignment, items: list[Item], days: list[date]) -> int:
    students = list(Student.objects.filter(current_class=link.school_class, is_active=True).values_list("pk", flat=True))
    total = 0
    for n, day in enumerate(days):
        assignment = assignment_create(teacher=link.teacher, subject=link.subject, assigned_on=day,
                                       title=f"{link.subject.name}练习 {day.month}月{day.day}日{MARK}",
                                       classes=[link.school_class])
        assignment_items_set(assignment=assignment, items=items)
        assignment_publish(assignment=assignment, actor=link.teacher.user)
        rows = []
        for k, student in enumerate(students):
            for m, item_link in enumerate(assignment.item_links.order_by("position")):
                right = case == "all_correct" or (k + m + n) % 4 != 0
                rows.append(ResponseIn(item_link.pk, student, "right" if right else "wrong",
                                       evidence="" if case == "no_evidence" else "demo"))
        source = {"self_only": Response.Source.SELF, "no_evidence": Response.Source.PHOTO}.get(case, Response.Source.SCAN)
        responses_record(responses=rows, source=source)
        total += len(rows)
    return total


def demo_analytics(progress: Callable[[str], None]) -> None:
    """The demo step (listed in ``zuoye/demo/steps.py``)."""
    started = time.monotonic()
    if not Assignment.objects.filter(title__endswith=MARK).exists():
        school = School.objects.filter(name__in=PLANT_SCHOOLS).exclude(name=HONEST_SCHOOL).order_by("code").first()
        places = _places(school) if school else []
        if len(places) < len(CASES):
            progress("analytics: no school with three teachers, classes and items to plant spot-check cases, skipped")
        else:
            days = _days(timezone.localdate())
            with transaction.atomic():
                for case, (link, items) in zip(CASES, places):
                    n = _plant(case, link, items, days)
                    progress(f"analytics: planted {case} for {link.teacher.user} ({link.school_class} "
                             f"{link.subject.name}): {n} results")
    run = rollup_refresh(trigger="demo")
    progress(f"analytics: rollup {run.since}..{run.until}: {run.batches} homework × class rows, {run.flags} new flags "
             f"({time.monotonic() - started:.1f} s)")
