"""The gateway endpoint: token authentication, gzip, idempotence, the answer's shape."""

from __future__ import annotations

import gzip

from django.test import Client

from zuoye.core.ink import dots_to_lines
from zuoye.homework.models import Response
from zuoye.pens.models import DotUpload, Gateway
from zuoye.pens.services.registry import gateway_deactivate, pen_register
from zuoye.pens.simulate import grading_session
from zuoye.pens.tests.printed import printed

URL = "/pens/api/dots"
KEYS = {"accepted", "duplicates", "problems", "unknown_pages", "refused_pens", "recorded", "review"}


def _post(body: bytes, token: str | None, client: Client | None = None, **headers: str):  # type: ignore[no-untyped-def]
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return (client or Client()).post(URL, body, content_type="application/x-ndjson", headers=headers)


def test_without_a_token_or_with_a_bad_one_the_answer_is_401(county):
    p = printed(county)
    body = dots_to_lines(grading_session(p.pages, p.pen.serial, seed=3).dots).encode()
    assert _post(body, None).status_code == 401
    assert _post(body, "zpen_not-a-token").status_code == 401
    assert Client().post(URL, body, content_type="text/plain", headers={"Authorization": p.token}).status_code == 401
    gateway_deactivate(gateway=p.gateway)
    assert _post(body, p.token).status_code == 401
    assert not DotUpload.objects.exists() and not Response.objects.exists()


def test_a_logged_in_person_without_a_token_is_refused(county):
    client = Client()
    client.force_login(county.school_admin)
    assert client.post(URL, b"", content_type="application/x-ndjson").status_code == 403


def test_a_gateway_posts_a_session_and_the_same_body_again_changes_nothing(county):
    p = printed(county)
    body = dots_to_lines(grading_session(p.pages, p.pen.serial, seed=3).dots).encode()

    first = _post(body, p.token)

    assert first.status_code == 200 and set(first.json()) >= KEYS
    answer = first.json()
    assert answer["accepted"] > 200 and answer["recorded"] > 0 and answer["problems"] == []
    assert Response.objects.filter(source="pen").count() == answer["recorded"]
    assert Gateway.objects.get().last_seen_at is not None

    again = _post(gzip.compress(body), p.token, **{"Content-Encoding": "gzip"})

    assert again.status_code == 200
    assert (again.json()["accepted"], again.json()["recorded"], again.json()["review"]) == (0, 0, 0)
    assert again.json()["duplicates"] == answer["accepted"] + answer["duplicates"]
    assert DotUpload.objects.get().received == 2


def test_a_pens_own_token_posts_only_that_pens_dots(county):
    p = printed(county)
    _, token = pen_register(serial=p.pen.serial, school=county.school, holder=county.teacher_wang, with_token=True)
    pen_register(serial="NWP-OTHER-2", school=county.school, holder=county.head_teacher_li)
    mine = grading_session(p.pages, p.pen.serial, seed=3).dots
    theirs = grading_session(p.pages, "NWP-OTHER-2", seed=4, start_ms=1_763_900_000_000).dots

    answer = _post(dots_to_lines(mine + theirs).encode(), token).json()

    assert answer["accepted"] > 0
    assert [r["pen"] for r in answer["refused_pens"]] == ["NWP-OTHER-2"]
    assert "NWP-F130-T0001's own" in answer["refused_pens"][0]["reason"]


def test_bad_gzip_is_a_clear_400(county):
    p = printed(county)
    response = _post(b"\x1f\x8bnot gzip at all", p.token)
    assert response.status_code == 400 and "gzip" in response.json()["error"]


def test_a_large_upload_is_read_by_a_background_job(county, monkeypatch):
    from zuoye.jobs.models import Job
    from zuoye.jobs.services import job_run
    from zuoye.pens import api

    p = printed(county)
    body = dots_to_lines(grading_session(p.pages, p.pen.serial, seed=3).dots).encode()
    monkeypatch.setattr(api, "INLINE_MAX_LINES", 100)

    response = _post(body, p.token)

    assert response.status_code == 202 and not Response.objects.exists()
    job = job_run(job_id=response.json()["job"])
    assert job.status == Job.Status.SUCCEEDED and job.result["recorded"] == Response.objects.count() > 0
    assert DotUpload.objects.get().summary["recorded"] == job.result["recorded"]
