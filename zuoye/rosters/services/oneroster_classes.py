"""OneRoster classes in: homerooms are our classes, scheduled classes are subjects taught in them.

A homeroom's title (or classCode) names the class (``七年级(1)班``, ``701``); a scheduled
class's title starts with its homeroom's name and its subject comes from ``subjects``, its
course, or the rest of the title (``七年级(1)班 数学``). Its terms are its ``termSourcedIds``
(a school year stands for all its terms).
"""

from __future__ import annotations

from zuoye.core import grades
from zuoye.core.roster import oneroster as o
from zuoye.core.roster.problems import Place, problem
from zuoye.rosters.services.bulk import BATCH, okey, unique
from zuoye.rosters.services.oneroster_orgs import Structure, mapped
from zuoye.schools import models as m


def classes(package: o.Package, s: Structure) -> None:
    rows = package.rows("classes.csv")
    keys = mapped("class", {r["sourcedId"] for _, r in rows})
    schools = [x for x in s.orgs.values() if isinstance(x, m.School) and x.pk]
    for cls in m.SchoolClass.objects.filter(school__in=schools).select_related("school", "school_year"):
        s.stored_classes[(okey(cls.school), okey(cls.school_year), cls.grade, cls.number)] = cls  # type: ignore[index]
    by_pk = {f"c{c.pk}": c for c in s.stored_classes.values()}
    for place, row in rows:
        school = s.school(row["schoolSourcedId"])
        if school is None:
            if not any(r["sourcedId"] == row["schoolSourcedId"] for _, r in package.rows("orgs.csv")):
                s.problems.append(problem("or_reference_missing", place.at(column="schoolSourcedId"), value=row["schoolSourcedId"], target="orgs.csv"))
            continue
        year = _year_of(row, s)
        if year is None:
            s.problems.append(problem("or_session_unknown", place.at(column="termSourcedIds"), value=row["title"]))
            continue
        if row["classType"] == "scheduled":
            _scheduled(place, row, school, year, s)
            continue
        label = _label(row["title"]) or _label(row.get("classCode", ""))
        if label is None:
            s.problems.append(problem("or_class_unresolved", place.at(column="title"), value=row["title"]))
            continue
        cls = by_pk.get(keys.get(row["sourcedId"], "")) or _class_for(school, year, label, place, s)
        if cls is not None:
            s.homerooms[row["sourcedId"]] = cls


def _label(text: str) -> tuple[int, int] | None:
    for candidate in (text.strip(), text.strip().split(" ")[0] if text.strip() else "", text.split("-")[0] + "班"):
        try:
            return grades.parse_class_label(candidate)
        except grades.ClassLabelError:
            continue
    return None


def _year_of(row: dict[str, str], s: Structure) -> m.SchoolYear | None:
    for sid in o.split_list(row.get("termSourcedIds", "")):
        session = s.sessions.get(sid)
        if isinstance(session, m.Term):
            return session.school_year
        if isinstance(session, m.SchoolYear):
            return session
    return None


def _terms_of(row: dict[str, str], s: Structure) -> list[m.Term]:
    found: list[m.Term] = []
    for sid in o.split_list(row.get("termSourcedIds", "")):
        session = s.sessions.get(sid)
        if isinstance(session, m.Term):
            found.append(session)
        elif isinstance(session, m.SchoolYear):
            found += s.terms_of_year[id(session)]
    return unique(found)


def _class_for(school: m.School, year: m.SchoolYear, label: tuple[int, int], place: Place, s: Structure) -> m.SchoolClass | None:
    key = (okey(school), okey(year), *label)
    found = s.stored_classes.get(key) or s.new_classes.get(key)  # type: ignore[arg-type]
    if found is not None:
        return found
    name = grades.class_label(*label)
    if not s.create_classes:
        s.problems.append(problem("unknown_class", place.at(column="title"), value=name, school=school.name, year=year.name, rows=1))
        return None
    if label[0] not in school.grade_range:
        s.problems.append(problem("class_grade_out_of_range", place.at(column="title"), value=name, school=school.name,
                                  grade=grades.GRADE_NAMES[label[0]]))
        return None
    cls = m.SchoolClass(school=school, school_year=year, grade=label[0], number=label[1])
    s.new_classes[key] = cls  # type: ignore[index]
    return cls


def _scheduled(place: Place, row: dict[str, str], school: m.School, year: m.SchoolYear, s: Structure) -> None:
    title = row["title"].strip()
    label = _label(title.split(" ")[0]) or _label(row.get("classCode", ""))
    _, course_subject = s.courses.get(row["courseSourcedId"], ([], None))
    rest = title.split(" ", 1)[1].strip() if " " in title else ""
    subject = (_subject_named(row.get("subjects", ""), s) or course_subject or s.subjects.get(rest))
    if label is None:
        s.problems.append(problem("or_class_unresolved", place.at(column="title"), value=title))
        return
    if subject is None:
        s.problems.append(problem("subject_unknown", place.at(column="subjects"), value=row.get("subjects") or rest or title,
                                  known="、".join(sorted({x.name for x in s.subjects.values()}))))
        return
    cls = _class_for(school, year, label, place, s)
    terms = _terms_of(row, s)
    if cls is not None:
        s.scheduled[row["sourcedId"]] = (cls, subject, terms)


def _subject_named(text: str, s: Structure) -> m.Subject | None:
    for part in o.split_list(text):
        found = s.subjects.get(part) or s.subjects.get(part.lower())
        if found:
            return found
    return None


def save(s: Structure) -> None:
    """Create the planned structure, parents before children."""
    for region in s.new_regions:  # a handful, already in order province → city → county
        region.save()
    m.School.objects.bulk_create(s.new_schools, batch_size=BATCH)
    m.SchoolYear.objects.bulk_create(s.new_years, batch_size=BATCH)
    m.Term.objects.bulk_create(s.new_terms, batch_size=BATCH)
    m.SchoolClass.objects.bulk_create(list(s.new_classes.values()), batch_size=BATCH)
