"""Every kind of bad input gets its own problem at its exact place, and nothing is written."""

import io
import zipfile

import openpyxl
import pytest

from zuoye.rosters.services import roster_import
from zuoye.rosters.tests import books
from zuoye.schools import models as m


def _problems(county, data, filename="名册.xlsx"):
    before = m.Student.objects.count()
    record = roster_import(file=data, filename=filename, school=county.school, actor=county.school_admin)
    assert record.status == "failed" and m.Student.objects.count() == before
    return [(p["sheet"], p["row"], p["column"], p["code"]) for p in record.problems]


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data, code", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "file_xls"),
    (_docx(), "file_word"),
    (books.student_book([books.student()])[:1500], "file_damaged"),
    (b"%PDF-1.7\n...", "file_pdf"),
    (b"", "file_empty"),
    (b"\x89PNG\r\n\x1a\n....", "file_image"),
])
def test_a_file_that_is_not_a_roster_is_named_for_what_it_is(county, data, code):
    assert _problems(county, data, "名册.xlsx") == [("", None, "", code)]


def test_header_row_that_does_not_match_says_which_columns_are_missing(county):
    data = books.student_book([["七年级(1)班", "张三", "男"]], header=["班级", "姓名", "性别", "备注"])
    record = roster_import(file=data, filename="x.xlsx", school=county.school, actor=county.school_admin)
    (problem,) = record.problems
    assert (problem["row"], problem["code"], problem["params"]["missing"]) == (1, "header_missing_columns", "学籍号、家长姓名、家长手机")


def test_header_found_below_titles_with_stray_spaces_and_full_width_brackets(county):
    header = [" 班 级 ", "姓名（必填）", "性别", "学籍号(必填)", "家长姓名", "家长手机号码", "备注"]
    data = books.book({"学生": [["城关中学学生名册"], ["制表日期：2026年9月"], header,
                               ["七年级(2)班", "杜甫", "男", "G3607312013001000", "杜闲", "13900000100", "新生"]]})
    record = roster_import(file=data, filename="x.xlsx", school=county.school, actor=county.school_admin)
    assert record.ok, record.problems


def test_merged_cells_are_reported_once_per_range_but_a_merged_title_is_fine(county):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "学生"
    sheet.append(["城关中学学生名册"])
    sheet.merge_cells("A1:G1")
    sheet.append(books.STUDENT_HEADER)
    sheet.append(books.student(number="G3607312013001100", name="甲乙", phone="13900000110"))
    sheet.append([None, "丙丁", "男", "G3607312013001101", "", "丙父", "13900000111"])
    sheet.merge_cells("A3:A4")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _problems(county, buffer.getvalue()) == [("学生", 3, "A", "cells_merged")]


def test_formulas_are_refused_with_their_cell(county):
    rows = [books.student(number="G3607312013001200", name="甲乙", phone="13900000120")]
    rows[0][6] = "=\"1390000\"&\"0120\""
    assert _problems(county, books.student_book(rows)) == [("学生", 2, "G", "cell_formula")]


def test_names_too_long_or_with_digits_or_symbols(county):
    rows = [books.student(name="欧阳" * 11, number="G3607312013001300", phone="13900000130"),
            books.student(name="张3", number="G3607312013001301", phone="13900000131"),
            books.student(name="张#三", number="G3607312013001302", phone="13900000132")]
    assert _problems(county, books.student_book(rows)) == [
        ("学生", 2, "B", "name_too_long"), ("学生", 3, "B", "name_has_digits"), ("学生", 4, "B", "name_bad_chars")]


def test_empty_rows_are_skipped_silently(county):
    rows = [books.student(number="G3607312013001400", name="甲乙", phone="13900000140"), [None] * 7, ["", "", "", "", "", "", ""],
            books.student(number="G3607312013001401", name="丙丁", phone="13900000141")]
    record = roster_import(file=books.student_book(rows), filename="x.xlsx", school=county.school, actor=county.school_admin)
    assert record.ok and record.counts["students"]["created"] == 2


def test_duplicates_within_the_file(county):
    card = books.id_card("20130101", "021")
    rows = [books.student(number="G3607312013001500", name="甲乙", card=card, phone="13900000150"),
            books.student(number="G3607312013001500", name="甲丙", phone="13900000151"),
            books.student(number="G3607312013001501", name="甲丁", card=card, phone="13900000152"),
            books.student(number="G3607312013001502", name="甲乙", phone="13900000150"),
            books.student(number="G3607312013001503", name="甲戊", guardian="别人", phone="13900000150")]
    assert _problems(county, books.student_book(rows)) == [
        ("学生", 3, "D", "duplicate_student_number"), ("学生", 4, "E", "duplicate_id_card"),
        ("学生", 5, "B", "duplicate_person"), ("学生", 6, "F", "guardian_phone_two_names")]


def test_bad_cells_each_get_a_problem_and_all_are_reported_at_once(county):
    rows = [books.student(cls="七年级1", gender="男", number="G3607312013001600", card="360731201301010019", phone="1390000016"),
            books.student(cls="", name="", gender="未知", number="", phone="13900000161"),
            ["七年级(2)班", "王二", "女", 36073120130016020, 360731201301010017, "王父", 13900000162]]
    assert _problems(county, books.student_book(rows)) == [
        ("学生", 2, "E", "id_card_check_digit"), ("学生", 2, "G", "phone_invalid"),
        ("学生", 3, "A", "cell_required"), ("学生", 3, "B", "cell_required"), ("学生", 3, "C", "gender_unknown"),
        ("学生", 3, "D", "cell_required"),
        ("学生", 4, "D", "number_lost_digits"), ("学生", 4, "E", "number_lost_digits")]


def test_template_example_row_left_in_is_refused(county):
    from zuoye.core.roster.columns import STUDENT_EXAMPLE
    from zuoye.rosters.services.workbooks import roster_template

    workbook = openpyxl.load_workbook(io.BytesIO(roster_template("students")))
    assert tuple(c.value or "" for c in workbook["学生"][2]) == STUDENT_EXAMPLE
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _problems(county, buffer.getvalue()) == [("学生", 2, "D", "template_example_row")]
