"""The micro-lesson page (HTML5 video, rest prompt) and its statement endpoint."""

from __future__ import annotations

import json
import re

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zuoye.core.policy.screen_time import SCREEN_TIME
from zuoye.itembank.models import MicroLesson
from zuoye.learning.services.statements import StatementRejected, statement_record
from zuoye.learning.views.common import care_mode, student_visible
from zuoye.portal.context import request_scope
from zuoye.schools.access import require


def _student_id(request: HttpRequest) -> int:
    """The student the watching counts for: ``?student=``, else the person themselves or their only child."""
    raw = request.GET.get("student", "")
    if raw.isdigit():
        return int(raw)
    scope = request_scope(request)
    people = sorted(scope.own_student_ids) or sorted(scope.child_student_ids)
    return people[0] if len(people) == 1 else 0


@login_required
def lesson(request: HttpRequest, lesson_id: int) -> HttpResponse:
    _, student = student_visible(request, _student_id(request))
    item = get_object_or_404(MicroLesson.objects.prefetch_related("knowledge_points"), pk=lesson_id)
    src = reverse("learning:video", args=[item.pk]) if item.video else item.url
    return render(request, "learning/lesson.html", {
        "lesson": item, "student": student, "src": src, "care": care_mode(request),
        "rest_minutes": SCREEN_TIME.continuous_minutes, "reset_minutes": SCREEN_TIME.break_resets_after_minutes,
        "screen_source": SCREEN_TIME.source,
    })


@login_required
@require_POST
def statements(request: HttpRequest, lesson_id: int) -> JsonResponse:
    """Store one xAPI-style statement; 400 with the reason when it is not one we keep."""
    scope, student = student_visible(request, _student_id(request))
    # watching counts only when the student or their guardian watches (a teacher's preview does not)
    require(student.pk in scope.own_student_ids | scope.child_student_ids, scope=scope,
            what=f"record watching for student {student.pk}")
    item = get_object_or_404(MicroLesson, pk=lesson_id)
    try:
        data = json.loads(request.body.decode("utf-8") or "null")
        stored = statement_record(data=data, lesson=item, student=student, user=request.user)
    except (ValueError, UnicodeDecodeError) as error:  # StatementRejected and JSON errors alike
        message = str(error) if isinstance(error, StatementRejected) else f"not JSON: {error}"
        return JsonResponse({"error": message}, status=400)
    return JsonResponse({"id": stored.pk}, status=201)


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@login_required
def video(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """An uploaded lesson video, with byte ranges so that the player can seek (media files are
    not served by the web server in the demo or by Django outside DEBUG)."""
    item = get_object_or_404(MicroLesson, pk=lesson_id)
    if not item.video:
        raise Http404("the lesson has no uploaded video")
    try:
        size = item.video.size
        handle = item.video.open("rb")
    except OSError as error:
        raise Http404(f"the lesson's video file is missing: {error}") from error
    content_type = "video/webm" if item.video.name.endswith(".webm") else "video/mp4"
    match = _RANGE.match(request.headers.get("Range", ""))
    if not match or (not match[1] and not match[2]):
        response = FileResponse(handle, content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    start = int(match[1]) if match[1] else max(0, size - int(match[2]))
    end = min(int(match[2]), size - 1) if match[1] and match[2] else size - 1
    if start >= size or start > end:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle.seek(start)
    body = handle.read(end - start + 1)
    handle.close()
    response = HttpResponse(body, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
