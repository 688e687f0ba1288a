"""The JSON-lines dot format and its parser.

A dot-pattern pen reports every dot it sees; gateways forward them one JSON object a line
(README.md, "Dot format"). Uploads come from classroom gateways and offline syncs, so a
file may hold garbage lines: the parser keeps every good dot, reports each bad line with its
number and why, and hands the good dots on as numpy columns so later stages stay vectorised.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import numpy as np
import numpy.typing as npt


class DotType(IntEnum):
    DOWN = 0
    MOVE = 1
    UP = 2
    HOVER = 3
    ERROR = 4


DOT_TYPE_NAMES = {t.name.lower(): t for t in DotType}


@dataclass(frozen=True, order=True)
class NcodeAddress:
    """Where a dot-pattern page sits in the Ncode address space: section, owner, book, page."""

    section: int
    owner: int
    book: int
    page: int

    def __str__(self) -> str:
        return f"{self.section}.{self.owner}.{self.book}.{self.page}"


@dataclass(frozen=True)
class Dot:
    """One dot as written in the file (used to write files; the parser produces columns)."""

    pen: str
    address: NcodeAddress
    x: float
    y: float
    force: int
    t: int
    kind: DotType

    def to_json(self) -> str:
        a = self.address
        return (f'{{"pen":"{self.pen}","sec":{a.section},"own":{a.owner},"book":{a.book},"page":{a.page},'
                f'"x":{self.x:.2f},"y":{self.y:.2f},"f":{self.force},"t":{self.t},"type":"{self.kind.name.lower()}"}}')


@dataclass(frozen=True)
class LineProblem:
    """A line that was skipped: its 1-based number and why."""

    line: int
    reason: str


@dataclass(frozen=True, eq=False)
class DotBatch:
    """Good dots as columns: ``pen`` and ``page`` index into ``pens`` and ``addresses``."""

    pens: tuple[str, ...]
    addresses: tuple[NcodeAddress, ...]
    pen: npt.NDArray[np.int32]
    page: npt.NDArray[np.int32]
    x: npt.NDArray[np.float64]
    y: npt.NDArray[np.float64]
    force: npt.NDArray[np.int32]
    t: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.t.shape[0])


@dataclass(frozen=True, eq=False)
class ParseResult:
    dots: DotBatch
    problems: tuple[LineProblem, ...]


_INT_FIELDS = ("sec", "own", "book", "page", "f", "t")


def _check(obj: Any) -> str | None:
    """Why this decoded line is not a dot, or None when it is one."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    pen = obj.get("pen")
    if not isinstance(pen, str) or not pen:
        return "missing pen serial"
    for name in _INT_FIELDS:
        value = obj.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return f"field {name!r} must be a non-negative integer"
    for name in ("x", "y"):
        value = obj.get(name)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value < 1e5:
            return f"field {name!r} must be a number of Ncode units"
    if obj.get("type") not in DOT_TYPE_NAMES:
        return f"unknown dot type {obj.get('type')!r}"
    return None


class _Columns:
    """Accumulates good dots; interns pens and page addresses to small integers."""

    def __init__(self) -> None:
        self.pen_ids: dict[str, int] = {}
        self.page_ids: dict[NcodeAddress, int] = {}
        self.rows: list[tuple[int, int, float, float, int, int, int]] = []

    def add(self, obj: dict[str, Any]) -> None:
        pen = self.pen_ids.setdefault(obj["pen"], len(self.pen_ids))
        address = NcodeAddress(obj["sec"], obj["own"], obj["book"], obj["page"])
        page = self.page_ids.setdefault(address, len(self.page_ids))
        self.rows.append((pen, page, float(obj["x"]), float(obj["y"]), obj["f"], obj["t"],
                          DOT_TYPE_NAMES[obj["type"]]))

    def batch(self) -> DotBatch:
        cols = list(zip(*self.rows)) if self.rows else [()] * 7
        return DotBatch(
            pens=tuple(self.pen_ids), addresses=tuple(self.page_ids),
            pen=np.array(cols[0], np.int32), page=np.array(cols[1], np.int32),
            x=np.array(cols[2], np.float64), y=np.array(cols[3], np.float64),
            force=np.array(cols[4], np.int32), t=np.array(cols[5], np.int64), kind=np.array(cols[6], np.int8),
        )


def parse_dots(lines: Iterable[str | bytes]) -> ParseResult:
    """Parse JSON lines; blank lines are ignored, bad ones reported by 1-based line number."""
    columns = _Columns()
    problems: list[LineProblem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(LineProblem(number, f"not JSON: {exc}"))
            continue
        reason = _check(obj)
        if reason is not None:
            problems.append(LineProblem(number, reason))
            continue
        columns.add(obj)
    return ParseResult(columns.batch(), tuple(problems))


def dots_to_lines(dots: Iterable[Dot]) -> str:
    """The JSON-lines text for these dots, one per line, newline-terminated."""
    return "".join(d.to_json() + "\n" for d in dots)
