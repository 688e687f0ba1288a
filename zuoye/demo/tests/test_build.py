"""Writing the demo county: logins that work, re-runs that change nothing, rebuilds that are identical."""

import time
from datetime import date

import pytest
from django.db import connection

from zuoye.accounts.models import User
from zuoye.accounts.services import user_create
from zuoye.demo.build import DemoConflict, DemoState, curriculum_current, demo_ensure, demo_state
from zuoye.demo.generate import DEMO_SCHOOLS, SIZES, county_plan
from zuoye.demo.plan import Size
from zuoye.schools import models as m
from zuoye.schools import services as s

pytestmark = pytest.mark.django_db


@pytest.fixture
def small():
    return county_plan(SIZES["small"], curriculum=curriculum_current())


def snapshot():
    """Everything the demo writes, by natural keys (database ids may differ between builds)."""
    return {
        "regions": sorted(m.Region.objects.values_list("code", "name", "level", "path")),
        "terms": sorted(m.Term.objects.values_list("school_year__name", "number", "start_date", "end_date")),
        "schools": sorted(m.School.objects.values_list("code", "name", "kind", "region__code")),
        "users": sorted((u.username, u.full_name, u.phone, u.initial_password, u.must_change_password,
                         u.has_usable_password()) for u in User.objects.all()),
        "students": sorted((st.student_number, st.user.username, st.school.code, st.gender, st.id_card,
                            st.current_class.grade, st.current_class.number)
                           for st in m.Student.objects.select_related("user", "school", "current_class")),
        "memberships": sorted(m.ClassMembership.objects.values_list(
            "student__student_number", "school_class__grade", "school_class__number", "started_on", "ended_on")),
        "heads": sorted(m.SchoolClass.objects.values_list(
            "school__code", "grade", "number", "head_teacher__user__username")),
        "teaching": sorted(m.TeachingAssignment.objects.values_list(
            "teacher__user__username", "school_class__school__code", "school_class__grade", "school_class__number",
            "subject__code", "term__number")),
        "links": sorted(m.GuardianLink.objects.values_list("guardian__user__username", "student__student_number",
                                                           "relation")),
        "roles": sorted(m.StaffRole.objects.values_list("user__username", "kind", "school__code", "region__code",
                                                        "title")),
    }


def test_build_writes_the_whole_plan(small):
    assert demo_ensure(plan=small) is True
    assert m.School.objects.count() == 2 and m.SchoolClass.objects.count() == 7
    assert m.Student.objects.count() == 70 == m.ClassMembership.objects.count()
    assert m.Guardian.objects.count() == len(small.guardians)
    assert m.Teacher.objects.count() == sum(len(school.teachers) for school in small.schools)
    assert not m.SchoolClass.objects.filter(head_teacher=None).exists()
    assert m.StaffRole.objects.filter(kind="region_staff", region__code="360731").count() == 6
    autumn = m.Term.objects.get(school_year__name="2026-2027", number=1)
    assert (autumn.start_date, autumn.end_date) == (date(2026, 9, 1), date(2027, 1, 25))
    assert m.TeachingAssignment.objects.values("term").distinct().count() == 2


def test_every_printed_login_works_without_a_forced_password_change(client, small):
    demo_ensure(plan=small)
    for login in small.logins:
        assert client.login(username=login.login, password=login.password), login
        response = client.get("/")
        if login.must_change:
            assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")
        else:
            assert response.status_code == 200, login
        client.logout()


def test_other_people_keep_generated_first_passwords(client, small):
    demo_ensure(plan=small)
    _school, _class, student = next(small.students())
    user = User.objects.get(username=student.username)
    assert user.must_change_password and user.initial_password == student.first_password
    assert not user.has_usable_password()
    assert client.login(username=student.username, password=student.first_password)


def test_phones_and_id_cards_are_encrypted_at_rest(small):
    demo_ensure(plan=small)
    guardian = small.guardians[0]
    _school, _class, student = next(st for st in small.students() if st[2].id_card)
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE username = %s", [guardian.username])
        (stored_phone,) = cursor.fetchone()
        cursor.execute("SELECT id_card FROM schools_student WHERE student_number = %s", [student.student_number])
        (stored_id_card,) = cursor.fetchone()
    assert guardian.phone not in stored_phone and student.id_card not in stored_id_card
    assert User.objects.get(username=guardian.username).phone == guardian.phone
    assert m.Student.objects.get(student_number=student.student_number).id_card == student.id_card


def test_running_again_without_rebuild_changes_nothing(small):
    demo_ensure(plan=small)
    before, last_user = snapshot(), User.objects.order_by("-pk").first().pk
    assert demo_state(small) is DemoState.PRESENT
    assert demo_ensure(plan=small) is False
    assert snapshot() == before and User.objects.order_by("-pk").first().pk == last_user


def test_rebuild_gives_identical_data(small):
    demo_ensure(plan=small)
    before = snapshot()
    assert demo_ensure(plan=small, rebuild=True) is True
    assert snapshot() == before


def test_a_different_demo_in_the_database_is_replaced_only_on_rebuild(small):
    demo_ensure(plan=small)
    other = county_plan(Size("one school", (DEMO_SCHOOLS[2],), (5, 5, 5), classes_per_grade=1))
    assert demo_state(other) is DemoState.DIFFERENT
    with pytest.raises(DemoConflict):
        demo_ensure(plan=other)
    assert demo_ensure(plan=other, rebuild=True)
    assert list(m.School.objects.values_list("name", flat=True)) == ["于都县城关第二小学"]
    assert m.Student.objects.count() == 20 and not User.objects.filter(username="admin08").exists()


def test_rebuild_leaves_everything_outside_the_demo_alone(small):
    demo_ensure(plan=small)
    city = m.Region.objects.get(code="3607")
    other_county = s.region_create(code="360732", name="兴国县", level="county", parent=city)
    other_school = s.school_create(code="3607320001", name="兴国县第一中学", kind="junior", region=other_county)
    outsider = user_create(username="xg_admin", full_name="何主任", password="Outside-2026")
    s.staff_role_grant(user=outsider, kind="school_admin", school=other_school)
    demo_ensure(plan=small, rebuild=True)
    assert m.School.objects.filter(pk=other_school.pk).exists() and User.objects.filter(pk=outsider.pk).exists()
    assert m.Region.objects.filter(code__in=["36", "3607", "360731", "360732"]).count() == 4


def test_wipe_removes_regions_and_year_it_alone_created(small):
    from zuoye.demo.build import demo_wipe

    demo_ensure(plan=small)
    demo_wipe(plan=small)
    assert not m.Region.objects.exists() and not m.SchoolYear.objects.exists() and not User.objects.exists()


def test_wipe_takes_the_demo_schools_scan_batches_and_their_raw_files_along(small):
    from zuoye.capture.models import ScanBatch, ScannedPage, Upload
    from zuoye.demo.build import demo_wipe

    demo_ensure(plan=small)
    upload = Upload.objects.create(sha256="a" * 64, name="scan.pdf", size=1, file="capture/uploads/scan.pdf")
    batch = ScanBatch.objects.create(school=m.School.objects.first(), pages=1)
    batch.uploads.add(upload)
    ScannedPage.objects.create(batch=batch, upload=upload, page_number=1, image_sha256="b" * 64, status="blank")
    kept = Upload.objects.create(sha256="c" * 64, name="other.pdf", size=1, file="capture/uploads/other.pdf")
    demo_wipe(plan=small)
    assert not ScanBatch.objects.exists() and not ScannedPage.objects.exists()
    assert list(Upload.objects.all()) == [kept]  # not the demo's: left alone


def test_clashing_accounts_are_reported_not_half_written(small):
    user_create(username=small.region_staff[0].username, full_name="某人", password="Someone-2026")
    with pytest.raises(DemoConflict):
        demo_ensure(plan=small)
    assert not m.School.objects.exists() and User.objects.count() == 1


def test_full_county_builds_in_under_a_minute():
    started = time.monotonic()
    plan = county_plan(SIZES["full"], curriculum=curriculum_current())
    demo_ensure(plan=plan)
    elapsed = time.monotonic() - started
    assert m.Student.objects.count() == sum(1 for _ in plan.students()) > 6_000
    assert elapsed < 60, elapsed
