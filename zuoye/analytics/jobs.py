"""The rollup as a background job (``analytics.rollup``): the daily refresh, a manual run from
``zuoye analytics rollup --job``, or Celery beat (``schedule.py``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from zuoye.jobs.registry import Progress, handler


@handler("analytics.rollup")
def rollup(*, progress: Progress, since: str = "", until: str = "", trigger: str = "job") -> dict[str, Any]:
    from zuoye.analytics.rollup import rollup_refresh

    progress(0, 1, "rollup")
    run = rollup_refresh(since=date.fromisoformat(since) if since else None,
                         until=date.fromisoformat(until) if until else None, trigger=trigger)
    progress(1, 1, "done")
    return {"run": run.pk, "since": run.since.isoformat(), "until": run.until.isoformat(),
            "batches": run.batches, "new_flags": run.flags}
