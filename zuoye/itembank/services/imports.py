"""Importing item files, all-or-nothing: every problem is reported, and nothing is written unless
the whole file is sound. The raw upload is kept either way."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from zuoye.accounts.models import User
from zuoye.core import itemformats as fmt
from zuoye.itembank.models import Item, ItemImport, KnowledgePoint
from zuoye.itembank.services.items import Placement, content_hash, items_store, placement_of
from zuoye.schools.models import Subject


@dataclass(frozen=True)
class ImportReport:
    record: ItemImport
    problems: tuple[fmt.ItemProblem, ...]
    created: int
    unchanged: int

    @property
    def ok(self) -> bool:
        return not self.problems


def _record(data: bytes, filename: str, actor: User | None, dry_run: bool) -> ItemImport:
    record = ItemImport(
        filename=filename[:200], sha256=hashlib.sha256(data).hexdigest(), created_by=actor, dry_run=dry_run
    )
    record.file.save(filename.rsplit("/", 1)[-1] or "items", ContentFile(data), save=False)
    record.save()
    return record


def _would_store(entries: list[tuple[fmt.ItemData, Placement, None]]) -> tuple[int, int]:
    """(new, already in the bank) for a dry run, counted as :func:`items_store` would."""
    hashes = {content_hash(data) for data, _, _ in entries}
    present = Item.objects.filter(content_hash__in=hashes).count()
    return len(hashes) - present, len(entries) - (len(hashes) - present)


def items_import(
    *, data: bytes, filename: str, actor: User | None, fallback: Placement | None = None, dry_run: bool = False
) -> ImportReport:
    """Read any supported item file and store its items, or none of them.

    ``fallback`` places items that name no knowledge point (a subject and grade chosen in the
    upload form); without it such items are refused. A dry run writes no item and reports how
    many items *would* be created and how many are in the bank already.
    """
    record = _record(data, filename, actor, dry_run)
    options = fmt.ImportOptions(known_points=set(KnowledgePoint.objects.values_list("code", flat=True)))
    items, problems = fmt.import_items(data, file=filename, options=options)
    problems = list(problems)
    subjects = {s.code: s for s in Subject.objects.all()}
    entries = []
    for data_item in items:
        place = placement_of(data_item, subjects, fallback)
        if place is None:
            problems.append(fmt.ItemProblem(filename, data_item.identifier, None,
                                            "no knowledge point and no subject/grade chosen: cannot place the item"))
        else:
            entries.append((data_item, place, None))
    if not items and not problems:
        problems.append(fmt.ItemProblem(filename, "", None, "the file holds no items"))
    created = unchanged = 0
    if not problems and dry_run:
        created, unchanged = _would_store(entries)
    elif not problems:
        with transaction.atomic():
            stored, created = items_store(entries, actor=actor)
        unchanged = len(stored) - created
    record.ok = not problems
    record.created_count, record.unchanged_count = created, unchanged
    record.problems = [{"file": p.file, "item": p.item_id, "line": p.line, "reason": p.reason} for p in problems]
    record.save(update_fields=["ok", "created_count", "unchanged_count", "problems"])
    return ImportReport(record, tuple(problems), created, unchanged)
