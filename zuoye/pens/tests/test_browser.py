"""Browser tests: the results page fills in live from a gateway's upload; the school's pen pages;
printing on dot-pattern paper. Screenshots go to ``SHOTS`` for a person to look at."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from zuoye.core.ink import dots_to_lines
from zuoye.homework.models import Response
from zuoye.homework.services.sheets import sheets_print
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank
from zuoye.pens.models import Gateway, PaperBatch, Pen, PenPage
from zuoye.pens.services.registry import paper_batch_create
from zuoye.pens.simulate import grading_session
from zuoye.pens.tests.printed import classmates, printed
from zuoye.portal.tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def _post(url: str, token: str, body: bytes) -> dict:  # type: ignore[type-arg]
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_the_teacher_watches_a_class_graded_with_a_pen_fill_in_live(page, live_server, county_tx):
    classmates(county_tx, 9)
    p = printed(county_tx)
    body = dots_to_lines(grading_session(p.pages, p.pen.serial, seed=11).dots).encode()
    log_in(page, live_server.url, county_tx.teacher_wang.username)
    page.goto(f"{live_server.url}/homework/{p.assignment.pk}/results/")
    page.wait_for_function("Number(document.querySelector('section.results').dataset.polls || 0) >= 1")
    assert page.locator("td.cell:not(.empty)").count() == 0

    started = time.monotonic()
    answer = _post(f"{live_server.url}/pens/api/dots", p.token, body)
    stored = time.monotonic()
    page.wait_for_function(f"document.querySelectorAll('td.cell:not(.empty)').length >= {answer['recorded']}",
                           timeout=5000)
    shown = time.monotonic()

    assert answer["recorded"] == Response.objects.count() >= 10 and answer["problems"] == []
    print(f"10 pages: stored {stored - started:.2f} s after the upload began; on screen {shown - stored:.2f} s later")
    assert shown - stored < 2.0  # results appear within 2 s of being stored, without reloading
    assert page.locator("td.cell.o-right").count() + page.locator("td.cell.o-wrong").count() > 0
    shot(page, "pens-results-live")


def test_a_school_admin_registers_a_pen_a_gateway_and_paper(page, live_server, county_tx):
    log_in(page, live_server.url, county_tx.school_admin.username)
    page.locator("nav").get_by_role("link", name="智能笔").click()
    page.wait_for_load_state("networkidle")
    assert "智能笔" in page.inner_text("h1")

    page.fill("#pens input[name=serial]", "NWP-F130-1A2B3C")
    page.fill("#pens input[name=holder]", county_tx.teacher_wang.username)
    page.click("#pens button:has-text('登记智能笔')")
    page.wait_for_load_state("networkidle")
    assert "已登记给" in page.inner_text(".messages")
    assert Pen.objects.get().holder == county_tx.teacher_wang

    page.fill("#gateways input[name=name]", "七年级(1)班教室")
    page.click("#gateways button:has-text('新建网关并显示令牌')")
    page.wait_for_load_state("networkidle")
    token = page.inner_text("#new-token code.token")
    assert token.startswith("zpen_") and Gateway.objects.get().token_hint == token[:9]
    shot(page, "pens-gateway-token")

    for name, value in {"label": "2026秋季订单", "section": "3", "owner": "27", "book": "168", "first_page": "1",
                        "page_count": "2000"}.items():
        page.fill(f"#paper input[name={name}]", value)
    page.click("#paper button:has-text('登记点阵纸')")
    page.wait_for_load_state("networkidle")
    assert "已登记" in page.inner_text(".messages") and PaperBatch.objects.get().page_count == 2000
    page.fill("#paper input[name=section]", "3")
    page.fill("#paper input[name=owner]", "27")
    page.fill("#paper input[name=book]", "168")
    page.fill("#paper input[name=first_page]", "1500")
    page.fill("#paper input[name=page_count]", "10")
    page.click("#paper button:has-text('登记点阵纸')")
    assert "overlap" in page.inner_text("#paper .notice")  # refused, saying with which batch
    page.goto(f"{live_server.url}/pens/school/{county_tx.school.pk}/")
    shot(page, "pens-school")


def test_a_teacher_prints_a_class_on_dot_pattern_paper(page, live_server, county_tx):
    assignment = homework(county_tx, county_tx.class_7_1, items=small_bank(per_template=1)[:3])
    sheets_print(assignment=assignment, school_class=county_tx.class_7_1, actor=county_tx.teacher_wang)
    paper_batch_create(school=county_tx.school, section=3, owner=27, book=168, first_page=101, page_count=500,
                       label="2026秋季订单")
    log_in(page, live_server.url, county_tx.teacher_wang.username)
    page.goto(f"{live_server.url}/homework/{assignment.pk}/sheets/")
    page.click("text=用点阵纸打印（智能笔）")
    page.wait_for_load_state("networkidle")
    page.click("text=分配页地址")
    page.wait_for_load_state("networkidle")
    assert "第 101 页开始" in page.inner_text(".messages")
    assert list(PenPage.objects.values_list("address", flat=True)) == ["3.27.168.101"]
    assert "3.27.168.101" in page.inner_text("#prints")
    shot(page, "pens-print")


def test_an_unknown_page_is_listed_and_assigned_by_hand(page, live_server, county_tx):
    from zuoye.core.ink import NcodeAddress
    from zuoye.pens.models import DotUpload
    from zuoye.pens.services.ingest import dots_ingest

    p = printed(county_tx)
    printed_page = p.pages[NcodeAddress(3, 27, 168, 1)]
    dots = grading_session({NcodeAddress(3, 27, 999, 4): printed_page}, p.pen.serial, seed=3).dots
    dots_ingest(body=dots_to_lines(dots).encode(), source=DotUpload.Source.HTTP, gateway=p.gateway)
    log_in(page, live_server.url, county_tx.school_admin.username)
    page.goto(f"{live_server.url}/pens/school/{county_tx.school.pk}/")
    assert "3.27.999.4" in page.inner_text("#unknown table")
    page.click("#unknown summary")  # the school's printings, with the numbers to type
    assert str(p.sheet_set.pk) in page.inner_text("#unknown details table")
    shot(page, "pens-unknown")

    page.fill("#unknown input[name=address]", "3.27.999.4")
    page.fill("#unknown input[name=sheet_set]", str(p.sheet_set.pk))
    page.fill("#unknown input[name=page]", "1")
    page.click("#unknown button:has-text('指定并识别')")
    page.wait_for_load_state("networkidle")

    assert "已指定" in page.inner_text(".messages") and Response.objects.exists()
    assert "没有：" in page.inner_text("#unknown")
