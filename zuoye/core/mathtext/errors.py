"""How mistakes in a stem are reported: a message and the place, in the stem's own columns.

Teachers type stems in a web form or an import file; "unknown command \\fracc at column 14"
lets them fix it without knowing anything about parsers. Columns count characters from 1
(a Chinese character is one column), lines from 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class MathSyntaxError(ValueError):
    """Raised inside the parser; ``offset`` counts from the start of the formula's source."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Problem:
    message: str
    offset: int
    line: int
    column: int

    def __str__(self) -> str:
        place = f"line {self.line}, column {self.column}" if self.line > 1 else f"column {self.column}"
        return f"{self.message} at {place}"

    @classmethod
    def at(cls, text: str, offset: int, message: str) -> Problem:
        """A problem at ``offset`` of ``text``, with its line and column worked out."""
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return cls(message=message, offset=offset, line=line, column=column)


class MathTextError(ValueError):
    """A stem or formula does not parse; ``problems`` holds each mistake with its place."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))
