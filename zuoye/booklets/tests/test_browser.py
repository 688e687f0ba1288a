"""Browser flows: a teacher prints a class's booklets through the job and downloads the PDF; a
student and a guardian open the student's page and get the booklet.

Screenshots go to ``$ZUOYE_SHOTS`` (default /tmp/zuoye-shots), the downloaded PDF's pages
rendered by pdftoppm beside them.
"""

from __future__ import annotations

import subprocess

import pytest

from zuoye.homework.models import Response
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank
from zuoye.portal.tests.browser import SHOTS, log_in, shot

pytestmark = pytest.mark.browser
WEEK = "2026-W49"  # the homework factories' day, 2026-12-03


def _wrong_answers(county) -> None:  # type: ignore[no-untyped-def]
    items = small_bank()
    assignment = homework(county, county.class_7_1, items=items[:3], title="有理数的运算")
    assignment_publish(assignment=assignment, actor=county.teacher_wang)
    links = list(assignment.item_links.order_by("position"))
    responses_record(responses=[ResponseIn(links[0].pk, county.student_zhang.pk, "wrong", answer="-8"),
                                ResponseIn(links[1].pk, county.student_zhang.pk, "partial"),
                                ResponseIn(links[2].pk, county.student_zhang.pk, "right")],
                     source=Response.Source.TEACHER)


def test_teacher_prints_the_class_booklets_and_downloads_the_pdf(page, live_server, county_tx):  # type: ignore[no-untyped-def]
    _wrong_answers(county_tx)
    log_in(page, live_server.url, county_tx.teacher_wang.username)
    page.click("nav.menu >> text=一人一册")
    page.click("text=本周的一人一册")
    page.fill("input[name=week]", WEEK)
    page.click("form.inline button[type=submit]")
    assert "七年级(1)班" in page.inner_text("h1")
    page.click(f"text=打印 {WEEK} 的一人一册")
    page.wait_for_selector(".job-links a[data-key=pdf_url]", state="visible", timeout=60_000)
    assert "一人一册已生成" in page.inner_text(".job")
    shot(page, "booklets-class-job-done")
    pdf = page.request.get(live_server.url + page.get_attribute(".job-links a[data-key=pdf_url]", "href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    (SHOTS / "booklets-class.pdf").write_bytes(pdf.body())
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(SHOTS / "booklets-class.pdf"), str(SHOTS / "booklets-page")],
                   check=True, capture_output=True)
    text = subprocess.run(["pdftotext", str(SHOTS / "booklets-class.pdf"), "-"], capture_output=True, text=True).stdout
    assert "张小明" in text and "有理数的运算" in text and "本周错题" in text
    page.reload()
    page.click("#students >> text=PDF")  # the student's own PDF, made on this first open
    row = page.inner_text("#students tbody tr")
    assert "张小明" in row
    shot(page, "booklets-class-page")


@pytest.mark.parametrize("persona", ["student_zhang", "guardian_zhang"])
def test_student_and_guardian_make_and_open_the_booklet(browser, live_server, county_tx, persona):  # type: ignore[no-untyped-def]
    _wrong_answers(county_tx)
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    tab = phone.new_page()
    account = getattr(county_tx, persona)
    log_in(tab, live_server.url, getattr(account, "user", account).username)
    tab.goto(f"{live_server.url}/booklets/students/{county_tx.student_zhang.pk}/?week={WEEK}")
    assert "本周还没有制作一人一册" in tab.inner_text("main")
    shot(tab, f"booklets-{persona}-before")
    tab.click("text=现在制作一人一册")
    tab.wait_for_selector(".booklet-list a")
    assert "一人一册已生成" in tab.inner_text(".messages")
    shot(tab, f"booklets-{persona}-ready")
    pdf = tab.request.get(live_server.url + tab.get_attribute(".booklet-list a", "href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    phone.close()
