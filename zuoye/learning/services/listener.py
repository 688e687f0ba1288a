"""The responses listener: notebook and mastery follow every recorded batch within seconds.

Small batches (a class's page, a pen session) are handled at once after the commit; a batch
touching more than ``INLINE_MAX_STUDENTS`` students (an import, the demo) goes to a job so that
the request that recorded it does not wait.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from zuoye.homework.models import Assignment
from zuoye.homework.services.responses import Recorded

INLINE_MAX_STUDENTS = 300

_paused = threading.local()


@contextmanager
def listener_paused() -> Iterator[None]:
    """For bulk loads (the demo) that rebuild the notebook and refit mastery once at the end,
    instead of after each of hundreds of small batches. Per thread."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def learning_refresh(*, student_ids: Collection[int], subject_ids: Collection[int]) -> None:
    from zuoye.learning.services.mastery import mastery_refresh
    from zuoye.learning.services.notebook import notebook_rebuild

    notebook_rebuild(student_ids=student_ids, subject_ids=subject_ids)
    mastery_refresh(student_ids=student_ids, subject_ids=subject_ids)


def on_responses(result: Recorded) -> None:
    if not result.student_ids or getattr(_paused, "on", False):
        return
    subject_ids = sorted(set(Assignment.objects.filter(pk__in=result.assignment_ids).values_list("subject_id", flat=True)))
    student_ids = sorted(result.student_ids)
    if len(student_ids) > INLINE_MAX_STUDENTS:
        from zuoye.jobs.services import job_enqueue

        job_enqueue(kind="learning.refresh", params={"student_ids": student_ids, "subject_ids": subject_ids}, actor=None)
        return
    learning_refresh(student_ids=student_ids, subject_ids=subject_ids)
