"""Storing micro-lessons (微课): a short video, uploaded or linked, tagged with knowledge points.

Only stored for now; pushing lessons to students and tracking who watched come later. An
upload must really be a video (its first bytes, not its name, decide), so a renamed document
or picture is refused before it takes disk space.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from zuoye.accounts.models import User
from zuoye.itembank.models import KnowledgePoint, MicroLesson

MAX_DURATION_SECONDS = 60 * 60
"""A micro-lesson is short: anything over an hour is a typing mistake."""


def video_kind(head: bytes) -> str | None:
    """The container a file's first bytes announce (MP4/MOV, WebM/Matroska, Ogg), else ``None``."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"OggS"):
        return "ogg"
    return None


def _check(title: str, video: UploadedFile | None, url: str, duration_seconds: int,
           points: Sequence[KnowledgePoint]) -> None:
    if not title.strip():
        raise ValidationError(_("Give the lesson a title."))
    if bool(video) == bool(url.strip()):
        raise ValidationError(_("Give either a video file or a link to the video, not both."))
    if not 1 <= duration_seconds <= MAX_DURATION_SECONDS:
        raise ValidationError(_("The duration must be between 1 second and 60 minutes."))
    if not points:
        raise ValidationError(_("Choose at least one knowledge point."))
    if video is not None:
        video.seek(0)
        head = video.read(16)
        video.seek(0)
        if video_kind(head) is None:
            raise ValidationError(_("%(name)s is not a video (MP4, WebM or Ogg).") % {"name": video.name})


@transaction.atomic
def micro_lesson_create(
    *, title: str, duration_seconds: int, knowledge_points: Sequence[KnowledgePoint], author: User,
    video: UploadedFile | None = None, url: str = "",
) -> MicroLesson:
    _check(title, video, url, duration_seconds, knowledge_points)
    lesson = MicroLesson(
        title=title.strip(), url=url.strip(), duration_seconds=duration_seconds, author=author,
        author_name=getattr(author, "full_name", "") or author.get_username(),
    )
    if video is not None:
        lesson.video.save(video.name.rsplit("/", 1)[-1], video, save=False)
    lesson.save()
    lesson.knowledge_points.set(knowledge_points)
    return lesson
