"""Item stems: plain text with formulas between ``$`` signs.

A stem such as ``计算：$\\frac{1}{2}+\\frac{1}{3}=$____`` is cut into text parts and formula
parts; every formula is parsed, and each mistake is reported at its column in the *stem*, as
the teacher sees it. In the text, ``\\$`` stands for a dollar sign; nothing else is special
there (stems are not LaTeX documents).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import MathSyntaxError, MathTextError, Problem
from .nodes import Row
from .parser import parse


@dataclass(frozen=True)
class TextPart:
    text: str


@dataclass(frozen=True)
class MathPart:
    """A formula: its source as typed (kept for alt text, not compared) and its parsed tree."""

    source: str = field(compare=False)
    nodes: Row = ()


Part = TextPart | MathPart


@dataclass(frozen=True)
class Stem:
    parts: tuple[Part, ...]

    @property
    def formulas(self) -> tuple[MathPart, ...]:
        return tuple(part for part in self.parts if isinstance(part, MathPart))


@dataclass(frozen=True)
class _Piece:
    """A stretch of the stem before parsing: text, or a formula's source and where it starts
    (the offset turns a mistake inside the formula into a column of the stem)."""

    text: str
    start: int
    is_math: bool


def _split(stem: str) -> tuple[list[_Piece], list[Problem]]:
    pieces: list[_Piece] = []
    text: list[str] = []
    pos = 0
    while pos < len(stem):
        if stem.startswith("\\$", pos):
            text.append("$")
            pos += 2
        elif stem[pos] == "$":
            close = closing_dollar(stem, pos + 1)
            if close < 0:
                return pieces, [Problem.at(stem, pos, "unclosed $: a formula needs a $ at its end")]
            if text:
                pieces.append(_Piece("".join(text), pos, False))
                text = []
            pieces.append(_Piece(stem[pos + 1 : close], pos + 1, True))
            pos = close + 1
        else:
            text.append(stem[pos])
            pos += 1
    if text:
        pieces.append(_Piece("".join(text), pos, False))
    return pieces, []


def closing_dollar(stem: str, pos: int) -> int:
    """Index of the ``$`` that ends a formula starting at ``pos`` (``\\$`` inside does not)."""
    while pos < len(stem):
        if stem[pos] == "\\":
            pos += 2
        elif stem[pos] == "$":
            return pos
        else:
            pos += 1
    return -1


def _parse_pieces(stem: str) -> tuple[list[Part], list[Problem]]:
    pieces, problems = _split(stem)
    parts: list[Part] = []
    for piece in pieces:
        if not piece.is_math:
            parts.append(TextPart(piece.text))
            continue
        try:
            parts.append(MathPart(piece.text, parse(piece.text)))
        except MathSyntaxError as exc:
            problems.append(Problem.at(stem, piece.start + exc.offset, exc.message))
    return parts, problems


def parse_stem(stem: str) -> Stem:
    """Parse a stem; raises :class:`MathTextError` listing each broken formula's first mistake."""
    parts, problems = _parse_pieces(stem)
    if problems:
        raise MathTextError(problems)
    return Stem(tuple(parts))


def validate_stem(stem: str) -> tuple[Problem, ...]:
    """The problems of a stem (empty when it is fine); for forms and imports that list them all."""
    return tuple(_parse_pieces(stem)[1])


def parse_formula(source: str) -> Row:
    """Parse one formula given without its ``$`` signs; raises :class:`MathTextError`."""
    try:
        return parse(source)
    except MathSyntaxError as exc:
        raise MathTextError([Problem.at(source, exc.offset, exc.message)]) from exc
