"""Credential slips from a class page: PDF and xlsx, only accounts still on their first password."""

from __future__ import annotations

import io
import re

from django.test import Client
from openpyxl import load_workbook

from zuoye.accounts import services as account_services
from zuoye.accounts.models import User
from zuoye.schools import models as m
from zuoye.schools import services


def _new_student(county, username: str, name: str, number: str) -> m.Student:
    user = account_services.user_create(username=username, full_name=name)  # generated first password
    student = m.Student.objects.create(user=user, school=county.school, student_number=number, gender="F")
    services.student_move(student=student, to_class=county.class_7_1, source="test")
    return student


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pdf_has_a_slip_for_each_account_on_its_first_password(county):
    new = _new_student(county, "s_wu", "吴佳怡", "G360731201302020028")
    parent = account_services.user_create(username="p_wu", full_name="吴强", phone="13912345678")
    services.guardian_link(guardian=m.Guardian.objects.create(user=parent), student=new, relation="父亲")
    response = _as(county.head_teacher_li).get(f"/schools/classes/{county.class_7_1.pk}/slips.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", response.content)) == 1


def test_xlsx_lists_first_passwords_and_who_has_activated(county):
    new = _new_student(county, "s_wu", "吴佳怡", "G360731201302020028")
    password = User.objects.get(pk=new.user.pk).initial_password
    response = _as(county.school_admin).get(f"/schools/classes/{county.class_7_1.pk}/slips.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:6] == ("班级", "姓名", "身份", "登录账号", "初始密码", "状态")
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["吴佳怡"][3:6] == ("s_wu", password, "未激活")
    assert by_name["张小明"][5] == "已激活（已设置自己的密码）" and by_name["张小明"][4] in (None, "")
    assert by_name["张建国"][2] == "家长（张小明）" and by_name["张建国"][3] == "本人手机号 139****0001"


def test_english_speakers_get_english_slips(county):
    _new_student(county, "s_wu", "吴佳怡", "G360731201302020028")
    client = _as(county.school_admin)
    client.cookies["django_language"] = "en"
    rows = list(load_workbook(io.BytesIO(client.get(f"/schools/classes/{county.class_7_1.pk}/slips.xlsx").content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Class", "Name")
