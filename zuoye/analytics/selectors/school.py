"""The school report (H6): by grade, subject and class over a term, read from the rollup.

Daily load is each class's published homework minutes per day, all subjects, against its
grade's limit (``homework.services.load``). A weak point is "shared" when at least
:data:`SHARED_MIN_CLASSES` classes of the school are below the weak rate on it, the material
for a school's joint lesson research (教研).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum

from zuoye.analytics.charts import Series
from zuoye.analytics.models import AssignmentStat, PointStat
from zuoye.analytics.selectors.assessment import TeacherLine, teacher_ratings
from zuoye.analytics.selectors.teacher import WEAK_RATE, _rate
from zuoye.homework.services.load import limits_for_region
from zuoye.itembank.models import KnowledgePoint
from zuoye.schools.models import School, SchoolClass, Term

SHARED_MIN_CLASSES = 2


@dataclass(frozen=True)
class Group:
    """A grade × subject, or a class, over the term."""

    label: str
    homework: int
    uses: int
    right: int
    partial: int
    wrong: int
    days: int = 0
    max_day: int = 0
    mean_day: float = 0.0
    days_over: int = 0
    limit: int = 0
    school_class: SchoolClass | None = None
    grade: int = 0

    @property
    def rate(self) -> float | None:
        return _rate(self.right, self.partial, self.wrong)


@dataclass(frozen=True)
class SharedPoint:
    point: KnowledgePoint
    classes: tuple[tuple[str, float], ...]  # class name, its rate


@dataclass(frozen=True)
class SchoolReport:
    school: School
    term: Term
    by_subject: tuple[Group, ...]
    by_class: tuple[Group, ...]
    shared: tuple[SharedPoint, ...]
    teachers: tuple[tuple[TeacherLine, float | None, int], ...]  # rating line, correct rate, homework
    weeks: tuple[date, ...]
    subject_series: tuple[Series, ...]

    @property
    def empty(self) -> bool:
        return not self.by_class


def _in_term(qs, term: Term):  # type: ignore[no-untyped-def]
    return qs.filter(assigned_on__gte=term.start_date, assigned_on__lte=term.end_date)


def _sums() -> dict[str, object]:
    return {"n": Count("assignment_id", distinct=True), "uses": Count("id", filter=Q(is_use=True)),
            "r": Sum("right_rows"), "p": Sum("partial_rows"), "w": Sum("wrong_rows")}


def _class_groups(school: School, stats) -> list[Group]:  # type: ignore[no-untyped-def]
    limits = limits_for_region(school.region)
    classes = {c.pk: c for c in SchoolClass.objects.filter(pk__in=stats.values("school_class_id"))}
    days: dict[int, list[int]] = defaultdict(list)
    for row in stats.values("school_class_id", "assigned_on").annotate(m=Sum("minutes")):
        days[row["school_class_id"]].append(row["m"])
    groups = []
    for row in stats.values("school_class_id").annotate(**_sums()):
        c = classes[row["school_class_id"]]
        mins = days[c.pk]
        try:
            limit = limits.limit(c.grade)
        except ValueError:
            limit = 0
        groups.append(Group(c.name, row["n"], row["uses"], row["r"] or 0, row["p"] or 0, row["w"] or 0,
                            len(mins), max(mins, default=0), sum(mins) / len(mins) if mins else 0.0,
                            sum(1 for m in mins if m > limit), limit, c))
    return sorted(groups, key=lambda g: (g.school_class.grade, g.school_class.number))  # type: ignore[union-attr]


def _shared_points(school: School, term: Term) -> list[SharedPoint]:
    rows = (PointStat.objects.filter(school=school, week__gte=term.start_date, week__lte=term.end_date)
            .values("knowledge_point_id", "school_class_id")
            .annotate(r=Sum("right_rows"), p=Sum("partial_rows"), w=Sum("wrong_rows")))
    weak: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for row in rows:
        rate = _rate(row["r"], row["p"], row["w"])
        if rate is not None and rate < WEAK_RATE:
            weak[row["knowledge_point_id"]].append((row["school_class_id"], rate))
    shared = {k: v for k, v in weak.items() if len(v) >= SHARED_MIN_CLASSES}
    points = KnowledgePoint.objects.in_bulk(list(shared))
    names = {c.pk: c.name for c in SchoolClass.objects.filter(pk__in={c for v in shared.values() for c, _ in v})}
    out = [SharedPoint(points[k], tuple((names[c], r) for c, r in sorted(v, key=lambda x: x[1])))
           for k, v in shared.items()]
    return sorted(out, key=lambda s: (-len(s.classes), sum(r for _, r in s.classes) / len(s.classes)))[:30]


def school_report(school: School, term: Term) -> SchoolReport:
    stats = _in_term(AssignmentStat.objects.filter(school=school), term)
    by_subject = [Group(row["subject__name"], row["n"], row["uses"], row["r"] or 0, row["p"] or 0, row["w"] or 0,
                        grade=row["grade"])
                  for row in stats.values("grade", "subject__name", "subject__order").annotate(**_sums())
                  .order_by("grade", "subject__order")]
    lines = teacher_ratings(school_ids=[school.pk], term=term)
    per_teacher = {row["teacher_id"]: row for row in stats.values("teacher_id").annotate(**_sums())}
    teachers = tuple((line, _rate(per_teacher[line.teacher.pk]["r"] or 0, per_teacher[line.teacher.pk]["p"] or 0,
                                  per_teacher[line.teacher.pk]["w"] or 0) if line.teacher.pk in per_teacher else None,
                      per_teacher.get(line.teacher.pk, {}).get("n", 0)) for line in lines)
    weekly = list(stats.values("subject__name", "subject__order", "week").annotate(
        r=Sum("right_rows"), p=Sum("partial_rows"), w=Sum("wrong_rows")).order_by("subject__order"))
    weeks = tuple(sorted({w["week"] for w in weekly}))
    series = []
    for name in dict.fromkeys(w["subject__name"] for w in weekly):
        mine = {w["week"]: _rate(w["r"] or 0, w["p"] or 0, w["w"] or 0) for w in weekly if w["subject__name"] == name}
        series.append(Series(name, [None if mine.get(k) is None else round(100 * mine[k], 1) for k in weeks]))  # type: ignore[operator]
    return SchoolReport(school, term, tuple(by_subject), tuple(_class_groups(school, stats)),
                        tuple(_shared_points(school, term)), teachers, weeks, tuple(series))



@dataclass(frozen=True)
class ClassReport:
    school_class: SchoolClass
    homework: tuple[AssignmentStat, ...]
    weeks: tuple[date, ...]
    series: tuple[Series, ...]


def class_report(school_class: SchoolClass, term: Term, subject_ids: frozenset[int] | None) -> ClassReport:
    """One class over a term, every subject (or those the reader teaches there): the drill-down's end."""
    stats = _in_term(AssignmentStat.objects.filter(school_class=school_class), term)
    if subject_ids is not None:
        stats = stats.filter(subject_id__in=subject_ids)
    weekly = list(stats.values("subject__name", "subject__order", "week").annotate(
        r=Sum("right_rows"), p=Sum("partial_rows"), w=Sum("wrong_rows")).order_by("subject__order"))
    weeks = tuple(sorted({w["week"] for w in weekly}))
    series = []
    for name in dict.fromkeys(w["subject__name"] for w in weekly):
        mine = {w["week"]: _rate(w["r"] or 0, w["p"] or 0, w["w"] or 0) for w in weekly if w["subject__name"] == name}
        series.append(Series(name, [None if mine.get(k) is None else round(100 * mine[k], 1) for k in weeks]))  # type: ignore[operator]
    homework = tuple(stats.select_related("assignment__teacher", "subject", "teacher__user").order_by("-assigned_on", "-id")[:60])
    return ClassReport(school_class, homework, weeks, tuple(series))
