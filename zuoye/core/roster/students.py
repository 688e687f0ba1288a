"""Student rows: one child, their class and one guardian per row.

The class comes from the 班级 cell, or from the sheet's name when the workbook has one sheet
per class (then the cell may be empty; if it is filled it must agree with the sheet). After
each row is read on its own, :func:`check_across` finds what only shows across rows: the same
学籍号 twice, the same ID-card number under two 学籍号, the same child entered twice, and one
guardian phone written with two different names (siblings share a guardian: same phone, same
name).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zuoye.core import grades, identity
from zuoye.core.roster import columns, values
from zuoye.core.roster.problems import Place, Problem, problem
from zuoye.core.roster.tables import RowReader, Table, data_rows
from zuoye.core.roster.xlsx import column_letter


@dataclass(frozen=True)
class StudentRow:
    place: Place  # file, sheet, row
    grade: int
    class_number: int
    name: str
    gender: str  # "M" / "F"
    student_number: str
    id_card: str | None  # None: the file has no ID-card column (keep what is stored); "": empty cell
    guardian_name: str
    guardian_phone: str
    guardian_relation: str | None  # None: no 家长关系 column
    header: columns.Header | None = field(default=None, repr=False, compare=False)  # shared by a sheet's rows
    ok: bool = True  # False: some cell had a problem (the row still takes part in the checks across rows)

    def cell(self, key: str) -> Place:
        """The place of this row's cell in column ``key`` (for problems found later, e.g. against stored data)."""
        if self.header is None or key not in self.header.columns:
            return self.place
        return self.place.at(column=column_letter(self.header.columns[key]), header=self.header.texts[key])

    @property
    def class_key(self) -> tuple[int, int]:
        return self.grade, self.class_number

    @property
    def class_label(self) -> str:
        return grades.class_label(self.grade, self.class_number)


def sheet_class(table: Table) -> tuple[int, int] | None:
    try:
        return grades.parse_class_label(table.sheet) if table.sheet else None
    except grades.ClassLabelError:
        return None


def read_rows(table: Table, header: columns.Header, problems: list[Problem]) -> list[StudentRow]:
    from_sheet = sheet_class(table)
    if "class" not in header.columns and from_sheet is None:
        problems.append(problem("sheet_not_a_class", table.place(header.row), sheet=table.sheet or table.file))
        return []
    found = []
    for data in data_rows(table, header):
        reader = RowReader(table, header, data, problems)
        row = _read_one(reader, from_sheet)
        if row is not None:
            found.append(row)
    return found


def _read_one(r: RowReader, from_sheet: tuple[int, int] | None) -> StudentRow:
    class_key = _class_of(r, from_sheet)
    name = r.read("name", values.person_name, required=True)
    gender = r.read("gender", values.gender, required=True)
    number = r.read("student_number", values.student_number, required=True)
    id_card = r.read("id_card", values.id_card) if r.has("id_card") else None
    guardian_name = r.read("guardian_name", values.person_name)
    guardian_phone = r.read("guardian_phone", values.phone)
    relation = r.read("guardian_relation", values.short_text) if r.has("guardian_relation") else None
    if guardian_phone and not values.text(r.raw("guardian_name")):
        r.report("guardian_name", ("guardian_name_missing", {}))
    if values.text(r.raw("guardian_name")) and not values.text(r.raw("guardian_phone")):
        r.report("guardian_phone", ("guardian_phone_missing", {}))
    if number == columns.STUDENT_EXAMPLE[3]:
        r.report("student_number", ("template_example_row", {}))
    if id_card and gender and identity.id_card_gender(id_card) != gender:
        r.report("gender", ("gender_mismatch_id_card", {"value": values.text(r.raw("gender"))}))
    grade, class_number = class_key or (0, 0)
    return StudentRow(
        place=r.place(), grade=grade, class_number=class_number, name=name, gender=gender,
        student_number=number, id_card=id_card, guardian_name=guardian_name if guardian_phone else "",
        guardian_phone=guardian_phone, guardian_relation=relation, header=r.header, ok=r.ok and class_key is not None,
    )


def _class_of(r: RowReader, from_sheet: tuple[int, int] | None) -> tuple[int, int] | None:
    if not r.has("class") or not values.text(r.raw("class")):
        if from_sheet is None:
            r.report("class", ("cell_required", {}))
        return from_sheet
    key = r.read("class", values.class_label, required=True)
    if key is not None and from_sheet is not None and key != from_sheet:
        r.report("class", ("class_sheet_mismatch", {"value": values.text(r.raw("class")),
                                                     "sheet": grades.class_label(*from_sheet)}))
        return None
    return key


def first_at(place: Place) -> dict[str, object]:
    """Problem params naming an earlier row: the app words them as "sheet …, row …"."""
    return {"first_sheet": place.sheet, "first_row": place.row}


def check_across(rows: list[StudentRow]) -> list[Problem]:
    found: list[Problem] = []
    by_number: dict[str, StudentRow] = {}
    by_id_card: dict[str, StudentRow] = {}
    by_person: dict[tuple[str, str], StudentRow] = {}
    guardian_names: dict[str, StudentRow] = {}
    for row in rows:
        if not row.student_number:
            continue
        first = by_number.setdefault(row.student_number, row)
        if first is not row:
            found.append(problem("duplicate_student_number", row.cell("student_number"), value=row.student_number, **first_at(first.place)))
            continue
        if row.id_card:
            first = by_id_card.setdefault(row.id_card, row)
            if first is not row:
                found.append(problem("duplicate_id_card", row.cell("id_card"), **first_at(first.place)))
        if row.guardian_phone and row.name:
            first = by_person.setdefault((row.name, row.guardian_phone), row)
            if first is not row:
                found.append(problem("duplicate_person", row.cell("name"), name=row.name, **first_at(first.place)))
            first = guardian_names.setdefault(row.guardian_phone, row)
            if first.guardian_name != row.guardian_name:
                found.append(problem("guardian_phone_two_names", row.cell("guardian_name"), phone=identity.mask_phone(row.guardian_phone),
                                     name=row.guardian_name, other=first.guardian_name, **first_at(first.place)))
    return found
