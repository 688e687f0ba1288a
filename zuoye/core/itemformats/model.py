"""The neutral item: what every import format is read into and every export is written from.

An item bank speaks several languages (QTI 3.0 and 2.1, Moodle XML, GIFT, our own JSON demo
data). Each reader turns its format into :class:`ItemData`, each writer starts from it, and the
``itembank`` app stores it; so no format's quirks leak into the rest of Zuoye.

Text conventions, shared by stems, options, explanations and model answers:

* formulas are written between ``$`` signs in the LaTeX subset of :mod:`zuoye.core.mathtext`
  (``\\$`` is a literal dollar sign);
* a line break separates paragraphs (a reading passage keeps one paragraph per line, with its
  ``　　`` indent); runs of ASCII spaces and tabs inside a line mean one space;
* in a fill-in-the-blank stem each blank is a run of at least three underscores outside
  formulas (``春眠不觉晓，____。``); its length hints at the answer's length. A stem with one
  blank may instead leave the marker out: the answer then follows the stem.

The dataclasses are frozen and compare by value, so "importing the export gives back the same
item" is a plain ``==``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from zuoye.core.mathtext.stem import closing_dollar


class ItemType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    FILL_BLANK = "fill_blank"
    SHORT_ANSWER = "short_answer"
    """A worked problem or short answer (解答题/简答题): graded by the teacher from a model answer."""


CHOICE_TYPES = frozenset({ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE})

OPTION_LABELS = "ABCDEFGH"
"""Options are labelled by position, as printed on paper and on answer-sheet bubbles."""


@dataclass(frozen=True)
class ChoiceOption:
    label: str
    text: str


@dataclass(frozen=True)
class ItemImage:
    """One figure that belongs to the stem (a geometry drawing, a picture for young readers)."""

    filename: str
    data: bytes = field(repr=False)
    media_type: str


@dataclass(frozen=True)
class ChoiceAnswer:
    """The correct option labels: one for a single choice, one or more for a multiple choice."""

    labels: tuple[str, ...]


@dataclass(frozen=True)
class TrueFalseAnswer:
    value: bool


@dataclass(frozen=True)
class Blank:
    """What a blank accepts. ``tolerance`` makes it numeric: one number, right within ± tolerance."""

    accepted: tuple[str, ...]
    tolerance: float | None = None


@dataclass(frozen=True)
class BlanksAnswer:
    blanks: tuple[Blank, ...]


@dataclass(frozen=True)
class ModelAnswer:
    """The model answer (参考答案) a teacher grades a worked problem against."""

    text: str


Answer = ChoiceAnswer | TrueFalseAnswer | BlanksAnswer | ModelAnswer

ANSWER_KINDS: dict[ItemType, type] = {
    ItemType.SINGLE_CHOICE: ChoiceAnswer,
    ItemType.MULTIPLE_CHOICE: ChoiceAnswer,
    ItemType.TRUE_FALSE: TrueFalseAnswer,
    ItemType.FILL_BLANK: BlanksAnswer,
    ItemType.SHORT_ANSWER: ModelAnswer,
}


@dataclass(frozen=True)
class ItemData:
    """One item, independent of any file format.

    ``identifier`` is the item's id in its source (QTI identifier, Moodle idnumber, GIFT
    title); re-importing the same source finds the same item by it. ``full_score`` is in
    points, ``difficulty`` runs from 1 (easy) to 5 (hard), ``minutes`` is the time a typical
    student needs, which the homework load budget adds up.
    """

    identifier: str
    type: ItemType
    stem: str
    answer: Answer
    options: tuple[ChoiceOption, ...] = ()
    explanation: str = ""
    full_score: float = 1.0
    difficulty: int = 3
    minutes: int = 1
    knowledge_points: tuple[str, ...] = ()
    source: str = ""
    image: ItemImage | None = None


@dataclass(frozen=True)
class ItemProblem:
    """Why an item (or a whole file) was refused, and where: file, item id, line (1-based)."""

    file: str
    item_id: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        item = f" [{self.item_id}]" if self.item_id else ""
        return f"{where}{item}: {self.reason}"


BLANK_MARKER = "____"
_BLANK = re.compile(r"_{3,}")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def split_math(text: str) -> list[tuple[str, bool]]:
    """Cut text into ``(piece, is_formula)`` pieces; formulas lose their ``$`` signs.

    Text pieces keep ``\\$`` escapes as written. An unclosed ``$`` leaves the rest as text
    (the math check reports it).
    """
    pieces: list[tuple[str, bool]] = []
    start = pos = 0
    while pos < len(text):
        if text.startswith("\\$", pos):
            pos += 2
        elif text[pos] == "$":
            close = closing_dollar(text, pos + 1)
            if close < 0:
                break
            if pos > start:
                pieces.append((text[start:pos], False))
            pieces.append((text[pos + 1 : close], True))
            start = pos = close + 1
        else:
            pos += 1
    if start < len(text):
        pieces.append((text[start:], False))
    return pieces


def blank_markers(stem: str) -> list[str]:
    """The blank markers of a stem in order (underscore runs outside formulas)."""
    return [m.group(0) for piece, is_math in split_math(stem) if not is_math for m in _BLANK.finditer(piece)]


def normalize_text(text: str) -> str:
    """The canonical form of item text: lines trimmed of ASCII spaces, empty lines dropped.

    Full-width spaces (the ``　　`` paragraph indent of Chinese passages) are kept.
    """
    lines = (_SPACES.sub(" ", line).strip(" ") for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def default_labels(count: int) -> tuple[str, ...]:
    return tuple(OPTION_LABELS[:count])
