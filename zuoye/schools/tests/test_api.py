"""JSON API: the same scoping as the pages, masked identifiers, 401/403/404 at the edges."""

from __future__ import annotations

import pytest
from django.test import Client


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_callers_get_401():
    assert Client().get("/api/v1/me").status_code == 401


def test_me_lists_the_persons_roles(county):
    body = _client(county.head_teacher_li).get("/api/v1/me").json()
    assert body["roles"] == ["head_teacher", "teacher"]
    assert body["masked_phone"] == "138****0002"
    assert set(body["class_ids"]) == {county.class_7_1.pk, county.class_7_2.pk}


@pytest.mark.parametrize(
    ("persona", "codes"),
    [
        ("school_admin", ["3636000001"]),
        ("county_staff", ["3636000001", "3636000002"]),
        ("city_staff", ["3636000001", "3636000002", "3636000003"]),
        ("other_county_staff", ["3636000003"]),
        ("stranger", []),
        ("guardian_zhang", []),
    ],
)
def test_schools_are_those_in_the_persons_scope(county, persona, codes):
    body = _client(getattr(county, persona)).get("/api/v1/schools").json()
    assert [row["code"] for row in body["items"]] == codes
    assert body["count"] == len(codes)


def test_schools_can_be_narrowed_to_a_region_and_paged(county):
    client = _client(county.province_staff)
    body = client.get(f"/api/v1/schools?region_id={county.other_county.pk}").json()
    assert [row["name"] for row in body["items"]] == ["兴国县第一中学"]
    page = client.get("/api/v1/schools?limit=1&offset=1").json()
    assert page["count"] == 3 and [row["code"] for row in page["items"]] == ["3636000002"]


def test_a_teacher_lists_only_the_classes_they_teach(county):
    body = _client(county.teacher_wang).get("/api/v1/classes").json()
    assert [(row["name"], row["head_teacher"], row["student_count"]) for row in body["items"]] == [("七年级(1)班", "李军", 1)]


def test_class_students_are_masked_for_everyone_but_the_admin(county):
    county.student_zhang.assign_id_card("360731201301010015")
    county.student_zhang.save()
    url = f"/api/v1/classes/{county.class_7_1.pk}/students"
    (as_admin,) = _client(county.school_admin).get(url).json()
    (as_teacher,) = _client(county.teacher_wang).get(url).json()
    (as_county,) = _client(county.county_staff).get(url).json()
    assert as_admin["student_number"] == "G360731201301010011" and as_admin["activated"] is True
    assert as_teacher["student_number"] == "G360***********0011" and as_teacher["activated"] is None
    assert as_admin["masked_id_card"] == as_teacher["masked_id_card"] == "3607**********0015"
    assert as_teacher["guardians"] == [{"name": "张建国", "relation": "父亲", "masked_phone": "139****0001"}]
    assert as_county["guardians"] == []


def test_a_class_outside_scope_is_403_and_an_unknown_one_404(county):
    client = _client(county.teacher_wang)
    assert client.get(f"/api/v1/classes/{county.far_class.pk}/students").status_code == 403
    assert client.get("/api/v1/classes/999999/students").status_code == 404


def test_page_size_is_capped(county):
    client = _client(county.province_staff)
    assert client.get("/api/v1/schools?limit=501").status_code == 422
    assert client.get("/api/v1/schools?limit=500").status_code == 200
