"""Store xAPI-style watch statements for micro-lessons (ADL video profile).

The lesson page's script sends one statement per event (played, paused, seeked, completed,
and ``failed`` when the video cannot be loaded). Only the verbs below are accepted; the
result extensions are the profile's ``time``, ``progress``, ``played-segments``,
``time-from`` and ``time-to``. Anything else is rejected with a message naming the field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from zuoye.accounts.models import User
from zuoye.itembank.models import MicroLesson
from zuoye.learning.models import Statement
from zuoye.schools.models import Student

VIDEO_EXT = "https://w3id.org/xapi/video/extensions/"
VERBS: dict[str, str] = {
    "http://adlnet.gov/expapi/verbs/initialized": "initialized",
    "https://w3id.org/xapi/video/verbs/played": "played",
    "https://w3id.org/xapi/video/verbs/paused": "paused",
    "https://w3id.org/xapi/video/verbs/seeked": "seeked",
    "http://adlnet.gov/expapi/verbs/completed": "completed",
    "http://adlnet.gov/expapi/verbs/terminated": "terminated",
    "http://adlnet.gov/expapi/verbs/failed": "failed",
}
"""Accepted verb IRIs → short names (the ADL video profile's, plus ``failed`` for a video that did not load)."""

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PLAYED = "https://w3id.org/xapi/video/verbs/played"
FAILED = "http://adlnet.gov/expapi/verbs/failed"


class StatementRejected(ValueError):
    """The statement is not one we store; the message names the field."""


def _number(extensions: dict[str, Any], name: str, *, low: float = 0.0, high: float | None = None) -> float | None:
    value = extensions.get(VIDEO_EXT + name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise StatementRejected(f"result.extensions {name}: a number is needed, got {value!r}")
    if value < low or (high is not None and value > high):
        raise StatementRejected(f"result.extensions {name}: {value} is outside {low}..{high if high is not None else '∞'}")
    return float(value)


def _when(raw: Any) -> datetime:
    if raw in (None, ""):
        return timezone.now()
    parsed = parse_datetime(str(raw))
    if parsed is None:
        raise StatementRejected(f"timestamp: {raw!r} is not an ISO 8601 time")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def statement_record(*, data: dict[str, Any], lesson: MicroLesson, student: Student, user: User) -> Statement:
    """Check and store one statement (the caller has checked that ``user`` may act for ``student``)."""
    if not isinstance(data, dict):
        raise StatementRejected("the statement must be a JSON object")
    verb = (data.get("verb") or {}).get("id") if isinstance(data.get("verb"), dict) else None
    if verb not in VERBS:
        raise StatementRejected(f"verb.id: {verb!r} is not one of the video profile's verbs")
    result = data.get("result") or {}
    extensions = result.get("extensions") or {} if isinstance(result, dict) else {}
    if not isinstance(extensions, dict):
        raise StatementRejected("result.extensions must be an object")
    session = str((data.get("context") or {}).get("registration") or "")[:40]
    if not session:
        raise StatementRejected("context.registration: the page visit's id is missing")
    segments = extensions.get(VIDEO_EXT + "played-segments") or ""
    if not isinstance(segments, str):
        raise StatementRejected("result.extensions played-segments must be text like '0[.]12.5[,]20[.]31'")
    error = str(result.get("response") or "")[:200] if verb == FAILED else ""
    if verb == FAILED and not error:
        raise StatementRejected("result.response: a failed statement says what went wrong")
    return Statement.objects.create(
        user=user, student=student, lesson=lesson, verb=verb, session=session,
        time=_number(extensions, "time"), progress=_number(extensions, "progress", high=1.0),
        played_segments=segments[:2000], time_from=_number(extensions, "time-from"),
        time_to=_number(extensions, "time-to"), error=error, timestamp=_when(data.get("timestamp")),
    )
