"""Roster workbooks for the importer's benchmark: the columns, the counts, the text cells (no database)."""

from openpyxl import load_workbook

from zuoye.core import grades, identity
from zuoye.demo.rosters import ROSTER_HEADER, SHEET_NAME, rosters_write, size_for_students


def _rows(path, sheet=None):
    workbook = load_workbook(path, read_only=True)
    rows = list((workbook[sheet] if sheet else workbook.worksheets[0]).iter_rows(values_only=True))
    workbook.close()
    return rows


def test_county_roster_has_exactly_the_asked_number_of_students_one_file_per_school(tmp_path):
    files = rosters_write(out_dir=tmp_path, students=1_234)
    assert sum(f.students for f in files) == 1_234
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{f.school_code}.xlsx" for f in files)
    total = 0
    for roster in files:
        workbook = load_workbook(roster.path, read_only=True)
        assert workbook.sheetnames == [SHEET_NAME]
        workbook.close()
        rows = _rows(roster.path)
        assert rows[0] == ROSTER_HEADER
        total += len(rows) - 1
    assert total == 1_234


def test_roster_rows_are_valid_and_written_as_text(tmp_path):
    (first, *_) = rosters_write(out_dir=tmp_path, students=300)
    for label, name, gender, number, id_card, parent, phone in _rows(first.path)[1:]:
        grades.parse_class_label(label)
        assert 2 <= len(name) <= 4 and gender in ("男", "女")
        assert isinstance(number, str) and number.startswith("G")
        identity.validate_id_card(number[1:])
        assert id_card in (None, number[1:])
        assert parent and isinstance(phone, str) and identity.validate_phone(phone) == phone


def test_one_sheet_per_class_named_after_the_class(tmp_path):
    (first, *_) = rosters_write(out_dir=tmp_path, students=200, sheet_per_class=True)
    workbook = load_workbook(first.path, read_only=True)
    names = workbook.sheetnames
    workbook.close()
    assert names[0] == "三年级(1)班"
    for name in names:
        rows = _rows(first.path, name)
        assert rows[0] == ROSTER_HEADER and {row[0] for row in rows[1:]} == {name}


def test_fifty_thousand_students_fit_in_one_county():
    size = size_for_students(50_000)
    names = [spec.name for spec in size.schools]
    assert len(names) == len(set(names)) < 100
    assert size.student_limit == 50_000
