"""Region reports (county, city, province): the schools below a region rated and ranked, the
regions below it summed up, and the weekly trend of uses and correct rates, all from the rollup.

Ranking: by rating (excellent, qualified, unqualified, not assessed), then class usage rate,
then coverage, then uses per assessed teacher this term.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum

from zuoye.analytics.charts import Series
from zuoye.analytics.models import AssignmentStat, Flag
from zuoye.analytics.selectors.assessment import SchoolLine, TeacherLine, school_assessments, teacher_ratings
from zuoye.analytics.selectors.teacher import _rate
from zuoye.core.policy import usage
from zuoye.schools.models import Region, School, SchoolYear, Term

ORDER = {usage.EXCELLENT: 0, usage.QUALIFIED: 1, usage.UNQUALIFIED: 2, usage.NOT_ASSESSED: 3}


@dataclass(frozen=True)
class SchoolRow:
    rank: int
    line: SchoolLine
    homework: int
    uses: int
    rate: float | None
    teachers: int
    teachers_qualified: int
    open_flags: int

    @property
    def qualified_share(self) -> float | None:
        return self.teachers_qualified / self.teachers if self.teachers else None


@dataclass(frozen=True)
class ChildRow:
    region: Region
    schools: int
    levels: dict[str, int]
    uses: int
    rate: float | None


@dataclass(frozen=True)
class RegionReport:
    region: Region
    term: Term
    year: SchoolYear
    schools: tuple[SchoolRow, ...]
    children: tuple[ChildRow, ...]
    weeks: tuple[date, ...]
    use_series: tuple[Series, ...]
    rate_series: tuple[Series, ...]
    teacher_lines: tuple[TeacherLine, ...]

    @property
    def levels(self) -> dict[str, int]:
        out = {level: 0 for level in usage.LEVELS}
        for row in self.schools:
            out[row.line.rating.level] += 1
        return out


def _stats(region: Region, since: date, until: date):  # type: ignore[no-untyped-def]
    return AssignmentStat.objects.filter(region_path__startswith=region.path, assigned_on__gte=since,
                                         assigned_on__lte=until)


def region_report(region: Region, term: Term, *, since: date | None = None, until: date | None = None) -> RegionReport:
    """``since``/``until`` narrow the uses and rates to a month (the monthly report); ratings stay
    those of the term and year."""
    year = term.school_year
    schools = list(School.objects.filter(region__path__startswith=region.path).select_related("region"))
    stats = _stats(region, since or term.start_date, until or term.end_date)
    per_school = {r["school_id"]: r for r in stats.values("school_id").annotate(
        n=Count("assignment_id", distinct=True), uses=Count("id", filter=Q(is_use=True)),
        r=Sum("right_rows"), p=Sum("partial_rows"), w=Sum("wrong_rows"))}
    lines = school_assessments(schools=schools, year=year)
    teacher_lines = teacher_ratings(school_ids=[s.pk for s in schools], term=term)
    t_count: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for t in teacher_lines:
        t_count[t.teacher.school_id][0] += 1
        t_count[t.teacher.school_id][1] += t.rating.level in (usage.QUALIFIED, usage.EXCELLENT)
    flags = dict(Flag.objects.filter(region_path__startswith=region.path, verdict=Flag.Verdict.OPEN).values(
        "school_id").annotate(n=Count("id")).values_list("school_id", "n"))

    def key(line: SchoolLine):  # type: ignore[no-untyped-def]
        s = per_school.get(line.school.pk, {})
        return (ORDER[line.rating.level], -(line.rating.class_rate or 0), -(line.rating.coverage or 0),
                -(s.get("uses", 0) / max(t_count[line.school.pk][0], 1)), line.school.code)

    rows = []
    for rank, line in enumerate(sorted(lines, key=key), start=1):
        s = per_school.get(line.school.pk, {})
        rows.append(SchoolRow(rank, line, s.get("n", 0), s.get("uses", 0),
                              _rate(s.get("r") or 0, s.get("p") or 0, s.get("w") or 0), t_count[line.school.pk][0],
                              t_count[line.school.pk][1], flags.get(line.school.pk, 0)))
    children = _children(region, rows, per_school)
    weeks, use_series, rate_series = _trends(region, stats, children)
    return RegionReport(region, term, year, tuple(rows), tuple(children), weeks, use_series, rate_series,
                        tuple(teacher_lines))


def _children(region: Region, rows: list[SchoolRow], per_school: dict) -> list[ChildRow]:  # type: ignore[type-arg]
    out = []
    for child in region.children.all().order_by("code"):
        mine = [r for r in rows if r.line.school.region.path.startswith(child.path)]
        levels = {level: sum(1 for r in mine if r.line.rating.level == level) for level in usage.LEVELS}
        sums = [per_school.get(r.line.school.pk, {}) for r in mine]
        out.append(ChildRow(child, len(mine), levels, sum(s.get("uses", 0) for s in sums),
                            _rate(sum(s.get("r") or 0 for s in sums), sum(s.get("p") or 0 for s in sums),
                                  sum(s.get("w") or 0 for s in sums))))
    return out


def _trends(region: Region, stats, children: list[ChildRow]):  # type: ignore[no-untyped-def]
    """Weekly uses and correct rate: one line per region below, or the region itself for a county."""
    weekly = list(stats.values("region_path", "week").annotate(
        uses=Count("id", filter=Q(is_use=True)), r=Sum("right_rows"), p=Sum("partial_rows"), w=Sum("wrong_rows")))
    weeks = tuple(sorted({w["week"] for w in weekly}))
    groups = [(c.region.name, c.region.path) for c in children] or [(region.name, region.path)]
    use_series, rate_series = [], []
    for name, path in groups:
        acc: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for w in weekly:
            if w["region_path"].startswith(path):
                a = acc[w["week"]]
                a[0] += w["uses"]
                a[1] += w["r"] or 0
                a[2] += w["p"] or 0
                a[3] += w["w"] or 0
        use_series.append(Series(name, [float(acc[k][0]) if k in acc else 0.0 for k in weeks]))
        rates = [_rate(*acc[k][1:]) if k in acc else None for k in weeks]
        rate_series.append(Series(name, [None if r is None else round(100 * r, 1) for r in rates]))
    return weeks, tuple(use_series), tuple(rate_series)
