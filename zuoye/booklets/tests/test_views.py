"""The booklet pages beyond access (the role table covers who may open what): bad weeks, the job."""

from __future__ import annotations

from django.test import Client

from zuoye.booklets.jobs import class_booklets
from zuoye.booklets.models import Booklet, BookletBatch
from zuoye.jobs.models import Job


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_a_malformed_week_is_refused_with_the_form_expected(county):  # type: ignore[no-untyped-def]
    client = _client(county.teacher_wang)
    response = client.post(f"/booklets/classes/{county.class_7_1.pk}/print/", {"week": "48"}, follow=True)
    assert "“48”不是有效的周次" in response.content.decode()
    assert not Job.objects.exists()


def test_printing_the_class_starts_a_job_for_the_week(county):  # type: ignore[no-untyped-def]
    client = _client(county.head_teacher_li)
    response = client.post(f"/booklets/classes/{county.class_7_1.pk}/print/", {"week": "2026-W49"})
    job = Job.objects.get(kind="booklets.class")
    assert job.params["week"] == "2026-W49" and job.params["base_url"] == "http://testserver"
    assert response["Location"].endswith(f"?week=2026-W49&job={job.pk}")


def test_the_job_reports_progress_per_student_and_where_to_download(county):  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int, str]] = []
    result = class_booklets(progress=lambda d, t, m="": seen.append((d, t, m)), class_id=county.class_7_1.pk,
                            week="2026-W49", base_url="https://x.cn")
    batch = BookletBatch.objects.get()
    assert result["batch_id"] == batch.pk and result["pdf_url"] == f"/booklets/batches/{batch.pk}/pdf/"
    assert result["students"] == Booklet.objects.count() == 1
    assert seen[0][2] == "content: 张小明" and seen[-1][:2] == (seen[-1][1], seen[-1][1])


def test_the_student_page_shows_the_weeks_booklets_in_large_type(county):  # type: ignore[no-untyped-def]
    page = _client(county.guardian_zhang).get(f"/booklets/students/{county.student_zhang.pk}/?week=2026-W49")
    html = page.content.decode()
    assert "张小明的一人一册" in html and "现在制作一人一册" in html and "booklets/booklets.css" in html
