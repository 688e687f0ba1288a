"""Workbook and CSV rosters (the columns school offices keep) into a plan for one school.

Reads the file with :mod:`zuoye.core.roster.roster`, finds the named classes in the current
school year (:mod:`.classes`), then plans students and guardians (:mod:`.students`) and
teachers (:mod:`.teachers`, for the current term) against what is stored.
"""

from __future__ import annotations

from collections import defaultdict

from zuoye.core.roster import roster
from zuoye.core.roster.problems import ERROR, Place, problem
from zuoye.core.roster.students import StudentRow
from zuoye.core.roster.teachers import SubjectInfo, TeacherRow
from zuoye.rosters.services import classes, students, teachers
from zuoye.rosters.services.imports import Outcome
from zuoye.rosters.services.people import PeopleIndex
from zuoye.schools import models as m
from zuoye.schools.terms import school_year_current, term_current, today


def plan(*, data: bytes, filename: str, kind: str, school: m.School, create_classes: bool, source: str) -> Outcome:
    subjects = {s.code: s for s in m.Subject.objects.filter(is_active=True)}
    parsed = roster.read(data, filename, kind, [SubjectInfo(s.code, s.name, s.min_grade, s.max_grade) for s in subjects.values()])
    outcome = Outcome(problems=list(parsed.problems))
    # Only rows without any problem of their own are checked against stored data: one report per fault.
    faulty = {(p.place.file, p.place.sheet, p.place.row) for p in parsed.problems if p.severity == ERROR}
    student_rows = [row for row in parsed.students if row.ok and _key(row.place) not in faulty]
    teacher_rows = [row for row in parsed.teachers if row.ok and _key(row.place) not in faulty]
    if not student_rows and not teacher_rows:
        return outcome
    year, term = school_year_current(), term_current()
    if year is None:
        outcome.problems.append(problem("no_school_year", Place(file=filename)))
        return outcome
    if teacher_rows and (term is None or term.school_year_id != year.pk):
        outcome.problems.append(problem("no_term", Place(file=filename)))
        return outcome
    class_plan = classes.plan(school=school, year=year, wanted=_wanted_classes(student_rows, teacher_rows), create=create_classes)
    people = PeopleIndex({row.guardian_phone for row in student_rows if row.guardian_phone} | {row.phone for row in teacher_rows})
    student_plan = students.plan(school=school, rows=_student_inputs(student_rows, class_plan.classes), people=people,
                                 source=source, today=today())
    teacher_plan = teachers.plan(school=school, rows=_teacher_inputs(teacher_rows, class_plan.classes, subjects, term),
                                 terms=[term] if term else [], people=people, usernames=teachers.Usernames())
    outcome.problems += class_plan.problems + people.problems + student_plan.problems + teacher_plan.problems
    outcome.counts = {"classes": {"created": len(class_plan.new)}} if class_plan.new else {}
    if student_rows:
        outcome.counts["students"] = student_plan.students.as_dict()
        outcome.counts["guardians"] = people.guardian_counts().as_dict()
    if teacher_rows:
        outcome.counts["teachers"] = teacher_plan.counts.as_dict()

    def write() -> None:
        classes.apply(class_plan)
        people.save()
        students.apply(student_plan, people)
        teachers.apply(teacher_plan)

    outcome.write = write
    return outcome


def _key(place: Place) -> tuple[str, str, int | None]:
    return place.file, place.sheet, place.row


def _wanted_classes(student_rows: list[StudentRow], teacher_rows: list[TeacherRow]) -> dict[tuple[int, int], list[Place]]:
    """Each class named, with the places naming it (the first one precisely; problems cite it and count the rest)."""
    wanted: dict[tuple[int, int], list[Place]] = defaultdict(list)
    for row in student_rows:
        places = wanted[row.class_key]
        places.append(row.cell("class") if not places else row.place)
    for teacher in teacher_rows:
        for key in teacher.classes:
            wanted[key].append(teacher.cell("classes"))
    return wanted


def _student_inputs(rows: list[StudentRow], found: dict[tuple[int, int], m.SchoolClass]) -> list[students.StudentIn]:
    inputs = []
    for row in rows:
        if row.class_key not in found:
            continue
        guardians = [students.GuardianIn(phone=row.guardian_phone, name=row.guardian_name, relation=row.guardian_relation,
                                         place=row.cell("guardian_phone"))] if row.guardian_phone else []
        inputs.append(students.StudentIn(number=row.student_number, name=row.name, gender=row.gender, id_card=row.id_card,
                                         school_class=found[row.class_key], guardians=guardians, cell=row.cell))
    return inputs


def _teacher_inputs(rows: list[TeacherRow], found: dict[tuple[int, int], m.SchoolClass],
                    subjects: dict[str, m.Subject], term: m.Term | None) -> list[teachers.TeacherIn]:
    """One input per phone: a teacher's rows (one per subject or grade) are merged."""
    merged: dict[str, teachers.TeacherIn] = {}
    for row in rows:
        teacher = merged.setdefault(row.phone, teachers.TeacherIn(phone=row.phone, name=row.name, cell=row.cell))
        classes_found = [found[key] for key in row.classes if key in found]
        if row.subject is not None and term is not None:
            teacher.assignments += [(cls, subjects[row.subject], term) for cls in classes_found]
        if row.head:
            teacher.head_of += classes_found
    return list(merged.values())
