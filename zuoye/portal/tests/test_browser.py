"""The pages in a real headless Chromium: each role's home, first login, language switch, a phone.

Screenshots of every page visited are saved to ``$ZUOYE_SHOTS`` (default /tmp/zuoye-shots)
so a person can look at them; the tests assert what must be true of them.
"""

from __future__ import annotations


import pytest

from zuoye.portal.tests.browser import SHOTS, log_in, shot
from zuoye.schools.tests.personas import PASSWORD

pytestmark = pytest.mark.browser

# A visible piece of Chinese that each role's home page must show.
HOME_TEXT = {
    "student_zhang": "我的班级",
    "guardian_zhang": "我的孩子",
    "teacher_wang": "我的班级",
    "head_teacher_li": "班主任",
    "school_admin": "学校账号管理",
    "school_leader": "学校概况",
    "county_staff": "查看下属区域和学校",
    "city_staff": "查看下属区域和学校",
    "province_staff": "查看下属区域和学校",
    "other_county_staff": "查看下属区域和学校",
    "stranger": "请联系学校的账号管理员",
}


def test_each_roles_home_page_shows_chinese(browser, live_server, county_tx):
    for persona, text in HOME_TEXT.items():
        person = getattr(county_tx, persona)
        username = person.user.username if hasattr(person, "student_number") else person.username
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log_in(page, live_server.url, username)
        assert page.url == f"{live_server.url}/", f"{persona} did not land home: {page.url}"
        assert text in page.inner_text("main"), persona
        assert page.get_attribute("html", "lang") == "zh-CN"
        shot(page, f"home-{persona}")
        context.close()


def test_first_login_forces_a_password_change_and_then_lands_home(page, live_server, county_tx):
    from zuoye.accounts.services import user_create

    user = user_create(username="s_new", full_name="新同学", password=None)
    log_in(page, live_server.url, "s_new", user.initial_password)
    assert "/accounts/password/" in page.url
    assert "这是您第一次登录" in page.inner_text("main")
    shot(page, "first-login-change")
    page.fill("input[name=new_password1]", "Qiuyue-2026!")
    page.fill("input[name=new_password2]", "Qiuyue-2026!")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/"
    assert "密码已修改" in page.inner_text("main")
    user.refresh_from_db()
    assert not user.must_change_password and not user.initial_password
    page.click("form.logout button")
    log_in(page, live_server.url, "s_new", "Qiuyue-2026!")
    assert page.url == f"{live_server.url}/"


def test_language_switches_to_english_and_back_and_is_remembered(page, live_server, county_tx):
    page.goto(f"{live_server.url}/accounts/login/")
    assert "家长：请用本人手机号登录" in page.inner_text("main")
    shot(page, "login")
    log_in(page, live_server.url, county_tx.school_admin.username)
    page.click("form.lang button")
    page.wait_for_load_state("networkidle")
    assert "School accounts" in page.inner_text("main")
    page.goto(f"{live_server.url}/schools/{county_tx.school.pk}/")
    assert "Classes by grade" in page.inner_text("main")  # still English on another page
    shot(page, "school-admin-school-english")
    page.click("form.lang button")
    page.wait_for_load_state("networkidle")
    assert "各年级班级" in page.inner_text("main")


def test_guardian_page_fits_a_phone_with_large_type(browser, live_server, county_tx):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    log_in(page, live_server.url, county_tx.guardian_zhang.username)
    assert "张小明" in page.inner_text(".person-card")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    name_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.person-card .big')).fontSize)")
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert name_size >= 26 and body_size >= 17
    logout = page.query_selector("form.logout button").bounding_box()
    assert logout["height"] >= 30
    shot(page, "home-guardian-phone")
    context.close()


def test_admin_pages_render_for_a_look(page, live_server, county_tx):
    """The main admin pages open without error; screenshots are kept for review."""
    log_in(page, live_server.url, county_tx.school_admin.username)
    for name, path, text in [
        ("school", f"/schools/{county_tx.school.pk}/", "各年级班级"),
        ("class", f"/schools/classes/{county_tx.class_7_1.pk}/", "初始账号条"),
        ("teachers", f"/schools/{county_tx.school.pk}/teachers/", "添加任课"),
    ]:
        page.goto(live_server.url + path)
        assert text in page.inner_text("main"), name
        shot(page, f"admin-{name}")
    page.context.clear_cookies()
    log_in(page, live_server.url, county_tx.city_staff.username)
    page.goto(f"{live_server.url}/schools/regions/{county_tx.city.pk}/")
    assert "下属区域" in page.inner_text("main")
    shot(page, "region-city")
    page.click(f"text={county_tx.county.name}")
    page.wait_for_load_state("networkidle")
    assert county_tx.school.name in page.inner_text("main")
    shot(page, "region-county")
