"""Jobs run the same in-process and on a real Celery worker with Redis."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from zuoye.jobs import registry
from zuoye.jobs.models import Job
from zuoye.jobs.services import job_enqueue, job_run


@registry.handler("tests.fail")
def _fail(*, progress, **params):  # type: ignore[no-untyped-def]
    progress(1, 2, "half way")
    raise RuntimeError("the roster file vanished")


def _wait(job: Job, seconds: float = 20) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job.pk} still {job.status} after {seconds}s")


@pytest.mark.django_db(transaction=True)
def test_in_process_job_runs_in_a_thread_and_reports_progress():
    with transaction.atomic():
        job = job_enqueue(kind="jobs.ping", params={"steps": 4}, actor=None)
    job = _wait(job)
    assert job.status == Job.Status.SUCCEEDED
    assert (job.done, job.total, job.percent) == (4, 4, 100)
    assert job.result["pid"] == os.getpid()


@pytest.mark.django_db
def test_failed_job_records_the_reason_and_where_it_stopped():
    job = Job.objects.create(kind="tests.fail", params={})
    job = job_run(job_id=str(job.pk))
    assert job.status == Job.Status.FAILED
    assert job.error.startswith("the roster file vanished")
    assert (job.done, job.message) == (1, "half way")


@pytest.mark.django_db
def test_running_a_finished_job_again_does_nothing():
    job = job_run(job_id=str(Job.objects.create(kind="jobs.ping", params={}).pk))
    finished_at = job.finished_at
    assert job_run(job_id=str(job.pk)).finished_at == finished_at


@pytest.mark.django_db
def test_unknown_job_kind_is_refused_when_enqueued():
    with pytest.raises(LookupError, match="no job handler"):
        job_enqueue(kind="nope", params={}, actor=None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _celery_app_point_at(broker: str) -> None:
    """Send this process's tasks to ``broker``, dropping connections pooled for an earlier test's
    (already stopped) Redis: otherwise the second real-worker test in a run talks to a dead port."""
    from zuoye.config.celery import app

    app.conf.broker_url = broker
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker_env(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real redis-server and a real Celery worker, on the test database."""
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.fail("redis-server is not installed (./dev installs it)")
    port = _free_port()
    redis = subprocess.Popen(
        [redis_server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    broker = f"redis://127.0.0.1:{port}/0"
    env = dict(os.environ, ZUOYE_CELERY_BROKER_URL=broker, DJANGO_SETTINGS_MODULE="zuoye.config.settings")
    # The worker must read what this process wrote: its files and its keys, whatever home the
    # environment names (pytest may have set up Django before conftest chose a home).
    from django.conf import settings

    env["ZUOYE_HOME"] = str(settings.HOME_DIR)
    env["ZUOYE_SECRET_KEY"], env["ZUOYE_FIELD_KEY"] = settings.SECRET_KEY, settings.FIELD_ENCRYPTION_KEY
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        env["ZUOYE_SQLITE_FILE"] = str(db["NAME"])
    else:
        env["ZUOYE_DATABASE_URL"] = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    _celery_app_point_at(broker)
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "zuoye.config.celery", "worker", "--pool=solo", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "--loglevel=INFO", f"--logfile={log}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    try:
        yield broker, worker, log
    finally:
        worker.send_signal(signal.SIGTERM)
        redis.terminate()
        for process in (worker, redis):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.mark.django_db(transaction=True)
def test_job_runs_on_a_real_celery_worker_with_the_same_result(celery_worker_env, settings):
    broker, worker, log = celery_worker_env
    settings.CELERY_BROKER_URL = broker
    from zuoye.config.celery import app

    app.conf.broker_url = broker
    with transaction.atomic():
        job = job_enqueue(kind="jobs.ping", params={"steps": 4}, actor=None)
    job = _wait(job, seconds=60)
    assert job.status == Job.Status.SUCCEEDED, log.read_text() if log.exists() else "no worker log"
    assert job.result["pid"] == worker.pid  # it ran in the worker, not here
    assert (job.done, job.total) == (4, 4)
    assert job.result["users"] == 0
