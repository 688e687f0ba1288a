"""Reads for region staff: a region's schools and numbers, rolled up to each child region.

A province holds thousands of schools and millions of students, so the numbers come from
three grouped queries over the region's materialised path (students, teachers and classes
per school) and are rolled up in Python, never from one query per school or region.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from zuoye.schools import access
from zuoye.schools import models as m
from zuoye.schools.access import Scope
from zuoye.schools.selectors.scoped import visible_or_deny


def region_get(scope: Scope, region_id: int) -> m.Region:
    return visible_or_deny(access.regions_visible(scope), region_id, scope=scope, what="region")


def regions_top(scope: Scope) -> QuerySet[m.Region]:
    """The highest regions the person oversees (their own roles' regions, or the roots for a platform admin)."""
    if scope.is_platform_admin:
        return m.Region.objects.filter(parent__isnull=True)
    return m.Region.objects.filter(path__in=scope.region_paths)


@dataclass(frozen=True)
class Crumb:
    label: str
    region_id: int | None = None  # set when the person may open that region's page


def crumbs_for(scope: Scope, path: str) -> list[Crumb]:
    """The regions above and at ``path``, linked where the person may open them."""
    codes = [code for code in path.strip("/").split("/") if code]
    regions = {r.code: r for r in m.Region.objects.filter(code__in=codes)}
    visible = set(access.regions_visible(scope).filter(code__in=codes).values_list("pk", flat=True))
    return [
        Crumb(regions[code].name, regions[code].pk if regions[code].pk in visible else None)
        for code in codes
        if code in regions
    ]


@dataclass
class Numbers:
    schools_by_kind: Counter[str] = field(default_factory=Counter)
    classes: int = 0
    students: int = 0
    teachers: int = 0

    @property
    def schools(self) -> int:
        return sum(self.schools_by_kind.values())

    def add(self, school: m.School) -> None:
        self.schools_by_kind[school.kind] += 1
        self.classes += school.class_count  # type: ignore[attr-defined]
        self.students += school.student_count  # type: ignore[attr-defined]
        self.teachers += school.teacher_count  # type: ignore[attr-defined]

    def kinds(self) -> list[tuple[str, int]]:
        """(label, count) in the usual order, kinds the place has only."""
        return [(label, self.schools_by_kind[kind]) for kind, label in m.School.Kind.choices if self.schools_by_kind[kind]]


@dataclass
class RegionRow:
    region: m.Region
    numbers: Numbers = field(default_factory=Numbers)


@dataclass
class Overview:
    region: m.Region
    total: Numbers
    children: list[RegionRow]
    schools: list[m.School]  # directly in this region, each with class/student/teacher counts


def _count_by_school(queryset: QuerySet, path: str) -> dict[int, int]:  # type: ignore[type-arg]
    rows = queryset.filter(school__region__path__startswith=path).values("school_id").annotate(n=Count("id"))
    return {row["school_id"]: row["n"] for row in rows.order_by()}


def schools_with_numbers(path: str, year: m.SchoolYear | None) -> list[m.School]:
    """Every school under ``path``, each with ``class_count``, ``student_count``, ``teacher_count``."""
    students = _count_by_school(m.Student.objects.filter(is_active=True), path)
    teachers = _count_by_school(m.Teacher.objects.filter(is_active=True), path)
    classes = _count_by_school(m.SchoolClass.objects.filter(school_year=year), path) if year else {}
    schools = list(m.School.objects.filter(region__path__startswith=path).select_related("region").order_by("code"))
    for school in schools:
        school.student_count = students.get(school.pk, 0)  # type: ignore[attr-defined]
        school.teacher_count = teachers.get(school.pk, 0)  # type: ignore[attr-defined]
        school.class_count = classes.get(school.pk, 0)  # type: ignore[attr-defined]
    return schools


def region_overview(region: m.Region, year: m.SchoolYear | None) -> Overview:
    children = {child.code: RegionRow(child) for child in region.children.order_by("code")}
    overview = Overview(region=region, total=Numbers(), children=list(children.values()), schools=[])
    for school in schools_with_numbers(region.path, year):
        overview.total.add(school)
        below = school.region.path[len(region.path):].strip("/")
        if not below:
            overview.schools.append(school)
        elif below.split("/")[0] in children:
            children[below.split("/")[0]].numbers.add(school)
    return overview


def region_numbers(region: m.Region, year: m.SchoolYear | None) -> Numbers:
    total = Numbers()
    for school in schools_with_numbers(region.path, year):
        total.add(school)
    return total
