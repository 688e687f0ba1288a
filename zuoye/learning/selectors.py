"""Reads of the learning app: notebooks, lessons, and the content of a personal booklet.

Callers decide access first (``zuoye.schools.access``); these functions take ids that the caller
may see. Every function here is a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse

from zuoye.itembank.models import Item, KnowledgePoint, MicroLesson
from zuoye.learning.models import NotebookEntry, Recommendation


@dataclass(frozen=True)
class WrongEntry:
    item: Item
    assignment_title: str
    assigned_on: date
    outcome: str  # "wrong" | "partial"
    answer: str
    knowledge_points: tuple[str, ...]  # titles, in the item bank's order
    status: str  # NotebookEntry.Status value: open | practised | mastered


@dataclass(frozen=True)
class ExtensionEntry:
    item: Item
    knowledge_point: str  # title
    reason: str


@dataclass(frozen=True)
class LessonEntry:
    lesson_id: int
    title: str
    knowledge_point: str  # title
    url_path: str  # the lesson page for this student (site-relative; a QR code prefixes the host)


@dataclass(frozen=True)
class BookletContent:
    student_id: int
    start: date
    end: date
    wrong: tuple[WrongEntry, ...]
    extension: tuple[ExtensionEntry, ...]
    lessons: tuple[LessonEntry, ...]


def lesson_path(lesson_id: int, student_id: int) -> str:
    return f"{reverse('learning:lesson', args=[lesson_id])}?student={student_id}"


def item_point_titles(item_ids: Iterable[int]) -> dict[int, list[KnowledgePoint]]:
    """Each item's knowledge points (one query)."""
    out: dict[int, list[KnowledgePoint]] = defaultdict(list)
    through = Item.knowledge_points.through.objects.filter(item_id__in=set(item_ids)).select_related(
        "knowledgepoint").order_by("knowledgepoint__order", "knowledgepoint_id")
    for link in through:
        out[link.item_id].append(link.knowledgepoint)
    return out


def lessons_for_points(point_ids: Iterable[int]) -> dict[int, list[MicroLesson]]:
    """Micro-lessons per knowledge point id (one query); a point with none is absent."""
    out: dict[int, list[MicroLesson]] = defaultdict(list)
    links = MicroLesson.knowledge_points.through.objects.filter(knowledgepoint_id__in=set(point_ids)).select_related(
        "microlesson").order_by("microlesson__title", "microlesson_id")
    for link in links:
        out[link.knowledgepoint_id].append(link.microlesson)
    return out


def notebook_entries(*, student_id: int, subject_id: int | None = None, start: date | None = None,
                     end: date | None = None) -> QuerySet[NotebookEntry]:
    entries = NotebookEntry.objects.filter(student_id=student_id).select_related("item", "assignment", "subject")
    if subject_id is not None:
        entries = entries.filter(subject_id=subject_id)
    if start is not None:
        entries = entries.filter(assigned_on__gte=start)
    if end is not None:
        entries = entries.filter(assigned_on__lte=end)
    return entries.order_by("-assigned_on", "assignment_id", "item_id")


def extension_for(*, student_id: int, start: date, end: date) -> list[Recommendation]:
    """The student's extension exercises for the period: those a teacher approved, or else the
    proposed ones (the default when nobody has reviewed them); removed ones never."""
    recs = list(Recommendation.objects.filter(student_id=student_id, for_date__range=(start, end)).exclude(
        status=Recommendation.Status.REMOVED).select_related("item", "knowledge_point").order_by(
        "for_date", "knowledge_point__order", "id"))
    approved = [r for r in recs if r.status == Recommendation.Status.APPROVED]
    return approved or recs


def booklet_content(*, student_id: int, start: date, end: date) -> BookletContent:
    """What a student's personal booklet (一人一册) for ``start``..``end`` holds, from the stored data:
    the notebook entries whose latest wrong answer falls in the period, the extension exercises
    meant for it, and the micro-lessons of the wrong items' knowledge points."""
    entries = list(notebook_entries(student_id=student_id, start=start, end=end).order_by(
        "assigned_on", "assignment_id", "item_id"))
    points = item_point_titles(e.item_id for e in entries)
    wrong = tuple(WrongEntry(
        item=e.item, assignment_title=e.assignment.title, assigned_on=e.assigned_on, outcome=e.outcome,
        answer=e.answer, knowledge_points=tuple(p.title for p in points.get(e.item_id, ())), status=e.status,
    ) for e in entries)
    extension = tuple(ExtensionEntry(item=r.item, knowledge_point=r.knowledge_point.title, reason=r.reason)
                      for r in extension_for(student_id=student_id, start=start, end=end))
    ordered_points: dict[int, KnowledgePoint] = {}
    for e in entries:
        for p in points.get(e.item_id, ()):
            ordered_points.setdefault(p.pk, p)
    by_point = lessons_for_points(ordered_points)
    lessons, seen = [], set()
    for point in ordered_points.values():
        for lesson in by_point.get(point.pk, ()):
            if lesson.pk not in seen:
                seen.add(lesson.pk)
                lessons.append(LessonEntry(lesson.pk, lesson.title, point.title, lesson_path(lesson.pk, student_id)))
    return BookletContent(student_id=student_id, start=start, end=end, wrong=wrong, extension=extension,
                          lessons=tuple(lessons))


# --- student and guardian pages ------------------------------------------------------------

@dataclass(frozen=True)
class PointLevel:
    code: str
    title: str
    name: str
    level: int | None
    explanation: str
    tentative: bool


@dataclass(frozen=True)
class SubjectMastery:
    subject_id: int
    subject_name: str
    points: tuple[PointLevel, ...]  # weakest first; empty: cold start (no responses yet)
    fitted: bool  # False: the cold-start defaults, not yet fitted on this subject's data


def mastery_for(*, student_id: int, subjects: Iterable) -> list[SubjectMastery]:  # type: ignore[type-arg]
    from zuoye.learning.models import MasteryState

    states = {s.subject_id: s for s in MasteryState.objects.filter(student_id=student_id)}
    codes = {code for s in states.values() for code in s.levels}
    titles = dict(KnowledgePoint.objects.filter(code__in=codes).values_list("code", "title"))
    out = []
    for subject in subjects:
        state = states.get(subject.pk)
        if state is None:
            continue
        points = sorted((PointLevel(code, titles.get(code, code), v["name"], v["level"], v["explanation"], v["tentative"])
                         for code, v in state.levels.items()),
                        key=lambda p: (-1 if p.level is None else p.level, p.title))
        out.append(SubjectMastery(subject.pk, subject.name, tuple(points), state.fit_id is not None))
    return out


@dataclass(frozen=True)
class LessonToWatch:
    lesson: MicroLesson
    points: tuple[str, ...]
    watched: bool  # a completed statement exists for this student


def lessons_to_watch(*, student_id: int, entries: Iterable[NotebookEntry]) -> tuple[list[LessonToWatch], list[str]]:
    """Lessons of the knowledge points of the given (open) entries, unwatched first; and the titles
    of points that have no lesson yet."""
    from zuoye.learning.models import Statement
    from zuoye.learning.services.statements import COMPLETED

    points = item_point_titles(e.item_id for e in entries)
    by_id = {p.pk: p for ps in points.values() for p in ps}
    lessons = lessons_for_points(by_id)
    done = set(Statement.objects.filter(student_id=student_id, verb=COMPLETED).values_list("lesson_id", flat=True))
    rows: dict[int, LessonToWatch] = {}
    for point_id, items in lessons.items():
        for lesson in items:
            old = rows.get(lesson.pk)
            titles = (*old.points, by_id[point_id].title) if old else (by_id[point_id].title,)
            rows[lesson.pk] = LessonToWatch(lesson, titles, lesson.pk in done)
    missing = sorted({p.title for pid, p in by_id.items() if pid not in lessons})
    return sorted(rows.values(), key=lambda r: (r.watched, r.lesson.title)), missing
