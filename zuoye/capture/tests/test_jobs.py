"""A scan batch as a job: the same results in-process and on a real Celery worker with Redis."""

from __future__ import annotations

import pytest
from django.db import transaction

from zuoye.capture.models import ScanBatch
from zuoye.capture.selectors import batch_json
from zuoye.capture.services.uploads import batch_create, upload_store
from zuoye.homework.models import Response
from zuoye.jobs.models import Job
from zuoye.jobs.services import job_enqueue, job_run
from zuoye.jobs.tests.test_jobs import _wait, celery_worker_env  # noqa: F401 - the real-worker fixture

from .scans import blank_page, encode, marks_for, printed, scan_image


def _batch(county):  # type: ignore[no-untyped-def]
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    uploads = [upload_store(name="a.png", data=encode(scan_image(page, marks_for(page))), actor=None),
               upload_store(name="back.png", data=blank_page(), actor=None)]
    return batch_create(uploads=uploads, actor=county.teacher_wang)


def _results() -> list[tuple[int, int, str, str]]:
    return sorted(Response.objects.values_list("assignment_item_id", "student_id", "outcome", "source"))


def _comparable(report: dict) -> list:  # type: ignore[type-arg]
    return [[(p["status"], p["assignment"], p["student"], [(i["item"], i["outcome"], i["status"]) for i in p["items"]])
             for p in f["pages"]] for f in report["files"]]


@pytest.mark.django_db
def test_the_job_reads_the_batch_and_reports_progress_per_page(county):
    batch = _batch(county)
    job = job_run(job_id=str(Job.objects.create(kind="capture.scan_batch", params={"batch_id": batch.pk}).pk))
    assert job.status == "succeeded", job.error
    assert (job.done, job.total) == (2, 2)
    assert job.result["read"] == 1 and job.result["batch_url"] == f"/capture/batches/{batch.pk}/"
    again = job_run(job_id=str(Job.objects.create(kind="capture.scan_batch", params={"batch_id": batch.pk}).pk))
    assert again.result == job.result  # a finished batch is left alone
    assert batch.scanned_pages.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_scan_batch_gives_the_same_results_on_a_real_celery_worker(county_tx, celery_worker_env, settings):
    # in-process first
    batch = _batch(county_tx)
    job_run(job_id=str(Job.objects.create(kind="capture.scan_batch", params={"batch_id": batch.pk}).pk))
    here, here_report = _results(), _comparable(batch_json(ScanBatch.objects.get(pk=batch.pk)))
    Response.objects.all().delete()
    # then the same files as a new batch, on the worker
    broker, worker, log = celery_worker_env
    settings.CELERY_BROKER_URL = broker
    from zuoye.config.celery import app

    app.conf.broker_url = broker
    from zuoye.capture.models import ScannedPage

    ScannedPage.objects.all().delete()  # so the worker's reading is not "scanned again"
    again = batch_create(uploads=list(batch.uploads.order_by("id")), actor=county_tx.teacher_wang)
    with transaction.atomic():
        job = job_enqueue(kind="capture.scan_batch", params={"batch_id": again.pk}, actor=None)
    job = _wait(job, seconds=120)
    assert job.status == "succeeded", (job.error, log.read_text() if log.exists() else "no worker log")
    assert job.result["pid"] == worker.pid  # it was read in the worker, not here
    assert _results() == here and here
    assert _comparable(batch_json(ScanBatch.objects.get(pk=again.pk))) == here_report
