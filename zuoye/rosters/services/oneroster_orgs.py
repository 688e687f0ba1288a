"""OneRoster structure in: orgs and sessions (this module), courses and classes
(:mod:`.oneroster_classes`), all found among stored objects or planned as new ones.

Objects are found by a stored foreign id (:class:`ExternalId`), else by their natural key (an
org's ``identifier`` is the region or school code, a school year's ``title`` its name, a class
its school, year, grade and number). What is missing may be created only by a platform-level
import (the CLI, or a platform admin choosing no school): regions, schools, school years and
terms; classes also when ``create`` is asked. Anything else naming the unknown is a problem.
A school-level import must hold only that school's data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from zuoye.core.roster import oneroster as o
from zuoye.core.roster.problems import Place, Problem, notice, problem
from zuoye.rosters.models import ExternalId
from zuoye.schools import models as m

REGION_TYPES = {"state": m.Region.Level.PROVINCE, "local": m.Region.Level.CITY, "district": m.Region.Level.COUNTY}
TYPE_RANK = {"state": 0, "local": 1, "district": 2, "school": 3}


@dataclass
class Structure:
    platform: bool
    create_classes: bool
    allowed: set[int] | None  # school pks this import may touch; None: any
    orgs: dict[str, m.Region | m.School] = field(default_factory=dict)
    new_regions: list[m.Region] = field(default_factory=list)
    new_schools: list[m.School] = field(default_factory=list)
    sessions: dict[str, m.SchoolYear | m.Term] = field(default_factory=dict)
    new_years: list[m.SchoolYear] = field(default_factory=list)
    new_terms: list[m.Term] = field(default_factory=list)
    terms_of_year: dict[int, list[m.Term]] = field(default_factory=lambda: defaultdict(list))  # id(year) -> terms
    courses: dict[str, tuple[list[int], m.Subject | None]] = field(default_factory=dict)
    homerooms: dict[str, m.SchoolClass] = field(default_factory=dict)
    scheduled: dict[str, tuple[m.SchoolClass, m.Subject, list[m.Term]]] = field(default_factory=dict)
    new_classes: dict[tuple[int, int, int, int], m.SchoolClass] = field(default_factory=dict)  # (id(school), id(year), g, n)
    stored_classes: dict[tuple[int, int, int, int], m.SchoolClass] = field(default_factory=dict)
    subjects: dict[str, m.Subject] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def school(self, sid: str) -> m.School | None:
        found = self.orgs.get(sid)
        return found if isinstance(found, m.School) else None


def mapped(kind: str, sids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in [sorted(sids)[i:i + 2000] for i in range(0, len(sids), 2000)]:
        found.update(ExternalId.objects.filter(kind=kind, sourced_id__in=part).values_list("sourced_id", "key"))
    return found


def orgs(package: o.Package, s: Structure) -> None:
    rows = package.rows("orgs.csv")
    keys = mapped("org", {r["sourcedId"] for _, r in rows})
    codes = {r.get("identifier") or "" for _, r in rows}
    regions = {r.code: r for r in m.Region.objects.filter(code__in=codes)} | {f"r{r.pk}": r for r in m.Region.objects.filter(pk__in=[k[1:] for k in keys.values() if k[0] == "r"])}
    schools = {x.code: x for x in m.School.objects.filter(code__in=codes)} | {f"s{x.pk}": x for x in m.School.objects.filter(pk__in=[k[1:] for k in keys.values() if k[0] == "s"])}
    ignored = 0
    for place, row in sorted(rows, key=lambda item: TYPE_RANK.get(item[1]["type"], 9)):
        kind, sid, code = row["type"], row["sourcedId"], row.get("identifier") or ""
        if kind not in TYPE_RANK:
            ignored += kind in ("national", "department")
            if kind not in ("national", "department"):
                s.problems.append(problem("or_org_type", place.at(column="type"), value=kind))
            continue
        pool = schools if kind == "school" else regions
        found = pool.get(keys.get(sid, "")) or pool.get(code)
        if found is None:
            found = _new_org(place, row, s, package)
        if found is not None:
            s.orgs[sid] = found
        if isinstance(found, m.School) and found.pk and s.allowed is not None and found.pk not in s.allowed:
            s.problems.append(problem("school_not_allowed", place, school=found.name))
    if ignored:
        s.problems.append(notice("or_ignored_rows", Place(file="orgs.csv"), count=ignored, name="orgs.csv", reason="national/department"))


def _new_org(place: Place, row: dict[str, str], s: Structure, package: o.Package) -> m.Region | m.School | None:
    kind, code = row["type"], row.get("identifier") or ""
    parent = s.orgs.get(row.get("parentSourcedId") or "")
    if not s.platform or not code:
        s.problems.append(problem("or_org_unknown", place.at(column="identifier"), value=code or row["sourcedId"], name=row["name"]))
        return None
    if kind == "school":
        if not isinstance(parent, m.Region) or parent.level != m.Region.Level.COUNTY:
            s.problems.append(problem("or_reference_missing", place.at(column="parentSourcedId"), value=row.get("parentSourcedId") or "-", target="orgs.csv (district)"))
            return None
        school = m.School(code=code[:20], name=row["name"], region=parent, kind=row.get(o.META_SCHOOL_KIND) or _kind_from_grades(package, row["sourcedId"]))
        s.new_schools.append(school)
        return school
    if parent is not None and not isinstance(parent, m.Region):
        parent = None
    region = m.Region(code=code[:12], name=row["name"], level=REGION_TYPES[kind], parent=parent,
                      path=(parent.path if parent else "/") + code[:12] + "/")
    s.new_regions.append(region)
    return region


def _kind_from_grades(package: o.Package, school_sid: str) -> str:
    found = {g for _, r in package.rows("classes.csv") if r["schoolSourcedId"] == school_sid for g in (o.parse_grades(r.get("grades", "")) or [])}
    if found and min(found) >= 7:
        return m.School.Kind.JUNIOR
    if found and max(found) <= 6:
        return m.School.Kind.PRIMARY
    return m.School.Kind.NINE_YEAR


def sessions(package: o.Package, s: Structure) -> None:
    rows = package.rows("academicSessions.csv")
    keys = mapped("session", {r["sourcedId"] for _, r in rows})
    years = {y.name: y for y in m.SchoolYear.objects.all()} | {f"y{y.pk}": y for y in m.SchoolYear.objects.all()}
    for place, row in rows:
        if row["type"] != "schoolYear":
            continue
        year = years.get(keys.get(row["sourcedId"], "")) or years.get(row["title"])
        start, end = o.parse_date(row["startDate"]), o.parse_date(row["endDate"])
        if year is None and (start is None or end is None):
            s.problems.append(problem("or_value_invalid", place.at(column="startDate"), value=f"{row['startDate']} – {row['endDate']}"))
            continue
        if year is None and not s.platform:
            s.problems.append(problem("or_session_unknown", place.at(column="title"), value=row["title"]))
            continue
        if year is None:
            year = m.SchoolYear(name=row["title"][:20], start_date=start, end_date=end)
            s.new_years.append(year)
            years[row["title"]] = year
        s.sessions[row["sourcedId"]] = year
        for term in m.Term.objects.filter(school_year=year) if year.pk else []:
            s.terms_of_year[id(year)].append(term)
    _terms(package, s, keys)


def _terms(package: o.Package, s: Structure, keys: dict[str, str]) -> None:
    by_year: dict[str, list[tuple[Place, dict[str, str]]]] = defaultdict(list)
    for place, row in package.rows("academicSessions.csv"):
        if row["type"] in ("term", "semester"):
            by_year[row.get("parentSourcedId") or ""].append((place, row))
    stored = {f"t{t.pk}": t for t in m.Term.objects.filter(pk__in=[k[1:] for k in keys.values() if k[0] == "t"])}
    for parent, rows in by_year.items():
        year = s.sessions.get(parent)
        if not isinstance(year, m.SchoolYear):
            for place, row in rows:
                s.problems.append(problem("or_session_unknown", place.at(column="parentSourcedId"), value=row["title"]))
            continue
        for number, (place, row) in enumerate(sorted(rows, key=lambda item: item[1]["startDate"]), start=1):
            existing = {t.number: t for t in s.terms_of_year[id(year)]}
            term = stored.get(keys.get(row["sourcedId"], "")) or existing.get(number)
            if term is None and not s.platform:
                s.problems.append(problem("or_session_unknown", place.at(column="title"), value=row["title"]))
                continue
            if term is None:
                start, end = o.parse_date(row["startDate"]), o.parse_date(row["endDate"])
                if start is None or end is None:
                    s.problems.append(problem("or_value_invalid", place.at(column="startDate"), value=row["startDate"]))
                    continue
                term = m.Term(school_year=year, number=number, start_date=start, end_date=end)
                s.new_terms.append(term)
                s.terms_of_year[id(year)].append(term)
            s.sessions[row["sourcedId"]] = term


def courses(package: o.Package, s: Structure) -> None:
    s.subjects = {k: x for x in m.Subject.objects.all() for k in (x.name, x.code, x.name_en.lower())}
    for _, row in package.rows("courses.csv"):
        named = [s.subjects.get(part) or s.subjects.get(part.lower()) for part in o.split_list(row.get("subjects", ""))]
        subject = next((x for x in named if x), None) or s.subjects.get((row.get("courseCode") or "").split("-")[0])
        s.courses[row["sourcedId"]] = (o.parse_grades(row.get("grades", "")) or [], subject)

