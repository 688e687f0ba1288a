"""The JSON-lines dot format and its parser.

A dot-pattern pen reports every dot it sees; gateways forward them one JSON object a line
(README.md, "Dot format"). Uploads come from classroom gateways and offline syncs, so a
file may hold garbage lines: the parser keeps every good dot, reports each bad line with its
number and why, and hands the good dots on as numpy columns so later stages stay vectorised.
"""

from __future__ import annotations

import itertools
import json
import operator
import re
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
_FIELDS = ("pen", "sec", "own", "book", "page", "x", "y", "f", "t", "type")
_GET = operator.itemgetter(*_FIELDS)
_NOT_A_DOT = (None,) * len(_FIELDS)  # the row of an object lacking a field: fails every check
_TYPE_CODES = {name: int(t) for name, t in DOT_TYPE_NAMES.items()}
#: What the columns hold (force int32, time int64): a larger value is reported, not a crash.
_INT_LIMITS = {"sec": 2 ** 63, "own": 2 ** 63, "book": 2 ** 63, "page": 2 ** 63, "f": 2 ** 31, "t": 2 ** 63}


def _check(obj: Any) -> str | None:
    """Why this decoded line is not a dot, or None when it is one (the reference for every reason)."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    pen = obj.get("pen")
    if not isinstance(pen, str) or not pen:
        return "missing pen serial"
    for name in _INT_FIELDS:
        value = obj.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return f"field {name!r} must be a non-negative integer"
        if value >= _INT_LIMITS[name]:
            return f"field {name!r} must be below {_INT_LIMITS[name]}"
    for name in ("x", "y"):
        value = obj.get(name)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value < 1e5:
            return f"field {name!r} must be a number of Ncode units"
    kind = obj.get("type")
    if not isinstance(kind, str) or kind not in DOT_TYPE_NAMES:  # a list or dict is no type either
        return f"unknown dot type {kind!r}"
    return None


def parse_dots(lines: Iterable[str | bytes]) -> ParseResult:
    """Parse JSON lines; blank lines are ignored, bad ones reported by 1-based line number.

    A gateway's upload is tens of thousands of lines, and one ``json.loads`` per line plus a
    Python check per field cost more than everything after it (50,000–100,000 dots/s). So an
    upload whose every line is written as ``Dot.to_json`` writes it is read by one regular
    expression (``_canonical_batch``); any other is decoded by one ``json.loads``
    (``_decode_at_once``, exact: see there) and checked a column at a time; only when that
    decode fails are lines decoded one by one, and only lines whose columns fail a check go
    through ``_check`` for their reason. Every path reports what ``_parse_line_by_line`` (one
    ``json.loads`` and one ``_check`` a line) does: the tests hold them to it.
    """
    lines = list(lines)
    stripped = [line.strip() for line in lines]
    numbers = [number for number, line in enumerate(stripped, start=1) if line]
    kept = lines if len(numbers) == len(lines) else [lines[n - 1] for n in numbers]
    canonical = _canonical_batch(kept)
    if canonical is not None:
        return ParseResult(canonical, ())
    objs = _decode_at_once(kept, [line for line in stripped if line])
    problems: list[LineProblem] = []
    decoded = numbers
    if objs is None:
        objs, decoded = [], []
        for number in numbers:
            try:
                objs.append(json.loads(lines[number - 1]))
            except (ValueError, UnicodeDecodeError) as exc:
                problems.append(LineProblem(number, f"not JSON: {exc}"))
                continue
            decoded.append(number)
    try:
        good, columns = _columns(objs)
    except (TypeError, OverflowError):  # e.g. an unhashable "type": the column checks cannot say
        return _parse_line_by_line([(n, lines[n - 1]) for n in numbers])
    for i in np.flatnonzero(~good).tolist():
        reason = _check(objs[i])
        nested = isinstance(objs[i], dict) and any(type(v) in (dict, list) for v in objs[i].values())
        if reason is None or nested:  # the fast path is not certain here: read line by line
            return _parse_line_by_line([(n, lines[n - 1]) for n in numbers])
        problems.append(LineProblem(decoded[i], reason))
    problems.sort(key=lambda p: p.line)
    return ParseResult(_batch(columns, good), tuple(problems))


def _canonical(text: str) -> tuple[re.Pattern[str], re.Pattern[bytes]]:
    u = r"(0|[1-9][0-9]{0,17})"  # no leading zero (not JSON), below 10¹⁸ (fits the columns)
    v = r"((?:0|[1-9][0-9]{0,4})(?:\.[0-9]{1,6})?)"  # 0 ≤ v < 100000
    pen = r"([\x20\x21\x23-\x5b\x5d-\x7e]+)"  # printable ASCII, no quote or backslash: no escapes
    # the page address is one group: it repeats on thousands of lines and is read once per page
    a = u.replace("(", "(?:", 1)
    address = f'("sec":{a},"own":{a},"book":{a},"page":{a})'
    kinds = "|".join(DOT_TYPE_NAMES)
    body = text.format(pen=pen, address=address, u=u, v=v, kinds=kinds)
    return re.compile(body, re.M), re.compile(body.encode(), re.M)


#: One dot exactly as ``Dot.to_json`` writes it: every line matching this is a good dot whose
#: values ``json.loads`` would give too (no escapes, no exponents, no leading zeros, in range).
_CANONICAL_STR, _CANONICAL_BYTES = _canonical(
    '^\\{{"pen":"{pen}",{address},"x":{v},"y":{v},"f":{u},"t":{u},"type":"({kinds})"\\}}$')
_NUMBERS_STR, _NUMBERS_BYTES = re.compile("[0-9]+"), re.compile(b"[0-9]+")


def _canonical_batch(lines: list[str | bytes]) -> DotBatch | None:
    """The dots of an upload whose every line is written as ``Dot.to_json`` writes it, read by
    one regular expression over the joined text; None for any other upload. Page addresses and
    pens repeat on thousands of lines, so each is turned into numbers once."""
    if not lines:
        return None
    if all(type(line) is bytes for line in lines):
        pattern: re.Pattern[Any] = _CANONICAL_BYTES
        sep: str | bytes = b"\n"
    elif all(type(line) is str for line in lines):
        pattern, sep = _CANONICAL_STR, "\n"
    else:
        return None
    text = sep.join(lines)  # type: ignore[arg-type]
    if text.count(sep) != len(lines) - 1:  # type: ignore[arg-type]
        return None  # a line holding a newline: not one dot a line
    rows = pattern.findall(text)
    n = len(rows)
    if n != len(lines):
        return None
    pen, address, x, y, force, t, kind = zip(*rows)
    f = np.fromiter(map(int, force), np.int64, n)
    if not (f < _INT_LIMITS["f"]).all():
        return None
    pen_ids = {p: i for i, p in enumerate(dict.fromkeys(pen))}
    page_ids = {a: i for i, a in enumerate(dict.fromkeys(address))}
    numbers = _NUMBERS_STR if sep == "\n" else _NUMBERS_BYTES
    codes = _TYPE_CODES if sep == "\n" else {k.encode(): v for k, v in _TYPE_CODES.items()}
    return DotBatch(
        pens=tuple(p.decode("ascii") if isinstance(p, bytes) else p for p in pen_ids),
        addresses=tuple(NcodeAddress(*map(int, numbers.findall(a))) for a in page_ids),  # type: ignore[arg-type]
        pen=np.fromiter(map(pen_ids.__getitem__, pen), np.int32, n),
        page=np.fromiter(map(page_ids.__getitem__, address), np.int32, n),
        x=np.fromiter(map(float, x), np.float64, n), y=np.fromiter(map(float, y), np.float64, n),
        force=f.astype(np.int32), t=np.fromiter(map(int, t), np.int64, n),
        kind=np.fromiter(map(codes.__getitem__, kind), np.int8, n),
    )


def _decode_at_once(lines: list[str | bytes], stripped: list[str | bytes]) -> list[Any] | None:
    """Every line's value from one ``json.loads`` of "[" + lines joined by ",\\n" + "]", or None
    when that is not certain to equal decoding each line alone.

    It is certain when the array decodes, has one element per line, every stripped line starts
    with "{" and ends with "}", and every element is an object holding no object or array (the
    caller checks the ten-field objects that are not dots: a dot holds none). Then no line boundary
    falls inside an element: it cannot fall inside a string (a raw newline is invalid there), and
    a line ending in "}" inside a flat object would have closed it. So each line is one element.
    """
    if not lines:
        return []
    if all(type(line) is bytes for line in lines):
        text: str | bytes = b"[" + b",\n".join(lines) + b"]"  # type: ignore[arg-type]
        brace_open, brace_close = b"{", b"}"
    elif all(type(line) is str for line in lines):
        text = "[" + ",\n".join(lines) + "]"  # type: ignore[arg-type]
        brace_open, brace_close = "{", "}"
    else:
        return None
    if not all(line.startswith(brace_open) and line.endswith(brace_close) for line in stripped):  # type: ignore[arg-type]
        return None
    try:
        objs = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        return None
    if len(objs) != len(lines) or set(map(type, objs)) != {dict}:
        return None  # garbage such as "{…},[…],{…}" on one line: rare, read it line by line
    for obj in objs:  # a dot's ten fields are scalars; what else a line holds may nest
        if len(obj) != len(_FIELDS) and any(type(v) in (dict, list) for v in obj.values()):
            return None
    return objs


Columns = dict[str, Any]


def _columns(objs: list[Any]) -> tuple[npt.NDArray[np.bool_], Columns]:
    """Which decoded values are dots, and their fields as columns, checked a column at a time
    (``_check`` is the reference; raises TypeError where a column cannot be checked so)."""
    try:
        rows = list(map(_GET, objs))
    except (KeyError, TypeError, IndexError):
        rows = [_GET(o) if type(o) is dict and o.keys() >= set(_FIELDS) else _NOT_A_DOT for o in objs]
    if not rows:
        return np.zeros(0, bool), {}
    cols: Columns = dict(zip(_FIELDS, zip(*rows)))
    good = np.ones(len(objs), bool) if set(map(type, objs)) == {dict} else \
        np.array([type(o) is dict for o in objs], bool)
    pens = cols["pen"]
    if set(map(type, pens)) != {str} or "" in set(pens):
        good &= np.array([type(p) is str and p != "" for p in pens], bool)
    for name in _INT_FIELDS:
        ok, cols[name] = _non_negative_ints(cols[name], _INT_LIMITS[name])
        good &= ok
    for name in ("x", "y"):
        ok, cols[name] = _ncode_numbers(cols[name])
        good &= ok
    kind = np.fromiter(map(_TYPE_CODES.get, cols["type"], itertools.repeat(-1)), np.int8, len(rows))
    good &= kind >= 0
    cols["type"] = kind
    return good, cols


def _non_negative_ints(col: tuple[Any, ...], limit: int) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    if set(map(type, col)) == {int}:
        try:
            v = np.array(col, np.int64)
            return (v >= 0) & (v < limit), v
        except OverflowError:
            pass
    ok = [type(v) is int and 0 <= v < limit for v in col]
    return np.array(ok, bool), np.array([v if k else 0 for v, k in zip(col, ok)], np.int64)


def _ncode_numbers(col: tuple[Any, ...]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
    if set(map(type, col)) <= {int, float}:
        try:
            v = np.array(col, np.float64)
            return (v >= 0) & (v < 1e5), v
        except OverflowError:
            pass
    ok = [type(v) in (int, float) and 0 <= v < 1e5 for v in col]
    return np.array(ok, bool), np.array([v if k else 0.0 for v, k in zip(col, ok)], np.float64)


def _batch(cols: Columns, good: npt.NDArray[np.bool_]) -> DotBatch:
    """The good rows as a ``DotBatch``, pens and page addresses interned in order of first appearance."""
    if not good.any():
        empty = np.zeros(0)
        return DotBatch((), (), empty.astype(np.int32), empty.astype(np.int32), empty, empty.copy(),
                        empty.astype(np.int32), empty.astype(np.int64), empty.astype(np.int8))
    every = bool(good.all())
    keep = good.tolist()

    def pick(col: tuple[Any, ...]) -> tuple[Any, ...] | list[Any]:
        return col if every else [v for v, k in zip(col, keep) if k]

    pen = pick(cols["pen"])
    pen_ids = {p: i for i, p in enumerate(dict.fromkeys(pen))}
    sec, own, book, page = (cols[name] if every else cols[name][good] for name in ("sec", "own", "book", "page"))
    keys = list(zip(sec.tolist(), own.tolist(), book.tolist(), page.tolist()))
    page_ids = {a: i for i, a in enumerate(dict.fromkeys(keys))}
    n = len(pen)
    return DotBatch(
        pens=tuple(pen_ids), addresses=tuple(NcodeAddress(*a) for a in page_ids),
        pen=np.fromiter(map(pen_ids.__getitem__, pen), np.int32, n),
        page=np.fromiter(map(page_ids.__getitem__, keys), np.int32, n),
        x=cols["x"][good], y=cols["y"][good], force=cols["f"][good].astype(np.int32),
        t=cols["t"][good], kind=cols["type"][good],
    )


def _parse_line_by_line(numbered: list[tuple[int, str | bytes]]) -> ParseResult:
    """The plain reading, one ``json.loads`` and one ``_check`` a line (what the fast path must equal)."""
    good: list[dict[str, Any]] = []
    problems: list[LineProblem] = []
    for number, line in numbered:
        try:
            obj = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(LineProblem(number, f"not JSON: {exc}"))
            continue
        reason = _check(obj)
        if reason is None:
            good.append(obj)
        else:
            problems.append(LineProblem(number, reason))
    ok, columns = _columns(good)
    return ParseResult(_batch(columns, ok), tuple(problems))


def dots_to_lines(dots: Iterable[Dot]) -> str:
    """The JSON-lines text for these dots, one per line, newline-terminated."""
    return "".join(d.to_json() + "\n" for d in dots)
