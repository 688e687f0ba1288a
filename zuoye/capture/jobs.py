"""Background jobs of capture: reading a scan batch, with a progress bar per page.

The job takes the batch id and calls ``batch_read`` once; the jobs app runs it in-process or
on a Celery worker, and runs it once even if delivered twice (``batch_read`` itself leaves a
finished batch alone).
"""

from __future__ import annotations

import os
from typing import Any

from django.urls import reverse

from zuoye.capture.models import ScanBatch
from zuoye.capture.selectors import batch_summary
from zuoye.capture.services.reading import batch_read
from zuoye.jobs.registry import Progress, handler


@handler("capture.scan_batch")
def scan_batch(*, progress: Progress, batch_id: int) -> dict[str, Any]:
    batch = ScanBatch.objects.select_related("created_by").get(pk=batch_id)
    try:
        batch = batch_read(batch=batch, progress=progress)
    except Exception as exc:  # the batch page says so; the job records the traceback
        ScanBatch.objects.filter(pk=batch_id).update(status=ScanBatch.Status.FAILED, error=str(exc)[:2000])
        raise
    return {**batch_summary(batch), "batch_id": batch.pk, "batch_url": reverse("capture:batch", args=[batch.pk]),
            "pid": os.getpid()}  # which process read it: the web process or a worker
