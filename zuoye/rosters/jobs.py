"""The rosters app's background job: a large roster import started from the web."""

from __future__ import annotations

from typing import Any

from zuoye.accounts.models import User
from zuoye.jobs.registry import Progress, handler
from zuoye.rosters.models import RosterImport
from zuoye.rosters.services import imports, uploads


@handler("rosters.import")
def roster_import_job(*, progress: Progress, record_id: int, actor_id: int | None) -> dict[str, Any]:
    record = RosterImport.objects.select_related("school").get(pk=record_id)
    if record.status != RosterImport.Status.RUNNING:
        return {"record": record.pk, "status": record.status}  # delivered twice: already done
    actor = User.objects.get(pk=actor_id) if actor_id else None
    progress(0, 0, record.filename)
    imports.run(record, uploads.stored_bytes(record), actor=actor)
    return {"record": record.pk, "status": record.status}
