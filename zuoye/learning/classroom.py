"""Reads for teachers: a class's most-missed items, items with no knowledge point, mastery spread,
and lesson completion rates (完播率). Fixed numbers of queries per page."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from zuoye.homework.models import Response
from zuoye.itembank.models import Item, KnowledgePoint, MicroLesson
from zuoye.learning.models import MasteryState, NotebookEntry, Statement
from zuoye.learning.selectors import lessons_for_points
from zuoye.learning.services.statements import COMPLETED, FAILED, PLAYED
from zuoye.schools.models import SchoolClass, Student


@dataclass(frozen=True)
class MissedItem:
    item: Item
    students: tuple[tuple[Student, str, str], ...]  # (student, outcome, status)
    answered: int  # students of the class who answered it (any outcome)
    no_point: bool

    @property
    def missed(self) -> int:
        return len(self.students)

    @property
    def rate(self) -> int:
        return round(100 * self.missed / self.answered) if self.answered else 0


def most_missed(*, school_class: SchoolClass, subject_id: int, start: date | None = None,
                limit: int = 20) -> list[MissedItem]:
    """Items the most students of the class got wrong or partly right (latest answer in the period)."""
    entries = NotebookEntry.objects.filter(school_class=school_class, subject_id=subject_id)
    if start is not None:
        entries = entries.filter(assigned_on__gte=start)
    top = list(entries.values("item_id").annotate(n=Count("id")).order_by("-n", "item_id")[:limit])
    ids = [row["item_id"] for row in top]
    items = Item.objects.in_bulk(ids)
    answered = dict(Response.objects.filter(school_class=school_class, item_id__in=ids).exclude(
        outcome=Response.Outcome.UNMARKED).values("item_id").annotate(n=Count("student_id", distinct=True)).values_list(
        "item_id", "n"))
    with_points = set(Item.knowledge_points.through.objects.filter(item_id__in=ids).values_list("item_id", flat=True))
    behind: dict[int, list[tuple[Student, str, str]]] = defaultdict(list)
    for e in entries.filter(item_id__in=ids).select_related("student__user").order_by("student__user__full_name"):
        behind[e.item_id].append((e.student, e.outcome, e.status))
    return [MissedItem(items[i], tuple(behind[i]), answered.get(i, 0), i not in with_points) for i in ids]


def items_without_point(*, school_class: SchoolClass, subject_id: int) -> list[Item]:
    """Items this class answered that carry no knowledge point: no notebook lesson, no mastery."""
    ids = set(Response.objects.filter(school_class=school_class, subject_id=subject_id).values_list("item_id", flat=True))
    return list(Item.objects.filter(pk__in=ids, knowledge_points__isnull=True).order_by("id"))


@dataclass(frozen=True)
class PointSpread:
    point: KnowledgePoint
    counts: tuple[int, int, int, int]  # students per level 未掌握 … 熟练掌握
    students: int


def mastery_spread(*, school_class: SchoolClass, subject_id: int) -> list[PointSpread]:
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    states = MasteryState.objects.filter(student__current_class=school_class, subject_id=subject_id).values_list(
        "levels", flat=True)
    for levels in states:
        for code, value in levels.items():
            if value["level"] is not None:
                counts[code][value["level"]] += 1
    points = KnowledgePoint.objects.in_bulk(list(counts), field_name="code")
    rows = [PointSpread(points[c], tuple(counts[c][n] for n in range(4)), sum(counts[c].values()))  # type: ignore[arg-type]
            for c in counts if c in points]
    return sorted(rows, key=lambda r: (-(r.counts[0] + r.counts[1]) / max(r.students, 1), r.point.order))


@dataclass(frozen=True)
class LessonRate:
    lesson: MicroLesson
    pushed: int  # students of the class with a wrong item on one of the lesson's points
    viewers: int  # students who started playing it
    completed: int
    failed: int  # students for whom the video did not load

    @property
    def rate(self) -> int | None:
        """完播率: completed / started, in percent; None when nobody has started it."""
        return round(100 * self.completed / self.viewers) if self.viewers else None


def lesson_completion(*, school_class: SchoolClass) -> list[LessonRate]:
    """Per lesson pushed to this class (or watched in it): how many started, finished, failed."""
    students = list(Student.objects.filter(current_class=school_class).values_list("pk", flat=True))
    wrong_points: dict[int, set[int]] = defaultdict(set)
    for student_id, point_id in NotebookEntry.objects.filter(student_id__in=students).values_list(
            "student_id", "item__knowledge_points"):
        if point_id:
            wrong_points[point_id].add(student_id)
    pushed: dict[int, set[int]] = defaultdict(set)
    lessons: dict[int, MicroLesson] = {}
    for point_id, items in lessons_for_points(wrong_points).items():
        for lesson in items:
            lessons[lesson.pk] = lesson
            pushed[lesson.pk] |= wrong_points[point_id]
    by_verb: dict[tuple[int, str], set[int]] = defaultdict(set)
    for lesson_id, verb, student_id in Statement.objects.filter(student_id__in=students, verb__in=(
            PLAYED, COMPLETED, FAILED)).values_list("lesson_id", "verb", "student_id").distinct():
        by_verb[(lesson_id, verb)].add(student_id)
    watched = {lesson_id for lesson_id, _ in by_verb}
    lessons.update(MicroLesson.objects.in_bulk([i for i in watched if i not in lessons]))
    rows = [LessonRate(lesson, len(pushed.get(pk, ())), len(by_verb[(pk, PLAYED)]), len(by_verb[(pk, COMPLETED)]),
                       len(by_verb[(pk, FAILED)])) for pk, lesson in lessons.items()]
    return sorted(rows, key=lambda r: (-r.pushed, r.lesson.title))
