"""A large roster uploaded on the web is imported by a background job, not inside the request."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zuoye.jobs.models import Job
from zuoye.rosters.models import RosterImport
from zuoye.rosters.services import imports
from zuoye.rosters.tests import books
from zuoye.schools import models as m


def _wait(job: Job) -> Job:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job still {job.status}")


@pytest.mark.django_db(transaction=True)
def test_a_file_over_the_inline_size_is_imported_by_a_job_and_the_page_follows_it(client, county_tx, monkeypatch):
    # given: a "large" file (the limit is lowered so a small workbook counts as large)
    monkeypatch.setattr(imports, "INLINE_MAX_BYTES", 100)
    client.force_login(county_tx.school_admin)
    rows = [books.student(name="王一", number="G360731201301010055", phone="13900000055")]
    upload = SimpleUploadedFile("big.xlsx", books.student_book(rows))
    # when
    response = client.post(reverse("rosters:upload"), {"file": upload, "school": county_tx.school.pk})
    # then: the request returns at once, pointing at the job
    assert response.status_code == 302 and "?job=" in response["Location"]
    job = Job.objects.get(kind="rosters.import")
    page = client.get(response["Location"]).content.decode()
    assert f"/jobs/{job.pk}/" in page or _wait(job).status == Job.Status.SUCCEEDED
    job = _wait(job)
    assert job.status == Job.Status.SUCCEEDED, job.error
    record = RosterImport.objects.get(pk=job.result["record"])
    assert record.status == RosterImport.Status.APPLIED
    assert m.Student.objects.filter(student_number="G360731201301010055").exists()
    assert "正在导入" not in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_a_small_file_is_imported_while_the_person_waits(client, county):
    client.force_login(county.school_admin)
    upload = SimpleUploadedFile("small.xlsx", books.student_book([books.student(name="王二", number="G360731201301010066", phone="13900000066")]))
    response = client.post(reverse("rosters:upload"), {"file": upload, "school": county.school.pk})
    assert "?job=" not in response["Location"]
    assert not Job.objects.exists()
    assert m.Student.objects.filter(student_number="G360731201301010066").exists()
