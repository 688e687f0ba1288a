"""The review queue: readings the machine is unsure of wait for a teacher's one click.

``review_enqueue`` is called by every capture mode (scan, pen, photo) for the readings below
their confidence threshold; it is idempotent by ``dedupe_key``, so a page scanned twice or a
replayed pen upload queues nothing new. ``review_resolve`` records the teacher's decision
through the one door and closes the item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zuoye.accounts.models import User
from zuoye.capture.models import ReviewItem
from zuoye.homework.models import AssignmentItem, Response
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.schools.models import Student


@dataclass(frozen=True)
class ReviewIn:
    """One unsure reading. ``proposed`` holds outcome, score (str or None), answer, mark."""

    kind: str
    dedupe_key: str
    assignment_item_id: int
    student_id: int
    proposed: dict[str, object]
    confidence: float
    reason: str
    crop_png: bytes = b""
    strokes: list[list[list[float]]] = field(default_factory=list)
    box: dict[str, float] = field(default_factory=dict)
    evidence: str = ""


@transaction.atomic
def review_enqueue(*, items: Sequence[ReviewIn]) -> int:
    """Queue unsure readings; returns how many were new (the rest were already queued)."""
    if not items:
        return 0
    known = set(ReviewItem.objects.filter(dedupe_key__in=[i.dedupe_key for i in items])
                .values_list("dedupe_key", flat=True))
    links = {link.pk: link for link in AssignmentItem.objects.filter(
        pk__in={i.assignment_item_id for i in items}).only("pk", "assignment_id")}
    classes = dict(Student.objects.filter(pk__in={i.student_id for i in items}).values_list("pk", "current_class_id"))
    new = []
    for item in items:
        if item.dedupe_key in known:
            continue
        known.add(item.dedupe_key)
        review = ReviewItem(
            kind=item.kind, dedupe_key=item.dedupe_key[:120], assignment_id=links[item.assignment_item_id].assignment_id,
            assignment_item_id=item.assignment_item_id, student_id=item.student_id,
            school_class_id=classes[item.student_id], proposed=item.proposed, confidence=round(item.confidence, 3),
            reason=item.reason[:200], strokes=item.strokes, box=item.box, evidence=item.evidence[:80])
        if item.crop_png:
            review.crop.save(f"{item.dedupe_key.replace(':', '-').replace('/', '-')[:80]}.png",
                             ContentFile(item.crop_png), save=False)
        new.append(review)
    ReviewItem.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def review_resolve(*, review: ReviewItem, outcome: str, actor: User, score: Decimal | None = None,
                   answer: str | None = None) -> ReviewItem:
    """The teacher's decision: recorded as the result (source ``teacher``) and the item closed.

    ``outcome`` equal to the proposal is a confirmation; anything else a correction.
    """
    proposed = review.proposed
    answer = str(proposed.get("answer", "")) if answer is None else answer
    responses_record(responses=[ResponseIn(
        review.assignment_item_id, review.student_id, outcome, score=score, answer=answer,
        mark=str(proposed.get("mark", "")), confidence=1.0, evidence=f"review:{review.pk}")],
        source=Response.Source.TEACHER, recorded_by=actor)
    same = outcome == proposed.get("outcome") and (score is None or str(score) == str(proposed.get("score")))
    review.status = ReviewItem.Status.CONFIRMED if same else ReviewItem.Status.CORRECTED
    review.resolved = {"outcome": outcome, "score": None if score is None else str(score), "answer": answer}
    review.resolved_by, review.resolved_at = actor, timezone.now()
    review.save(update_fields=["status", "resolved", "resolved_by", "resolved_at"])
    return review
