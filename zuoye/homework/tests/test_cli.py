"""``zuoye sheets``: the whole class, one student, or a generic sheet, with the layout beside the PDF."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from zuoye.homework.services.assignments import assignment_create
from zuoye.homework.tests.factories import DAY, homework
from zuoye.itembank.tests.bank import small_bank
from zuoye.schools import services as s

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(county):
    return homework(county, county.class_7_1, items=small_bank(per_template=2)[:4])


def sheets(*args: str) -> str:
    out = io.StringIO()
    call_command("sheets", *args, stdout=out)
    return out.getvalue()


def test_the_whole_class_with_its_layout(county, assignment, tmp_path):
    out = sheets(str(assignment.pk), "--out", str(tmp_path / "s.pdf"), "--layout", str(tmp_path / "l.json"))
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    layout = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    assert layout["assignment_id"] == assignment.pk and [sh["student_id"] for sh in layout["sheets"]] == [county.student_zhang.pk]
    assert "1 students" in out


def test_one_student_by_student_number_and_a_generic_sheet(county, assignment, tmp_path):
    sheets(str(assignment.pk), "--out", str(tmp_path / "a.pdf"), "--layout", str(tmp_path / "a.json"),
           "--student", county.student_zhang.student_number)
    assert json.loads((tmp_path / "a.json").read_text())["sheets"][0]["student_id"] == county.student_zhang.pk
    sheets(str(assignment.pk), "--out", str(tmp_path / "g.pdf"), "--layout", str(tmp_path / "g.json"), "--generic")
    assert json.loads((tmp_path / "g.json").read_text())["sheets"][0]["student_id"] == 0


def test_mistakes_are_refused_with_a_reason(county, assignment, tmp_path):
    out = ["--out", str(tmp_path / "x.pdf"), "--layout", str(tmp_path / "x.json")]
    with pytest.raises(CommandError, match="no assignment"):
        sheets("999999", *out)
    with pytest.raises(CommandError, match="no student"):
        sheets(str(assignment.pk), *out, "--student", "G000")
    with pytest.raises(CommandError, match="not set for class"):
        sheets(str(assignment.pk), *out, "--class", str(county.class_7_2.pk))
    s.teaching_assign(teacher=county.teacher_wang.teacher, school_class=county.class_7_2, subject=county.math,
                      term=county.term)
    both = assignment_create(teacher=county.teacher_wang.teacher, subject=county.math, title="两个班", assigned_on=DAY,
                             classes=[county.class_7_1, county.class_7_2])
    with pytest.raises(CommandError, match="choose one with --class"):
        sheets(str(both.pk), *out)
