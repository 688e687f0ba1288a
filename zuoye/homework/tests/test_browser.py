"""The teacher's flow in a real headless Chromium: set homework, pick items, watch the load panel,
publish, print the class's sheets through the job and download the PDF; the over-budget refusal
and a school leader's override; and a look at every item-bank and homework page.

Screenshots go to ``$ZUOYE_SHOTS`` (default /tmp/zuoye-shots), with the first page of the
downloaded sheets rendered by pdftoppm beside them.
"""

from __future__ import annotations

import subprocess

import pytest

from zuoye.homework.models import Assignment, LoadOverride
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.tests.factories import DAY, homework
from zuoye.itembank.tests.bank import item_with_figure, small_bank
from zuoye.portal.tests.browser import SHOTS, log_in, shot

pytestmark = pytest.mark.browser
REFUSAL = "七年级(1)班 12月3日 已有 70 分钟（数学 30、语文 40），本次 25 分钟，合计 95 分钟，超出上限 90 分钟 5 分钟"


def test_teacher_sets_homework_publishes_it_and_downloads_the_class_sheets(page, live_server, county_tx):
    small_bank()
    log_in(page, live_server.url, county_tx.teacher_wang.username)
    page.locator("main").get_by_role("link", name="作业", exact=True).click()  # the teacher's home links to homework
    page.click("text=布置新作业")
    page.fill("input[name=title]", "一元一次方程（一）")
    page.fill("input[name=assigned_on]", DAY.isoformat())
    assert page.is_checked("input[name=classes]")  # the one class Wang teaches maths in
    page.click("text=创建并选题")
    page.wait_for_load_state("networkidle")
    assignment = Assignment.objects.get()
    assert page.url.endswith(f"/homework/{assignment.pk}/")

    boxes = page.locator("#bank input[name=items]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.locator("#bank button:has-text('把勾选的题目加入作业')").first.click()
    page.wait_for_load_state("networkidle")
    assert "已加入 2 题" in page.inner_text(".messages")
    panel = page.inner_text("#load-panel")
    assert "七年级(1)班" in panel and "未超上限" in panel and "90 分钟" in panel
    assert page.locator("#items math").count() > 0  # the items' math is MathML
    page.fill("#minutes input[name=minutes]", "120")  # the live panel answers before anything is saved
    page.wait_for_function("document.querySelector('#load-panel').innerText.includes('超出上限')")
    shot(page, "homework-compose-live-panel")
    page.reload()
    shot(page, "homework-compose")

    page.click("#publish-button")
    page.wait_for_load_state("networkidle")
    assert "作业已发布。" in page.inner_text(".messages")
    page.click("text=答题卡 ›")
    page.click("text=全班个人答题卡（1 份）")
    page.wait_for_selector(".job-links a[data-key=pdf_url]", state="visible", timeout=30_000)
    assert "答题卡已生成" in page.inner_text(".job")
    shot(page, "homework-sheets-job-done")
    href = page.get_attribute(".job-links a[data-key=pdf_url]", "href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    (SHOTS / "sheets.pdf").write_bytes(pdf.body())
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(SHOTS / "sheets.pdf"),
                    str(SHOTS / "sheets-page")], check=True, capture_output=True)
    text = subprocess.run(["pdftotext", str(SHOTS / "sheets.pdf"), "-"], capture_output=True, text=True).stdout
    assert "张小明" in text and "一元一次方程（一）" in text
    layout = page.request.get(live_server.url + page.get_attribute(".job-links a[data-key=layout_url]", "href"))
    assert layout.json()["sheets"][0]["student_id"] == county_tx.student_zhang.pk


def test_over_budget_is_refused_with_the_numbers_and_a_leader_approves_it(browser, live_server, county_tx):
    items = small_bank()
    chinese = homework(county_tx, county_tx.class_7_1, minutes=40, subject=county_tx.chinese)
    assignment_publish(assignment=chinese, actor=chinese.teacher.user)
    earlier = homework(county_tx, county_tx.class_7_1, minutes=30)
    assignment_publish(assignment=earlier, actor=county_tx.teacher_wang)
    draft = homework(county_tx, county_tx.class_7_1, items=items[:2], minutes=25, title="再练一练")

    teacher = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    log_in(teacher, live_server.url, county_tx.teacher_wang.username)
    teacher.goto(f"{live_server.url}/homework/{draft.pk}/")
    assert "超出上限" in teacher.inner_text("#load-panel")
    teacher.click("#publish-button")
    teacher.wait_for_load_state("networkidle")
    assert REFUSAL in teacher.inner_text(".messages")
    shot(teacher, "homework-over-budget-refused")
    draft.refresh_from_db()
    assert draft.status == Assignment.Status.DRAFT

    leader = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    log_in(leader, live_server.url, county_tx.school_leader.username)
    leader.goto(f"{live_server.url}/homework/{draft.pk}/")
    leader.fill("input[name=reason]", "期末复习，已与家长沟通")
    leader.click("text=批准超量并发布")
    leader.wait_for_load_state("networkidle")
    assert "经学校领导批准超量发布" in leader.inner_text(".messages")
    shot(leader, "homework-leader-override")
    assert LoadOverride.objects.get().reason == "期末复习，已与家长沟通"
    leader.goto(f"{live_server.url}/homework/calendar/{county_tx.class_7_1.pk}/?day={DAY.isoformat()}")
    assert "95" in leader.inner_text("table.cal")
    shot(leader, "homework-calendar-week")


def test_compose_page_fits_a_phone(browser, live_server, county_tx):
    draft = homework(county_tx, county_tx.class_7_1, items=small_bank()[:3])
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    phone = context.new_page()
    log_in(phone, live_server.url, county_tx.teacher_wang.username)
    for name, path in [("compose", f"/homework/{draft.pk}/"), ("bank", "/itembank/")]:
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, name
        shot(phone, f"phone-{name}")
    context.close()


def test_item_bank_and_homework_pages_render_for_a_look(browser, live_server, county_tx):
    items = small_bank()
    figure = item_with_figure()
    draft = homework(county_tx, county_tx.class_7_1, items=items[:3], title="有理数复习")
    pages = [
        ("teacher_wang", "itembank-bank", "/itembank/", "题库"),
        ("teacher_wang", "itembank-item", f"/itembank/items/{figure.pk}/", "答案"),
        ("teacher_wang", "itembank-import", "/itembank/import/", "导入题目"),
        ("teacher_wang", "itembank-lessons", "/itembank/lessons/", "微课"),
        ("teacher_wang", "itembank-lesson-new", "/itembank/lessons/new/", "上传微课"),
        ("teacher_wang", "homework-list", "/homework/", "布置新作业"),
        ("teacher_wang", "homework-new", "/homework/new/", "创建并选题"),
        ("teacher_wang", "homework-sheets", f"/homework/{draft.pk}/sheets/", "班级通用答题卡"),
        ("head_teacher_li", "homework-calendar-index", "/homework/calendar/", "作业量日历"),
        ("school_leader", "homework-calendar-month", f"/homework/calendar/{county_tx.class_7_1.pk}/?span=month", "按周"),
        ("school_leader", "homework-calendar-choose", "/homework/calendar/", "作业量日历"),
        ("head_teacher_li", "home-head-teacher", "/", "作业量日历"),
    ]
    contexts = {}
    for persona, name, path, text in pages:
        if persona not in contexts:
            contexts[persona] = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
            log_in(contexts[persona], live_server.url, getattr(county_tx, persona).username)
        tab = contexts[persona]
        tab.goto(live_server.url + path)
        assert text in tab.inner_text("main"), name
        shot(tab, name)
    tab = contexts["teacher_wang"]
    tab.goto(f"{live_server.url}/itembank/import/")
    tab.set_input_files("input[name=file]", files=[{"name": "坏文件.gift", "mimeType": "text/plain",
                                                   "buffer": "::g1:: 1+1= {=2\n\n::g2:: 好题 {=3 ~4}\n".encode()}])
    tab.select_option("select[name=subject]", label="数学")
    tab.select_option("select[name=grade]", label="七年级")
    tab.click("form.form button[type=submit]")
    tab.wait_for_load_state("networkidle")
    assert "未导入任何题目" in tab.inner_text("main") and "坏文件.gift" in tab.inner_text("main")
    shot(tab, "itembank-import-refused")
