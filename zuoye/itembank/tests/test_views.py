"""Item-bank pages as each role meets them: browse with math on screen, an item's answer, imports
with every problem listed, the QTI export, micro-lessons."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from zuoye.itembank.models import Item, ItemImport, KnowledgePoint, MicroLesson
from zuoye.itembank.tests.bank import item_with_figure, small_bank
from zuoye.itembank.tests.test_imports import BROKEN_GIFT, GOOD_GIFT

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def bank(county):
    return small_bank()


def test_a_teacher_opens_the_bank_at_their_own_subject_and_grade_with_math_as_mathml(county, bank):
    page = client_for(county.teacher_wang).get("/itembank/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<math" in html and "MATH" not in html  # stems rendered, not shown as LaTeX source
    assert "第一章 有理数" in html  # the grade 7 tree
    assert f"共 {len(bank)} 题" in html


def test_choosing_a_unit_narrows_the_items_to_it(county, bank):
    page = client_for(county.teacher_wang).get("/itembank/", {"subject": "math", "grade": 7, "node": "math.g7a.u3"})
    shown = set(page.context["page"].object_list)
    assert shown and all(
        any(kp.parent and kp.parent.code == "math.g7a.u3" for kp in item.knowledge_points.all()) for item in shown)
    assert not any(item.template_code == "math.g7.rational_arithmetic" for item in shown)


@pytest.mark.parametrize("persona", ["student", "guardian", "stranger"])
def test_students_guardians_and_strangers_never_see_the_bank(county, bank, persona):
    user = {"student": county.student_zhang.user, "guardian": county.guardian_zhang, "stranger": county.stranger}[persona]
    client = client_for(user)
    assert client.get("/itembank/").status_code == 403
    assert client.get(f"/itembank/items/{bank[0].pk}/").status_code == 403


def test_an_item_page_shows_the_answer_the_explanation_and_the_figure(county, bank):
    item = item_with_figure()
    client = client_for(county.school_leader)
    html = client.get(f"/itembank/items/{item.pk}/").content.decode()
    assert "答案" in html and "解析" in html and "邻补角之和" in html
    assert f"/itembank/items/{item.pk}/image" in html
    figure = client.get(f"/itembank/items/{item.pk}/image")
    assert figure["Content-Type"] == "image/png" and b"".join(figure.streaming_content).startswith(b"\x89PNG")


def test_a_teacher_imports_a_gift_file_and_sees_the_counts(county, bank):
    client = client_for(county.teacher_wang)
    upload = io.BytesIO(GOOD_GIFT.encode())
    upload.name = "有理数.gift"
    answer = client.post("/itembank/import/", {"file": upload, "subject": county.math.pk, "grade": 7})
    record = ItemImport.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/itembank/imports/{record.pk}/"
    html = client.get(answer["Location"]).content.decode()
    assert "导入完成：新增 3 题，0 题已在题库中" in html
    assert record.created_by == county.teacher_wang


def test_a_refused_file_lists_every_problem_with_file_item_and_line(county, bank):
    client = client_for(county.school_admin)
    upload = io.BytesIO(BROKEN_GIFT.encode())
    upload.name = "坏文件.gift"
    before = Item.objects.count()
    answer = client.post("/itembank/import/", {"file": upload, "subject": county.math.pk, "grade": 7})
    page = client.get(answer["Location"])
    html = page.content.decode()
    assert "未导入任何题目" in html and "坏文件.gift" in html and ">g4<" in html and ">9<" in html
    assert Item.objects.count() == before


def test_a_dry_run_writes_nothing_and_says_what_would_happen(county, bank):
    client = client_for(county.teacher_wang)
    upload = io.BytesIO(GOOD_GIFT.encode())
    upload.name = "a.gift"
    answer = client.post("/itembank/import/", {"file": upload, "subject": county.math.pk, "grade": 7, "dry_run": "on"})
    html = client.get(answer["Location"]).content.decode()
    assert "将新增 3 题" in html and "仅检查" in html
    assert not Item.objects.filter(external_id="g1").exists()


def test_an_upload_without_a_file_or_with_half_a_placement_is_answered_with_the_form_again(county, bank):
    client = client_for(county.teacher_wang)
    assert client.post("/itembank/import/", {}).status_code == 400
    upload = io.BytesIO(GOOD_GIFT.encode())
    upload.name = "a.gift"
    page = client.post("/itembank/import/", {"file": upload, "subject": county.math.pk})
    assert page.status_code == 400 and "学科和年级要么都选" in page.content.decode()


def test_someone_elses_import_is_not_shown(county, bank):
    record = ItemImport.objects.create(filename="x.gift", sha256="0" * 64, created_by=county.teacher_wang)
    assert client_for(county.school_admin).get(f"/itembank/imports/{record.pk}/").status_code == 404


def test_the_export_is_a_qti_package_of_the_filtered_items(county, bank):
    answer = client_for(county.teacher_wang).get("/itembank/export.zip", {"subject": "math", "grade": 7})
    assert answer["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as package:
        names = package.namelist()
    assert "imsmanifest.xml" in names
    assert len([n for n in names if n.startswith("items/")]) == len(bank)


def test_a_teacher_stores_a_micro_lesson_with_a_link_and_sees_it_listed(county, bank):
    client = client_for(county.teacher_wang)
    form = client.get("/itembank/lessons/new/", {"subject": "math", "grade": 7})
    assert "一元一次方程" in form.content.decode()
    point = KnowledgePoint.objects.get(code="math.g7a.u3.kp03")
    answer = client.post("/itembank/lessons/new/?subject=math&grade=7", {
        "title": "解方程：移项", "url": "https://video.example.cn/v/42", "minutes": 5, "seconds": 30,
        "knowledge_points": [point.pk]})
    assert answer.status_code == 302
    lesson = MicroLesson.objects.get()
    assert (lesson.duration_seconds, lesson.author) == (330, county.teacher_wang)
    assert "解方程：移项" in client.get("/itembank/lessons/").content.decode()


def test_a_lesson_with_neither_file_nor_link_is_refused_with_a_reason(county, bank):
    point = KnowledgePoint.objects.get(code="math.g7a.u3.kp03")
    page = client_for(county.teacher_wang).post("/itembank/lessons/new/?subject=math&grade=7", {
        "title": "解方程", "minutes": 5, "seconds": 0, "knowledge_points": [point.pk]})
    assert page.status_code == 400 and "二者选其一" in page.content.decode()
    assert not MicroLesson.objects.exists()
