"""Where a job runs: a Celery worker when a broker is configured, otherwise a thread here.

The in-process pool has two threads: enough for a school's uploads on the embedded set-up,
while keeping SQLite's single writer from queueing for long.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, connections

_pool: ThreadPoolExecutor | None = None


def _run_in_thread(job_id: str) -> None:
    from zuoye.jobs.services import job_run

    close_old_connections()
    try:
        job_run(job_id=job_id)
    finally:
        connections.close_all()  # this thread's connections; the pool thread may idle for long


def dispatch(job_id: str) -> Future[None] | None:
    if settings.CELERY_BROKER_URL:
        from zuoye.jobs.tasks import run_job

        run_job.delay(job_id)
        return None
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="zuoye-job")
    return _pool.submit(_run_in_thread, job_id)
