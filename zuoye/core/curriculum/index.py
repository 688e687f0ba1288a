"""All subject trees together, indexed by code.

Callers hold codes (an item's knowledge points, a mastery row); this answers what a code names,
where it sits (for breadcrumbs such as 数学 › 五年级下册 › 第四单元 … › 约分) and which points
belong to a grade or a unit, without walking the trees themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import Book, KnowledgePoint, Node, Semester, SubjectTree, Unit, UnknownCode


@dataclass(frozen=True)
class Curriculum:
    subjects: tuple[SubjectTree, ...]
    _index: Mapping[str, Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Node] = {}
        for tree in self.subjects:
            index[tree.subject] = tree
            for book in tree.books:
                index[book.code] = book
                for unit in book.units:
                    index[unit.code] = unit
                    index.update((point.code, point) for point in unit.points)
        object.__setattr__(self, "_index", index)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def node(self, code: str) -> Node:
        try:
            return self._index[code]
        except KeyError:
            raise UnknownCode(f"unknown knowledge-point code: {code!r}") from None

    def subject(self, subject: str) -> SubjectTree:
        node = self.node(subject)
        if not isinstance(node, SubjectTree):
            raise UnknownCode(f"not a subject: {subject!r}")
        return node

    def point(self, code: str) -> KnowledgePoint:
        node = self.node(code)
        if not isinstance(node, KnowledgePoint):
            raise UnknownCode(f"not a knowledge point: {code!r}")
        return node

    def unit(self, code: str) -> Unit:
        """The unit with this code, or the unit that holds this point."""
        node = self.node(code)
        if isinstance(node, KnowledgePoint):
            node = self.node(node.unit_code)
        if not isinstance(node, Unit):
            raise UnknownCode(f"not a unit or knowledge point: {code!r}")
        return node

    def book(self, code: str) -> Book:
        """The book with this code, or the book that holds this unit or point."""
        node = self.node(code)
        if isinstance(node, KnowledgePoint | Unit):
            node = self.node(self.unit(code).book_code)
        if not isinstance(node, Book):
            raise UnknownCode(f"not a book, unit or knowledge point: {code!r}")
        return node

    def breadcrumb(self, code: str) -> tuple[str, ...]:
        """Titles from the subject down to ``code``: ('数学', '五年级下册', '第四单元 …', '约分')."""
        node = self.node(code)
        if isinstance(node, SubjectTree):
            return (node.name,)
        book = self.book(code)
        trail: tuple[str, ...] = (self.subject(book.subject).name, book.title)
        if isinstance(node, Book):
            return trail
        unit = self.unit(code)
        trail += (unit.title,)
        return trail if isinstance(node, Unit) else trail + (node.title,)

    def points(
        self, subject: str, *, grade: int | None = None, semester: Semester | None = None
    ) -> tuple[KnowledgePoint, ...]:
        """The points of a subject, optionally of one grade and semester, in textbook order."""
        books: Iterable[Book] = self.subject(subject).books
        return tuple(
            point
            for book in books
            if (grade is None or book.grade == grade) and (semester is None or book.semester == semester)
            for unit in book.units
            for point in unit.points
        )

    def all_points(self) -> tuple[KnowledgePoint, ...]:
        return tuple(point for tree in self.subjects for point in tree.points())
