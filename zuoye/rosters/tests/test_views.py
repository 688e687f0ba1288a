"""The rosters pages, for each role: who may use them, and what the pages show."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zuoye.rosters.models import RosterImport
from zuoye.rosters.tests import books
from zuoye.schools import models as m

ALLOWED = ["school_admin", "county_staff", "city_staff", "province_staff"]
DENIED = ["school_leader", "teacher_wang", "head_teacher_li", "guardian_zhang", "stranger"]


def _login(client, user):
    client.force_login(user)
    return client


def _user(county, persona):
    return getattr(county, persona) if persona != "student" else county.student_zhang.user


@pytest.mark.parametrize("persona", ALLOWED)
def test_roster_admins_reach_every_roster_page(client, county, persona):
    _login(client, getattr(county, persona))
    school = county.school
    for url in (reverse("rosters:index"), reverse("rosters:template", args=["students"]),
                reverse("rosters:export_school", args=[school.pk, "xlsx"]), reverse("rosters:export_school", args=[school.pk, "zip"])):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", [*DENIED, "student"])
def test_everyone_else_is_refused(client, county, persona):
    _login(client, _user(county, persona))
    record = RosterImport.objects.create(school=county.school, filename="x.xlsx", sha256="0" * 64)
    for url in (reverse("rosters:index"), reverse("rosters:template", args=["students"]), reverse("rosters:result", args=[record.pk]),
                reverse("rosters:export_school", args=[county.school.pk, "xlsx"]), reverse("rosters:export_region", args=[county.county.pk])):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("rosters:upload")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, county):
    assert client.get(reverse("rosters:index")).url.startswith(reverse("accounts:login"))


def test_region_staff_reach_only_schools_of_their_region(client, county):
    _login(client, county.other_county_staff)
    assert client.get(reverse("rosters:export_school", args=[county.school.pk, "zip"])).status_code == 403
    assert client.get(reverse("rosters:export_region", args=[county.county.pk])).status_code == 403
    record = RosterImport.objects.create(school=county.school, filename="x.xlsx", sha256="0" * 64)
    assert client.get(reverse("rosters:result", args=[record.pk])).status_code == 403
    page = client.get(reverse("rosters:index")).content.decode()
    assert county.far_school.name in page and county.school.name not in page
    _login(client, county.county_staff)
    assert client.get(reverse("rosters:export_region", args=[county.county.pk])).status_code == 200


def test_a_school_admin_cannot_upload_for_another_school(client, county):
    _login(client, county.school_admin)
    upload = SimpleUploadedFile("a.xlsx", books.student_book([books.student()]))
    response = client.post(reverse("rosters:upload"), {"file": upload, "school": county.other_school.pk})
    assert response.status_code == 400 and not RosterImport.objects.exists()


def test_upload_with_problems_shows_the_report_in_chinese(client, county):
    _login(client, county.school_admin)
    rows = [books.student(cls="七年级(2)班", name="王5", number="G3607312013006000", phone="13900000600")]
    upload = SimpleUploadedFile("名册.xlsx", books.student_book(rows))
    response = client.post(reverse("rosters:upload"), {"file": upload, "school": county.school.pk}, follow=True)
    page = response.content.decode()
    assert "发现 1 个问题 —— 未导入任何数据" in page
    assert "姓名“王5”中含有数字。" in page and "<td>学生</td>" in page
    record = RosterImport.objects.get()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("rosters:problems", args=[record.pk])).content)).active
    assert [c.value for c in sheet[2]] == ["名册.xlsx", "学生", 2, "B 姓名", "姓名“王5”中含有数字。"]


def test_check_first_then_import_without_uploading_again(client, county):
    _login(client, county.school_admin)
    upload = SimpleUploadedFile("名册.xlsx", books.student_book([books.student(cls="七年级(2)班", name="王六", number="G3607312013006001", phone="13900000601")]))
    response = client.post(reverse("rosters:upload"), {"file": upload, "school": county.school.pk, "dry_run": "on"}, follow=True)
    assert "未发现问题 —— 尚未写入" in response.content.decode()
    checked = RosterImport.objects.get()
    assert not m.Student.objects.filter(student_number="G3607312013006001").exists()
    response = client.post(reverse("rosters:apply", args=[checked.pk]), follow=True)
    assert "已导入" in response.content.decode()
    assert m.Student.objects.filter(student_number="G3607312013006001").exists()
    page = client.get(reverse("rosters:index")).content.decode()
    assert page.count("名册.xlsx") == 2  # both in the history


def test_templates_download_as_xlsx_with_their_file_names(client, county):
    _login(client, county.school_admin)
    response = client.get(reverse("rosters:template", args=["teachers"]))
    assert response["Content-Disposition"] == 'attachment; filename="teachers-template.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == ["教师", "说明"]
    assert client.get("/rosters/templates/other-template.xlsx").status_code == 404
