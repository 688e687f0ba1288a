"""Finding the header row: below titles, in any order, with notes in brackets and stray spaces."""

from zuoye.core.roster import columns


def test_header_below_a_title_and_a_date_line_in_any_order():
    rows = [(1, ["2026 年秋季学生名册"]), (2, ["制表：教务处"]),
            (3, ["序号", "家长手机号", " 姓 名 ", "学籍号（必填）", "性别", "班级", "家长姓名", "备注"])]
    header = columns.find_header(rows)
    assert header.spec.kind == columns.STUDENTS and header.row == 3 and not header.missing
    assert header.columns == {"guardian_phone": 1, "name": 2, "student_number": 3, "gender": 4, "class": 5, "guardian_name": 6}
    assert header.texts["student_number"] == "学籍号（必填）"


def test_full_width_brackets_stars_and_aliases_are_tolerated():
    assert columns.normalize("＊身份证号码（选填）") == "身份证号码"
    header = columns.find_header([(1, ["全国学籍号", "学生姓名", "性别", "监护人姓名", "监护人手机", "所在班级"])])
    assert not header.missing and header.columns["student_number"] == 0


def test_missing_and_duplicate_columns_are_named():
    header = columns.find_header([(1, ["班级", "姓名", "性别", "姓名"])])
    assert [c.title for c in header.missing] == ["学籍号", "家长姓名", "家长手机"]
    assert [(c.title, first, second) for c, first, second in header.duplicates] == [("姓名", 1, 3)]


def test_teacher_sheet_is_told_from_a_student_sheet():
    header = columns.find_header([(1, ["姓名", "手机", "任教年级", "任教班级", "任教学科", "是否班主任"])])
    assert header.spec.kind == columns.TEACHERS and not header.missing


def test_no_header_in_the_first_rows():
    rows = [(n, [f"第{n}行"]) for n in range(1, 10)] + [(10, ["班级", "姓名", "性别", "学籍号"])]
    assert columns.find_header(rows) is None
