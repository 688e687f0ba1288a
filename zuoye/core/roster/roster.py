"""A whole roster file (xlsx workbook or CSV) read into student and teacher rows plus every problem.

One workbook may hold a student sheet, one sheet per class, and a teacher sheet together; each
sheet's kind is told by its header. Sheets that hold no roster are passed over: empty ones,
the 说明 (instructions) sheet of our template, and hidden sheets (which offices use for
drop-down lists), the latter with a notice so nothing is dropped unseen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zuoye.core.roster import columns, csvfile, students, tables, teachers, xlsx
from zuoye.core.roster.problems import Place, Problem, errors_in, notice, problem
from zuoye.core.roster.sniff import CSV, XLSX

INSTRUCTION_SHEETS = frozenset({"说明", "填写说明", "使用说明", "instructions", "readme"})


@dataclass
class RosterFile:
    students: list[students.StudentRow] = field(default_factory=list)
    teachers: list[teachers.TeacherRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors_in(self.problems)


def load_tables(data: bytes, filename: str, kind: str, problems: list[Problem]) -> list[tables.Table]:
    if kind == XLSX:
        try:
            return [tables.Table.from_sheet(filename, sheet) for sheet in xlsx.read(data)]
        except xlsx.XlsxError as exc:
            problems.append(problem(exc.code, Place(file=filename)))
            return []
    assert kind == CSV, kind
    text, _, found = csvfile.decode(data, Place(file=filename))
    problems.extend(found)
    if text is None:
        return []
    return [tables.Table(file=filename, sheet="", rows=[(n, list(r)) for n, r in csvfile.rows(text)])]


def read(data: bytes, filename: str, kind: str, subjects: list[teachers.SubjectInfo]) -> RosterFile:
    result = RosterFile()
    lookup = teachers.subject_lookup(subjects)
    for table in load_tables(data, filename, kind, result.problems):
        _read_table(table, lookup, result)
    result.problems.extend(students.check_across(result.students))
    result.problems.extend(teachers.check_across(result.teachers))
    if result.ok and not result.students and not result.teachers:
        result.problems.append(problem("no_rows", Place(file=filename)))
    return result


def _read_table(table: tables.Table, lookup: dict[str, teachers.SubjectInfo], result: RosterFile) -> None:
    if table.is_empty or table.sheet.strip().lower() in INSTRUCTION_SHEETS:
        return
    if table.hidden:
        result.problems.append(notice("sheet_skipped_hidden", table.place(), sheet=table.sheet))
        return
    header = columns.find_header(table.rows)
    if header is None:
        expected = "、".join(c.title for c in columns.STUDENT_SPEC.columns if c.required)
        first = table.rows[0][0] if table.rows else None
        result.problems.append(problem("sheet_no_header", table.place(first), rows=columns.HEADER_RULES.search_rows, expected=expected))
        return
    for column, first, second in header.duplicates:
        result.problems.append(problem("header_duplicate_column", table.place(header.row, second), name=column.title,
                                       first=xlsx.column_letter(first)))
    if header.missing:
        result.problems.append(problem("header_missing_columns", table.place(header.row),
                                       missing="、".join(c.title for c in header.missing),
                                       found="、".join(header.texts.values()) or "-"))
        return
    result.problems.extend(tables.cell_problems(table, header))
    if header.spec.kind == columns.STUDENTS:
        result.students.extend(students.read_rows(table, header, result.problems))
    else:
        result.teachers.extend(teachers.read_rows(table, header, lookup, result.problems))
