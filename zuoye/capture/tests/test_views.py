"""Capture's pages without a browser: upload answers, manual assignment by form, the review
decision's errors, and who sees which review items."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from zuoye.capture.models import ReviewItem, ScanBatch
from zuoye.capture.selectors import reviews_visible
from zuoye.capture.tests import rows
from zuoye.homework.models import Response
from zuoye.homework.tests.factories import teacher_of
from zuoye.schools.access import scope_for

from .scans import encode, marks_for, printed, scan_image

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_upload_answers_with_the_batch_and_job_and_refuses_a_wrong_file(county, django_capture_on_commit_callbacks):
    client = _client(county.teacher_wang)
    with django_capture_on_commit_callbacks(execute=False):
        answer = client.post("/capture/upload/", {"files": [_file("a.png", b"\x89PNG x")]})
    assert answer.status_code == 200
    data = answer.json()
    batch = ScanBatch.objects.get()
    assert data["batch_url"] == f"/capture/batches/{batch.pk}/" and data["job_url"] == f"/jobs/{batch.job_id}/"
    refused = client.post("/capture/upload/", {"files": [_file("a.docx", b"PK")]})
    assert refused.status_code == 400 and refused.json()["error"].startswith("a.docx：只能识别")


def _file(name: str, data: bytes):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_a_quarantined_generic_page_is_assigned_through_the_form(county):
    from zuoye.capture.services.reading import batch_read
    from zuoye.capture.services.uploads import batch_create, upload_store

    p = printed(county, generic=True)
    sheet = p.page(0)
    upload = upload_store(name="g.png", data=encode(scan_image(sheet, marks_for(sheet))), actor=county.teacher_wang)
    batch = batch_read(batch=batch_create(uploads=[upload], actor=county.teacher_wang))
    scanned = batch.scanned_pages.get()
    client = _client(county.teacher_wang)
    page = client.get(f"/capture/batches/{batch.pk}/")
    assert "未写姓名的班级通用答题卡" in page.content.decode()
    answer = client.post(f"/capture/pages/{scanned.pk}/assign/", {
        "assignment": p.assignment.pk, "student": county.student_zhang.pk, "sheet_page": 1}, follow=True)
    assert "已按 张小明 的第 1 页识别" in answer.content.decode()
    assert Response.objects.filter(student=county.student_zhang).exists()
    wrong = client.post(f"/capture/pages/{scanned.pk}/assign/", {
        "assignment": p.assignment.pk, "student": county.student_other_class.pk, "sheet_page": 1}, follow=True)
    assert "选择一个有效的选项" in wrong.content.decode() or "没有布置" in wrong.content.decode()


def test_the_review_decision_refuses_an_unknown_outcome_and_answers_json(county):
    review_id = rows.review(county)["review_id"]
    client = _client(county.teacher_wang)
    bad = client.post(f"/capture/review/items/{review_id}/decide/", {"outcome": "maybe"})
    assert bad.status_code == 400 and "outcome must be one of" in bad.json()["error"]
    ok = client.post(f"/capture/review/items/{review_id}/decide/", {"outcome": "proposed"},
                     HTTP_ACCEPT="application/json")
    assert ok.json() == {"id": review_id, "status": "confirmed", "outcome": "right"}
    assert Response.objects.get().source == "teacher"


def test_a_teacher_sees_only_review_items_of_homework_they_may_print(county):
    rows.review(county)
    other = teacher_of(county, county.class_7_2, county.math)
    assert reviews_visible(scope_for(county.teacher_wang)).count() == 1
    assert reviews_visible(scope_for(county.head_teacher_li)).count() == 1  # head teacher of 七年级(1)班
    assert reviews_visible(scope_for(other)).count() == 0
    assert reviews_visible(scope_for(county.guardian_zhang)).count() == 0
    assert ReviewItem.objects.count() == 1


def test_the_scan_json_view_is_the_cli_shape(county):
    batch_id = rows.batch(county)["batch_id"]
    data = json.loads(_client(county.teacher_wang).get(f"/capture/batches/{batch_id}/scan.json").content)
    assert set(data) == {"batch", "files", "summary"} and data["files"][0]["file"] == "scan.png"


def test_a_pen_item_in_the_queue_shows_its_strokes_as_svg(county):
    from zuoye.capture.services.review import ReviewIn, review_enqueue
    from zuoye.homework.models import AssignmentItem

    assignment_id = rows.queue(county)["assignment_id"]
    link = AssignmentItem.objects.filter(assignment_id=assignment_id).first()
    strokes = [[[30, 40], [35, 48], [60, 30]], [[40, 35], [44, 45]]]
    review_enqueue(items=[ReviewIn("pen", f"pen:{link.pk}:{county.student_zhang.pk}", link.pk,
                                   county.student_zhang.pk, {"outcome": "partial", "mark": "half"}, 0.6,
                                   "stroke crosses two items", strokes=strokes, box={"x": 22, "y": 30, "w": 80, "h": 25})])
    html = _client(county.head_teacher_li).get(f"/capture/review/{assignment_id}/{county.class_7_1.pk}/").content.decode()
    assert '<svg class="strokes"' in html and html.count("<polyline") == 2 and 'class="area"' in html
    assert "½ 半对" in html and "智能笔" in html
