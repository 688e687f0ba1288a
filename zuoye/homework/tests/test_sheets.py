"""Answer sheets of an assignment: one personalised set per student or a generic class sheet, the
PDF stored with the exact layout of every page, printed from a background job or the CLI."""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest

from zuoye.homework.models import SheetSet
from zuoye.homework.services.sheets import sheets_print, suffix_digits_for
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank
from zuoye.jobs.models import Job
from zuoye.jobs.services import job_run
from zuoye.schools import models as m
from zuoye.schools import services as s

pytestmark = pytest.mark.django_db


def pdf_text(sheet_set: SheetSet) -> str:
    return subprocess.run(["pdftotext", "-layout", sheet_set.pdf.path, "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(sheet_set: SheetSet) -> int:
    info = subprocess.run(["pdfinfo", sheet_set.pdf.path], capture_output=True, text=True, check=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def add_students(county, numbers: list[str]) -> list[m.Student]:
    from zuoye.accounts.services import user_create

    students = []
    for n, number in enumerate(numbers):
        user = user_create(username=f"s_extra{n}", full_name=f"学生{n}", password=None)
        student = m.Student.objects.create(user=user, school=county.school, student_number=number, gender="F")
        s.student_move(student=student, to_class=county.class_7_1, on=date(2026, 9, 1), source="test")
        students.append(student)
    return students


@pytest.fixture
def assignment(county):
    items = small_bank(per_template=2)
    return homework(county, county.class_7_1, items=items[:5], title="一元一次方程练习")


def test_personal_sheets_have_each_students_pages_and_store_their_layout(county, assignment):
    add_students(county, ["G360731201301010101", "G360731201301010202"])
    sheet_set = sheets_print(assignment=assignment, school_class=county.class_7_1, actor=county.teacher_wang)
    layout = sheet_set.layout
    assert layout["format"] == "zuoye.layout" and layout["assignment_id"] == assignment.pk
    assert [sheet["student_id"] for sheet in layout["sheets"]] == sheet_set.student_ids and len(sheet_set.student_ids) == 3
    assert pdf_pages(sheet_set) == sheet_set.pages == sum(len(sheet["pages"]) for sheet in layout["sheets"])
    keys = {item["key"] for sheet in layout["sheets"] for page in sheet["pages"] for item in page["items"]}
    assert keys == {str(link.pk) for link in assignment.item_links.all()}
    text = pdf_text(sheet_set)
    assert "张小明" in text and "一元一次方程练习" in text and "七年级(1)班" in text


def test_the_layout_json_holds_no_names_or_student_numbers(county, assignment):
    sheet_set = sheets_print(assignment=assignment, school_class=county.class_7_1, actor=None)
    stored = json.dumps(SheetSet.objects.get(pk=sheet_set.pk).layout, ensure_ascii=False)
    assert "张小明" not in stored and county.student_zhang.student_number not in stored


def test_one_students_sheet_only(county, assignment):
    others = add_students(county, ["G360731201301010303"])
    sheet_set = sheets_print(assignment=assignment, school_class=county.class_7_1, actor=None, students=others)
    assert sheet_set.student_ids == [others[0].pk] and "张小明" not in pdf_text(sheet_set)


def test_a_generic_sheet_asks_for_as_many_digits_as_tell_the_class_apart(county, assignment):
    # 张小明 ends in 0011; these two share his last four digits, so five are needed
    add_students(county, ["G360731201301020011", "G360731201301030011"])
    sheet_set = sheets_print(assignment=assignment, school_class=county.class_7_1, actor=None, generic=True)
    assert sheet_set.kind == SheetSet.Kind.GENERIC and sheet_set.student_ids == []
    assert sheet_set.number_suffix_digits == 5
    (sheet,) = sheet_set.layout["sheets"]
    assert sheet["student_id"] == 0 and sheet["pages"][0]["student_grid"]["digits"] == 5


@pytest.mark.parametrize("numbers, digits", [
    (["G1234", "G5678"], 4), (["G10011", "G20011"], 5), (["G120011", "G220011", "G320012"], 6), ([], 4),
    (["36073120130101001X", "360731201301010021"], 4),  # a final X is dropped: 0010 and 0021
])
def test_suffix_digits(numbers, digits):
    assert suffix_digits_for(numbers) == digits


def test_a_class_without_students_or_a_student_of_another_class_is_refused(county, assignment):
    with pytest.raises(ValueError, match="only students of"):
        sheets_print(assignment=assignment, school_class=county.class_7_1, actor=None,
                     students=[county.student_other_class])
    with pytest.raises(ValueError, match="not set for"):
        sheets_print(assignment=assignment, school_class=county.class_7_2, actor=None)


def test_the_sheets_job_reports_progress_and_where_the_files_are(county, assignment):
    job = Job.objects.create(kind="homework.sheets", created_by=county.teacher_wang, params={
        "assignment_id": assignment.pk, "class_id": county.class_7_1.pk, "actor_id": county.teacher_wang.pk})
    job = job_run(job_id=str(job.pk))
    assert job.status == Job.Status.SUCCEEDED, job.error
    sheet_set = SheetSet.objects.get(pk=job.result["sheet_set_id"])
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.result["pdf_url"] == f"/homework/sheets/{sheet_set.pk}.pdf"
    assert job.result["layout_url"] == f"/homework/sheets/{sheet_set.pk}.json"
    assert sheet_set.created_by == county.teacher_wang and job.result["students"] == 1
