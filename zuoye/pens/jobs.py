"""Background job of the pens app: reading a large upload (an offline pen's whole day)."""

from __future__ import annotations

import gzip
from typing import Any

from zuoye.jobs.registry import Progress, handler
from zuoye.pens.models import DotUpload, Pen
from zuoye.pens.services.ingest import dots_ingest


@handler("pens.ingest")
def ingest(*, progress: Progress, upload_id: int, pen_id: int | None = None) -> dict[str, Any]:
    upload = DotUpload.objects.select_related("gateway").get(pk=upload_id)
    with upload.raw.open("rb") as raw:
        body = gzip.decompress(raw.read())
    progress(0, 1, "reading")
    result = dots_ingest(body=body, source=upload.source, gateway=upload.gateway,
                         token_pen=Pen.objects.filter(pk=pen_id).first() if pen_id else None, upload=upload)
    progress(1, 1, "done")
    return result.to_api()
