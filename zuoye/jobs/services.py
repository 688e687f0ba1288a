"""Writes on jobs: enqueue one, run one, record its progress."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from django.db import transaction
from django.utils import timezone

from zuoye.accounts.models import User
from zuoye.jobs import registry, runner
from zuoye.jobs.models import Job

log = logging.getLogger("zuoye.jobs")


def job_enqueue(*, kind: str, params: dict[str, Any], actor: User | None) -> Job:
    """Store the job and start it once the surrounding transaction commits."""
    registry.get(kind)  # refuse unknown kinds now, not in a worker later
    job = Job.objects.create(kind=kind, params=params, created_by=actor)
    transaction.on_commit(lambda: runner.dispatch(str(job.pk)))
    return job


def _progress_writer(job: Job) -> registry.Progress:
    def progress(done: int, total: int, message: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total, message=message[:200])

    return progress


def job_run(*, job_id: str) -> Job:
    """Run a queued job to the end. A job that is running or finished is left alone (idempotent)."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    job = Job.objects.get(pk=job_id)
    if not claimed:
        return job
    try:
        result = registry.get(job.kind)(progress=_progress_writer(job), **job.params)
    except Exception as exc:  # a job's failure is recorded for the person who started it
        log.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, error=f"{exc}\n\n{traceback.format_exc()}", finished_at=timezone.now()
        )
    else:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.SUCCEEDED, result=result or {}, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job
