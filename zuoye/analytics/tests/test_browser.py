"""The analytics pages in a real browser, in Chinese: teacher, school leader, county staff."""

from __future__ import annotations

from datetime import date

import pytest

from zuoye.analytics.models import Flag
from zuoye.analytics.rollup import rollup_refresh
from zuoye.analytics.selectors import assessment
from zuoye.analytics.tests.factories import used
from zuoye.portal.tests.browser import log_in, shot
from zuoye.schools.tests.personas import _student


def _go(page, selector: str) -> None:
    """Follow a link and wait for the new page to load: long reports arrive in pieces, and
    reading one half-arrived makes a test fail for no fault of the page."""
    with page.expect_navigation():
        page.click(selector)

TODAY = date(2026, 9, 28)


@pytest.fixture
def results(county_tx, monkeypatch):
    monkeypatch.setattr(assessment, "today", lambda: TODAY)
    c = county_tx
    for n in range(9):
        _student(f"s_b{n}", f"学生{n}", f"G36073120130103000{n}", c.class_7_1)
    for n, day in enumerate((1, 3, 8, 10, 15, 17, 22)):
        used(c, c.class_7_1, date(2026, 9, day), title=f"第{n + 1}次作业", per_student=lambda k, n=n: [
            "wrong" if (k + n + item) % (3 + item) == 0 else "right" for item in range(3)])
    for day in (2, 9, 16, 23):  # a teacher whose results are all self-reported
        used(c, c.class_7_2, date(2026, 9, day), subject=c.chinese, source="self", evidence="", title="自报作业")
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    return c


def test_teacher_sees_class_trends_and_a_homework_analysis(page, live_server, results):
    log_in(page, live_server.url, results.teacher_wang.username)
    _go(page, "nav.menu >> text=学情分析")
    assert page.locator("h1").inner_text().startswith("学情分析")
    assert page.locator("svg.chart").count() == 2
    assert "我的班级对比" in page.content()
    shot(page, "analytics-teacher")
    page.click("text=第7次作业")
    page.wait_for_load_state("networkidle")
    assert "需关注的学生" in page.content() and "选项分布" in page.content()
    assert page.locator("svg.chart rect.bar").count() == 3
    shot(page, "analytics-assignment")


def test_school_leader_sees_the_school_report(page, live_server, results):
    log_in(page, live_server.url, results.school_leader.username)
    _go(page, "nav.menu >> text=学校报告")
    text = page.content()
    assert "应用考核" in text and "按年级和学科" in text and "各班共性薄弱知识点" in text
    assert "王芳" in page.locator("table.data").last.inner_text()
    shot(page, "analytics-school")


def test_county_staff_see_rankings_assessment_and_work_through_spot_checks(page, live_server, results):
    log_in(page, live_server.url, results.county_staff.username)
    _go(page, "nav.menu >> text=区域报告")
    assert "学校排名" in page.content() and page.locator("svg.chart").count() == 2
    assert "于都县城关中学" in page.locator("table.data").first.inner_text()
    shot(page, "analytics-region")
    _go(page, "table.data >> text=于都县城关中学")  # drill down: region → school → class
    _go(page, "table.data >> text=七年级(1)班")
    assert page.locator("h1").inner_text().startswith("七年级(1)班") and page.locator("svg.chart").count() == 1
    shot(page, "analytics-class")
    _go(page, "nav.menu >> text=应用考核")
    assert "考核规则" in page.content() and "王芳" in page.content()
    shot(page, "analytics-assessment")
    _go(page, "nav.menu >> text=抽查")
    rows = page.locator("tr[data-kind]")
    assert rows.count() == 1 and rows.first.get_attribute("data-kind") == "self_only"
    assert "学生自报" in rows.first.inner_text()
    shot(page, "analytics-checks")
    rows.first.locator("input[name=note]").fill("已电话核实，学生居家自报")
    rows.first.locator("button[value=genuine]").click()
    page.wait_for_load_state("networkidle")
    assert "核查结论已记录" in page.content()
    assert Flag.objects.get().verdict == "genuine"
