"""Whole roster files read into rows, with every problem placed."""

from zuoye.core.roster import roster
from zuoye.core.roster.teachers import SubjectInfo
from zuoye.core.roster.tests.helpers import STUDENT_HEADER, xlsx

SUBJECTS = [SubjectInfo("math", "数学", 1, 9), SubjectInfo("chinese", "语文", 1, 9), SubjectInfo("physics", "物理", 8, 9)]


def _read(sheets, **kwargs):
    return roster.read(xlsx(sheets, **kwargs), "名册.xlsx", "xlsx", SUBJECTS)


def _codes(result):
    return [(p.place.sheet, p.place.row, p.place.column, p.code) for p in result.problems]


def test_one_sheet_per_class_and_instructions_and_hidden_sheets():
    header = ["姓名", "性别", "学籍号", "家长姓名", "家长手机"]
    result = _read({"七年级(1)班": [header, ["张三", "男", "G3607312013000001", "张父", "13900000001"]],
                    "初一2班": [header, ["李四", "女", "G3607312013000002", "李母", "13900000002"]],
                    "说明": [["第一行为表头"]], "下拉": [["男", "女"]]}, hidden=("下拉",))
    assert [(s.class_key, s.name) for s in result.students] == [((7, 1), "张三"), ((7, 2), "李四")]
    assert [(p.code, p.severity) for p in result.problems] == [("sheet_skipped_hidden", "notice")]


def test_a_sheet_whose_name_is_not_a_class_and_has_no_class_column():
    result = _read({"Sheet1": [["姓名", "性别", "学籍号", "家长姓名", "家长手机"], ["张三", "男", "G3607312013000001", "张父", "13900000001"]]})
    assert _codes(result) == [("Sheet1", 1, "", "sheet_not_a_class")]


def test_class_cell_must_agree_with_the_sheet():
    result = _read({"七年级(1)班": [STUDENT_HEADER, ["七年级(2)班", "张三", "男", "G3607312013000001", "", "张父", "13900000001"]]})
    assert _codes(result) == [("七年级(1)班", 2, "A", "class_sheet_mismatch")]


def test_gender_must_match_the_id_card():
    result = _read({"学生": [STUDENT_HEADER, ["七年级(1)班", "张三", "男", "G3607312013000001", "11010519491231002X", "张父", "13900000001"]]})
    assert _codes(result) == [("学生", 2, "C", "gender_mismatch_id_card")]  # 17th digit 2: female


def test_a_sheet_without_a_header_says_which_columns_were_expected():
    result = _read({"学生": [["张三", "男"], ["李四", "女"]]})
    assert _codes(result) == [("学生", 1, "", "sheet_no_header")]
    assert "学籍号" in result.problems[0].params["expected"]


def test_merged_cells_suppress_their_own_empty_cell_problems():
    rows = [STUDENT_HEADER, ["七年级(1)班", "张三", "男", "G3607312013000001", "", "张父", "13900000001"],
            [None, "李四", "女", "G3607312013000002", "", "李母", "13900000002"]]
    result = _read({"学生": rows}, merged={"学生": ["A2:A3"]})
    assert _codes(result) == [("学生", 2, "A", "cells_merged")]


def test_teacher_rows_merge_classes_and_check_head_and_subjects():
    header = ["姓名", "手机", "任教年级", "任教班级", "任教学科", "是否班主任"]
    result = _read({"教师": [header, ["王芳", "13800000001", "七年级", "1班、2班", "数学", ""],
                             ["王芳", "13800000001", "", "七年级(1)班", "", "是"],
                             ["王芳", "13800000009", "", "八年级(1)班", "物理", ""],
                             ["李军", "13800000002", "", "七年级(1)班", "语文", "是"]]})
    assert [(t.classes, t.subject, t.head) for t in result.teachers[:2]] == [(((7, 1), (7, 2)), "math", False), (((7, 1),), None, True)]
    assert _codes(result) == [("教师", 5, "F", "class_two_head_teachers")]


def test_no_rows_at_all():
    assert _codes(_read({"学生": [STUDENT_HEADER]})) == [("", None, "", "no_rows")]
