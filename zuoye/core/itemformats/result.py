"""What every importer returns: the good items and the problems, never a half-read file.

Items with a problem are left out of ``items``; whether the good ones are stored when others
failed is the caller's decision (the item bank refuses the whole file by default).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .model import ItemData, ItemProblem


class ImportResult(NamedTuple):
    items: tuple[ItemData, ...]
    problems: tuple[ItemProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def finish(file: str, found: Iterable[tuple[ItemData, int | None]], problems: list[ItemProblem]) -> ImportResult:
    """The result, with a problem for every identifier used twice in one file."""
    items: list[ItemData] = []
    seen: set[str] = set()
    for item, line in found:
        if item.identifier in seen:
            problems.append(ItemProblem(file, item.identifier, line, "the identifier is used by an earlier item in this file"))
            continue
        seen.add(item.identifier)
        items.append(item)
    return ImportResult(tuple(items), tuple(problems))
