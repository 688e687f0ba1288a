"""The parsed form of a formula: a row of nodes, each a small frozen dataclass.

The tree carries meaning, not spelling: ``\\neq`` and ``≠`` give the same node, ``x^2`` and
``x^{2}`` too. Both writers (typst for PDFs, MathML for the web) and the canonical LaTeX
writer walk this one tree, which is why a formula that parses renders the same everywhere.
Nodes hold no source positions, so equal formulas compare equal (the round-trip tests rely on it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias


@dataclass(frozen=True)
class Number:
    text: str


@dataclass(frozen=True)
class Letter:
    """A one-letter variable, set in italics."""

    char: str


@dataclass(frozen=True)
class Sym:
    """A symbol from :data:`zuoye.core.mathtext.symbols.SYMBOLS`, by its canonical name."""

    name: str


@dataclass(frozen=True)
class Text:
    """Upright text inside a formula: ``\\text{cm}`` or Chinese written straight into it."""

    text: str


@dataclass(frozen=True)
class Space:
    """A spacing command, by its name in :data:`~zuoye.core.mathtext.symbols.SPACES`."""

    name: str


@dataclass(frozen=True)
class Group:
    """``{…}``: groups without showing anything."""

    body: Row


@dataclass(frozen=True)
class Frac:
    num: Row
    den: Row
    style: Literal["frac", "dfrac", "tfrac"] = "frac"


@dataclass(frozen=True)
class Sqrt:
    body: Row
    index: Row | None = None


@dataclass(frozen=True)
class Scripts:
    base: Node
    sub: Row | None = None
    sup: Row | None = None


@dataclass(frozen=True)
class Fenced:
    """``\\left( … \\right)``; delimiters are symbol names, "" for the invisible ``.``."""

    open: str
    body: Row
    close: str


@dataclass(frozen=True)
class Line:
    """``\\overline{AB}`` (a segment) or ``\\underline{\\quad}`` (a blank to fill in)."""

    body: Row
    position: Literal["over", "under"]


@dataclass(frozen=True)
class Cases:
    """``\\begin{cases} … \\end{cases}``: rows of cells (``&`` separates, ``\\\\`` ends a row)."""

    rows: tuple[tuple[Row, ...], ...]


Node: TypeAlias = Number | Letter | Sym | Text | Space | Group | Frac | Sqrt | Scripts | Fenced | Line | Cases
Row: TypeAlias = tuple[Node, ...]
