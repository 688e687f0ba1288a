"""Watch statements: the ADL video profile's verbs and extensions stored; bad ones refused with
the field named; completion rates per class and lesson; a video that failed is stored."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from zuoye.itembank.models import MicroLesson
from zuoye.learning.classroom import lesson_completion
from zuoye.learning.models import Statement
from zuoye.learning.services.statements import COMPLETED, FAILED, PLAYED, VIDEO_EXT
from zuoye.learning.tests.helpers import published, record
from zuoye.itembank.tests.bank import small_bank

pytestmark = pytest.mark.django_db


def statement(verb, *, registration="visit-1", response=None, **ext):
    body = {"verb": {"id": verb}, "context": {"registration": registration},
            "result": {"extensions": {VIDEO_EXT + k.replace("_", "-"): v for k, v in ext.items()}},
            "timestamp": "2026-12-03T19:30:00+08:00"}
    if response:
        body["result"]["response"] = response
    return json.dumps(body)


@pytest.fixture
def lesson(county, django_capture_on_commit_callbacks):
    bank = small_bank(per_template=1)
    hw = published(county, [bank[0]], day=date(2026, 12, 2))
    with django_capture_on_commit_callbacks(execute=True):
        record(hw, county.student_zhang, ["wrong"])
    item = MicroLesson.objects.create(title="有理数", url="https://example.org/a.webm", duration_seconds=60)
    item.knowledge_points.set(bank[0].knowledge_points.all())
    return item


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_statements_are_stored_with_the_profiles_extensions_and_count_in_the_completion_rate(county, lesson):
    url = f"/learning/lessons/{lesson.pk}/statements/"
    client = _client(county.student_zhang.user)
    assert client.post(url, statement(PLAYED, time=0, progress=0), content_type="application/json").status_code == 201
    r = client.post(url, statement("https://w3id.org/xapi/video/verbs/seeked", time_from=3.5, time_to=20),
                    content_type="application/json")
    assert r.status_code == 201
    assert client.post(url, statement(COMPLETED, time=60, progress=1, played_segments="0[.]3.5[,]20[.]60"),
                       content_type="application/json").status_code == 201
    seeked = Statement.objects.get(verb__endswith="seeked")
    assert (seeked.time_from, seeked.time_to, seeked.student_id) == (3.5, 20.0, county.student_zhang.pk)
    done = Statement.objects.get(verb=COMPLETED)
    assert done.progress == 1.0 and done.played_segments == "0[.]3.5[,]20[.]60"
    (rate,) = lesson_completion(school_class=county.class_7_1)
    assert (rate.pushed, rate.viewers, rate.completed, rate.rate) == (1, 1, 1, 100)


def test_the_guardian_watches_for_the_child_and_bad_statements_are_refused_naming_the_field(county, lesson):
    url = f"/learning/lessons/{lesson.pk}/statements/"
    client = _client(county.guardian_zhang)
    r = client.post(url, statement("http://example.org/verbs/liked"), content_type="application/json")
    assert r.status_code == 400 and "verb.id" in r.json()["error"]
    r = client.post(url, statement(PLAYED, progress=1.5), content_type="application/json")
    assert r.status_code == 400 and "progress" in r.json()["error"]
    r = client.post(url, "{not json", content_type="application/json")
    assert r.status_code == 400 and "not JSON" in r.json()["error"]
    assert client.post(url, statement(PLAYED, time=0), content_type="application/json").status_code == 201
    assert Statement.objects.get().student_id == county.student_zhang.pk
    (rate,) = lesson_completion(school_class=county.class_7_1)
    assert (rate.viewers, rate.completed, rate.rate) == (1, 0, 0)


def test_a_video_that_failed_to_load_is_stored_with_its_reason(county, lesson):
    url = f"/learning/lessons/{lesson.pk}/statements/"
    client = _client(county.student_zhang.user)
    assert client.post(url, statement(FAILED), content_type="application/json").status_code == 400  # no reason
    assert client.post(url, statement(FAILED, response="视频无法下载"), content_type="application/json").status_code == 201
    assert Statement.objects.get(verb=FAILED).error == "视频无法下载"
    (rate,) = lesson_completion(school_class=county.class_7_1)
    assert rate.failed == 1 and rate.rate is None


def test_nobody_records_watching_for_someone_elses_child(county, lesson):
    url = f"/learning/lessons/{lesson.pk}/statements/?student={county.student_other_class.pk}"
    r = _client(county.guardian_zhang).post(url, statement(PLAYED), content_type="application/json")
    assert r.status_code == 403
    assert not Statement.objects.exists()


def test_a_teachers_preview_of_a_lesson_records_nothing(county, lesson):
    url = f"/learning/lessons/{lesson.pk}/statements/?student={county.student_zhang.pk}"
    client = _client(county.teacher_wang)
    assert client.get(f"/learning/lessons/{lesson.pk}/?student={county.student_zhang.pk}").status_code == 200
    assert client.post(url, statement(PLAYED), content_type="application/json").status_code == 403
    assert not Statement.objects.exists()
