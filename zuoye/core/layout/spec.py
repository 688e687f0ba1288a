"""What the caller asks for: a sheet specification, the students, and how stems become markup.

The ``homework`` app builds a :class:`SheetSpec` from an assignment (its items in order, the
header words) and a list of :class:`StudentRef`; the layout engine turns them into geometry.
Stems arrive as source text (plain text with ``$...$`` math, a LaTeX subset); a
:class:`MarkupConverter` turns them into typst markup. Until the ``core.mathtext`` converter
exists, :func:`typst_passthrough` takes stems that already are typst markup and
:func:`plain_text` escapes stems that must print literally.

Specs validate themselves on construction, so a bad request fails here with a message that
names the item, before any page is laid out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from zuoye.core.layout.geometry import ItemKind

MAX_OPTIONS = 8  # A–H: more would not fit a row of bubbles beside the number
MAX_BLANKS = 24
_ID_TOKEN = re.compile(r"^[^|\s]{1,64}$")


class SpecError(ValueError):
    """The sheet specification cannot be laid out; the message says which item and why."""


class MarkupConverter(Protocol):
    """Turns an item's source text (stem or option) into typst markup."""

    def __call__(self, source: str, /) -> str: ...


def typst_passthrough(source: str) -> str:
    """Stems that already are typst markup print as they are."""
    return source


_TYPST_SPECIAL = re.compile(r"([\\#$*_`<>@=\-+/\[\]~\"'])")


def plain_text(source: str) -> str:
    """Escape every typst markup character, so the text prints literally."""
    return _TYPST_SPECIAL.sub(r"\\\1", source)


@dataclass(frozen=True)
class Stem:
    """A stem to measure: its item, its typst markup (options included), its printed width."""

    key: str
    markup: str
    width_mm: float


@dataclass(frozen=True)
class SheetHeader:
    """Words printed at the top of every page (already in the reader's language)."""

    school: str
    class_label: str
    title: str
    subject: str = ""
    date: str = ""


@dataclass(frozen=True)
class StudentRef:
    """A student to print for: ``id`` goes into the QR, name and 学籍号 are printed."""

    id: int
    name: str
    number: str

    def __post_init__(self) -> None:
        if self.id <= 0:
            raise SpecError(f"student {self.name!r}: id must be positive (0 means a generic sheet)")


@dataclass(frozen=True)
class ItemSpec:
    """One item of the assignment as it should appear on the sheet.

    ``key`` is the caller's id for the item on this assignment; scanning reports results
    by it. ``number`` is the printed label ("3", "3(2)"). ``options`` are printed under the
    stem (not in answer-card mode); ``option_count`` bubbles are drawn, by default one per
    option. ``answer_height_mm`` is a worked problem's estimated answer height.
    """

    key: str
    number: str
    kind: ItemKind
    stem: str = ""
    options: tuple[str, ...] = ()
    option_count: int = 0
    blanks: int = 1
    answer_height_mm: float | None = None
    points: float | None = None
    score_box: bool | None = None  # None: worked problems get one, other kinds do not

    def __post_init__(self) -> None:
        where = f"item {self.number or '?'} ({self.key!r})"
        if not _ID_TOKEN.match(self.key):
            raise SpecError(f"{where}: key must be 1–64 characters without spaces or '|'")
        if not self.number.strip():
            raise SpecError(f"{where}: the printed number is empty")
        if self.option_count and self.options and self.option_count != len(self.options):
            raise SpecError(f"{where}: {len(self.options)} options but option_count={self.option_count}")
        if self.kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_CHOICE) and self.option_count:
            if not 2 <= self.option_count <= MAX_OPTIONS:
                raise SpecError(f"{where}: a choice needs 2–{MAX_OPTIONS} options, not {self.option_count}")
        if self.kind is ItemKind.FILL_IN and not 1 <= self.blanks <= MAX_BLANKS:
            raise SpecError(f"{where}: a fill-in item needs 1–{MAX_BLANKS} blanks, not {self.blanks}")
        if self.answer_height_mm is not None and self.answer_height_mm <= 0:
            raise SpecError(f"{where}: answer height must be positive")
        if self.points is not None and self.points < 0:
            raise SpecError(f"{where}: points must not be negative")


@dataclass(frozen=True)
class SheetSpec:
    """An assignment's sheet: header words, items in printed order, and the mode.

    In ``answer_card`` mode (homework done in the workbook) only numbers are printed, and
    objective items pack side by side like a standard 答题卡. ``student_number_digits`` sizes
    the 学籍号 grid of generic sheets.
    """

    assignment_id: int
    header: SheetHeader
    items: tuple[ItemSpec, ...]
    answer_card: bool = False
    student_number_digits: int = 8

    def __post_init__(self) -> None:
        if self.assignment_id <= 0:
            raise SpecError("assignment id must be positive")
        if not self.items:
            raise SpecError("an answer sheet needs at least one item")
        keys = [item.key for item in self.items]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise SpecError(f"item keys must be unique; repeated: {', '.join(duplicates)}")
        if self.student_number_digits < 1:
            raise SpecError("student_number_digits must be at least 1")
