"""The gateway endpoint: ``POST /pens/api/dots`` with a device token.

A classroom gateway or phone app posts the dots it received from pens as JSON lines (plain,
or gzip with ``Content-Encoding: gzip`` or a gzip body), with ``Authorization: Bearer
<token>`` (a gateway's token, or a pen's own). The answer is JSON: ``accepted``,
``duplicates``, ``problems`` [{line, reason}], ``unknown_pages``, ``refused_pens``,
``recorded``, ``review``. Posting the same body again changes nothing (dots are kept once per
pen and timestamp). Batches up to ``INLINE_MAX_LINES`` lines are read inline, so results
appear on the live results page within 2 s; larger ones (an offline pen's day) go to a
background job and the answer is 202 with the job's id.

Token authentication, not a session: no CSRF check, and a person logged in to the site gets
403 here (people do not post dots; gateways do).
"""

from __future__ import annotations

import gzip
import zlib

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from zuoye.jobs.services import job_enqueue
from zuoye.pens import selectors
from zuoye.pens.models import DotUpload
from zuoye.pens.services.ingest import dots_ingest, upload_keep

INLINE_MAX_LINES = 150_000
"""About four classes' grading at once; an offline sync larger than this is read by a job."""
MAX_BODY_BYTES = 200 * 1024 * 1024


def _body(request: HttpRequest) -> bytes:
    body = request.body
    if request.headers.get("Content-Encoding", "").lower() == "gzip" or body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    return body


@csrf_exempt
@require_POST
def dots(request: HttpRequest) -> JsonResponse:
    gateway, pen = selectors.token_owner(request.headers.get("Authorization", ""))
    if gateway is None and pen is None:
        if request.user.is_authenticated and "Authorization" not in request.headers:
            return JsonResponse({"error": "this endpoint takes a gateway's device token, not a login"}, status=403)
        return JsonResponse({"error": "a valid device token is required: Authorization: Bearer <token>"}, status=401,
                            headers={"WWW-Authenticate": 'Bearer realm="zuoye-pens"'})
    try:
        body = _body(request)
    except (OSError, EOFError, zlib.error) as exc:
        return JsonResponse({"error": f"the body is not valid gzip: {exc}"}, status=400)
    if len(body) > MAX_BODY_BYTES:
        return JsonResponse({"error": f"the body is larger than {MAX_BODY_BYTES // 2**20} MiB: send it in parts"},
                            status=413)
    if body.count(b"\n") > INLINE_MAX_LINES:
        upload, repeated = upload_keep(body=body, source=DotUpload.Source.HTTP, gateway=gateway)
        job = job_enqueue(kind="pens.ingest", actor=None, params={"upload_id": upload.pk,
                                                                   "pen_id": pen.pk if pen else None})
        return JsonResponse({"job": str(job.pk), "upload": upload.pk, "repeated": repeated}, status=202)
    result = dots_ingest(body=body, source=DotUpload.Source.HTTP, gateway=gateway, token_pen=pen)
    return JsonResponse(result.to_api())
