"""Background jobs of learning: refitting the learner model, and refreshing after a big batch."""

from __future__ import annotations

from typing import Any

from zuoye.jobs.registry import Progress, handler
from zuoye.learning.services.listener import learning_refresh
from zuoye.learning.services.mastery import mastery_fit


@handler("learning.mastery_fit")
def fit(*, progress: Progress, subject_ids: list[int]) -> dict[str, Any]:
    """Refit each subject (nightly, or when a teacher asks); every student's levels follow."""
    out = {}
    for n, subject_id in enumerate(subject_ids):
        progress(n, len(subject_ids), f"subject {subject_id}")
        done = mastery_fit(subject_id=subject_id)
        out[str(subject_id)] = {"fit_id": done.pk, "responses": done.n_responses, "seconds": round(done.seconds, 3)}
    progress(len(subject_ids), len(subject_ids), "done")
    return out


@handler("learning.refresh")
def refresh(*, progress: Progress, student_ids: list[int], subject_ids: list[int]) -> dict[str, Any]:
    """Notebook and mastery of many students after a big batch of responses, 500 students at a time."""
    step = 500
    for start in range(0, len(student_ids), step):
        progress(start, len(student_ids), "")
        learning_refresh(student_ids=student_ids[start:start + step], subject_ids=subject_ids)
    progress(len(student_ids), len(student_ids), "done")
    return {"students": len(student_ids)}
