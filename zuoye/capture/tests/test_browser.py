"""Capture in a real headless Chromium: a teacher uploads scans and watches them fill the results
grid; resolves the review queue by click and by key; a guardian sends photos from a phone and
reports items by the form. Screenshots go to ``$ZUOYE_SHOTS`` (default /tmp/zuoye-shots)."""

from __future__ import annotations

import dataclasses

import pytest

from zuoye.capture.models import ReviewItem, ScanBatch
from zuoye.capture.services.reading import batch_read
from zuoye.capture.services.uploads import batch_create, upload_store
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.homework.models import Response
from zuoye.portal.tests.browser import log_in, shot

from .scans import blank_page, encode, marks_for, printed, scan_image

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_teacher_uploads_scans_watches_the_progress_and_sees_the_results(page, live_server, county_tx, tmp_path):
    p = printed(county_tx)
    sheet = p.page(county_tx.student_zhang.pk)
    (tmp_path / "scan-001.jpg").write_bytes(encode(scan_image(sheet, marks_for(sheet), angle=180), ".jpg"))
    (tmp_path / "scan-002.png").write_bytes(blank_page())
    log_in(page, live_server.url, county_tx.teacher_wang.username)
    page.get_by_role("link", name="采集").first.click()
    assert page.inner_text("h1") == "扫描答题卡"
    page.set_input_files("#scan-files", [str(tmp_path / "scan-001.jpg"), str(tmp_path / "scan-002.png")])
    assert "scan-001.jpg" in page.inner_text(".chosen")
    shot(page, "capture-scan-upload")
    page.click("text=上传并识别")
    page.wait_for_url("**/capture/batches/*/", timeout=30_000)
    page.wait_for_function("!document.querySelector('.job')", timeout=60_000)  # reloads when the job is done
    batch = ScanBatch.objects.get()
    assert (batch.status, batch.pages, batch.read, batch.blank) == ("done", 2, 1, 1)
    assert "全部页面" in page.inner_text("main") and "已识别" in page.inner_text("table.pages")
    shot(page, "capture-batch")
    page.click("a.button.primary:has-text('作答结果')")
    page.wait_for_load_state("networkidle")
    cells = page.locator(f"tr[data-student='{county_tx.student_zhang.pk}'] td.cell.o-right")
    recorded = Response.objects.filter(student=county_tx.student_zhang, outcome="right").count()
    assert recorded > 0 and cells.count() == recorded
    assert page.locator("a:has-text('待确认队列')").count() == 1
    shot(page, "capture-results-grid")


def test_teacher_resolves_the_review_queue_by_click_and_by_key(page, live_server, county_tx):
    p = printed(county_tx)
    sheet = p.page(county_tx.student_zhang.pk)
    upload = upload_store(name="s.png", data=encode(scan_image(sheet, marks_for(sheet))), actor=None)
    unsure = dataclasses.replace(DEFAULT_SCAN_CONFIG, review_below=1.01)
    batch_read(batch=batch_create(uploads=[upload], actor=county_tx.teacher_wang), config=unsure)
    reviews = list(ReviewItem.objects.order_by("assignment_item__position"))
    assert len(reviews) == 3
    log_in(page, live_server.url, county_tx.teacher_wang.username)
    page.goto(f"{live_server.url}/capture/review/{p.assignment.pk}/{county_tx.class_7_1.pk}/")
    assert page.locator(".review-item .evidence img").count() == 3
    assert page.evaluate("document.querySelector('.review-item .evidence img').naturalWidth") > 100
    shot(page, "capture-review-queue")
    page.locator(".review-item.current button[value=partial]").click()  # one click: ½
    page.wait_for_function("document.querySelector('.open-count').textContent === '2'")
    page.keyboard.press("3")  # the next one, by key: ✗
    page.wait_for_function("document.querySelector('.open-count').textContent === '1'")
    page.keyboard.press("Enter")  # the last: the machine's proposal
    page.wait_for_selector(".all-done", state="visible")
    shot(page, "capture-review-done")
    decided = [ReviewItem.objects.get(pk=r.pk) for r in reviews]
    assert [d.resolved["outcome"] for d in decided[:2]] == ["partial", "wrong"]
    assert decided[2].status == "confirmed" and decided[2].resolved["outcome"] == reviews[2].proposed["outcome"]
    assert set(Response.objects.values_list("source", flat=True)) == {"teacher"}


def test_guardian_sends_a_photo_and_reports_by_the_form_on_a_phone(browser, live_server, county_tx, tmp_path):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    p = printed(county_tx)
    sheet = p.page(county_tx.student_zhang.pk)
    (tmp_path / "photo.jpg").write_bytes(encode(scan_image(sheet, marks_for(sheet), angle=-7), ".jpg"))
    log_in(phone, live_server.url, county_tx.guardian_zhang.username)
    phone.get_by_role("link", name="上传批改后的作业").first.click()
    assert phone.get_attribute("input[type=file]", "capture") == "environment"
    shot(phone, "capture-phone-home")
    phone.set_input_files("input[type=file]", str(tmp_path / "photo.jpg"))
    phone.click("text=上传照片")
    phone.wait_for_url("**/capture/home/photos/*/", timeout=30_000)
    phone.wait_for_function("!document.querySelector('.job')", timeout=60_000)
    assert "已识别" in phone.inner_text("main")
    shot(phone, "capture-phone-photo-read")
    assert set(Response.objects.values_list("source", flat=True)) <= {"photo"}
    # the form, for homework without a photo: a second homework
    other = printed(county_tx)
    phone.goto(f"{live_server.url}/capture/home/report/{other.assignment.pk}/?child={county_tx.student_zhang.pk}")
    first = other.link_ids()[0]
    phone.click(f"label.wrong:has(input[name='item-{first}'])")
    shot(phone, "capture-phone-self-report")
    phone.click("text=提交给老师")
    phone.wait_for_load_state("networkidle")
    assert "已提交给老师：错 1 题" in phone.inner_text(".messages")
    rows = dict(Response.objects.filter(assignment=other.assignment).values_list("assignment_item_id", "outcome"))
    assert rows[first] == "wrong" and set(rows.values()) == {"wrong", "right"}
    context.close()
