"""After an import: remember the other system's ids wherever they differ from Zuoye's own.

Zuoye's own id for an object is made from the ids of what it refers to as they will be
exported, which for objects of this package are the package's ids; so an id is stored only
when the other system's scheme really differs (see :mod:`.oneroster_ids`).
"""

from __future__ import annotations

from zuoye.core.roster import oneroster as o
from zuoye.rosters.services import oneroster_ids as ids
from zuoye.rosters.services.bulk import values_in
from zuoye.rosters.services.students import Stored
from zuoye.rosters.services.oneroster_orgs import Structure
from zuoye.rosters.services.oneroster_out import STAFF_ROLES, guardian_role
from zuoye.rosters.services.oneroster_people import GUARDIAN_ROLES, STAFF_KINDS, PeoplePlan
from zuoye.schools import models as m


def remember(plan: PeoplePlan, package: o.Package, s: Structure) -> ids.Remembered:
    r = ids.Remembered()
    org_key: dict[str, str] = {}
    for sid, obj in s.orgs.items():
        org_key[sid] = ("s" if isinstance(obj, m.School) else "r") + str(obj.pk)
        r.add("org", sid, org_key[sid], ids.org(obj.code))
    for sid, session in s.sessions.items():
        if isinstance(session, m.SchoolYear):
            r.add("session", sid, f"y{session.pk}", ids.year(session.name))
        else:
            r.add("session", sid, f"t{session.pk}", ids.term(session.school_year.name, session.number))
    _courses(r, package, s)
    homeroom = _classes(r, s)
    users = _users(r, plan)
    _roles(r, plan, users, org_key)
    _enrollments(r, plan, package, s, users, homeroom)
    return r


def _courses(r: ids.Remembered, package: o.Package, s: Structure) -> None:
    for _, row in package.rows("courses.csv"):
        school, year = s.school(row["orgSourcedId"]), s.sessions.get(row.get("schoolYearSourcedId", ""))
        grades, subject = s.courses.get(row["sourcedId"], ([], None))
        if school is None or not isinstance(year, m.SchoolYear) or len(grades) != 1:
            continue
        key = f"{school.pk}:{year.pk}:{grades[0]}:{subject.pk if subject else 'h'}"
        r.add("course", row["sourcedId"], key, ids.course(school.code, year.name, grades[0], subject.code if subject else None))


def _classes(r: ids.Remembered, s: Structure) -> dict[int, str]:
    """Remember classes; return the id each homeroom will be exported with."""
    homeroom: dict[int, str] = {}
    for sid, cls in s.homerooms.items():
        homeroom[cls.pk] = sid
        r.add("class", sid, f"c{cls.pk}", ids.homeroom(cls.school.code, cls.school_year.name, cls.grade, cls.number))
    for sid, (cls, subject, terms) in s.scheduled.items():
        if len(terms) == 1:
            base = homeroom.get(cls.pk) or ids.homeroom(cls.school.code, cls.school_year.name, cls.grade, cls.number)
            r.add("class", sid, f"c{cls.pk}:{subject.pk}:{terms[0].pk}", ids.subject_class(base, subject.code, terms[0].number))
    return homeroom


def _users(r: ids.Remembered, plan: PeoplePlan) -> dict[str, int]:
    """users.csv sourcedId -> user pk, remembering the foreign ones."""
    found: dict[str, int] = {}
    accounts: list[tuple[str | None, int, str]] = []
    for splan in plan.students.values():
        for number, student in splan.by_number.items():
            username = student.username if isinstance(student, Stored) else student.user.username
            accounts.append((plan.student_sid.get(number), student.user_id, username))
    people = [(sid, plan.index.people[phone].account) for phone, sid in plan.person_sid.items() if phone in plan.index.people]
    people += [(grant.sid, grant.user) for grant in plan.staff if grant.user is not None]
    accounts += [(sid, user.pk, user.username) for sid, user in people]
    for sid, pk, username in accounts:
        if sid and pk:
            found[sid] = pk
            r.add("user", sid, f"u{pk}", ids.user(username))
    return found


def _roles(r: ids.Remembered, plan: PeoplePlan, users: dict[str, int], org_key: dict[str, str]) -> None:
    for sid, roles in plan.roles.items():
        if sid not in users:
            continue
        for role in roles:
            if role.org not in org_key or not role.sid:
                continue
            if role.role in GUARDIAN_ROLES:
                name = guardian_role(plan.relation.get(sid, ""))  # export names the role by the relation
            else:
                name = STAFF_ROLES.get(STAFF_KINDS.get(role.role, ""), role.role)
            key = f"u{users[sid]}:{name}:{org_key[role.org]}"
            r.add("role", role.sid, key, ids.role(sid, name, role.org))


def _enrollments(r: ids.Remembered, plan: PeoplePlan, package: o.Package, s: Structure, users: dict[str, int],
                 homeroom: dict[int, str]) -> None:
    by_key: dict[tuple[str, str, str], str] = {}
    for _, row in package.rows("enrollments.csv"):
        cls = s.homerooms.get(row["classSourcedId"])
        target = homeroom.get(cls.pk, "") if cls is not None else row["classSourcedId"]
        by_key[(row["userSourcedId"], target, row.get("beginDate", "") if row["role"] == "student" else "")] = row["sourcedId"]
    user_sid = {pk: sid for sid, pk in users.items()}
    for splan in plan.students.values():
        created = {st.pk: st.user_id for st in splan.by_number.values() if isinstance(st, m.Student)}
        stays = values_in(m.ClassMembership.objects.all(), "student_id", created, "id", "student_id", "school_class_id", "started_on")
        for pk, student_id, class_id, started in stays:
            usid, csid, begin = user_sid.get(created[student_id], ""), homeroom.get(class_id, ""), started.isoformat()
            esid = by_key.get((usid, csid, begin))
            if esid:
                r.add("enrollment", esid, f"m{pk}", ids.membership(csid, usid, begin))
    scheduled = {(c.pk, sub.pk, terms[0].pk): sid for sid, (c, sub, terms) in s.scheduled.items() if len(terms) == 1}
    for tplan in plan.teachers.values():
        for (person, (cls, subject, term)), made in zip(tplan.assignments_new, tplan.created):
            usid, csid = user_sid.get(person.account.pk, ""), scheduled.get((cls.pk, subject.pk, term.pk), "")
            if by_key.get((usid, csid, "")):
                r.add("enrollment", by_key[(usid, csid, "")], f"a{made.pk}", ids.teaching(csid, usid))
        for person, cls in tplan.heads_set:
            usid, csid = user_sid.get(person.account.pk, ""), homeroom.get(cls.pk, "")
            if by_key.get((usid, csid, "")):
                r.add("enrollment", by_key[(usid, csid, "")], f"h{cls.pk}", ids.teaching(csid, usid))
