"""Reads on the item bank: who may use it, filtered items, the knowledge-point tree, imports, lessons.

The bank holds no personal data, but it holds answers and 解析, so it is for staff only
(teachers, school and region staff); students and guardians meet items through their homework.
Items are shared by every school: a filter narrows by subject, grade, unit or knowledge point,
type and difficulty, never by who may see them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from zuoye.accounts.models import User
from zuoye.core import itemformats as fmt
from zuoye.core.grades import GRADE_NAMES
from zuoye.itembank.models import Item, ItemImport, KnowledgePoint, MicroLesson
from zuoye.itembank.services.items import item_to_data
from zuoye.schools import models as m
from zuoye.schools.access import Scope

STAFF_ROLES = frozenset({"teacher", "head_teacher", "school_admin", "school_leader", "region_staff"})
IMPORT_ROLES = frozenset({"teacher", "head_teacher", "school_admin"})
LESSON_ROLES = frozenset({"teacher", "head_teacher"})
EXPORT_LIMIT = 5000
"""Most items one QTI export holds (a whole subject's demo bank is under 1,000)."""


def may_browse(scope: Scope) -> bool:
    return scope.is_platform_admin or bool(scope.roles & STAFF_ROLES)


def may_import(scope: Scope) -> bool:
    return scope.is_platform_admin or bool(scope.roles & IMPORT_ROLES)


def may_upload_lessons(scope: Scope) -> bool:
    return scope.is_platform_admin or bool(scope.roles & LESSON_ROLES)


@dataclass(frozen=True)
class ItemFilter:
    """What a teacher narrows the bank by; empty fields do not narrow."""

    subject: str = ""  # subject code
    grade: int | None = None
    node: str = ""  # a unit's or a knowledge point's code
    type: str = ""
    difficulty: int | None = None
    text: str = ""  # words of the stem
    exclude: frozenset[int] = field(default_factory=frozenset)


def items_filtered(wanted: ItemFilter) -> QuerySet[Item]:
    items = Item.objects.select_related("subject").prefetch_related(
        Prefetch("knowledge_points", queryset=KnowledgePoint.objects.only("code", "title", "kind", "parent_id"))
    )
    if wanted.subject:
        items = items.filter(subject__code=wanted.subject)
    if wanted.grade:
        items = items.filter(grade=wanted.grade)
    if wanted.node:
        items = items.filter(
            Q(knowledge_points__code=wanted.node) | Q(knowledge_points__parent__code=wanted.node)
        ).distinct()
    if wanted.type:
        items = items.filter(type=wanted.type)
    if wanted.difficulty:
        items = items.filter(difficulty=wanted.difficulty)
    if wanted.text:
        items = items.filter(stem__icontains=wanted.text)
    if wanted.exclude:
        items = items.exclude(pk__in=wanted.exclude)
    return items.order_by("grade", "difficulty", "id")


def item_get(item_id: int) -> Item | None:
    return items_filtered(ItemFilter()).filter(pk=item_id).first()


@dataclass(frozen=True)
class PointRow:
    point: KnowledgePoint
    items: int


@dataclass(frozen=True)
class UnitRow:
    unit: KnowledgePoint
    items: int
    points: tuple[PointRow, ...]


@dataclass(frozen=True)
class BookRow:
    title: str  # 七年级上册
    units: tuple[UnitRow, ...]


def knowledge_tree(subject: str, grade: int) -> list[BookRow]:
    """The grade's books → units → points, with how many items each holds (three queries)."""
    nodes = list(KnowledgePoint.objects.filter(subject__code=subject, grade=grade, is_active=True).order_by("order"))
    per_point = dict(
        Item.knowledge_points.through.objects.filter(knowledgepoint__in=nodes)
        .values_list("knowledgepoint_id").annotate(n=Count("item_id", distinct=True))
    )
    per_unit = dict(
        Item.objects.filter(knowledge_points__parent__in=[n for n in nodes if n.kind == KnowledgePoint.Kind.UNIT])
        .values_list("knowledge_points__parent_id").annotate(n=Count("id", distinct=True))
    )
    books: dict[str, list[UnitRow]] = {}
    for unit in (n for n in nodes if n.kind == KnowledgePoint.Kind.UNIT):
        points = tuple(PointRow(p, per_point.get(p.pk, 0)) for p in nodes if p.parent_id == unit.pk)
        total = per_unit.get(unit.pk, 0) + per_point.get(unit.pk, 0)
        books.setdefault(unit.semester, []).append(UnitRow(unit, total, points))
    return [BookRow(GRADE_NAMES.get(grade, str(grade)) + semester, tuple(units)) for semester, units in books.items()]


def node_get(code: str) -> KnowledgePoint | None:
    return KnowledgePoint.objects.filter(code=code).select_related("parent").first() if code else None


def bank_places() -> dict[str, list[int]]:
    """Subject code → the grades that have a knowledge-point tree (what the filter offers)."""
    places: dict[str, list[int]] = {}
    rows = KnowledgePoint.objects.filter(kind=KnowledgePoint.Kind.UNIT).values_list("subject__code", "grade").distinct()
    for subject, grade in sorted(set(rows), key=lambda row: row[1]):
        places.setdefault(subject, []).append(grade)
    return places


def subjects_with_trees() -> QuerySet[m.Subject]:
    return m.Subject.objects.filter(knowledge_points__isnull=False, is_active=True).distinct().order_by("order", "code")


def home_place(scope: Scope) -> tuple[str, int] | None:
    """Where a teacher most likely wants to start: the subject and grade of a class they teach."""
    if not scope.taught:
        return None
    class_id, subject_id = min(scope.taught)
    grade = m.SchoolClass.objects.filter(pk=class_id).values_list("grade", flat=True).first()
    code = m.Subject.objects.filter(pk=subject_id).values_list("code", flat=True).first()
    return (code, grade) if code and grade else None


def items_qti_package(items: Iterable[Item]) -> bytes:
    """The items as one QTI 3.0 content package (knowledge points, difficulty and minutes included)."""
    return fmt.write_qti_package([item_to_data(item) for item in items])


def imports_of(actor: User) -> QuerySet[ItemImport]:
    records = ItemImport.objects.select_related("created_by")
    return records if actor.is_superuser else records.filter(created_by=actor)


def lessons_listed(*, subject: str = "", grade: int | None = None) -> QuerySet[MicroLesson]:
    lessons = MicroLesson.objects.select_related("author").prefetch_related(
        Prefetch("knowledge_points", queryset=KnowledgePoint.objects.select_related("subject").order_by("order"))
    )
    if subject:
        lessons = lessons.filter(knowledge_points__subject__code=subject)
    if grade:
        lessons = lessons.filter(knowledge_points__grade=grade)
    return lessons.distinct() if subject or grade else lessons


def lesson_points(subject: str, grade: int) -> list[tuple[KnowledgePoint, list[KnowledgePoint]]]:
    """(unit, its points) of a grade, for ticking a lesson's knowledge points."""
    nodes = list(KnowledgePoint.objects.filter(subject__code=subject, grade=grade, is_active=True).order_by("order"))
    units = [n for n in nodes if n.kind == KnowledgePoint.Kind.UNIT]
    return [(unit, [p for p in nodes if p.parent_id == unit.pk]) for unit in units]
