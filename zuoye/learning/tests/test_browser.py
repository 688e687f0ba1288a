"""The learning pages in a real headless Chromium: the student watches a lesson (statements
stored, completion counted), the rest prompt after continuous watching, a video that does not
load is reported in words; the guardian on a phone in care mode; the teacher's most-missed items,
review of extension exercises and completion rates.

Screenshots go to ``$ZUOYE_SHOTS`` (default /tmp/zuoye-shots), named ``learning-*.png``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from zuoye.itembank.models import MicroLesson
from zuoye.itembank.tests.bank import small_bank
from zuoye.learning.demo import VIDEO
from zuoye.learning.models import Recommendation, Statement
from zuoye.learning.services.statements import COMPLETED, FAILED, PLAYED
from zuoye.learning.tests.helpers import published, record
from zuoye.portal.tests.browser import log_in, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def week(county_tx):
    """This week's maths homework for 张小明 with two wrong answers, one item without a knowledge
    point, and a micro-lesson (the shipped demo video) on the first item's points."""
    bank = small_bank(per_template=2)
    bank[3].knowledge_points.clear()
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    hw = published(county_tx, [bank[0], bank[3], bank[4]], day=monday, title="第一次数学作业")
    record(hw, county_tx.student_zhang, ["wrong", "wrong", "right"], answers={0: "-3"})
    lesson = MicroLesson(title="有理数的加减法", duration_seconds=12, author_name="于都县教研室")
    lesson.video.save("lesson.webm", ContentFile(VIDEO.read_bytes()), save=True)
    lesson.knowledge_points.set(bank[0].knowledge_points.all())
    return bank, lesson


def _statements(verb):
    return Statement.objects.filter(verb=verb)


def test_student_opens_the_notebook_and_watches_a_lesson_to_the_end(page, live_server, county_tx, week):
    bank, lesson = week
    log_in(page, live_server.url, county_tx.student_zhang.user.username)
    page.get_by_role("link", name="错题本").first.click()
    page.wait_for_load_state("networkidle")
    assert "第一次数学作业" in page.inner_text("#week ~ .entry")
    assert page.locator(".status.open").count() == 2
    assert "还没有作答结果" not in page.content()
    shot(page, "learning-student")
    page.click(f"a[href^='/learning/lessons/{lesson.pk}/']")
    page.wait_for_selector("video")
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    page.evaluate("v => { v.muted = true; v.playbackRate = 4; return v.play(); }", page.query_selector("video"))
    page.wait_for_function("document.querySelector('video').ended", timeout=20000)
    page.wait_for_timeout(500)
    shot(page, "learning-lesson")
    assert _statements(PLAYED).filter(student=county_tx.student_zhang).exists()
    done = _statements(COMPLETED).get(student=county_tx.student_zhang)
    assert done.progress == pytest.approx(1.0, abs=0.1) and done.played_segments.startswith("0[.]")
    page.goto(f"{live_server.url}/learning/students/{county_tx.student_zhang.pk}/notebook/")
    assert "▶ 有理数的加减法" in page.inner_text("main")
    assert "这道题还没有标注知识点" in page.inner_text("main")
    shot(page, "learning-notebook")


def test_continuous_watching_past_the_limit_pauses_for_a_rest(page, live_server, county_tx, week):
    _, lesson = week
    log_in(page, live_server.url, county_tx.student_zhang.user.username)
    page.goto(f"{live_server.url}/learning/lessons/{lesson.pk}/")
    # as if 19 min 59 s had already been watched in this browser without a break
    page.evaluate("localStorage.setItem('zuoye.watch', JSON.stringify({ms: 20 * 60000 - 1500, at: Date.now()}))")
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    page.evaluate("v => { v.muted = true; return v.play(); }", page.query_selector("video"))
    page.wait_for_selector(".rest:not([hidden])", timeout=8000)
    assert page.evaluate("document.querySelector('video').paused")
    assert "已经连续观看 20 分钟了" in page.inner_text(".rest")
    shot(page, "learning-rest")
    page.click("[data-rest-done]")
    assert page.locator(".rest").is_hidden()


def test_a_video_that_does_not_load_is_reported_in_words_and_stored(page, live_server, county_tx, week):
    _, lesson = week
    broken = MicroLesson.objects.create(title="坏掉的微课", url=f"{live_server.url}/static/learning/demo/none.webm",
                                        duration_seconds=60)
    broken.knowledge_points.set(lesson.knowledge_points.all())
    log_in(page, live_server.url, county_tx.student_zhang.user.username)
    page.goto(f"{live_server.url}/learning/lessons/{broken.pk}/")
    page.wait_for_selector(".video-error:not([hidden])", timeout=10000)
    text = page.inner_text(".video-error")
    assert "这个视频无法播放" in text and "已自动告知学校" in text
    shot(page, "learning-video-error")
    page.wait_for_timeout(500)
    failed = _statements(FAILED).get(lesson=broken)
    assert failed.error and failed.student_id == county_tx.student_zhang.pk


def test_guardian_on_a_phone_switches_to_care_mode_and_it_is_remembered(browser, live_server, county_tx, week):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  device_scale_factor=2)
    page = context.new_page()
    try:
        log_in(page, live_server.url, county_tx.guardian_zhang.username)
        page.get_by_role("link", name="本周错题和微课").click()
        page.wait_for_load_state("networkidle")
        assert "张小明的学习情况" in page.inner_text("h1")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, f"the page scrolls sideways on a phone ({width}px)"
        normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.learn')).fontSize)")
        shot(page, "learning-guardian-phone")
        page.get_by_role("button", name="关怀版").click()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.classList.contains('care')")
        bigger = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.learn')).fontSize)")
        assert bigger >= normal * 1.2
        shot(page, "learning-guardian-care")
        page.goto(f"{live_server.url}/learning/students/{county_tx.student_zhang.pk}/notebook/")
        assert page.evaluate("document.body.classList.contains('care')")  # remembered
        page.get_by_role("button", name="标准版").click()
        page.wait_for_load_state("networkidle")
        assert not page.evaluate("document.body.classList.contains('care')")
    finally:
        context.close()


def test_teacher_sees_most_missed_items_reviews_extension_exercises_and_completion(page, live_server, county_tx, week):
    _, lesson = week
    Statement.objects.create(user=county_tx.student_zhang.user, student=county_tx.student_zhang, lesson=lesson,
                             verb=PLAYED, session="s1", timestamp=timezone.now())
    log_in(page, live_server.url, county_tx.teacher_wang.username)
    page.locator("nav.menu").get_by_role("link", name="学情", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "/learning/classes/" in page.url
    assert "张小明" in page.inner_text("#missed")
    assert page.locator("#no-point li").count() == 1
    shot(page, "learning-teacher-class")
    page.get_by_role("link", name="拓展题").first.click()
    page.get_by_role("button", name="为全班生成推荐").click()
    page.wait_for_load_state("networkidle")
    assert Recommendation.objects.filter(status="proposed").count() >= 3
    assert "已为 1 名学生生成" in page.inner_text(".messages")
    page.locator("#recs button[value=remove]").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="全部通过").click()
    page.wait_for_load_state("networkidle")
    assert Recommendation.objects.filter(status="removed").count() == 1
    assert not Recommendation.objects.filter(status="proposed").exists()
    shot(page, "learning-teacher-recommendations")
    page.get_by_role("link", name="微课完播率").click()
    page.wait_for_load_state("networkidle")
    row = page.inner_text("#rates tbody tr")
    assert "有理数的加减法" in row and "0%" in row
    shot(page, "learning-teacher-lessons")
