"""Students and their guardians: plan the changes a roster asks for, then write them in bulk.

:func:`plan` reads what is stored for the roster's students (by 学籍号, across all schools),
decides for each row "create", "update" or "unchanged", and collects the problems only stored
data reveal: a 学籍号 of another school, an ID-card number of another student, a login name in
use. Nothing is written. :func:`apply` then writes the plan with a fixed number of statements
per thousand rows.

Rules (README "Import rules"):

- a student is identified by 学籍号; a changed name, gender or ID-card number updates them;
- a changed class is a class move: the open :class:`ClassMembership` ends today and a new one
  starts (what ``schools.services.student_move`` does for one student, here for thousands);
- an empty ID-card cell clears the number, a file without that column keeps it;
- the row's guardian is linked to the student; other guardians stay linked (a workbook has
  one guardian column, a child may have two), except in OneRoster bulk files, which list all of
  a student's guardians and so replace the links;
- students missing from the file are left as they are: a roster of one class must not
  deactivate the rest of the school.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from zuoye.accounts import crypto
from zuoye.accounts.models import User
from zuoye.accounts.services import user_build
from zuoye.core.roster.problems import Place, Problem, problem
from zuoye.rosters.services.bulk import BATCH, chunks, insert_rows, values_in
from zuoye.rosters.services.people import Counts, PeopleIndex, Person
from zuoye.schools import models as m


@dataclass
class GuardianIn:
    phone: str
    name: str
    relation: str | None  # None: not stated (keep a stored relation)
    place: Place
    username: str = ""  # login name for a new account; default "jz" + the child's 学籍号


@dataclass
class StudentIn:
    number: str
    name: str
    gender: str
    id_card: str | None  # None: not stated (keep)
    school_class: m.SchoolClass
    guardians: list[GuardianIn]
    cell: Callable[[str], Place]  # column key -> place, for problems
    history: list[tuple[m.SchoolClass, date, date | None]] = field(default_factory=list)  # OneRoster only
    is_active: bool = True
    username: str = ""  # login name for a new account; default the 学籍号


@dataclass
class StudentPlan:
    school: m.School
    source: str
    today: date
    replace_guardians: bool
    new: list[StudentIn] = field(default_factory=list)
    changed: list[tuple["Stored", StudentIn]] = field(default_factory=list)
    by_number: dict[str, "Stored | m.Student"] = field(default_factory=dict)  # stored students named, then the created ones
    moves: list[tuple["Stored", m.SchoolClass]] = field(default_factory=list)
    links_new: list[tuple[Person, str, str]] = field(default_factory=list)  # (guardian, 学籍号, relation)
    links_relation: list[m.GuardianLink] = field(default_factory=list)
    links_removed: list[int] = field(default_factory=list)
    guardians: dict[str, Person] = field(default_factory=dict)  # phone -> person, in this plan
    students: Counts = field(default_factory=Counts)
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Stored:
    """A stored student as planning sees it: plain values, no model instance, no decryption
    (ID cards are compared by their keyed digest)."""

    pk: int
    school_id: int
    student_number: str
    gender: str
    id_card_digest: str | None
    current_class_id: int | None
    is_active: bool
    user_id: int
    username: str
    full_name: str


STORED_FIELDS = ("id", "school_id", "student_number", "gender", "id_card_digest", "current_class_id", "is_active",
                 "user_id", "user__username", "user__full_name")


def _load_stored(school: m.School, numbers: set[str]) -> dict[str, Stored]:
    """This school's students in one query; other schools' only for the 学籍号 not found here."""
    here = m.Student.objects.filter(school=school).values_list(*STORED_FIELDS) if school.pk else []
    stored = {row[2]: Stored(*row) for row in here}
    elsewhere = m.Student.objects.exclude(school=school) if school.pk else m.Student.objects.all()
    stored.update({row[2]: Stored(*row) for row in values_in(elsewhere, "student_number", numbers - set(stored), *STORED_FIELDS)})
    return stored


def plan(*, school: m.School, rows: list[StudentIn], people: PeopleIndex, source: str, today: date,
         replace_guardians: bool = False) -> StudentPlan:
    result = StudentPlan(school=school, source=source, today=today, replace_guardians=replace_guardians)
    stored = _load_stored(school, {row.number for row in rows})
    _check_stored(result, rows, stored)
    result.by_number = {n: s for n, s in stored.items() if s.school_id == school.pk}
    links = _stored_links(school) if school.pk else {}
    for row in rows:
        student = stored.get(row.number)
        if student is not None and student.school_id != school.pk:
            continue
        changed = _plan_guardians(result, row, student, people, links.get(student.pk, {}) if student else {})
        if student is None:
            result.new.append(row)
            result.students.created += 1
            continue
        changed |= _student_changed(student, row)
        if student.current_class_id != row.school_class.pk or student.current_class_id is None:
            result.moves.append((student, row.school_class))
            changed = True
        if changed:
            result.changed.append((student, row))
            result.students.updated += 1
        else:
            result.students.unchanged += 1
    return result


def _check_stored(result: StudentPlan, rows: list[StudentIn], stored: dict[str, Stored]) -> None:
    for row in rows:
        student = stored.get(row.number)
        if student is not None and student.school_id != result.school.pk:
            result.problems.append(problem("student_number_other_school", row.cell("student_number"), value=row.number))
    digests = {}
    for row in rows:  # only ID cards that are new to their student need looking up
        digest = crypto.digest(row.id_card) if row.id_card else None
        if digest and (row.number not in stored or stored[row.number].id_card_digest != digest):
            digests[digest] = row
    for digest, number in values_in(m.Student.objects.all(), "id_card_digest", digests, "id_card_digest", "student_number"):
        if number != digests[digest].number:
            result.problems.append(problem("id_card_other_student", digests[digest].cell("id_card")))
    new_names = {row.username or row.number: row for row in rows if row.number not in stored}
    for (username,) in values_in(User.objects.all(), "username", new_names, "username"):
        result.problems.append(problem("username_taken", new_names[username].cell("student_number"), value=username))


def _stored_links(school: m.School) -> dict[int, dict[int, m.GuardianLink]]:
    links: dict[int, dict[int, m.GuardianLink]] = defaultdict(dict)
    query = m.GuardianLink.objects.filter(student__school=school)
    for pk, student_id, guardian_id, user_id, relation in query.values_list("id", "student_id", "guardian_id", "guardian__user_id", "relation"):
        links[student_id][user_id] = m.GuardianLink(pk=pk, student_id=student_id, guardian_id=guardian_id, relation=relation)
    return links


def _student_changed(student: Stored, row: StudentIn) -> bool:
    digest = crypto.digest(row.id_card) if row.id_card else None
    return (
        student.full_name != row.name
        or student.gender != row.gender
        or (row.id_card is not None and student.id_card_digest != digest)
        or student.is_active != row.is_active
    )


def _plan_guardians(result: StudentPlan, row: StudentIn, student: Stored | None, people: PeopleIndex,
                    stored: dict[int, m.GuardianLink]) -> bool:
    """Plan the row's guardian links; True when a stored student's links change."""
    changed = False
    named_users: set[int] = set()
    seen: set[str] = set()
    for guardian in row.guardians:
        if guardian.phone in seen:
            continue
        seen.add(guardian.phone)
        person = people.claim(phone=guardian.phone, name=guardian.name, role="guardian", place=guardian.place,
                              school_id=result.school.pk, username=lambda g=guardian: g.username or "jz" + row.number)
        if person is None:
            continue
        result.guardians.setdefault(guardian.phone, person)
        link = stored.get(person.user.pk) if person.user is not None else None
        if link is None:
            result.links_new.append((person, row.number, guardian.relation or ""))
            changed = True
            continue
        named_users.add(person.user.pk)  # type: ignore[union-attr]
        if guardian.relation and link.relation != guardian.relation:
            link.relation = guardian.relation
            result.links_relation.append(link)
            changed = True
    if result.replace_guardians:
        for user_id, link in stored.items():
            if user_id not in named_users:
                result.links_removed.append(link.pk)
                changed = True
    return changed and student is not None


def apply(result: StudentPlan, people: PeopleIndex) -> None:
    """Write the plan. The caller holds the transaction and has saved ``people`` and new classes."""
    created = _create_students(result)
    result.by_number.update(created)
    _update_students(result)
    _move_students(result)
    _link_guardians(result, created)


def _create_students(result: StudentPlan) -> dict[str, m.Student]:
    users = [user_build(username=row.username or row.number, full_name=row.name) for row in result.new]
    User.objects.bulk_create(users, batch_size=BATCH)
    students = []
    for row, user in zip(result.new, users):
        student = m.Student(user=user, school=result.school, student_number=row.number, gender=row.gender,
                            current_class=row.school_class, is_active=row.is_active)
        student.assign_id_card(row.id_card or "")
        students.append(student)
    m.Student.objects.bulk_create(students, batch_size=BATCH)
    stays = []
    for row, student in zip(result.new, students):
        for cls, start, end in row.history or [(row.school_class, result.today, None)]:
            stays.append((student.pk, cls.pk, start, end, result.source))
    insert_rows(m.ClassMembership, ["student", "school_class", "started_on", "ended_on", "source"], stays)
    return {student.student_number: student for student in students}


def _update_students(result: StudentPlan) -> None:
    users, students, cards = [], [], []
    for stored, row in result.changed:
        users.append(User(pk=stored.user_id, full_name=row.name))
        students.append(m.Student(pk=stored.pk, gender=row.gender, is_active=row.is_active))
        if row.id_card is not None and stored.id_card_digest != (crypto.digest(row.id_card) if row.id_card else None):
            card = m.Student(pk=stored.pk)
            card.assign_id_card(row.id_card)
            cards.append(card)
    User.objects.bulk_update(users, ["full_name"], batch_size=BATCH)
    m.Student.objects.bulk_update(students, ["gender", "is_active"], batch_size=BATCH)
    m.Student.objects.bulk_update(cards, ["id_card", "id_card_digest"], batch_size=BATCH)


def _move_students(result: StudentPlan) -> None:
    """Class moves in bulk, with the history ``student_move`` keeps: end the open stay, start a new one."""
    if not result.moves:
        return
    ids = [student.pk for student, _ in result.moves]
    for part in chunks(ids):
        m.ClassMembership.objects.filter(student_id__in=part, ended_on__isnull=True).update(ended_on=result.today)
    by_class: dict[int, list[int]] = defaultdict(list)
    for student, target in result.moves:
        by_class[target.pk].append(student.pk)
    for class_id, student_ids in by_class.items():
        for part in chunks(student_ids):
            m.Student.objects.filter(pk__in=part).update(current_class_id=class_id)
    insert_rows(m.ClassMembership, ["student", "school_class", "started_on", "source"],
                [(student.pk, target.pk, result.today, result.source) for student, target in result.moves])


def _link_guardians(result: StudentPlan, created: dict[str, m.Student]) -> None:
    people = list(result.guardians.values())
    needing_role = [p for p in people if p.new_user is not None or not p.has_guardian]
    insert_rows(m.Guardian, ["user"], [(p.account.pk,) for p in needing_role])
    for person in needing_role:
        person.has_guardian = True
    guardian_ids = dict(values_in(m.Guardian.objects.all(), "user_id", [p.account.pk for p in people], "user_id", "id"))
    numbers = {number for _, number, _ in result.links_new if number not in created}
    student_ids = {n: pk for n, pk in values_in(m.Student.objects.all(), "student_number", numbers, "student_number", "id")}
    student_ids.update({n: s.pk for n, s in created.items()})
    insert_rows(m.GuardianLink, ["guardian", "student", "relation"],
                [(guardian_ids[p.account.pk], student_ids[n], relation) for p, n, relation in result.links_new])
    m.GuardianLink.objects.bulk_update(result.links_relation, ["relation"], batch_size=BATCH)
    for part in chunks(result.links_removed):
        m.GuardianLink.objects.filter(pk__in=part).delete()
