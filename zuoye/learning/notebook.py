"""The wrong-question notebook rule (错题本), as a pure function over one student's responses.

Why a pure function: the notebook must be rebuilt from the stored responses at any time and
kept up to date as results arrive, and the two must agree. Both call :func:`derive` on the
student's responses in a subject, so "rebuild equals incremental" holds by construction.

The rule, per item a student answered wrong or partly right (the *entry*):

- the latest wrong or partial answer on the item (re)opens the entry: status ``open``;
- a later response (a later assignment: later day, or the same day and a later assignment)
  on the very item or a fresh variant of it (same template) that is right → ``mastered``;
- a later right answer on ``RELATED_RIGHT_FOR_MASTERED`` other items sharing a knowledge point
  (extension exercises, booklet items, a re-test) → ``mastered``;
- any other later attempt on the item, a variant or a related item → ``practised``.

Unmarked responses say nothing and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

RELATED_RIGHT_FOR_MASTERED = 2
"""Right answers on other items of the same knowledge point that count as having mastered it."""

WRONG = frozenset({"wrong", "partial"})


@dataclass(frozen=True)
class Row:
    """One stored response, reduced to what the rule reads."""

    response_id: int
    item_id: int
    assignment_id: int
    assigned_on: date
    outcome: str
    answer: str = ""
    class_id: int = 0

    @property
    def key(self) -> tuple[date, int]:
        return (self.assigned_on, self.assignment_id)


@dataclass(frozen=True)
class ItemInfo:
    knowledge_points: frozenset[str] = frozenset()
    template_code: str = ""


@dataclass(frozen=True)
class Entry:
    item_id: int
    wrong: Row
    first_wrong_on: date
    wrong_count: int
    status: str = "open"
    status_on: date | None = None
    related_right: frozenset[int] = field(default_factory=frozenset)


def _same_family(a: int, b: int, items: Mapping[int, ItemInfo]) -> bool:
    if a == b:
        return True
    ta, tb = items.get(a, ItemInfo()).template_code, items.get(b, ItemInfo()).template_code
    return bool(ta) and ta == tb


def _advance(entry: Entry, row: Row, items: Mapping[int, ItemInfo]) -> Entry:
    """What a later response does to an entry (it is not a new wrong answer on the item itself)."""
    if entry.status == "mastered" or row.key <= entry.wrong.key:
        return entry
    right = row.outcome == "right"
    if _same_family(entry.item_id, row.item_id, items):
        if right:
            return replace(entry, status="mastered", status_on=row.assigned_on)
        return entry if entry.status == "practised" else replace(entry, status="practised", status_on=row.assigned_on)
    mine = items.get(entry.item_id, ItemInfo()).knowledge_points
    if not mine & items.get(row.item_id, ItemInfo()).knowledge_points:
        return entry
    related = entry.related_right | {row.item_id} if right else entry.related_right
    if len(related) >= RELATED_RIGHT_FOR_MASTERED:
        return replace(entry, status="mastered", status_on=row.assigned_on, related_right=related)
    if entry.status == "open":
        return replace(entry, status="practised", status_on=row.assigned_on, related_right=related)
    return replace(entry, related_right=related)


def derive(rows: Iterable[Row], items: Mapping[int, ItemInfo]) -> dict[int, Entry]:
    """The notebook entries (by item id) of one student, from their responses in any order."""
    entries: dict[int, Entry] = {}
    for row in sorted(rows, key=lambda r: (r.assigned_on, r.assignment_id, r.response_id)):
        if row.outcome not in WRONG and row.outcome != "right":
            continue
        for item_id, entry in list(entries.items()):
            if item_id != row.item_id or row.outcome not in WRONG:
                entries[item_id] = _advance(entry, row, items)
        if row.outcome in WRONG:
            old = entries.get(row.item_id)
            entries[row.item_id] = Entry(
                item_id=row.item_id, wrong=row,
                first_wrong_on=old.first_wrong_on if old else row.assigned_on,
                wrong_count=(old.wrong_count if old else 0) + 1,
            )
    return entries
