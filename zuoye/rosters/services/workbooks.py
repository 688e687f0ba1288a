"""Workbooks Zuoye writes: the two templates, a school's roster export, and a problem report.

The templates and the export share the importer's column definitions
(:mod:`zuoye.core.roster.columns`), so an exported roster imports back unchanged. Identifier
columns (学籍号, 身份证号码, phones) are formatted as text so Excel does not turn them into
numbers and drop digits; 性别 and 是否班主任 get drop-down lists; a second sheet 说明 explains
every column. ID-card numbers and phones appear in full only in the export, which only a
school's admins and the region staff above it may download.
"""

from __future__ import annotations

import io
from collections import defaultdict

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from zuoye.core import grades
from zuoye.core.roster import columns
from zuoye.rosters import problems as words
from zuoye.rosters.models import RosterImport
from zuoye.schools import access
from zuoye.schools import models as m
from zuoye.schools.terms import school_year_current, term_current

TEXT_KEYS = {"student_number", "id_card", "guardian_phone", "phone"}
HEADER_FILL = PatternFill("solid", fgColor="FCE4E4")
GENERAL_NOTES = (
    "第一行为表头（表头上方可有标题行）；列的顺序可以调整，多余的列会被忽略。",
    "空行会被跳过。不要合并单元格，不要使用公式（请“粘贴为数值”）。",
    "导入时会先检查全部内容：只要有一处问题，就什么都不写入，并列出每个问题所在的工作表、行和列。",
    "同一文件再次导入不会重复创建。同一文件可同时包含学生表和教师表；班级须已在本学年建立。",
)
KIND_NOTES = {
    columns.STUDENTS: ("每行一名学生。学生可放在一张工作表中（填写班级列），也可以每班一张工作表、以班级命名（如 七年级(1)班）。",
                       "学籍号相同的行会更新该学生；班级不同即记为转班，并保留原班级的历史。"),
    columns.TEACHERS: ("一位教师可占多行（如每个学科一行），以手机号识别同一教师。",
                       "表中列出的教师，本学期的任教安排和班主任以本表为准；未列出的教师不受影响。"),
}
TEMPLATE_NOTE = "第 2 行是示例，导入前请删除。"


def _header(book: Workbook, title: str, spec: columns.SheetSpec) -> Worksheet:
    """A sheet with the spec's styled header, column widths, frozen header row and drop-down lists."""
    sheet = book.create_sheet(title)
    for index, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width * 1.6
    sheet.freeze_panes = "A2"
    _choices(sheet, spec, 5000)
    cells = []
    for column in spec.columns:
        cell = WriteOnlyCell(sheet, value=column.title) if book.write_only else None
        cell = cell or sheet.cell(row=1, column=len(cells) + 1, value=column.title)
        cell.font = Font(bold=True, color="C62828" if column.required else "1F2933")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        cells.append(cell)
    if book.write_only:
        sheet.append(cells)
    return sheet


def _template_sheet(book: Workbook, title: str, spec: columns.SheetSpec, example: tuple[str, ...]) -> None:
    sheet = _header(book, title, spec)
    sheet.append(list(example))
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="7B8794")
    for index, column in enumerate(spec.columns, start=1):
        if column.key in TEXT_KEYS:  # so that numbers typed later stay text and keep every digit
            for (cell,) in sheet.iter_rows(min_row=2, max_row=2000, min_col=index, max_col=index):
                cell.number_format = "@"


def _choices(sheet: Worksheet, spec: columns.SheetSpec, last: int) -> None:
    for key, options in (("gender", '"男,女"'), ("head", '"是,否"')):
        if any(column.key == key for column in spec.columns):
            index = [column.key for column in spec.columns].index(key) + 1
            rule = DataValidation(type="list", formula1=options, allow_blank=True)
            rule.add(f"{get_column_letter(index)}2:{get_column_letter(index)}{last}")
            sheet.data_validations.append(rule)


def _notes(book: Workbook, specs: list[columns.SheetSpec], template: bool = False) -> None:
    sheet = book.create_sheet("说明")
    for letter, width in zip("ABCD", (10, 14, 10, 90)):
        sheet.column_dimensions[letter].width = width
    sheet.append(["工作表", "列名", "是否必填", "填写说明"])
    for spec in specs:
        name = "学生" if spec.kind == columns.STUDENTS else "教师"
        for column in spec.columns:
            sheet.append([name, column.title, "必填" if column.required else "选填", column.note])
    sheet.append([])
    notes = [*GENERAL_NOTES, *(note for spec in specs for note in KIND_NOTES[spec.kind])]
    for note in notes + ([TEMPLATE_NOTE] if template else []):
        sheet.append(["", "", "", note])


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def roster_template(kind: str) -> bytes:
    """``students`` or ``teachers``: the empty template with its example row and 说明 sheet."""
    book = Workbook()
    book.remove(book.active)
    spec = columns.STUDENT_SPEC if kind == "students" else columns.TEACHER_SPEC
    example = columns.STUDENT_EXAMPLE if kind == "students" else columns.TEACHER_EXAMPLE
    _template_sheet(book, "学生" if kind == "students" else "教师", spec, example)
    _notes(book, [spec], template=True)
    return _bytes(book)


def roster_export_xlsx(*, scope: access.Scope | None, school: m.School) -> bytes:
    """The school's students (with their first guardian) and this term's teachers, in the template's columns."""
    if scope is not None:
        from zuoye.rosters import selectors

        access.require(selectors.roster_schools(scope).filter(pk=school.pk).exists(), scope=scope, what=f"export school {school.pk}")
    book = Workbook(write_only=True)  # 50,000 rows: streamed, no per-cell styles (identifiers are strings, so stay text)
    for title, spec, rows in (("学生", columns.STUDENT_SPEC, _student_rows(school)), ("教师", columns.TEACHER_SPEC, _teacher_rows(school))):
        sheet = _header(book, title, spec)
        for row in rows:
            sheet.append(row)
    _notes(book, [columns.STUDENT_SPEC, columns.TEACHER_SPEC])
    return _bytes(book)


def _student_rows(school: m.School) -> list[list[object]]:
    year = school_year_current()
    students = (m.Student.objects.filter(school=school, is_active=True, current_class__school_year=year)
                .select_related("user", "current_class").defer("user__initial_password", "user__phone").order_by("current_class__grade", "current_class__number", "student_number"))
    first: dict[int, m.GuardianLink] = {}
    links = m.GuardianLink.objects.filter(student__school=school).select_related("guardian__user").defer("guardian__user__initial_password")
    for link in links.order_by("pk"):
        first.setdefault(link.student_id, link)
    rows = []
    for student in students:
        link = first.get(student.pk)
        guardian = link.guardian.user if link else None
        rows.append([student.current_class.name, student.user.full_name, "男" if student.gender == "M" else "女",
                     student.student_number, student.id_card, guardian.full_name if guardian else "",
                     guardian.phone if guardian else "", link.relation if link else ""])
    return rows


def _teacher_rows(school: m.School) -> list[list[object]]:
    """One row per (teacher, grade, subject); a head teacher's class gets a row of its own marked 是."""
    term = term_current()
    taught: dict[tuple[int, int, str], list[m.SchoolClass]] = defaultdict(list)
    assignments = (m.TeachingAssignment.objects.filter(teacher__school=school, teacher__is_active=True, term=term)
                   .select_related("school_class", "subject").order_by("subject__order", "school_class__grade", "school_class__number"))
    heads = {c.head_teacher_id: c for c in m.SchoolClass.objects.filter(school=school, school_year=term.school_year if term else None,
                                                                       head_teacher__isnull=False)}
    for a in assignments:
        taught[(a.teacher_id, a.school_class.grade, a.subject.name)].append(a.school_class)
    rows = []
    for teacher in m.Teacher.objects.filter(school=school, is_active=True).select_related("user").order_by("user__username"):
        head = heads.get(teacher.pk)
        mine = sorted(((g, s, c) for (t, g, s), c in taught.items() if t == teacher.pk), key=lambda x: (x[0], x[1]))
        head_done = False
        for grade, subject, classes in mine:
            if head is not None and head in classes:
                rows.append(_teacher_row(teacher, [head], subject, True))
                classes = [c for c in classes if c != head]
                head_done = True
            if classes:
                rows.append(_teacher_row(teacher, classes, subject, False))
        if head is not None and not head_done:
            rows.append(_teacher_row(teacher, [head], "", True))
        if not mine and head is None:
            rows.append([teacher.user.full_name, teacher.user.phone, "", "", "", "否"])
    return rows


def _teacher_row(teacher: m.Teacher, classes: list[m.SchoolClass], subject: str, head: bool) -> list[object]:
    return [teacher.user.full_name, teacher.user.phone, grades.GRADE_NAMES[classes[0].grade],
            "、".join(c.name for c in classes), subject, "是" if head else "否"]


def problems_workbook(record: RosterImport) -> bytes:
    """The import's problems as a sheet, worded in the active language, for offices that fix rosters on paper."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Problems")[:31]
    sheet.append([_("File"), _("Sheet"), _("Row"), _("Column"), _("Problem")])
    for item in record.problems:
        sheet.append([item.get("file"), item.get("sheet"), item.get("row"), words.column_text(item), words.render(item)])
    for letter, width in zip("ABCDE", (24, 16, 8, 16, 100)):
        sheet.column_dimensions[letter].width = width
    return _bytes(book)
