"""The one door through which results enter (DESIGN.md): ``responses_record``.

Scans, pen sessions, phone photos, the self-report form and the teacher's review queue all
call this and nothing else writes ``Response`` rows. It checks every row first (the item
belongs to the assignment, the student to one of its classes) and writes all or nothing, in
bulk: one read of the rows already there, one insert, one update.

Re-sending the same thing changes nothing (a page scanned twice, a replayed pen upload). A
weaker source does not overwrite a stronger one: a student's self-report does not replace what
the teacher's marks on paper said, and a machine reading does not replace the teacher's own
confirmation in the review queue (``SOURCE_STRENGTH``).

Apps that derive from responses (the notebook, mastery, rollups) subscribe with
``responses_listen``; listeners run after the transaction commits, with the ids touched, so a
listener that fails never loses a recorded result. This is an explicit list rather than a Django
signal so that the order is visible and the one door stays greppable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import logging

from django.db import transaction
from django.utils import timezone

from zuoye.accounts.models import User
from zuoye.homework.models import Assignment, AssignmentItem, Response
from zuoye.schools.models import Student

log = logging.getLogger(__name__)

SOURCE_STRENGTH: dict[str, int] = {
    Response.Source.SELF: 1,
    Response.Source.PHOTO: 2,
    Response.Source.SCAN: 2,
    Response.Source.PEN: 2,
    Response.Source.TEACHER: 3,
}
"""Which source may overwrite which: an equal or stronger one may, a weaker one may not."""

_FIELDS = ("outcome", "score", "answer", "mark", "confidence", "evidence", "source")


@dataclass(frozen=True)
class ResponseIn:
    """One result to record. ``assignment_item_id`` is the layout's item key on printed sheets."""

    assignment_item_id: int
    student_id: int
    outcome: str
    score: Decimal | None = None
    answer: str = ""
    mark: str = ""
    confidence: float = 1.0
    evidence: str = ""


@dataclass(frozen=True)
class Recorded:
    """What one call did, and what the listeners are told."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # not overwritten: a stronger source holds the row
    assignment_ids: frozenset[int] = frozenset()
    student_ids: frozenset[int] = frozenset()
    response_ids: tuple[int, ...] = field(default=())  # rows created or changed


class ResponsesRejected(ValueError):
    """Nothing was recorded: each problem names the row (0-based), the item and the student."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems[:10]) + (f" … ({len(self.problems)} problems)"
                                                             if len(self.problems) > 10 else ""))


Listener = Callable[[Recorded], None]
_listeners: list[Listener] = []


def responses_listen(listener: Listener) -> None:
    """Call ``listener`` after every commit that recorded something (apps register in ``ready()``)."""
    if listener not in _listeners:
        _listeners.append(listener)


def _check(rows: Sequence[ResponseIn], source: str) -> dict[int, AssignmentItem]:
    if source not in SOURCE_STRENGTH:
        raise ResponsesRejected([f"unknown source {source!r}"])
    links = {link.pk: link for link in AssignmentItem.objects.filter(
        pk__in={r.assignment_item_id for r in rows}).select_related("assignment", "item")}
    class_of = dict(Student.objects.filter(pk__in={r.student_id for r in rows}).values_list("pk", "current_class_id"))
    classes: dict[int, set[int]] = {}
    for assignment_id, class_id in Assignment.classes.through.objects.filter(
            assignment_id__in={link.assignment_id for link in links.values()}).values_list(
            "assignment_id", "school_class_id"):
        classes.setdefault(assignment_id, set()).add(class_id)
    problems = []
    for n, row in enumerate(rows):
        link = links.get(row.assignment_item_id)
        if link is None:
            problems.append(f"row {n}: no assignment item {row.assignment_item_id}")
        elif row.student_id not in class_of:
            problems.append(f"row {n}: no student {row.student_id}")
        elif class_of[row.student_id] not in classes.get(link.assignment_id, set()):
            problems.append(f"row {n}: student {row.student_id} is not in a class of assignment {link.assignment_id}")
        elif row.outcome not in Response.Outcome.values:
            problems.append(f"row {n}: unknown outcome {row.outcome!r}")
        elif not 0.0 <= row.confidence <= 1.0:
            problems.append(f"row {n}: confidence {row.confidence} is outside 0..1")
    if problems:
        raise ResponsesRejected(problems)
    return links


def _last_wins(rows: Iterable[ResponseIn]) -> dict[tuple[int, int], ResponseIn]:
    """Within one call the same (item, student) twice: the later row is the newer reading."""
    return {(r.assignment_item_id, r.student_id): r for r in rows}


@transaction.atomic
def responses_record(*, responses: Sequence[ResponseIn], source: str,
                     recorded_by: User | None = None) -> Recorded:
    """Store results, all or nothing; idempotent; never lets a weaker source overwrite a stronger one."""
    if not responses:
        return Recorded()
    links = _check(responses, source)
    wanted = _last_wins(responses)
    class_of = dict(Student.objects.filter(pk__in={s for _, s in wanted}).values_list("pk", "current_class_id"))
    existing = {(r.assignment_item_id, r.student_id): r for r in Response.objects.select_for_update().filter(
        assignment_item_id__in={i for i, _ in wanted}, student_id__in={s for _, s in wanted})}
    now = timezone.now()
    strength = SOURCE_STRENGTH[source]
    new, changed, unchanged, kept = [], [], 0, 0
    for key, row in wanted.items():
        values = {"outcome": row.outcome, "score": row.score, "answer": row.answer[:40], "mark": row.mark[:12],
                  "confidence": row.confidence, "evidence": row.evidence[:80], "source": source}
        old = existing.get(key)
        if old is None:
            link = links[row.assignment_item_id]
            new.append(Response(assignment_item=link, student_id=row.student_id, assignment_id=link.assignment_id,
                                school_class_id=class_of[row.student_id], item_id=link.item_id,
                                subject_id=link.assignment.subject_id, assigned_on=link.assignment.assigned_on,
                                recorded_by=recorded_by, recorded_at=now, **values))
        elif SOURCE_STRENGTH.get(old.source, 0) > strength:
            kept += 1
        elif all(getattr(old, name) == values[name] for name in _FIELDS if name != "evidence"):
            unchanged += 1
        else:
            for name, value in values.items():
                setattr(old, name, value)
            old.recorded_by, old.recorded_at, old.revision = recorded_by, now, old.revision + 1
            changed.append(old)
    Response.objects.bulk_create(new, batch_size=2000)
    Response.objects.bulk_update(changed, [*_FIELDS, "recorded_by", "recorded_at", "revision"], batch_size=2000)
    touched = [*new, *changed]
    result = Recorded(
        created=len(new), updated=len(changed), unchanged=unchanged, kept=kept,
        assignment_ids=frozenset(r.assignment_id for r in touched),
        student_ids=frozenset(r.student_id for r in touched),
        response_ids=tuple(r.pk for r in touched if r.pk is not None),
    )
    if touched:
        transaction.on_commit(lambda: _notify(result), robust=True)
    return result


def _notify(result: Recorded) -> None:
    """Each listener alone: one that fails is logged and the others still run (the responses are
    stored; a derived view can be rebuilt from them)."""
    for listener in list(_listeners):
        try:
            listener(result)
        except Exception:  # noqa: BLE001 - a derived view must not break recording
            log.exception("response listener %s failed", getattr(listener, "__qualname__", listener))
