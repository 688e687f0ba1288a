"""Pages read in a fixed number of queries, however many students, classes or schools there are."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from zuoye.accounts.services import user_create
from zuoye.schools import models as m
from zuoye.schools import services as s


def _add_students(county, count: int, start: int) -> None:
    for n in range(start, start + count):
        user = user_create(username=f"s{n:04d}", full_name=f"学生{n}")
        student = m.Student.objects.create(user=user, school=county.school, student_number=f"N{n:08d}", gender="F")
        s.student_move(student=student, to_class=county.class_7_1, source="test")
        parent = user_create(username=f"p{n:04d}", full_name=f"家长{n}", phone=f"137{n:08d}")
        s.guardian_link(guardian=m.Guardian.objects.create(user=parent), student=student)


def _queries(user, url: str) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_class_page_and_slips_do_not_query_per_student(county):
    urls = [f"/schools/classes/{county.class_7_1.pk}/", f"/api/v1/classes/{county.class_7_1.pk}/students",
            f"/schools/classes/{county.class_7_1.pk}/slips.xlsx"]
    _add_students(county, 2, 0)
    before = [_queries(county.school_admin, url) for url in urls]
    _add_students(county, 12, 100)
    assert [_queries(county.school_admin, url) for url in urls] == before


def test_region_pages_do_not_query_per_school(county):
    urls = ["/", f"/schools/regions/{county.city.pk}/", f"/schools/regions/{county.county.pk}/"]
    before = [_queries(county.city_staff, url) for url in urls]
    for n in range(6):
        school = s.school_create(code=f"36360001{n:02d}", name=f"于都县第{n}小学", kind="primary", region=county.county)
        s.classes_ensure(school=school, school_year=county.year, grade=3, count=2)
    assert [_queries(county.city_staff, url) for url in urls] == before
