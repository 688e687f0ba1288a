"""The daily refresh on Celery beat, when Celery is configured (``ZUOYE_CELERY_BROKER_URL``).

Beat sends ``zuoye.analytics.rollup_daily`` at 02:30 school time; the task enqueues the
``analytics.rollup`` job so that the run is a recorded Job like any other. Without Celery, a
cron line running ``zuoye analytics rollup`` does the same (README).
"""

from __future__ import annotations

from django.conf import settings

BEAT_ENTRY = "analytics-rollup-daily"
HOUR, MINUTE = 2, 30


def beat_register() -> None:
    if not getattr(settings, "CELERY_BROKER_URL", ""):
        return
    from celery.schedules import crontab

    from zuoye.config.celery import app

    app.conf.beat_schedule = {**(app.conf.beat_schedule or {}), BEAT_ENTRY: {
        "task": "zuoye.analytics.rollup_daily", "schedule": crontab(hour=HOUR, minute=MINUTE)}}
    app.conf.timezone = settings.TIME_ZONE

    @app.task(name="zuoye.analytics.rollup_daily")
    def rollup_daily() -> str:
        from zuoye.jobs.services import job_enqueue

        return str(job_enqueue(kind="analytics.rollup", params={"trigger": "beat"}, actor=None).pk)
