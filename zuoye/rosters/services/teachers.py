"""Teachers, what they teach and which class they head: plan from a roster, then write in bulk.

A teacher is identified by phone. The roster is the truth about the teachers it lists, for the
terms it covers (a workbook covers the current term): their teaching assignments in those terms
become exactly the listed ones, and they head exactly the classes marked 是 (in those terms'
school years). Teachers the roster does not list are left as they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from zuoye.core.roster.problems import Place, Problem, problem
from zuoye.core import identity
from zuoye.accounts.models import User
from zuoye.rosters.services.bulk import BATCH, chunks, fetch_in, unique, values_in
from zuoye.rosters.services.people import Counts, PeopleIndex, Person
from zuoye.schools import models as m

Assignment = tuple[m.SchoolClass, m.Subject, m.Term]


@dataclass
class TeacherIn:
    phone: str
    name: str
    cell: Callable[[str], Place]
    assignments: list[Assignment] = field(default_factory=list)
    head_of: list[m.SchoolClass] = field(default_factory=list)
    username: str = ""  # login name for a new account; default js + a running number


@dataclass
class TeacherPlan:
    school: m.School
    terms: list[m.Term]
    teachers: list[tuple[Person, TeacherIn]] = field(default_factory=list)
    assignments_new: list[tuple[Person, Assignment]] = field(default_factory=list)
    assignments_removed: list[int] = field(default_factory=list)
    heads_cleared: list[int] = field(default_factory=list)
    heads_set: list[tuple[Person, m.SchoolClass]] = field(default_factory=list)
    activate: list[int] = field(default_factory=list)  # Teacher ids
    created: list[m.TeachingAssignment] = field(default_factory=list)  # after apply, parallel to assignments_new
    counts: Counts = field(default_factory=Counts)
    problems: list[Problem] = field(default_factory=list)


class Usernames:
    """Teachers log in by phone; their username is ``js`` + a running number (js00001 …)."""

    def __init__(self) -> None:
        used = User.objects.filter(username__regex=r"^js[0-9]+$").values_list("username", flat=True)
        self.last = max((int(name[2:]) for name in used), default=0)

    def __call__(self) -> str:
        self.last += 1
        return f"js{self.last:05d}"


def plan(*, school: m.School, rows: list[TeacherIn], terms: list[m.Term], people: PeopleIndex,
         usernames: Callable[[], str]) -> TeacherPlan:
    result = TeacherPlan(school=school, terms=terms)
    for row in rows:
        person = people.claim(phone=row.phone, name=row.name, role="teacher", place=row.cell("name"),
                              school_id=school.pk, username=lambda r=row: r.username or usernames())
        if person is None:
            continue
        if person.teacher_school_id not in (None, school.pk):
            result.problems.append(problem("teacher_other_school", row.cell("phone"), phone=identity.mask_phone(row.phone)))
            continue
        result.teachers.append((person, row))
    stored = {t.user_id: t for t in fetch_in(m.Teacher.objects.all(), "user_id",
                                             [p.user.pk for p, _ in result.teachers if p.user is not None])}
    assignments = _stored_assignments([t.pk for t in stored.values()], terms)
    heads = _stored_heads([t.pk for t in stored.values()], terms)
    for person, row in result.teachers:
        teacher = stored.get(person.user.pk) if person.user is not None else None
        changed = _plan_one(result, person, row, teacher, assignments, heads)
        if teacher is None:
            result.counts.created += 1
        elif changed or person.rename or not teacher.is_active:
            result.counts.updated += 1
            if not teacher.is_active:
                result.activate.append(teacher.pk)
        else:
            result.counts.unchanged += 1
    return result


def _stored_assignments(teacher_ids: list[int], terms: list[m.Term]) -> dict[int, dict[tuple[int, int, int], int]]:
    found: dict[int, dict[tuple[int, int, int], int]] = defaultdict(dict)
    query = m.TeachingAssignment.objects.filter(term__in=[t for t in terms if t.pk])
    for pk, teacher_id, class_id, subject_id, term_id in values_in(
            query, "teacher_id", teacher_ids, "id", "teacher_id", "school_class_id", "subject_id", "term_id"):
        found[teacher_id][(class_id, subject_id, term_id)] = pk
    return found


def _stored_heads(teacher_ids: list[int], terms: list[m.Term]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    query = m.SchoolClass.objects.filter(school_year__in={t.school_year_id for t in terms if t.school_year_id})
    for class_id, teacher_id in values_in(query, "head_teacher_id", teacher_ids, "id", "head_teacher_id"):
        found[teacher_id].add(class_id)
    return found


def _plan_one(result: TeacherPlan, person: Person, row: TeacherIn, teacher: m.Teacher | None,
              assignments: dict[int, dict[tuple[int, int, int], int]], heads: dict[int, set[int]]) -> bool:
    stored = assignments.get(teacher.pk, {}) if teacher else {}
    wanted: set[tuple[int, int, int]] = set()
    changed = False
    for assignment in unique(row.assignments):
        cls, subject, term = assignment
        key = (cls.pk, subject.pk, term.pk)
        wanted.add(key)
        if cls.pk is None or term.pk is None or key not in stored:
            result.assignments_new.append((person, assignment))
            changed = True
    for key, pk in stored.items():
        if key not in wanted:
            result.assignments_removed.append(pk)
            changed = True
    stored_heads = heads.get(teacher.pk, set()) if teacher else set()
    wanted_heads = {cls.pk for cls in row.head_of if cls.pk}
    for class_id in stored_heads - wanted_heads:
        result.heads_cleared.append(class_id)
        changed = True
    for cls in unique(row.head_of):
        if cls.pk is None or cls.pk not in stored_heads:
            result.heads_set.append((person, cls))
            changed = True
    return changed


def apply(result: TeacherPlan) -> None:
    """Write the plan; the caller holds the transaction and has saved the people and new classes."""
    people = [person for person, _ in result.teachers]
    new_roles = [p for p in people if p.teacher_school_id is None]
    m.Teacher.objects.bulk_create([m.Teacher(user=p.account, school=result.school) for p in new_roles], batch_size=BATCH)
    for person in new_roles:
        person.teacher_school_id = result.school.pk
    m.Teacher.objects.filter(pk__in=result.activate).update(is_active=True)
    teacher_ids = dict(values_in(m.Teacher.objects.all(), "user_id", [p.account.pk for p in people], "user_id", "id"))
    for part in chunks(result.assignments_removed):
        m.TeachingAssignment.objects.filter(pk__in=part).delete()
    result.created = [m.TeachingAssignment(teacher_id=teacher_ids[p.account.pk], school_class=cls, subject=subject, term=term)
                      for p, (cls, subject, term) in result.assignments_new]
    m.TeachingAssignment.objects.bulk_create(result.created, batch_size=BATCH)
    for part in chunks(result.heads_cleared):
        m.SchoolClass.objects.filter(pk__in=part).update(head_teacher=None)
    for person, cls in result.heads_set:
        cls.head_teacher_id = teacher_ids[person.account.pk]
    m.SchoolClass.objects.bulk_update([cls for _, cls in result.heads_set], ["head_teacher"], batch_size=BATCH)
