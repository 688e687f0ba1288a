"""``zuoye jobs ping`` checks that background jobs run (in-process or on Celery workers);
``zuoye jobs list`` shows the latest jobs."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zuoye.jobs.models import Job
from zuoye.jobs.services import job_enqueue


class Command(BaseCommand):
    help = "Check and list background jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ping = sub.add_parser("ping", help="run a ping job and wait for it")
        ping.add_argument("--timeout", type=float, default=30.0)
        sub.add_parser("list", help="the 20 latest jobs")

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "list":
            for job in Job.objects.all()[:20]:
                self.stdout.write(f"{job.created_at:%Y-%m-%d %H:%M} {job.kind:<24} {job.status:<9} {job.percent:>3}% {job.pk}")
            return
        with transaction.atomic():
            job = job_enqueue(kind="jobs.ping", params={}, actor=None)
        where = "Celery at " + settings.CELERY_BROKER_URL if settings.CELERY_BROKER_URL else "in-process"
        deadline = time.monotonic() + float(options["timeout"])  # type: ignore[arg-type]
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.finished:
                break
            time.sleep(0.1)
        if job.status != Job.Status.SUCCEEDED:
            raise CommandError(f"ping job {job.pk} did not succeed ({job.status}) via {where}: {job.error or 'timed out'}")
        self.stdout.write(f"ping ran via {where}: {job.result}")
