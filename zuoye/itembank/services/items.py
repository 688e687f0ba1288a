"""Storing items: one row per distinct content, whatever file or template it came from.

An item's content hash covers what a student sees and what is marked right (type, stem,
options, answer, image); so re-importing the same QTI package, or regenerating the same
variant, finds the existing row instead of adding a copy.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from zuoye.accounts.models import User
from zuoye.core import itemformats as fmt
from zuoye.core.curriculum import parse_code
from zuoye.itembank.models import Item, KnowledgePoint
from zuoye.schools.models import Subject


def answer_to_json(answer: fmt.Answer) -> object:
    if isinstance(answer, fmt.ChoiceAnswer):
        return list(answer.labels)
    if isinstance(answer, fmt.TrueFalseAnswer):
        return answer.value
    if isinstance(answer, fmt.BlanksAnswer):
        return [{"accepted": list(b.accepted), "tolerance": b.tolerance} for b in answer.blanks]
    return answer.text


def answer_from_json(kind: str, value: object) -> fmt.Answer:
    if kind in (Item.Type.SINGLE_CHOICE, Item.Type.MULTIPLE_CHOICE):
        return fmt.ChoiceAnswer(tuple(value))  # type: ignore[arg-type]
    if kind == Item.Type.TRUE_FALSE:
        return fmt.TrueFalseAnswer(bool(value))
    if kind == Item.Type.FILL_BLANK:
        return fmt.BlanksAnswer(tuple(fmt.Blank(tuple(b["accepted"]), b["tolerance"]) for b in value))  # type: ignore[union-attr]
    return fmt.ModelAnswer(str(value))


def content_hash(data: fmt.ItemData) -> str:
    seen = {
        "type": str(data.type), "stem": fmt.normalize_text(data.stem),
        "options": [(o.label, fmt.normalize_text(o.text)) for o in data.options],
        "answer": answer_to_json(data.answer),
        "image": hashlib.sha256(data.image.data).hexdigest() if data.image else "",
    }
    return hashlib.sha256(json.dumps(seen, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Placement:
    """Which subject and grade an item belongs to: from its knowledge points, or given."""

    subject: Subject
    grade: int


def placement_of(data: fmt.ItemData, subjects: dict[str, Subject], fallback: Placement | None) -> Placement | None:
    for code in data.knowledge_points:
        parts = parse_code(code)
        if parts.grade is not None and parts.subject in subjects:
            return Placement(subjects[parts.subject], parts.grade)
    return fallback


def item_build(data: fmt.ItemData, place: Placement, *, actor: User | None, template: tuple[str, int] | None = None) -> Item:
    item = Item(
        subject=place.subject, grade=place.grade, type=str(data.type), stem=data.stem,
        options=[asdict(o) for o in data.options], answer=answer_to_json(data.answer),
        explanation=data.explanation, full_score=Decimal(str(data.full_score)), difficulty=data.difficulty,
        minutes=Decimal(str(data.minutes)), source=data.source, external_id=data.identifier[:200],
        content_hash=content_hash(data), created_by=actor,
        template_code=template[0] if template else "", template_seed=template[1] if template else None,
    )
    if data.image is not None:
        item.image.save(data.image.filename, ContentFile(data.image.data), save=False)
    return item


@transaction.atomic
def items_store(
    entries: Sequence[tuple[fmt.ItemData, Placement, tuple[str, int] | None]], *, actor: User | None
) -> tuple[list[Item], int]:
    """Store new items in bulk; returns (all items in input order, number newly created)."""
    hashes = [content_hash(data) for data, _, _ in entries]
    existing = {item.content_hash: item for item in Item.objects.filter(content_hash__in=hashes)}
    new: dict[str, tuple[Item, fmt.ItemData]] = {}
    for (data, place, template), digest in zip(entries, hashes):
        if digest not in existing and digest not in new:
            new[digest] = (item_build(data, place, actor=actor, template=template), data)
    Item.objects.bulk_create([item for item, _ in new.values()], batch_size=500)
    points = {kp.code: kp.pk for kp in KnowledgePoint.objects.filter(
        code__in={code for _, data in new.values() for code in data.knowledge_points})}
    Link = Item.knowledge_points.through
    Link.objects.bulk_create(
        [Link(item_id=item.pk, knowledgepoint_id=points[code])
         for item, data in new.values() for code in dict.fromkeys(data.knowledge_points) if code in points],
        batch_size=2000,
    )
    by_hash = {**existing, **{digest: item for digest, (item, _) in new.items()}}
    return [by_hash[digest] for digest in hashes], len(new)


def item_to_data(item: Item) -> fmt.ItemData:
    image = None
    if item.image:
        with item.image.open("rb") as handle:
            image = fmt.ItemImage(item.image.name.rsplit("/", 1)[-1], handle.read(), _media_type(item.image.name))
    return fmt.ItemData(
        identifier=item.external_id or f"zuoye-item-{item.pk}", type=fmt.ItemType(item.type), stem=item.stem,
        answer=answer_from_json(item.type, item.answer),
        options=tuple(fmt.ChoiceOption(o["label"], o["text"]) for o in item.options),
        explanation=item.explanation, full_score=float(item.full_score), difficulty=item.difficulty,
        minutes=max(1, math.ceil(item.minutes)), knowledge_points=tuple(kp.code for kp in item.knowledge_points.all()),
        source=item.source, image=image,
    )


def _media_type(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml"}.get(ext, "application/octet-stream")
