"""School-admin pages: classes, head teachers, moves, assignments and password resets do what they say."""

from __future__ import annotations

import pytest
from django.test import Client

from zuoye.accounts.models import User
from zuoye.schools import models as m


@pytest.fixture
def admin(county):
    client = Client()
    client.force_login(county.school_admin)
    return client


def _texts(response) -> str:
    return response.content.decode()


def test_admin_creates_the_missing_classes_of_a_grade(county, admin):
    response = admin.post(f"/schools/{county.school.pk}/classes/create/", {"grade": 7, "count": 4}, follow=True)
    assert "七年级现有 1 至 4 班。" in _texts(response)
    assert sorted(m.SchoolClass.objects.filter(school=county.school, grade=7).values_list("number", flat=True)) == [1, 2, 3, 4]


def test_a_grade_the_school_does_not_teach_is_refused_with_a_message(county, admin):
    response = admin.post(f"/schools/{county.school.pk}/classes/create/", {"grade": 3, "count": 2})
    assert response.status_code == 200
    assert "errorlist" in _texts(response)
    assert not m.SchoolClass.objects.filter(school=county.school, grade=3).exists()


def test_school_page_lists_classes_by_grade_with_head_teacher_and_counts(county, admin):
    page = _texts(admin.get(f"/schools/{county.school.pk}/"))
    assert "七年级" in page and "七年级(1)班" in page and "李军" in page
    assert "创建班级" in page  # the admin's form


def test_leader_reads_the_school_page_without_the_admin_forms(county):
    client = Client()
    client.force_login(county.school_leader)
    page = _texts(client.get(f"/schools/{county.school.pk}/"))
    assert "七年级(1)班" in page and "创建班级" not in page


def test_admin_sets_the_head_teacher(county, admin):
    admin.post(f"/schools/classes/{county.class_7_2.pk}/head-teacher/", {"teacher": county.teacher_wang.teacher.pk})
    county.class_7_2.refresh_from_db()
    assert county.class_7_2.head_teacher == county.teacher_wang.teacher


def test_moving_a_student_keeps_the_class_history(county, admin):
    zhang = county.student_zhang
    admin.post(f"/schools/students/{zhang.pk}/move/", {"to_class": county.class_7_2.pk})
    zhang.refresh_from_db()
    assert zhang.current_class == county.class_7_2
    stays = list(zhang.memberships.order_by("id").values_list("school_class_id", "ended_on"))
    assert [class_id for class_id, _ in stays] == [county.class_7_1.pk, county.class_7_2.pk]
    assert stays[0][1] is not None and stays[1][1] is None
    page = _texts(admin.get(f"/schools/classes/{county.class_7_2.pk}/"))
    assert "2 个班级" in page  # the history disclosure of the moved student


def test_a_student_cannot_be_moved_to_a_class_of_another_school(county, admin):
    response = admin.post(f"/schools/students/{county.student_zhang.pk}/move/", {"to_class": county.far_class.pk})
    assert response.status_code == 302
    county.student_zhang.refresh_from_db()
    assert county.student_zhang.current_class == county.class_7_1


def test_class_page_masks_ids_and_phones_and_shows_activation(county, admin):
    county.student_zhang.assign_id_card("360731201301010015")
    county.student_zhang.save()
    page = _texts(admin.get(f"/schools/classes/{county.class_7_1.pk}/"))
    assert "3607**********0015" in page and "360731201301010015" not in page
    assert "139****0001" in page and "13900000001" not in page
    assert "已激活" in page


def test_teachers_see_student_numbers_masked_and_region_staff_see_no_guardians(county):
    teacher, staff = Client(), Client()
    teacher.force_login(county.teacher_wang)
    staff.force_login(county.county_staff)
    number = county.student_zhang.student_number
    teacher_page = _texts(teacher.get(f"/schools/classes/{county.class_7_1.pk}/"))
    assert number not in teacher_page and "G360***********0011" in teacher_page
    staff_page = _texts(staff.get(f"/schools/classes/{county.class_7_1.pk}/"))
    assert "张小明" in staff_page and "张建国" not in staff_page and "139****0001" not in staff_page


def test_assignment_rules_are_explained_when_broken(county, admin):
    url = f"/schools/{county.school.pk}/teachers/"
    biology = m.Subject.objects.get(code="biology")
    (grade_5,) = m.SchoolClass.objects.filter(school=county.other_school)
    duplicate = admin.post(url, {"teacher": county.head_teacher_li.teacher.pk, "school_class": county.class_7_1.pk, "subject": county.math.pk})
    assert "七年级(1)班 的 数学 已由 王芳 任教，请先删除该任课安排。" in _texts(duplicate)
    wrong_school = admin.post(url, {"teacher": county.teacher_wang.teacher.pk, "school_class": grade_5.pk, "subject": biology.pk})
    assert "errorlist" in _texts(wrong_school)  # a class of another school is not even a choice
    added = admin.post(url, {"teacher": county.teacher_wang.teacher.pk, "school_class": county.class_7_2.pk, "subject": biology.pk})
    assert added.status_code == 302
    assert m.TeachingAssignment.objects.filter(teacher=county.teacher_wang.teacher, subject=biology).count() == 1


def test_subject_outside_its_grades_is_refused_with_the_grades_it_is_taught_in(county, admin):
    physics = m.Subject.objects.get(code="physics")
    assert physics.min_grade > 7  # physics starts in grade 8
    response = admin.post(
        f"/schools/{county.school.pk}/teachers/",
        {"teacher": county.teacher_wang.teacher.pk, "school_class": county.class_7_1.pk, "subject": physics.pk},
    )
    assert f"物理 在 {physics.min_grade}–{physics.max_grade} 年级开设，七年级(1)班 不开设。" in _texts(response)
    assert not m.TeachingAssignment.objects.filter(subject=physics).exists()


def test_admin_removes_an_assignment(county, admin):
    assignment = county.teacher_wang.teacher.assignments.get()
    admin.post(f"/schools/assignments/{assignment.pk}/delete/")
    assert not m.TeachingAssignment.objects.filter(pk=assignment.pk).exists()


def test_password_reset_shows_the_new_first_password_once_and_forces_a_change(county, admin):
    response = admin.post(f"/schools/people/{county.guardian_zhang.pk}/reset-password/", {"next": "/schools/classes/1/"})
    guardian = User.objects.get(pk=county.guardian_zhang.pk)
    assert guardian.must_change_password and guardian.initial_password
    assert guardian.initial_password in _texts(response)
    assert "本人手机号 139****0001" in _texts(response)


def test_a_teacher_holding_a_staff_role_is_not_reset_by_the_school_admin(county, admin):
    from zuoye.schools import services

    services.staff_role_grant(user=county.teacher_wang, kind="school_leader", school=county.school)
    assert admin.post(f"/schools/people/{county.teacher_wang.pk}/reset-password/").status_code == 403
