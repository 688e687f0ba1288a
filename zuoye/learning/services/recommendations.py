"""Extension exercises (拓展题) per student: aimed at the weakest points, one step up, never seen.

For each student and subject, the knowledge points whose level is below 基本掌握 (or, with no
mastery yet, the points of open notebook entries) are taken weakest first. For each point:

- Math with a missed item made from a variant template: fresh variants of that very item
  (举一反三, ``variants_generate``), the ones the student has not answered or been given;
- otherwise items of the point one difficulty step above the student's level (level 0 → 2,
  1 → 3, 2 → 4, 3 → 5, nearest available when that step is empty), not seen before.

``per_point`` (3 by default) per point, and only as many points as fit in what is left of the
class's daily homework-load budget on ``for_date`` after the published homework
(``homework.services.load``; grades 1–2 have no written homework, so none are proposed).
Proposals wait for a teacher (approve, remove, replace) before they go out.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zuoye.accounts.models import User
from zuoye.homework.models import Response
from zuoye.homework.services.load import load_check
from zuoye.itembank.models import Item, KnowledgePoint
from zuoye.itembank.services.variants import variants_generate
from zuoye.learning.models import MasteryState, NotebookEntry, Recommendation
from zuoye.schools.models import Student

PER_POINT = 3
WEAK_LEVELS = (0, 1)
"""Levels that ask for extension work: 未掌握 and 初步掌握."""


@dataclass(frozen=True)
class Proposal:
    student_id: int
    proposed: int
    minutes: Decimal
    budget_left: int
    note: str = ""


def _weak_points(student: Student, subject_id: int) -> list[tuple[str, int]]:
    """(point code, level) weakest first: from mastery, else from the open notebook entries."""
    state = MasteryState.objects.filter(student=student, subject_id=subject_id).first()
    if state and state.levels:
        weak = [(code, v["level"], v["p"]) for code, v in state.levels.items()
                if v["level"] is not None and v["level"] in WEAK_LEVELS]
        return [(code, level) for code, level, _ in sorted(weak, key=lambda t: (t[2], t[0]))]
    codes = NotebookEntry.objects.filter(student=student, subject_id=subject_id, status="open").values_list(
        "item__knowledge_points__code", flat=True)
    return [(code, 0) for code in sorted({c for c in codes if c})]


def _seen(student: Student) -> set[int]:
    answered = set(Response.objects.filter(student=student).values_list("item_id", flat=True))
    return answered | set(Recommendation.objects.filter(student=student).values_list("item_id", flat=True))


def _variants(entry_item: Item, seen: set[int], count: int, student: Student) -> list[Item]:
    """Fresh variants of the very item missed; the start seed differs per student so classmates differ."""
    start = zlib.crc32(f"{student.pk}:{entry_item.pk}".encode()) % 5000
    made = variants_generate(template_code=entry_item.template_code, count=count + 3, start_seed=start, actor=None)
    return [i for i in made if i.pk not in seen][:count]


def _one_step_up(point: KnowledgePoint, level: int, seen: set[int], count: int) -> list[Item]:
    target = min(level + 2, 5)
    pool = [i for i in Item.objects.filter(knowledge_points=point).exclude(pk__in=seen).order_by("id")]
    pool.sort(key=lambda i: (abs(i.difficulty - target) + (0.5 if i.difficulty < target else 0), i.pk))
    return pool[:count]


@transaction.atomic
def recommendations_propose(*, student: Student, subject_id: int, for_date: date,
                            per_point: int = PER_POINT) -> Proposal:
    """Propose extension exercises for one student in one subject for ``for_date`` (replacing
    undecided proposals for that day; decisions already taken stay)."""
    Recommendation.objects.filter(student=student, subject_id=subject_id, for_date=for_date,
                                  status=Recommendation.Status.PROPOSED).delete()
    school_class = student.current_class
    if school_class is None:
        return Proposal(student.pk, 0, Decimal(0), 0, "no class")
    check = load_check(school_class=school_class, day=for_date, adding=0)
    # what is already meant for that evening (other subjects' proposals, approved ones) counts too
    kept = Recommendation.objects.filter(student=student, for_date=for_date).exclude(status=Recommendation.Status.REMOVED)
    used = sum((r.item.minutes for r in kept.select_related("item")), Decimal(0))
    left = Decimal(max(0, check.limit - check.total)) - used
    seen = _seen(student)
    missed_by_point: dict[str, list[Item]] = defaultdict(list)
    for entry in NotebookEntry.objects.filter(student=student, subject_id=subject_id).exclude(
            status="mastered").select_related("item").prefetch_related("item__knowledge_points"):
        for kp in entry.item.knowledge_points.all():
            missed_by_point[kp.code].append(entry.item)
    weak = _weak_points(student, subject_id)
    points = {p.code: p for p in KnowledgePoint.objects.filter(code__in=[c for c, _ in weak]).select_related("subject")}
    new, minutes, varied = [], Decimal(0), set()
    for code, level in weak:
        point = points.get(code)
        if point is None:
            continue
        # a missed item with several weak points gets its variants once; its other points get bank items
        templated = [i for i in missed_by_point.get(code, ()) if i.template_code and i.pk not in varied]
        picks = []
        if templated and point.subject.code == "math":
            picks = _variants(templated[0], seen, per_point, student)
            reason, variant_of = "错题的同类变式（举一反三）", templated[0]
            varied.add(templated[0].pk)
        if not picks:
            picks, variant_of = _one_step_up(point, level, seen, per_point), None
            reason = f"「{point.title}」提高一级的练习（难度{min(level + 2, 5)}）"
        cost = sum((i.minutes for i in picks), Decimal(0))
        if not picks or minutes + cost > left:
            continue
        minutes += cost
        seen |= {i.pk for i in picks}
        new += [Recommendation(student=student, subject_id=subject_id, item=i, knowledge_point=point,
                               variant_of=variant_of, reason=reason[:200], for_date=for_date) for i in picks]
    Recommendation.objects.bulk_create(new)
    note = "" if left > 0 else "no load budget left that day"
    return Proposal(student.pk, len(new), minutes, int(left), note)


def recommendation_decide(*, recommendation: Recommendation, action: str, actor: User) -> Recommendation | None:
    """A teacher's decision: ``approve``, ``remove``, or ``replace`` (remove, and put the next unseen
    item of the same point in its place, still proposed). Returns the replacement, if any."""
    if action not in ("approve", "remove", "replace"):
        raise ValueError(f"unknown action {action!r}: approve, remove or replace")
    now = timezone.now()
    status = Recommendation.Status.APPROVED if action == "approve" else Recommendation.Status.REMOVED
    Recommendation.objects.filter(pk=recommendation.pk).update(status=status, decided_by=actor, decided_at=now)
    recommendation.status = status
    if action != "replace":
        return None
    seen = _seen(recommendation.student)
    level = recommendation.item.difficulty - 2
    picks = _one_step_up(recommendation.knowledge_point, level, seen, 1)
    if not picks:
        return None
    return Recommendation.objects.create(
        student=recommendation.student, subject=recommendation.subject, item=picks[0],
        knowledge_point=recommendation.knowledge_point, reason=f"替换：{recommendation.reason}"[:200],
        for_date=recommendation.for_date)


def recommendations_approve_all(*, student_ids: list[int], for_date: date, actor: User) -> int:
    return Recommendation.objects.filter(student_id__in=student_ids, for_date=for_date,
                                         status=Recommendation.Status.PROPOSED).update(
        status=Recommendation.Status.APPROVED, decided_by=actor, decided_at=timezone.now())
