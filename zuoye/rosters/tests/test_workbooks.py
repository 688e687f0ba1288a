"""Templates and xlsx exports: what an office downloads, and that an export imports back unchanged."""

import io

import openpyxl

from zuoye.core.roster import columns
from zuoye.rosters.services import roster_import
from zuoye.rosters.services.workbooks import roster_export_xlsx, roster_template
from zuoye.rosters.tests import books
from zuoye.schools.access import scope_for


def test_student_template_has_header_example_widths_text_columns_and_instructions():
    book = openpyxl.load_workbook(io.BytesIO(roster_template("students")))
    assert book.sheetnames == ["学生", "说明"]
    sheet = book["学生"]
    assert [c.value for c in sheet[1]] == [c.title for c in columns.STUDENT_SPEC.columns]
    assert sheet["D2"].value == columns.STUDENT_EXAMPLE[3]
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["C"].width
    assert sheet["D3"].number_format == "@" and sheet["G500"].number_format == "@"  # 学籍号, 家长手机 stay text
    notes = [row[1] for row in book["说明"].iter_rows(min_row=2, values_only=True) if row[1]]
    assert notes == [c.title for c in columns.STUDENT_SPEC.columns]
    assert sheet.data_validations.dataValidation[0].formula1 == '"男,女"'


def test_teacher_template_has_its_columns():
    book = openpyxl.load_workbook(io.BytesIO(roster_template("teachers")))
    assert [c.value for c in book["教师"][1]] == ["姓名", "手机", "任教年级", "任教班级", "任教学科", "是否班主任"]
    assert book["教师"]["F2"].value == "是"


def test_an_xlsx_export_imports_back_unchanged(county):
    data = books.book({
        "学生": [books.STUDENT_HEADER + ["家长关系"],
                 ["七年级(2)班", "王小红", "女", "G3607312013004000", books.id_card("20130101", "042"), "王大海", "13900000400", "母亲"]],
        "教师": [books.TEACHER_HEADER, ["赵老师", "13800000411", "七年级", "1班、2班", "英语", "否"]],
    })
    assert roster_import(file=data, filename="a.xlsx", school=county.school, actor=county.school_admin).ok
    exported = roster_export_xlsx(scope=scope_for(county.school_admin), school=county.school)
    book = openpyxl.load_workbook(io.BytesIO(exported))
    students = list(book["学生"].iter_rows(min_row=2, values_only=True))
    assert ("七年级(2)班", "王小红", "女", "G3607312013004000", books.id_card("20130101", "042"), "王大海", "13900000400", "母亲") in students
    teachers = list(book["教师"].iter_rows(min_row=2, values_only=True))
    assert ("李军", "13800000002", "七年级", "七年级(1)班", None, "是") in teachers  # head teacher only
    record = roster_import(file=exported, filename="export.xlsx", school=county.school, actor=county.school_admin)
    assert record.ok, record.problems
    assert record.counts == {"students": {"created": 0, "updated": 0, "unchanged": 3},
                             "guardians": {"created": 0, "updated": 0, "unchanged": 2},
                             "teachers": {"created": 0, "updated": 0, "unchanged": 3}}
