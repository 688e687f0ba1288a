"""Fit the learner model per subject and keep each student's mastery state current.

``mastery_fit`` (the ``learning.mastery_fit`` job, nightly or on demand) fits the core's record
model on all stored responses of a subject and stores it; a subject never fitted uses the core's
BKT defaults (cold start). ``mastery_refresh`` replays a student's responses in a subject
through the current model: the listener calls it for the students a batch touched, so each
state is current within seconds. An item with several knowledge points counts once per point
(the core's convention); unmarked responses are skipped; partly right counts as wrong.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Collection

from django.db import transaction

from zuoye.core.mastery import BKTModel, RecordModel, Response as Obs, ResponseLog, StudentState, assess, fit_bkt, fit_record
from zuoye.homework.models import Response
from zuoye.itembank.models import KnowledgePoint
from zuoye.learning.mastery_store import model_from_data, model_to_data, state_to_data
from zuoye.learning.models import MasteryFit, MasteryState, PointParams
from zuoye.learning.services.notebook import item_infos

COLD_START = fit_bkt(ResponseLog.from_responses([]))
"""The core's textbook defaults (prior 0.4, learn 0.12, guess 0.2, slip 0.1) for a subject never fitted."""


def _observations(student_ids: Collection[int] | None, subject_id: int) -> dict[int, list[Obs]]:
    """Each student's responses in the subject, in time order, one per knowledge point of the item."""
    rows = Response.objects.filter(subject_id=subject_id).exclude(outcome=Response.Outcome.UNMARKED)
    if student_ids is not None:
        rows = rows.filter(student_id__in=student_ids)
    data = list(rows.order_by("student_id", "assigned_on", "assignment_id", "assignment_item__position").values_list(
        "student_id", "item_id", "outcome"))
    items = item_infos({item for _, item, _ in data})
    out: dict[int, list[Obs]] = defaultdict(list)
    for student, item, outcome in data:
        for code in sorted(items[item].knowledge_points):
            out[student].append(Obs(student, code, outcome == "right"))
    return out


def current_model(subject_id: int) -> tuple[BKTModel | RecordModel, MasteryFit | None]:
    fit = MasteryFit.objects.filter(subject_id=subject_id).order_by("-fitted_at", "-id").first()
    return (model_from_data(fit.model), fit) if fit else (COLD_START, None)


def levels_of(model: BKTModel | RecordModel, state: StudentState) -> dict[str, dict[str, object]]:
    out = {}
    for code in state.skills:
        level = assess(model, state, code)
        out[str(code)] = {"level": level.level, "name": level.name, "explanation": level.explanation,
                          "tentative": level.tentative, "p": round(level.p_known, 4)}
    return out


@transaction.atomic
def mastery_refresh(*, student_ids: Collection[int], subject_ids: Collection[int]) -> int:
    """Replay the students' responses per subject through the current model; returns states written."""
    written = 0
    for subject_id in subject_ids:
        model, fit = current_model(subject_id)
        per_student = _observations(student_ids, subject_id)
        existing = {s.student_id: s for s in MasteryState.objects.filter(student_id__in=student_ids, subject_id=subject_id)}
        new, changed = [], []
        for student_id in student_ids:
            state = StudentState()
            for obs in per_student.get(student_id, ()):
                state = model.update(state, obs)
            values = {"state": state_to_data(state), "levels": levels_of(model, state), "fit": fit}
            row = existing.get(student_id)
            if row is None:
                if state.attempts:
                    new.append(MasteryState(student_id=student_id, subject_id=subject_id, **values))
            else:
                for name, value in values.items():
                    setattr(row, name, value)
                changed.append(row)
        MasteryState.objects.bulk_create(new, batch_size=1000)
        MasteryState.objects.bulk_update(changed, ["state", "levels", "fit"], batch_size=1000)
        written += len(new) + len(changed)
    return written


def mastery_fit(*, subject_id: int) -> MasteryFit:
    """Fit the record model on every stored response of the subject, store it, and refresh all states."""
    per_student = _observations(None, subject_id)
    rows = [obs for seq in per_student.values() for obs in seq]
    started = time.perf_counter()
    model = fit_record(ResponseLog.from_responses(rows))
    seconds = time.perf_counter() - started
    with transaction.atomic():
        fit = MasteryFit.objects.create(subject_id=subject_id, model=model_to_data(model), n_responses=len(rows),
                                        n_students=len(per_student), n_points=len(model.bkt.params), seconds=seconds)
        points = dict(KnowledgePoint.objects.filter(code__in=[str(c) for c in model.bkt.params]).values_list("code", "pk"))
        PointParams.objects.bulk_create([
            PointParams(fit=fit, knowledge_point_id=points[str(code)], prior=p.prior, learn=p.learn, guess=p.guess,
                        slip=p.slip, n_responses=p.n_responses)
            for code, p in model.bkt.params.items() if str(code) in points])
    mastery_refresh(student_ids=list(per_student), subject_ids=[subject_id])
    return fit
