"""The home page shows one section per role the person holds, in Chinese by default."""

from __future__ import annotations

import pytest
from django.test import Client

from zuoye.schools import services


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_login():
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_student_sees_class_school_teachers_and_where_their_learning_is(county):
    page = _home(county.student_zhang.user)
    for text in ("张小明", "于都县城关中学", "七年级(1)班", "班主任", "李军", "数学", "王芳"):
        assert text in page
    assert "都在“我的学习”里" in page and f"/learning/students/{county.student_zhang.pk}/" in page


def test_guardian_sees_each_child_with_class_school_and_head_teacher(county):
    page = _home(county.guardian_zhang)
    assert 'id="role-guardian"' in page
    for text in ("张小明", "七年级(1)班", "于都县城关中学", "李军"):
        assert text in page
    assert "陈雨" not in page  # not their child


def test_teacher_sees_the_classes_they_teach_and_the_headed_class_highlighted(county):
    page = _home(county.head_teacher_li)
    assert page.index("七年级(1)班") < page.index("七年级(2)班")  # the headed class first
    assert 'class="is-head"' in page and "语文" in page
    assert "七年级(2)班" not in _home(county.teacher_wang)


def test_school_admin_sees_the_schools_numbers_and_links(county):
    page = _home(county.school_admin)
    assert "没有家长手机号的学生" in page and "尚未激活的账号" in page
    assert f"/schools/{county.school.pk}/teachers/" in page and "/rosters/" in page


def test_school_leader_sees_classes_by_grade_and_teachers(county):
    page = _home(county.school_leader)
    assert "七年级" in page and "七年级(2)班" in page and "王芳" in page and "学校概况" in page


@pytest.mark.parametrize(("persona", "schools"), [("county_staff", 2), ("city_staff", 3), ("other_county_staff", 1)])
def test_region_staff_see_their_region_with_drill_down(county, persona, schools):
    page = _home(getattr(county, persona))
    assert 'id="role-region-staff"' in page
    assert f"<strong>{schools}</strong>" in page
    assert "/schools/regions/" in page


def test_a_person_with_several_roles_sees_each_section(county):
    services.staff_role_grant(user=county.teacher_wang, kind="school_admin", school=county.school)
    page = _home(county.teacher_wang)
    assert 'id="role-teacher"' in page and 'id="role-school-admin"' in page


def test_someone_without_a_role_is_told_whom_to_ask(county):
    assert "请联系学校的账号管理员" in _home(county.stranger)


def test_the_menu_offers_only_pages_the_person_may_open(county):
    assert "/rosters/" not in _home(county.school_leader).split("</nav>")[0]
    assert "/schools/regions/" in _home(county.county_staff).split("</nav>")[0]
    assert "/schools/" not in _home(county.guardian_zhang).split("</nav>")[0]
