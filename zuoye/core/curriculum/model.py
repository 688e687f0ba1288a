"""The knowledge-point tree: subject → book (grade + semester) → unit → knowledge point.

Items, wrong-question notebooks and mastery records point at knowledge points by *code*, for
years. A code therefore spells out where the point lives in the textbook and never changes:

    math.g5b.u4.kp06     数学 · 五年级下册 · 第四单元 分数的意义和性质 · 约分
    │    │ │ │  └ point, numbered within its unit
    │    │ │ └ unit (``u4``), a chapter inside a unit (``u3c2``) or a starter unit (``s1``)
    │    │ └ semester: ``a`` 上册, ``b`` 下册, ``f`` 全一册
    │    └ grade 1–9
    └ subject

Points are numbered once, when first published; a correction to a title keeps the code, a
point that leaves the textbook keeps its code retired rather than renumbering its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

SUBJECTS: tuple[str, ...] = (
    "chinese", "math", "english", "physics", "chemistry", "biology", "history", "geography",
)
"""Subject codes, in the order schools list them (H8: 语数英, then 理化生史地)."""

GRADE_TITLES = {1: "一年级", 2: "二年级", 3: "三年级", 4: "四年级", 5: "五年级", 6: "六年级",
                7: "七年级", 8: "八年级", 9: "九年级"}

UNIT_CODE = re.compile(r"^(?:u\d{1,2}(?:c\d{1,2})?|s\d)$")
POINT_CODE = re.compile(r"^kp\d{2}$")
FULL_CODE = re.compile(
    r"^(?P<subject>[a-z]+)(?:\.g(?P<grade>[1-9])(?P<semester>[abf])"
    r"(?:\.(?P<unit>u\d{1,2}(?:c\d{1,2})?|s\d)(?:\.(?P<point>kp\d{2}))?)?)?$"
)


class Semester(StrEnum):
    """A textbook volume: most grades have 上册 and 下册; some subjects have one 全一册 book."""

    FIRST = "上册"
    SECOND = "下册"
    FULL_YEAR = "全一册"

    @property
    def letter(self) -> str:
        """The letter used in codes (``a``, ``b``, ``f``)."""
        return {"上册": "a", "下册": "b", "全一册": "f"}[self.value]

    @classmethod
    def from_letter(cls, letter: str) -> Semester:
        return {"a": cls.FIRST, "b": cls.SECOND, "f": cls.FULL_YEAR}[letter]


@dataclass(frozen=True)
class KnowledgePoint:
    code: str
    title: str
    unit_code: str


@dataclass(frozen=True)
class Unit:
    """A textbook unit or chapter. ``part`` names the larger unit a chapter belongs to, if any
    (生物学: 第三单元 生物圈中的绿色植物 › 第二章 被子植物的一生)."""

    code: str
    title: str
    book_code: str
    points: tuple[KnowledgePoint, ...]
    part: str = ""


@dataclass(frozen=True)
class Book:
    code: str
    subject: str
    grade: int
    semester: Semester
    units: tuple[Unit, ...]

    @property
    def title(self) -> str:
        """How teachers name the book: 五年级下册, 九年级全一册."""
        return GRADE_TITLES[self.grade] + self.semester.value


@dataclass(frozen=True)
class SubjectTree:
    subject: str
    name: str
    edition: str
    grades: tuple[int, ...]
    books: tuple[Book, ...]

    def units(self) -> Iterator[Unit]:
        for book in self.books:
            yield from book.units

    def points(self) -> Iterator[KnowledgePoint]:
        for unit in self.units():
            yield from unit.points

    def books_for(self, grade: int) -> tuple[Book, ...]:
        return tuple(book for book in self.books if book.grade == grade)


Node = SubjectTree | Book | Unit | KnowledgePoint


@dataclass(frozen=True)
class CodeParts:
    """A code taken apart; the parts below the level of the code are empty."""

    subject: str
    grade: int = 0
    semester: Semester | None = None
    unit: str = ""
    point: str = ""


class UnknownCode(KeyError):
    """No node has this code (a typo, or a point from a tree this installation lacks)."""


def parse_code(code: str) -> CodeParts:
    """Split a code into its parts; raises :class:`UnknownCode` when it is not shaped like one."""
    match = FULL_CODE.match(code)
    if not match:
        raise UnknownCode(f"not a knowledge-point code: {code!r} (like math.g5b.u4.kp06)")
    semester = Semester.from_letter(match["semester"]) if match["semester"] else None
    return CodeParts(
        subject=match["subject"],
        grade=int(match["grade"] or 0),
        semester=semester,
        unit=match["unit"] or "",
        point=match["point"] or "",
    )


def book_code(subject: str, grade: int, semester: Semester) -> str:
    return f"{subject}.g{grade}{semester.letter}"
