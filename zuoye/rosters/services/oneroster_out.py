"""OneRoster 1.2 CSV export of what the person may see: a school, a region, or everything.

Mapping (README "OneRoster"): province/city/county → org ``state``/``local``/``district``;
school → ``school``; school year → ``schoolYear`` session, its terms → ``term`` sessions; each
class (七年级(1)班) → a ``homeroom`` class of a per-grade homeroom course; each subject taught in
a class in a term → a ``scheduled`` class (``七年级(1)班 数学``) of the grade's subject course.
Students are enrolled in their homerooms, one enrollment per stay (beginDate/endDate carry the
history of class moves); the head teacher is the homeroom's teacher with ``primary=true``;
subject teachers are teachers of the scheduled classes. Guardians are users with role
``parent`` (父亲, 母亲), ``relative`` (grandparents and other kin) or ``guardian``, linked by
``agentSourcedIds``. School admins are ``siteAdministrator``, school leaders ``principal``,
region staff ``districtAdministrator`` at their region's org. Phones and ID-card numbers
(``userIds`` ``{idCard:…}``) appear in full: this is an admin export.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from zuoye.accounts.models import User
from zuoye.core import grades, identity
from zuoye.core.roster import oneroster as o
from zuoye.rosters import selectors
from zuoye.rosters.services import oneroster_ids as ids
from zuoye.schools import access
from zuoye.schools import models as m

ORG_TYPES = {"province": "state", "city": "local", "county": "district"}
PARENTS = frozenset({"父亲", "母亲", "爸爸", "妈妈", "父", "母", "继父", "继母", "养父", "养母"})
RELATIVES = frozenset({"祖父", "祖母", "外祖父", "外祖母", "爷爷", "奶奶", "外公", "外婆", "姥爷", "姥姥", "哥哥", "姐姐",
                       "叔叔", "阿姨", "伯父", "伯母", "舅舅", "舅妈", "姑姑", "姑父", "姨妈", "姨父", "兄", "姐"})
ROLE_ORDER = ("student", "teacher", "siteAdministrator", "principal", "districtAdministrator", "parent", "relative", "guardian")
USER_FIELDS = ("id", "username", "full_name", "phone", "phone_digest", "is_active")  # what users.csv needs
STAFF_ROLES = {"school_admin": "siteAdministrator", "school_leader": "principal", "region_staff": "districtAdministrator"}


def guardian_role(relation: str) -> str:
    return "parent" if relation in PARENTS else "relative" if relation in RELATIVES else "guardian"


@dataclass
class Selection:
    schools: list[m.School]
    regions: list[m.Region]
    staff_regions: set[int]


@dataclass
class Export:
    known: ids.Known
    files: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))
    org_sid: dict[str, str] = field(default_factory=dict)  # "r3"/"s12" -> sid
    class_sid: dict[int, str] = field(default_factory=dict)  # homeroom classes by pk
    subject_class_sid: dict[tuple[int, int, int], str] = field(default_factory=dict)  # (class, subject, term)
    term_sid: dict[int, str] = field(default_factory=dict)
    user_sid: dict[int, str] = field(default_factory=dict)
    courses_done: set[str] = field(default_factory=set)


def roster_export_oneroster(*, scope: access.Scope | None, school: m.School | None = None,
                            region: m.Region | None = None) -> bytes:
    """The zip; ``scope`` None is the platform itself (CLI). Raises PermissionDenied outside the scope."""
    selection = select(scope, school, region)
    export = Export(known=ids.Known())
    _orgs(export, selection)
    years = _sessions(export, selection)
    _classes(export, selection, years)
    _users(export, selection)
    files = {name: o.write_csv(name, records) for name, records in export.files.items() if records}
    files["manifest.csv"] = o.manifest(set(files))
    return o.zip_package(files)


def select(scope: access.Scope | None, school: m.School | None, region: m.Region | None) -> Selection:
    if school is not None:
        if scope is not None:
            access.require(selectors.roster_schools(scope).filter(pk=school.pk).exists(), scope=scope, what=f"export school {school.pk}")
        return Selection([school], _with_ancestors([school.region]), set())
    if region is not None:
        if scope is not None:
            access.require(selectors.roster_regions(scope).filter(pk=region.pk).exists(), scope=scope, what=f"export region {region.pk}")
        below = list(m.Region.objects.filter(path__startswith=region.path))
        schools = list(m.School.objects.filter(region__path__startswith=region.path).select_related("region"))
        return Selection(schools, _with_ancestors(below), {r.pk for r in below})
    if scope is not None:
        access.require(scope.is_platform_admin, scope=scope, what="export everything")
    regions = list(m.Region.objects.all())
    return Selection(list(m.School.objects.select_related("region")), regions, {r.pk for r in regions})


def _with_ancestors(regions: list[m.Region]) -> list[m.Region]:
    codes = {code for r in regions for code in r.path.strip("/").split("/")}
    return list(m.Region.objects.filter(code__in=codes))


def _orgs(export: Export, selection: Selection) -> None:
    known = export.known
    by_pk = {r.pk: r for r in selection.regions}
    for region in selection.regions:
        export.org_sid[f"r{region.pk}"] = known.get("org", f"r{region.pk}", ids.org(region.code))
    for region in selection.regions:
        parent = export.org_sid.get(f"r{region.parent_id}", "") if region.parent_id in by_pk else ""
        export.files["orgs.csv"].append({"sourcedId": export.org_sid[f"r{region.pk}"], "name": region.name,
                                         "type": ORG_TYPES[region.level], "identifier": region.code, "parentSourcedId": parent})
    for school in selection.schools:
        sid = export.org_sid[f"s{school.pk}"] = known.get("org", f"s{school.pk}", ids.org(school.code))
        export.files["orgs.csv"].append({"sourcedId": sid, "name": school.name, "type": "school", "identifier": school.code,
                                         "parentSourcedId": export.org_sid.get(f"r{school.region_id}", ""),
                                         o.META_SCHOOL_KIND: school.kind})


def _sessions(export: Export, selection: Selection) -> dict[int, m.SchoolYear]:
    years = {y.pk: y for y in m.SchoolYear.objects.filter(classes__school__in=selection.schools).distinct()}
    for year in years.values():
        sid = export.known.get("session", f"y{year.pk}", ids.year(year.name))
        export.files["academicSessions.csv"].append({
            "sourcedId": sid, "title": year.name, "type": "schoolYear", "startDate": year.start_date.isoformat(),
            "endDate": year.end_date.isoformat(), "parentSourcedId": "", "schoolYear": str(year.end_date.year)})
        for term in m.Term.objects.filter(school_year=year).order_by("number"):
            export.term_sid[term.pk] = export.known.get("session", f"t{term.pk}", ids.term(year.name, term.number))
            export.files["academicSessions.csv"].append({
                "sourcedId": export.term_sid[term.pk], "title": str(term), "type": "term",
                "startDate": term.start_date.isoformat(), "endDate": term.end_date.isoformat(),
                "parentSourcedId": sid, "schoolYear": str(year.end_date.year)})
    return years


def _course(export: Export, school: m.School, year: m.SchoolYear, grade: int, subject: m.Subject | None) -> str:
    key = f"{school.pk}:{year.pk}:{grade}:{subject.pk if subject else 'h'}"
    sid = export.known.get("course", key, ids.course(school.code, year.name, grade, subject.code if subject else None))
    if sid not in export.courses_done:
        export.courses_done.add(sid)
        export.files["courses.csv"].append({
            "sourcedId": sid, "schoolYearSourcedId": export.known.get("session", f"y{year.pk}", ids.year(year.name)),
            "title": grades.GRADE_NAMES[grade] + (subject.name if subject else "班级"),
            "courseCode": f"{subject.code if subject else 'homeroom'}-{grade}", "grades": o.grade_code(grade),
            "orgSourcedId": export.org_sid[f"s{school.pk}"], "subjects": subject.name if subject else ""})
    return sid


def _classes(export: Export, selection: Selection, years: dict[int, m.SchoolYear]) -> None:
    terms_of: dict[int, list[str]] = defaultdict(list)
    for term in m.Term.objects.filter(school_year__in=years).order_by("number"):
        terms_of[term.school_year_id].append(export.term_sid[term.pk])
    classes = list(m.SchoolClass.objects.filter(school__in=selection.schools).select_related("school").order_by("school", "school_year", "grade", "number"))
    by_pk = {c.pk: c for c in classes}
    for cls in classes:
        year = years[cls.school_year_id]
        sid = export.class_sid[cls.pk] = export.known.get("class", f"c{cls.pk}", ids.homeroom(cls.school.code, year.name, cls.grade, cls.number))
        course = _course(export, cls.school, year, cls.grade, None)
        export.files["classes.csv"].append(_class_record(sid, cls.name, cls, course, export, "homeroom", ",".join(terms_of[year.pk]), ""))
    subjects = {s.pk: s for s in m.Subject.objects.all()}
    terms = {t.pk: t for t in m.Term.objects.filter(school_year__in=years)}
    taught = m.TeachingAssignment.objects.filter(school_class__in=by_pk).values_list("school_class_id", "subject_id", "term_id").distinct()
    for class_id, subject_id, term_id in sorted(set(taught)):
        cls, subject, term = by_pk[class_id], subjects[subject_id], terms[term_id]
        made = ids.subject_class(export.class_sid[class_id], subject.code, term.number)
        sid = export.known.get("class", f"c{class_id}:{subject_id}:{term_id}", made)
        export.subject_class_sid[(class_id, subject_id, term_id)] = sid
        course = _course(export, cls.school, years[cls.school_year_id], cls.grade, subject)
        export.files["classes.csv"].append(_class_record(sid, f"{cls.name} {subject.name}", cls, course, export, "scheduled",
                                                         export.term_sid[term_id], subject.name, subject.code))


def _class_record(sid: str, title: str, cls: m.SchoolClass, course: str, export: Export, kind: str, terms: str,
                  subject: str, code_suffix: str = "") -> dict[str, str]:
    code = f"{cls.grade}{cls.number:02d}" + (f"-{code_suffix}" if code_suffix else "")
    return {"sourcedId": sid, "title": title, "grades": o.grade_code(cls.grade), "courseSourcedId": course,
            "classCode": code, "classType": kind, "schoolSourcedId": export.org_sid[f"s{cls.school_id}"],
            "termSourcedIds": terms, "subjects": subject}


def _users(export: Export, selection: Selection) -> None:
    schools = [s.pk for s in selection.schools]
    people = _People()
    students = m.Student.objects.filter(school__in=schools, is_active=True).select_related("user", "current_class")
    for student in students.defer("user__initial_password"):
        people.add(student.user, "student", f"s{student.school_id}")
        people.students[student.user_id] = student
    for teacher in m.Teacher.objects.filter(school__in=schools, is_active=True).select_related("user").defer("user__initial_password"):
        people.add(teacher.user, "teacher", f"s{teacher.school_id}")
    links = m.GuardianLink.objects.filter(student__school__in=schools, student__is_active=True)
    links = links.select_related("guardian__user", "student").only(
        "relation", "student__school_id", "student__user_id", *(f"guardian__user__{f}" for f in USER_FIELDS))
    for link in links.order_by("pk"):
        user = link.guardian.user
        people.relation.setdefault(user.pk, link.relation)
        people.add(user, guardian_role(people.relation[user.pk]), f"s{link.student.school_id}")
        people.agents[link.student.user_id].append(user.pk)
        people.agents[user.pk].append(link.student.user_id)
    staff = m.StaffRole.objects.filter(Q(school__in=schools, kind__in=["school_admin", "school_leader"])
                                       | Q(region__in=selection.staff_regions, kind="region_staff"))
    for role in staff.select_related("user").defer("user__initial_password"):
        people.add(role.user, STAFF_ROLES[role.kind], f"s{role.school_id}" if role.school_id else f"r{role.region_id}", role.title)
    for user in people.users.values():
        export.user_sid[user.pk] = export.known.get("user", f"u{user.pk}", ids.user(user.username))
    for user in people.users.values():
        _user_rows(export, people, user)
    _enrollments(export, selection, people)


class _People:
    def __init__(self) -> None:
        self.users: dict[int, User] = {}
        self.roles: dict[int, set[tuple[str, str, str]]] = defaultdict(set)
        self.students: dict[int, m.Student] = {}
        self.relation: dict[int, str] = {}
        self.agents: dict[int, list[int]] = defaultdict(list)

    def add(self, user: User, role: str, org_key: str, title: str = "") -> None:
        self.users[user.pk] = user
        self.roles[user.pk].add((role, org_key, title))


def _user_rows(export: Export, people: _People, user: User) -> None:
    uid = user.pk
    sid = export.user_sid[uid]
    roles = sorted(people.roles[uid], key=lambda r: (ROLE_ORDER.index(r[0]), r[1]))
    for index, (role, org_key, title) in enumerate(roles):
        org_sid = export.org_sid.get(org_key, "")
        key = f"u{uid}:{role}:{org_key}"
        export.files["roles.csv"].append({
            "sourcedId": export.known.get("role", key, ids.role(sid, role, org_sid)), "userSourcedId": sid,
            "roleType": "primary" if index == 0 else "secondary", "role": role, "orgSourcedId": org_sid, o.META_TITLE: title})
    student = people.students.get(uid)
    family, given = o.split_name(user.full_name or user.username)
    export.files["users.csv"].append({
        "sourcedId": sid, "enabledUser": "true" if user.is_active else "false", "username": user.username,
        "userIds": o.format_user_ids({"idCard": student.id_card}) if student and student.id_card_digest else "",
        "givenName": given, "familyName": family, "identifier": student.student_number if student else "",
        "phone": user.phone if user.phone_digest else "",
        "agentSourcedIds": o.join_list(sorted({export.user_sid[a] for a in people.agents.get(uid, [])})),
        "grades": o.grade_code(student.current_class.grade) if student and student.current_class else "",
        "primaryOrgSourcedId": export.org_sid.get(roles[0][1], "") if roles else "",
        o.META_RELATION: people.relation.get(uid, "") if not student else "",
    })
    if student is not None:
        export.files["demographics.csv"].append({
            "sourcedId": sid, "sex": {"M": "male", "F": "female"}.get(student.gender, "unspecified"),
            "birthDate": identity.id_card_birth_date(student.id_card).isoformat() if student.id_card_digest else ""})


def _enrollments(export: Export, selection: Selection, people: _People) -> None:
    known, rows = export.known, export.files["enrollments.csv"]
    students = {s.pk: s for s in people.students.values()}
    stays = m.ClassMembership.objects.filter(student__in=students, school_class__in=export.class_sid)
    for pk, student_id, class_id, start, end in stays.values_list("pk", "student_id", "school_class_id", "started_on", "ended_on"):
        user_sid, class_sid = export.user_sid[students[student_id].user_id], export.class_sid[class_id]
        rows.append({"sourcedId": known.get("enrollment", f"m{pk}", ids.membership(class_sid, user_sid, start.isoformat())),
                     "classSourcedId": class_sid, "schoolSourcedId": export.org_sid[f"s{students[student_id].school_id}"],
                     "userSourcedId": user_sid, "role": "student", "primary": "false", "beginDate": start.isoformat(),
                     "endDate": end.isoformat() if end else ""})
    schools = [s.pk for s in selection.schools]
    heads = m.SchoolClass.objects.filter(school__in=schools, head_teacher__is_active=True, head_teacher__school__in=schools)
    for class_id, school_id, user_id in heads.values_list("pk", "school_id", "head_teacher__user_id"):
        _teaching_row(export, f"h{class_id}", export.class_sid[class_id], school_id, user_id)
    taught = m.TeachingAssignment.objects.filter(school_class__school__in=schools, teacher__is_active=True, teacher__school__in=schools)
    for pk, class_id, subject_id, term_id, school_id, user_id in taught.values_list(
            "pk", "school_class_id", "subject_id", "term_id", "school_class__school_id", "teacher__user_id"):
        _teaching_row(export, f"a{pk}", export.subject_class_sid[(class_id, subject_id, term_id)], school_id, user_id)


def _teaching_row(export: Export, key: str, class_sid: str, school_id: int, user_id: int) -> None:
    user_sid = export.user_sid[user_id]
    export.files["enrollments.csv"].append({
        "sourcedId": export.known.get("enrollment", key, ids.teaching(class_sid, user_sid)), "classSourcedId": class_sid,
        "schoolSourcedId": export.org_sid[f"s{school_id}"], "userSourcedId": user_sid, "role": "teacher", "primary": "true"})
