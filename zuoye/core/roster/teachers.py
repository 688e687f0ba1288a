"""Teacher rows: who teaches which subject in which classes, and who is a class's head teacher.

A teacher may have several rows (one per subject or grade); rows are tied together by the
phone number, which is also how an existing teacher is recognised. 任教班级 may list several
classes; a bare ``1班`` takes its grade from 任教年级. 是否班主任 = 是 makes the teacher head
teacher of the row's class, so such a row must name exactly one class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from zuoye.core import grades, identity
from zuoye.core.roster import columns, values
from zuoye.core.roster.problems import Place, Problem, problem
from zuoye.core.roster.students import first_at
from zuoye.core.roster.tables import RowReader, Table, data_rows
from zuoye.core.roster.xlsx import column_letter


@dataclass(frozen=True)
class SubjectInfo:
    code: str
    name: str
    min_grade: int
    max_grade: int


@dataclass(frozen=True)
class TeacherRow:
    place: Place
    name: str
    phone: str
    classes: tuple[tuple[int, int], ...]  # (grade, class number)
    subject: str | None  # subject code; None for a head-teacher-only or account-only row
    head: bool
    header: columns.Header | None = field(default=None, repr=False, compare=False)
    ok: bool = True

    def cell(self, key: str) -> Place:
        if self.header is None or key not in self.header.columns:
            return self.place
        return self.place.at(column=column_letter(self.header.columns[key]), header=self.header.texts[key])


def subject_lookup(subjects: list[SubjectInfo]) -> dict[str, SubjectInfo]:
    """Subjects by Chinese name, code and common short forms (数 for 数学 is too ambiguous; not taken)."""
    found: dict[str, SubjectInfo] = {}
    for subject in subjects:
        for key in (subject.name, subject.code, subject.code.lower()):
            found.setdefault(key, subject)
    aliases = {"生物学": "生物", "英文": "英语", "政治": "道德与法治", "思想品德": "道德与法治"}
    for alias, name in aliases.items():
        match = next((s for s in subjects if s.name == name), None)
        if match is not None:
            found.setdefault(alias, match)
    return found


def read_rows(table: Table, header: columns.Header, subjects: Mapping[str, SubjectInfo], problems: list[Problem]) -> list[TeacherRow]:
    found = []
    for data in data_rows(table, header):
        reader = RowReader(table, header, data, problems)
        row = _read_one(reader, subjects)
        if row is not None:
            found.append(row)
    return found


def _read_one(r: RowReader, subjects: Mapping[str, SubjectInfo]) -> TeacherRow:
    name = r.read("name", values.person_name, required=True)
    phone = r.read("phone", values.phone)
    if not values.text(r.raw("phone")):
        r.report("phone", ("cell_required", {}))
    grade = r.read("grade", values.grade) if r.has("grade") else None
    classes = r.read("classes", values.class_list, grade)
    if grade is not None and any(g != grade for g, _ in classes):
        r.report("classes", ("grade_mismatch", {"value": values.text(r.raw("classes")), "grade": grades.GRADE_NAMES[grade]}))
    head = r.read("head", values.yes_no) if r.has("head") else False
    if phone == columns.TEACHER_EXAMPLE[1]:
        r.report("phone", ("template_example_row", {}))
    subject = _subject(r, subjects, classes)
    if head and len(classes) > 1:
        r.report("head", ("head_many_classes", {"value": values.text(r.raw("classes"))}))
    if head and not classes:
        r.report("classes", ("head_needs_class", {}))
    if classes and subject is None and not head and not values.text(r.raw("subject")):
        r.report("subject", ("subject_missing", {}))
    if subject is not None and not classes and not values.text(r.raw("classes")):
        r.report("classes", ("classes_missing", {}))
    return TeacherRow(place=r.place(), name=name, phone=phone, classes=tuple(classes),
                      subject=subject.code if subject else None, head=head, header=r.header, ok=r.ok)


def _subject(r: RowReader, subjects: Mapping[str, SubjectInfo], classes: list[tuple[int, int]]) -> SubjectInfo | None:
    raw = values.text(r.raw("subject"))
    if not raw:
        return None
    subject = subjects.get(raw) or subjects.get(raw.lower())
    if subject is None:
        known = "、".join(sorted({s.name for s in subjects.values()}, key=lambda n: n))
        r.report("subject", ("subject_unknown", {"value": raw, "known": known}))
        return None
    wrong = sorted({g for g, _ in classes if not subject.min_grade <= g <= subject.max_grade})
    if wrong:
        r.report("subject", ("subject_not_in_grade", {"value": subject.name, "grade": grades.GRADE_NAMES[wrong[0]]}))
    return subject


def check_across(rows: list[TeacherRow]) -> list[Problem]:
    found: list[Problem] = []
    names: dict[str, TeacherRow] = {}
    heads: dict[tuple[int, int], TeacherRow] = {}
    for row in rows:
        if not row.phone or not row.name:
            continue
        first = names.setdefault(row.phone, row)
        if first.name != row.name:
            found.append(problem("teacher_phone_two_names", row.cell("name"), phone=identity.mask_phone(row.phone),
                                 name=row.name, other=first.name, **first_at(first.place)))
        if row.head and len(row.classes) == 1:
            first = heads.setdefault(row.classes[0], row)
            if first.phone != row.phone:
                found.append(problem("class_two_head_teachers", row.cell("head"), value=grades.class_label(*row.classes[0]),
                                     name=row.name, other=first.name, **first_at(first.place)))
    return found
