"""Job status as JSON, polled by progress bars."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from zuoye.jobs.models import Job
from zuoye.jobs.selectors import jobs_of


@login_required
def job_status(request: HttpRequest, job_id: str) -> JsonResponse:
    job = get_object_or_404(jobs_of(request.user), pk=job_id)
    return JsonResponse(
        {
            "id": str(job.pk), "kind": job.kind, "status": job.status, "done": job.done, "total": job.total,
            "percent": job.percent, "message": job.message, "finished": job.finished,
            "result": job.result if job.status == Job.Status.SUCCEEDED else None,
            "error": job.error.splitlines()[0] if job.error else "",
        },
        json_dumps_params={"ensure_ascii": False},
    )

