"""Access scoping: every role sees its own and nothing else."""

from zuoye.schools import access


def _students(user):
    return set(access.students_visible(access.scope_for(user)).values_list("user__username", flat=True))


def test_teacher_sees_only_the_students_of_classes_they_teach(county):
    assert _students(county.teacher_wang) == {"s_zhang"}


def test_head_teacher_sees_own_class_and_the_class_they_teach(county):
    assert _students(county.head_teacher_li) == {"s_zhang", "s_chen"}


def test_guardian_sees_only_own_child(county):
    assert _students(county.guardian_zhang) == {"s_zhang"}


def test_student_sees_only_self(county):
    assert _students(county.student_zhang.user) == {"s_zhang"}


def test_school_admin_and_leader_see_their_school(county):
    assert _students(county.school_admin) == {"s_zhang", "s_chen"}
    assert _students(county.school_leader) == {"s_zhang", "s_chen"}


def test_region_staff_see_their_region_and_below(county):
    assert _students(county.county_staff) == {"s_zhang", "s_chen", "s_liu"}
    assert _students(county.city_staff) == {"s_zhang", "s_chen", "s_liu", "s_zhao"}
    assert _students(county.province_staff) == _students(county.city_staff)
    assert _students(county.other_county_staff) == {"s_zhao"}


def test_no_role_sees_nothing(county):
    assert _students(county.stranger) == set()
    scope = access.scope_for(county.stranger)
    assert not access.schools_visible(scope).exists()
    assert not access.classes_visible(scope).exists()


def test_teacher_acts_only_on_subjects_they_teach_in_a_class(county):
    scope = access.scope_for(county.teacher_wang)
    assert access.subjects_taught_in(scope, county.class_7_1) == {county.math.pk}
    assert access.subjects_taught_in(access.scope_for(county.head_teacher_li), county.class_7_1) is None


def test_phone_is_encrypted_at_rest_and_found_by_digest(county):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select phone from accounts_user where username = %s", ["wangfang"])
        (stored,) = cursor.fetchone()
    assert "13800000001" not in stored
    from django.contrib.auth import authenticate

    assert authenticate(username="138 0000 0001", password="Zuoye-test-2026") == county.teacher_wang
