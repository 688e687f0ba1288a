"""OneRoster people in: users and their roles become students, guardians, teachers and staff.

Roles come from ``roles.csv`` (1.2) or, in 1.1 packages, from the ``role`` and
``orgSourcedIds`` columns of ``users.csv``. Students are identified by ``identifier`` (学籍号),
guardians and teachers by ``phone`` (or ``sms``), staff by username or phone. Each school's
students and teachers then go through the same planning as workbook rosters
(:mod:`.students`, :mod:`.teachers`), with two differences that follow from bulk files being
complete: a student's ``agentSourcedIds`` replace their guardian links, and a new student's
homeroom enrollments (with their dates) become their class history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from zuoye.accounts.models import User
from zuoye.accounts.services import user_build
from zuoye.core.roster import oneroster as o
from zuoye.core.roster import values
from zuoye.core.roster.problems import Place, Problem, notice, problem
from zuoye.rosters.services import oneroster_ids as ids
from zuoye.rosters.services import students, teachers
from zuoye.rosters.services.bulk import BATCH, fetch_in, okey, unique
from zuoye.rosters.services.oneroster_orgs import Structure, mapped
from zuoye.rosters.services.people import PeopleIndex, Person
from zuoye.schools import models as m
from zuoye.schools.terms import today

GUARDIAN_ROLES = frozenset({"parent", "guardian", "relative"})
STAFF_KINDS = {"siteAdministrator": "school_admin", "administrator": "school_admin", "principal": "school_leader",
               "districtAdministrator": "region_staff"}


@dataclass
class Role:
    sid: str  # roles.csv sourcedId ("" in 1.1 packages)
    role: str
    org: str
    primary: bool
    title: str
    place: Place


@dataclass
class StaffGrant:
    sid: str
    kind: str
    target: m.School | m.Region
    title: str
    person: Person | None = None
    user: User | None = None


@dataclass
class PeoplePlan:
    index: PeopleIndex
    students: dict[tuple[str, int], students.StudentPlan] = field(default_factory=dict)
    teachers: dict[tuple[str, int], teachers.TeacherPlan] = field(default_factory=dict)
    staff: list[StaffGrant] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    student_sid: dict[str, str] = field(default_factory=dict)  # 学籍号 -> users.csv sourcedId
    person_sid: dict[str, str] = field(default_factory=dict)  # phone -> sourcedId
    roles: dict[str, list[Role]] = field(default_factory=dict)
    reported: set[str] = field(default_factory=set)  # guardians whose problem is reported once already
    relation: dict[str, str] = field(default_factory=dict)  # guardian sourcedId -> 父亲 …
    staff_unchanged: int = 0

    def counts(self, s: Structure) -> dict[str, dict[str, int]]:
        total: dict[str, dict[str, int]] = {}
        for name, count in (("regions", len(s.new_regions)), ("schools", len(s.new_schools)),
                            ("school_years", len(s.new_years)), ("classes", len(s.new_classes))):
            if count:
                total[name] = {"created": count}
        for kind, plans in (("students", [p.students for p in self.students.values()]),
                            ("teachers", [p.counts for p in self.teachers.values()])):
            if plans:
                total[kind] = {k: sum(getattr(c, k) for c in plans) for k in ("created", "updated", "unchanged")}
        if self.students:
            total["guardians"] = self.index.guardian_counts().as_dict()
        if self.staff:
            total["staff_roles"] = {"created": len(self.staff) - self.staff_unchanged, "unchanged": self.staff_unchanged}
        return total

    def write(self) -> None:
        self.index.save()
        for plan in self.students.values():
            students.apply(plan, self.index)
        for tplan in self.teachers.values():
            teachers.apply(tplan)
        _write_staff(self.staff)

    def remember(self, package: o.Package, s: Structure) -> ids.Remembered:
        from zuoye.rosters.services.oneroster_remember import remember

        return remember(self, package, s)


def plan(package: o.Package, s: Structure, *, source: str) -> PeoplePlan:
    users = {row["sourcedId"]: (place, row) for place, row in package.rows("users.csv")}
    roles = _roles(package, users)
    enrollments: dict[str, list[dict[str, str]]] = defaultdict(list)
    for _, row in package.rows("enrollments.csv"):
        enrollments[row["userSourcedId"]].append(row)
    phones = {values.phone(row.get("phone") or row.get("sms") or "")[0] for _, row in users.values()} - {""}
    result = PeoplePlan(index=PeopleIndex(phones), roles=roles)
    _students(result, package, s, users, enrollments, source)
    _teachers(result, s, users, enrollments)
    _staff(result, s, users)
    result.problems += result.index.problems
    for sid, (place, _) in users.items():
        if not roles.get(sid):
            result.problems.append(problem("or_user_role_missing", place.at(column="sourcedId"), value=sid))
    return result


def _roles(package: o.Package, users: dict[str, tuple[Place, dict[str, str]]]) -> dict[str, list[Role]]:
    found: dict[str, list[Role]] = defaultdict(list)
    if "roles.csv" in package.tables:
        for place, row in package.rows("roles.csv"):
            found[row["userSourcedId"]].append(Role(row["sourcedId"], row["role"], row["orgSourcedId"], row["roleType"] == "primary",
                                                    row.get(o.META_TITLE, ""), place))
        return found
    for sid, (place, row) in users.items():  # OneRoster 1.1: role and orgSourcedIds on the user
        for index, org in enumerate(o.split_list(row.get("orgSourcedIds", ""))):
            found[sid].append(Role("", row.get("role", ""), org, index == 0, "", place))
    return found


def _name(place: Place, row: dict[str, str], problems: list[Problem]) -> str:
    name, issue = values.person_name(o.join_name(row.get("familyName", ""), row.get("givenName", "")))
    if issue:
        problems.append(problem(issue[0], place.at(column="givenName"), **issue[1]))
    return name


def _cell(place: Place) -> Callable[[str], Place]:
    columns = {"student_number": "identifier", "id_card": "userIds", "name": "givenName", "phone": "phone",
               "guardian_phone": "agentSourcedIds", "class": "sourcedId"}
    return lambda key: place.at(column=columns.get(key, key))


def _school_of(roles: list[Role], wanted: set[str] | frozenset[str], s: Structure) -> m.School | None:
    for role in sorted(roles, key=lambda r: not r.primary):
        if role.role in wanted and s.school(role.org) is not None:
            return s.school(role.org)
    return None


def _students(result: PeoplePlan, package: o.Package, s: Structure, users: dict[str, tuple[Place, dict[str, str]]],
              enrollments: dict[str, list[dict[str, str]]], source: str) -> None:
    sex = {row["sourcedId"]: row.get("sex", "") for _, row in package.rows("demographics.csv")}
    agents = _agents(users)
    has_ids = "userIds" in (package.tables["users.csv"].header if "users.csv" in package.tables else [])
    inputs: dict[tuple[str, int], tuple[m.School, list[students.StudentIn]]] = {}
    for sid, (place, row) in users.items():
        school = _school_of(result.roles.get(sid, []), {"student"}, s)
        if school is None:
            continue
        student = _student(result, s, sid, place, row, sex.get(sid, ""), enrollments.get(sid, []), agents.get(sid, []), users, has_ids)
        if student is not None:
            inputs.setdefault(okey(school), (school, []))[1].append(student)
            result.student_sid[student.number] = sid
    for key, (school, rows) in inputs.items():
        result.students[key] = students.plan(school=school, rows=rows, people=result.index, source=source,
                                             today=today(), replace_guardians=True)
        result.problems += result.students[key].problems


def _agents(users: dict[str, tuple[Place, dict[str, str]]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for sid, (_, row) in users.items():
        for agent in o.split_list(row.get("agentSourcedIds", "")):
            found[sid].append(agent)
            found[agent].append(sid)
    return {sid: list(dict.fromkeys(agents)) for sid, agents in found.items()}


def _student(result: PeoplePlan, s: Structure, sid: str, place: Place, row: dict[str, str], sex: str,
             enrolled: list[dict[str, str]], agents: list[str], users: dict[str, tuple[Place, dict[str, str]]],
             has_ids: bool) -> students.StudentIn | None:
    problems = result.problems
    number, issue = values.student_number(row.get("identifier", ""))
    if issue:
        code = "or_user_no_identifier" if issue[0] == "cell_required" else issue[0]
        problems.append(problem(code, place.at(column="identifier"), **(issue[1] or {"value": sid})))
        return None
    card, issue = values.id_card(o.user_ids(row.get("userIds", "")).get("idCard", ""))
    if issue:
        problems.append(problem(issue[0], place.at(column="userIds"), **issue[1]))
    gender = {"male": "M", "female": "F"}.get(sex) or (("M" if int(card[16]) % 2 else "F") if card and not issue else "")
    if not gender:
        problems.append(problem("gender_unknown", Place(file="demographics.csv").at(column="sex"), value=sex or "-"))
    stays = _stays(enrolled, s)
    if not stays:
        problems.append(problem("or_student_no_class", place.at(column="sourcedId"), value=sid))
        return None
    guardians = [g for g in (_guardian(result, agent, users) for agent in agents) if g is not None]
    name = _name(place, row, problems)
    return students.StudentIn(number=number, name=name, gender=gender, id_card=card if has_ids else None,
                              school_class=stays[-1][0], guardians=guardians, cell=_cell(place),
                              history=stays, username=row.get("username", ""))


def _stays(enrolled: list[dict[str, str]], s: Structure) -> list[tuple[m.SchoolClass, date, date | None]]:
    """Homeroom stays in order; the open one (no end date, or one in the future) last."""
    stays = []
    for row in enrolled:
        if row["role"] != "student":
            continue
        cls = s.homerooms.get(row["classSourcedId"]) or (s.scheduled.get(row["classSourcedId"]) or (None,))[0]
        if cls is not None:
            stays.append((cls, o.parse_date(row.get("beginDate", "")) or today(), o.parse_date(row.get("endDate", ""))))
    stays = unique(stays)
    return sorted(stays, key=lambda stay: (stay[2] is None or stay[2] > today(), stay[1]))


def _guardian(result: PeoplePlan, sid: str, users: dict[str, tuple[Place, dict[str, str]]]) -> students.GuardianIn | None:
    if sid not in users or not any(r.role in GUARDIAN_ROLES for r in result.roles.get(sid, [])):
        return None
    place, row = users[sid]
    phone, issue = values.phone(row.get("phone") or row.get("sms") or "")
    if issue or not phone:
        if sid not in result.reported:
            result.reported.add(sid)
            code, params = issue or ("guardian_phone_missing", {})
            result.problems.append(problem(code, place.at(column="phone"), **params))
        return None
    result.person_sid[phone] = sid
    relation = row.get(o.META_RELATION)
    result.relation[sid] = relation or ""
    return students.GuardianIn(phone=phone, name=_name(place, row, []), relation=relation or None, place=place.at(column="phone"),
                               username=row.get("username", ""))


def _teachers(result: PeoplePlan, s: Structure, users: dict[str, tuple[Place, dict[str, str]]],
              enrollments: dict[str, list[dict[str, str]]]) -> None:
    inputs: dict[tuple[str, int], tuple[m.School, list[teachers.TeacherIn]]] = {}
    for sid, (place, row) in users.items():
        roles = [r for r in result.roles.get(sid, []) if r.role == "teacher"]
        schools = {okey(x): x for x in (s.school(r.org) for r in roles) if x is not None}
        if not schools:
            continue
        if len(schools) > 1:
            result.problems.append(problem("or_teacher_two_schools", place.at(column="sourcedId"), value=sid))
            continue
        phone, issue = values.phone(row.get("phone") or row.get("sms") or "")
        if issue or not phone:
            result.problems.append(problem(issue[0] if issue else "cell_required", place.at(column="phone"), **(issue[1] if issue else {})))
            continue
        result.person_sid[phone] = sid
        teacher = teachers.TeacherIn(phone=phone, name=_name(place, row, result.problems), cell=_cell(place),
                                     username=row.get("username", ""))
        for enrollment in enrollments.get(sid, []):
            if enrollment["role"] != "teacher":
                continue
            if enrollment["classSourcedId"] in s.scheduled:
                cls, subject, terms = s.scheduled[enrollment["classSourcedId"]]
                teacher.assignments += [(cls, subject, term) for term in terms]
            elif enrollment["classSourcedId"] in s.homerooms and enrollment.get("primary") == "true":
                teacher.head_of.append(s.homerooms[enrollment["classSourcedId"]])
        school = next(iter(schools.values()))
        inputs.setdefault(okey(school), (school, []))[1].append(teacher)
    usernames = teachers.Usernames()
    for key, (school, rows) in inputs.items():
        terms = _terms_covered(school, s)
        result.teachers[key] = teachers.plan(school=school, rows=rows, terms=terms, people=result.index, usernames=usernames)
        result.problems += result.teachers[key].problems


def _terms_covered(school: m.School, s: Structure) -> list[m.Term]:
    """The terms the package speaks of for this school: its subject classes' terms and its homerooms' years."""
    def here(cls: m.SchoolClass) -> bool:
        return cls.school is school or bool(school.pk and cls.school_id == school.pk)

    found: list[m.Term] = []
    for cls, _, terms in s.scheduled.values():
        if here(cls):
            found += terms
    for cls in s.homerooms.values():
        if here(cls):
            found += s.terms_of_year[id(cls.school_year)]
    return unique(found)


KNOWN_ROLES = frozenset({"student", "teacher", *GUARDIAN_ROLES, *STAFF_KINDS})


def _staff(result: PeoplePlan, s: Structure, users: dict[str, tuple[Place, dict[str, str]]]) -> None:
    """Staff roles: school admins and leaders at schools; region staff only in platform-level imports."""
    staff = {sid: roles for sid, roles in result.roles.items() if sid in users and any(r.role in STAFF_KINDS for r in roles)}
    accounts = _stored_accounts(users, set(staff))
    ignored = sum(r.role not in KNOWN_ROLES for roles in result.roles.values() for r in roles)
    for sid, roles in staff.items():
        place, row = users[sid]
        for role in roles:
            kind, target = STAFF_KINDS.get(role.role), s.orgs.get(role.org)
            if kind is None or target is None:
                continue
            kind = "region_staff" if isinstance(target, m.Region) else kind
            if kind == "region_staff" and (not s.platform or role.role == "principal"):
                ignored += 1
                continue
            grant = StaffGrant(sid=sid, kind=kind, target=target, title=role.title[:40])
            phone, issue = values.phone(row.get("phone") or "")
            if phone and not issue:  # one phone is one person, whatever else they are
                grant.person = result.index.claim(phone=phone, name=_name(place, row, []), role="staff", place=place.at(column="phone"),
                                                  school_id=target.pk or 0, username=lambda r=row, x=sid: r.get("username") or x[:150])
                result.person_sid[phone] = sid
            else:
                grant.user = accounts.get(sid) or user_build(username=(row.get("username") or sid)[:150],
                                                             full_name=_name(place, row, result.problems))
                accounts[sid] = grant.user
            result.staff.append(grant)
    _count_staff(result)
    if ignored:
        result.problems.append(notice("or_ignored_rows", Place(file="roles.csv"), count=ignored, name="roles.csv",
                                      reason="aide / counselor / proctor / systemAdministrator"))


def _stored_accounts(users: dict[str, tuple[Place, dict[str, str]]], sids: set[str]) -> dict[str, User]:
    """Stored accounts of staff without a phone: by remembered id, else by username."""
    fields = ("id", "username", "full_name", "phone_digest", "is_superuser")
    keys = mapped("user", sids)
    by_key = {f"u{u.pk}": u for u in User.objects.only(*fields).filter(pk__in=[k[1:] for k in keys.values()])}
    names = {users[sid][1].get("username", ""): sid for sid in sids}
    by_name = {u.username: u for u in fetch_in(User.objects.only(*fields), "username", set(names) - {""})}
    found = {sid: by_name[name] for name, sid in names.items() if name in by_name}
    found.update({sid: by_key[key] for sid, key in keys.items() if key in by_key})
    return found


def _count_staff(result: PeoplePlan) -> None:
    users = {g.person.user.pk if g.person and g.person.user else (g.user.pk if g.user else None) for g in result.staff} - {None}
    stored = set(m.StaffRole.objects.filter(user__in=users).values_list("user_id", "kind", "school_id", "region_id"))
    for grant in result.staff:
        user = grant.person.user if grant.person else grant.user
        school = grant.target.pk if isinstance(grant.target, m.School) else None
        region = grant.target.pk if isinstance(grant.target, m.Region) else None
        if user is not None and user.pk and (user.pk, grant.kind, school, region) in stored:
            result.staff_unchanged += 1


def _write_staff(grants: list[StaffGrant]) -> None:
    new_users = [g.user for g in grants if g.user is not None and g.user.pk is None]
    User.objects.bulk_create(list({id(u): u for u in new_users}.values()), batch_size=BATCH)
    for grant in grants:
        user = grant.person.account if grant.person else grant.user
        where = {"school": grant.target} if isinstance(grant.target, m.School) else {"region": grant.target}
        role, created = m.StaffRole.objects.get_or_create(user=user, kind=grant.kind, **where, defaults={"title": grant.title})
        if not created and grant.title and role.title != grant.title:
            role.title = grant.title
            role.save(update_fields=["title"])

