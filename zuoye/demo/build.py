"""Write a demo county plan into the database, recognise one already there, or wipe it.

Speed matters (the whole county in well under a minute on SQLite): regions, schools, the school
year and classes go through ``schools.services`` (a few dozen rows), and the ~20,000 people and
their links go in with ``bulk_create`` in batches, never a query per row, all in one transaction
so an interrupted build leaves nothing behind. Accounts are made by ``accounts.services.user_build``
with the plan's generated first password (kept encrypted until first login, as after a roster
import); only the printed demo logins get a known password that needs no change. Phones and
ID-card numbers are set with ``assign_phone`` / ``assign_id_card`` and so are encrypted at rest.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q
from django.utils.translation import gettext as _

from zuoye.accounts.models import User
from zuoye.accounts.services import user_build
from zuoye.demo.generate import DEMO_PASSWORD
from zuoye.demo.plan import CountyPlan, RegionPlan
from zuoye.schools import models as m
from zuoye.schools import services as s

BATCH_SIZE = 2000
Progress = Callable[[str], None]
ClassKey = tuple[str, int, int]  # school code, grade, class number
T = TypeVar("T")


class DemoState(enum.Enum):
    ABSENT = "absent"
    PRESENT = "present"  # this very plan is in the database
    DIFFERENT = "different"  # the demo county exists but holds other schools (another size, or real data)


class DemoConflict(Exception):
    """The database holds data the demo would collide with; the message says what to do."""


def curriculum_current() -> dict[str, tuple[int, int]]:
    """Subject code → (first grade, last grade) of the active subjects, in their display order."""
    rows = m.Subject.objects.filter(is_active=True).order_by("order", "code")
    return {code: (low, high) for code, low, high in rows.values_list("code", "min_grade", "max_grade")}


def demo_state(plan: CountyPlan) -> DemoState:
    county = m.Region.objects.filter(code=plan.county.code).first()
    if county is None:
        return DemoState.ABSENT
    codes = set(m.School.objects.filter(region=county).values_list("code", flat=True))
    personas = User.objects.filter(username__in=plan.demo_password_usernames).count()
    if codes == {school.code for school in plan.schools} and personas == len(plan.demo_password_usernames):
        return DemoState.PRESENT
    return DemoState.DIFFERENT


def demo_ensure(*, plan: CountyPlan, rebuild: bool = False, progress: Progress = lambda line: None) -> bool:
    """Build the demo unless this plan is already there; ``rebuild`` replaces it. True if it built."""
    state = demo_state(plan)
    if state is DemoState.PRESENT and not rebuild:
        return False
    if state is DemoState.DIFFERENT and not rebuild:
        raise DemoConflict(
            _("The database already holds %(county)s with other schools (another demo size, or real data). "
              "Run with --rebuild to replace it with the demo, or use another ZUOYE_HOME.")
            % {"county": plan.county.name}
        )
    try:
        with transaction.atomic():
            if state is not DemoState.ABSENT:
                demo_wipe(plan=plan)
                progress(_("removed the previous demo data"))
            demo_build(plan=plan, progress=progress)
    except IntegrityError as exc:
        raise DemoConflict(
            _("Some of the demo's accounts, student numbers or phones are already in the database (%(error)s). "
              "Use an empty ZUOYE_HOME for the demo.") % {"error": exc}
        ) from exc
    return True


@transaction.atomic
def demo_build(*, plan: CountyPlan, progress: Progress = lambda line: None) -> None:
    started = time.monotonic()

    def step(message: str) -> None:
        progress(f"{message} ({time.monotonic() - started:.1f} s)")

    regions = _regions(plan)
    year = _school_year(plan)
    schools = {p.code: s.school_create(code=p.code, name=p.name, kind=p.kind, region=regions[plan.county.code])
               for p in plan.schools}
    classes = _classes(plan, schools, year)
    step(_("%(schools)d schools, %(classes)d classes") % {"schools": len(schools), "classes": len(classes)})
    users = _accounts(plan)
    step(_("%(count)d accounts") % {"count": len(users)})
    students = _students(plan, schools, classes, users, year)
    step(_("%(count)d students with their class history") % {"count": len(students)})
    assignments = _teachers(plan, schools, classes, users, list(year.terms.order_by("number")))
    step(_("%(count)d teaching assignments, head teachers set") % {"count": assignments})
    links = _guardians(plan, users, students)
    step(_("%(guardians)d guardians, %(links)d links to children") % {"guardians": len(plan.guardians), "links": links})
    roles = _staff_roles(plan, schools, regions, users)
    step(_("%(count)d school and bureau staff roles") % {"count": roles})


def _regions(plan: CountyPlan) -> dict[str, m.Region]:
    """Province and city are reused if present (other counties may share them); the county is new."""
    regions: dict[str, m.Region] = {}
    parent: m.Region | None = None
    for region in (plan.province, plan.city, plan.county):
        existing = m.Region.objects.filter(code=region.code).first()
        parent = existing or s.region_create(code=region.code, name=region.name, level=region.level, parent=parent)
        regions[region.code] = parent
    return regions


def _school_year(plan: CountyPlan) -> m.SchoolYear:
    existing = m.SchoolYear.objects.filter(name=plan.year.name).first()
    if existing is not None:
        return existing
    return s.school_year_create(start_year=plan.year.start_year, autumn_start=plan.year.autumn_start,
                                autumn_end=plan.year.autumn_end, spring_start=plan.year.spring_start,
                                spring_end=plan.year.spring_end)


def _classes(plan: CountyPlan, schools: dict[str, m.School], year: m.SchoolYear) -> dict[ClassKey, m.SchoolClass]:
    classes: dict[ClassKey, m.SchoolClass] = {}
    for school in plan.schools:
        for grade in sorted({c.grade for c in school.classes}):
            count = max(c.number for c in school.classes if c.grade == grade)
            for made in s.classes_ensure(school=schools[school.code], school_year=year, grade=grade, count=count):
                classes[(school.code, grade, made.number)] = made
    return classes


def _people(plan: CountyPlan) -> Iterator[tuple[str, str, str, str]]:
    """(username, name, phone, first password) of everyone in the plan who logs in."""
    for _school, _class, student in plan.students():
        yield student.username, student.full_name, "", student.first_password
    for guardian in plan.guardians:
        yield guardian.username, guardian.full_name, guardian.phone, guardian.first_password
    for school in plan.schools:
        for person in (*school.teachers, *school.staff):
            yield person.username, person.full_name, person.phone, person.first_password
    for staff in plan.region_staff:
        yield staff.username, staff.full_name, staff.phone, staff.first_password


def _accounts(plan: CountyPlan) -> dict[str, int]:
    users = []
    for username, full_name, phone, first_password in _people(plan):
        user = user_build(username=username, full_name=full_name, phone=phone)
        if username in plan.demo_password_usernames:
            user.password = make_password(DEMO_PASSWORD)
            user.initial_password = ""
            user.must_change_password = False
        else:
            user.initial_password = first_password  # the plan's, so a rebuilt demo prints the same slips
        users.append(user)
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    return {user.username: user.pk for user in users}


def _students(plan: CountyPlan, schools: dict[str, m.School], classes: dict[ClassKey, m.SchoolClass],
              users: dict[str, int], year: m.SchoolYear) -> dict[str, int]:
    rows = []
    for school, school_class, person in plan.students():
        student = m.Student(user_id=users[person.username], school=schools[school.code],
                            student_number=person.student_number, gender=person.gender,
                            current_class=classes[(school.code, school_class.grade, school_class.number)])
        student.assign_id_card(person.id_card)
        rows.append(student)
    m.Student.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    m.ClassMembership.objects.bulk_create(
        (m.ClassMembership(student_id=row.pk, school_class_id=row.current_class_id, started_on=year.start_date,
                           source="demo") for row in rows),
        batch_size=BATCH_SIZE,
    )
    return {row.student_number: row.pk for row in rows}


def _teachers(plan: CountyPlan, schools: dict[str, m.School], classes: dict[ClassKey, m.SchoolClass],
              users: dict[str, int], terms: list[m.Term]) -> int:
    """Teachers with their classes for both terms of the year (a teacher keeps classes all year)."""
    subjects = {subject.code: subject for subject in m.Subject.objects.all()}
    plans = [(school, teacher) for school in plan.schools for teacher in school.teachers]
    teachers = [m.Teacher(user_id=users[t.username], school=schools[school.code]) for school, t in plans]
    m.Teacher.objects.bulk_create(teachers, batch_size=BATCH_SIZE)
    by_username = {t.username: row for (_, t), row in zip(plans, teachers)}
    assignments = [
        m.TeachingAssignment(teacher=row, school_class=classes[(school.code, grade, number)],
                             subject=subjects[t.subject], term=term)
        for (school, t), row in zip(plans, teachers) for grade, number in t.classes for term in terms
    ]
    m.TeachingAssignment.objects.bulk_create(assignments, batch_size=BATCH_SIZE)
    headed = []
    for school in plan.schools:
        for class_plan in school.classes:
            if class_plan.head_teacher:
                row = classes[(school.code, class_plan.grade, class_plan.number)]
                row.head_teacher = by_username[class_plan.head_teacher]
                headed.append(row)
    m.SchoolClass.objects.bulk_update(headed, ["head_teacher"], batch_size=BATCH_SIZE)
    return len(assignments)


def _guardians(plan: CountyPlan, users: dict[str, int], students: dict[str, int]) -> int:
    guardians = [m.Guardian(user_id=users[g.username]) for g in plan.guardians]
    m.Guardian.objects.bulk_create(guardians, batch_size=BATCH_SIZE)
    links = [
        m.GuardianLink(guardian=row, student_id=students[number], relation=relation)
        for g, row in zip(plan.guardians, guardians) for number, relation in g.children
    ]
    m.GuardianLink.objects.bulk_create(links, batch_size=BATCH_SIZE)
    return len(links)


def _staff_roles(plan: CountyPlan, schools: dict[str, m.School], regions: dict[str, m.Region],
                 users: dict[str, int]) -> int:
    roles = [
        m.StaffRole(user_id=users[p.username], kind=p.kind, school=schools.get(p.place), region=regions.get(p.place),
                    title=p.title)
        for p in (*(p for school in plan.schools for p in school.staff), *plan.region_staff)
    ]
    m.StaffRole.objects.bulk_create(roles, batch_size=BATCH_SIZE)
    return len(roles)


@transaction.atomic
def demo_wipe(*, plan: CountyPlan) -> None:
    """Remove the demo county: everything under its region, its people, and what it alone created above it.

    The province, the city and the school year are kept while anything else still uses them.
    """
    county = m.Region.objects.filter(code=plan.county.code).first()
    regions = m.Region.objects.filter(path__startswith=county.path) if county else m.Region.objects.none()
    schools = m.School.objects.filter(region__in=regions)
    from zuoye.capture.models import ScanBatch, Upload
    from zuoye.homework.models import Assignment
    from zuoye.pens.models import Gateway, PaperBatch, Pen

    # Scan batches name their school and pages their homework only loosely (kept when those go, so
    # nothing read is lost in real use): the demo's go with it, and the raw files no other batch holds.
    batches = ScanBatch.objects.filter(school__in=schools)
    uploads = list(Upload.objects.filter(batches__in=batches).values_list("pk", flat=True).distinct())
    batches.delete()
    Upload.objects.filter(pk__in=uploads, batches=None).delete()
    # Homework goes next: its results refer to classes, items and subjects, which are protected.
    # Then the schools' pens and dot paper, which protect their schools and holders.
    Assignment.objects.filter(teacher__school__in=schools).delete()
    Pen.objects.filter(school__in=schools).delete()
    Gateway.objects.filter(school__in=schools).delete()
    PaperBatch.objects.filter(school__in=schools).delete()
    for user_ids in _batches(sorted(_demo_people(plan, schools, regions)), BATCH_SIZE):
        User.objects.filter(pk__in=user_ids).delete()  # cascades to their student, teacher, guardian, staff rows
    m.SchoolClass.objects.filter(school__in=schools).delete()
    schools.delete()
    for region in sorted(regions, key=lambda r: -len(r.path)):
        region.delete()
    for region in (plan.city, plan.province):
        _region_delete_if_unused(region)
    year = m.SchoolYear.objects.filter(name=plan.year.name).first()
    if year is not None and not m.SchoolClass.objects.filter(school_year=year).exists():
        try:
            m.Term.objects.filter(school_year=year).delete()
            year.delete()
        except ProtectedError:
            pass  # something outside the demo refers to the year's terms: it stays


def _demo_people(plan: CountyPlan, schools: Iterable[m.School], regions: Iterable[m.Region]) -> set[int]:
    """Accounts that belong to the demo: the county's students, their guardians, its teachers and staff."""
    region_staff = User.objects.filter(
        username__in=[p.username for p in plan.region_staff],
        staff_roles__region__code__in=[plan.city.code, plan.province.code],
    )
    people = (
        User.objects.filter(student__school__in=schools).values_list("pk", flat=True),
        User.objects.filter(guardian__links__student__school__in=schools).values_list("pk", flat=True),
        User.objects.filter(teacher__school__in=schools).values_list("pk", flat=True),
        User.objects.filter(Q(staff_roles__school__in=schools) | Q(staff_roles__region__in=regions))
        .values_list("pk", flat=True),
        region_staff.values_list("pk", flat=True),
    )
    return {pk for query in people for pk in query}


def _region_delete_if_unused(region: RegionPlan) -> None:
    row = m.Region.objects.filter(code=region.code).first()
    if row is not None and not (row.children.exists() or row.schools.exists() or row.staff_roles.exists()):
        row.delete()


def _batches(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
