"""Reads on jobs: a person sees the jobs they started."""

from __future__ import annotations

from django.db.models import QuerySet

from zuoye.accounts.models import User
from zuoye.jobs.models import Job


def jobs_of(actor: User) -> QuerySet[Job]:
    if actor.is_superuser:
        return Job.objects.all()
    return Job.objects.filter(created_by=actor)
