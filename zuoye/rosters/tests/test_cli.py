"""``zuoye roster import|export|template`` through call_command."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from zuoye.rosters.tests import books
from zuoye.schools import models as m


def _run(*args):
    out = io.StringIO()
    call_command("roster", "--lang", "zh-hans", *args, stdout=out)
    return out.getvalue()


def test_import_prints_counts(county, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_bytes(books.student_book([books.student(cls="七年级(2)班", name="冯宝", number="G3607312013005000", phone="13900000500")]))
    out = _run("import", str(path), "--school", county.school.code)
    assert "学生: 新建 1，更新 0，未变 0" in out
    assert m.Student.objects.filter(student_number="G3607312013005000").exists()


def test_import_with_problems_prints_the_table_and_fails(county, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(books.student_book([books.student(cls="七年级(9)班", name="冯宝", number="G3607312013005001", phone="1390000")]))
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("roster", "--lang", "zh-hans", "import", str(path), "--school", county.school.code, stdout=out)
    assert failure.value.returncode == 1 and "未写入任何数据" in str(failure.value)
    table = out.getvalue().splitlines()
    assert table[0].split() == ["文件", "工作表", "行", "列", "问题"]
    assert table[1].split()[:4] == ["bad.xlsx", "学生", "2", "G"]
    assert not m.Student.objects.filter(student_number="G3607312013005001").exists()


def test_dry_run_writes_nothing(county, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_bytes(books.student_book([books.student(cls="七年级(2)班", name="冯宝", number="G3607312013005002", phone="13900000502")]))
    assert "仅检查" in _run("import", str(path), "--school", county.school.code, "--dry-run")
    assert not m.Student.objects.filter(student_number="G3607312013005002").exists()


def test_xlsx_needs_a_school(county, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_bytes(books.student_book([books.student()]))
    with pytest.raises(CommandError):
        _run("import", str(path))


def test_export_both_formats_and_templates(county, tmp_path):
    _run("export", "--format", "xlsx", "--school", county.school.code, str(tmp_path / "a.xlsx"))
    _run("export", "--format", "oneroster", "--region", county.county.code, str(tmp_path / "a.zip"))
    _run("template", "students", str(tmp_path / "students-template.xlsx"))
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"
    assert "users.csv" in zipfile.ZipFile(tmp_path / "a.zip").namelist()
    assert (tmp_path / "students-template.xlsx").stat().st_size > 1000


def test_oneroster_folder_imports_like_a_zip(county, tmp_path):
    _run("export", "--format", "oneroster", "--school", county.school.code, str(tmp_path / "a.zip"))
    folder = tmp_path / "pkg"
    zipfile.ZipFile(tmp_path / "a.zip").extractall(folder)
    assert "未变" in _run("import", str(folder), "--school", county.school.code)
