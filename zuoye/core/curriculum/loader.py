"""Reading the knowledge-point trees from ``data/<subject>.json`` and checking them.

The JSON files are the source of truth: editors correct a title or add a point there, and the
item bank imports them. Because every code lives forever, a broken file must never load half
way; :func:`parse_subject` collects every problem it finds (duplicate codes, a grade with no
book, a unit with no points, a misspelt key) and refuses the file with the whole list.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .index import Curriculum
from .model import (
    POINT_CODE, SUBJECTS, UNIT_CODE, Book, KnowledgePoint, Semester, SubjectTree, Unit, book_code,
)

DATA_DIR = Path(__file__).with_name("data")

_SUBJECT_KEYS = {"subject", "name", "edition", "grades", "books"}
_BOOK_KEYS = {"grade", "semester", "units"}
_UNIT_KEYS = {"code", "title", "part", "points"}
_POINT_KEYS = {"code", "title"}


class CurriculumError(ValueError):
    """A tree file is wrong; ``problems`` lists every mistake found, each with its place."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(f"{source}: " + "; ".join(self.problems))


class _Problems:
    """Collects mistakes so that one run reports all of them, not only the first."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def keys(self, obj: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in sorted(set(obj) - allowed):
            self.add(where, f"unknown key {key!r}")

    def text(self, obj: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = obj.get(key, "")
        if not isinstance(value, str) or value != value.strip() or (required and not value):
            self.add(where, f"{key!r} must be a non-empty text without surrounding spaces")
            return str(value)
        return value

    def records(self, obj: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
        value = obj.get(key)
        if not isinstance(value, list) or not value:
            self.add(where, f"{key!r} must be a non-empty list")
            return []
        if not all(isinstance(item, dict) for item in value):
            self.add(where, f"every entry of {key!r} must be an object")
            return []
        return value


def parse_subject(doc: Mapping[str, Any], *, source: str = "<tree>") -> SubjectTree:
    """Build and check one subject's tree; raises :class:`CurriculumError` listing all problems."""
    problems = _Problems()
    problems.keys(doc, _SUBJECT_KEYS, "subject")
    subject = problems.text(doc, "subject", "subject")
    name = problems.text(doc, "name", "subject")
    edition = problems.text(doc, "edition", "subject")
    if subject not in SUBJECTS:
        problems.add("subject", f"{subject!r} is not one of {', '.join(SUBJECTS)}")
    grades = _grades(doc.get("grades"), problems)
    books = tuple(
        _book(record, subject, problems) for record in problems.records(doc, "books", "subject")
    )
    _check_coverage(books, grades, problems)
    _check_unique_codes(books, problems)
    if problems.items:
        raise CurriculumError(source, problems.items)
    return SubjectTree(
        subject=subject,
        name=name,
        edition=edition,
        grades=grades,
        books=books,
    )


def _grades(value: object, problems: _Problems) -> tuple[int, ...]:
    if not isinstance(value, list) or not value or not all(
        isinstance(grade, int) and 1 <= grade <= 9 for grade in value
    ):
        problems.add("subject", "'grades' must be a non-empty list of grades 1–9")
        return ()
    return tuple(sorted(set(value)))


def _book(record: Mapping[str, Any], subject: str, problems: _Problems) -> Book:
    where = f"book {record.get('grade')}{record.get('semester')}"
    problems.keys(record, _BOOK_KEYS, where)
    grade = record.get("grade")
    if not isinstance(grade, int) or not 1 <= grade <= 9:
        problems.add(where, "'grade' must be a whole number 1–9")
        grade = 0
    try:
        semester = Semester(str(record.get("semester")))
    except ValueError:
        problems.add(where, f"'semester' must be one of {', '.join(s.value for s in Semester)}")
        semester = Semester.FULL_YEAR
    code = book_code(subject, grade, semester)
    units = tuple(
        _unit(unit, code, problems) for unit in problems.records(record, "units", where)
    )
    return Book(code=code, subject=subject, grade=grade, semester=semester, units=units)


def _unit(record: Mapping[str, Any], parent: str, problems: _Problems) -> Unit:
    local = str(record.get("code", ""))
    where = f"unit {parent}.{local}"
    problems.keys(record, _UNIT_KEYS, where)
    if not UNIT_CODE.match(local):
        problems.add(where, "unit code must look like u4, u3c2 or s1")
    code = f"{parent}.{local}"
    points = tuple(
        _point(point, code, problems) for point in problems.records(record, "points", where)
    )
    return Unit(
        code=code,
        title=problems.text(record, "title", where),
        book_code=parent,
        points=points,
        part=problems.text(record, "part", where, required=False),
    )


def _point(record: Mapping[str, Any], parent: str, problems: _Problems) -> KnowledgePoint:
    local = str(record.get("code", ""))
    where = f"point {parent}.{local}"
    problems.keys(record, _POINT_KEYS, where)
    if not POINT_CODE.match(local):
        problems.add(where, "point code must look like kp01")
    return KnowledgePoint(
        code=f"{parent}.{local}", title=problems.text(record, "title", where), unit_code=parent
    )


def _check_coverage(books: tuple[Book, ...], grades: tuple[int, ...], problems: _Problems) -> None:
    """Every declared grade has its whole year: 上册 with 下册, or one 全一册 — nothing else."""
    for grade in grades:
        volumes = sorted(book.semester.value for book in books if book.grade == grade)
        if volumes not in (["上册", "下册"], ["全一册"]):
            problems.add(f"grade {grade}", f"needs 上册 and 下册, or 全一册; has {volumes or 'none'}")
    for book in books:
        if book.grade and book.grade not in grades:
            problems.add(book.code, f"grade {book.grade} is not in 'grades'")


def _check_unique_codes(books: tuple[Book, ...], problems: _Problems) -> None:
    seen: set[str] = set()
    codes = [book.code for book in books]
    codes += [unit.code for book in books for unit in book.units]
    codes += [point.code for book in books for unit in book.units for point in unit.points]
    for code in codes:
        if code in seen:
            problems.add(code, "duplicate code")
        seen.add(code)


def load_subject(subject: str, *, data_dir: Path = DATA_DIR) -> SubjectTree:
    """Load ``<data_dir>/<subject>.json``; the file name must match the subject inside it."""
    path = data_dir / f"{subject}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CurriculumError(str(path), [f"cannot read: {exc}"]) from exc
    if not isinstance(doc, dict):
        raise CurriculumError(str(path), ["the file must hold one JSON object"])
    tree = parse_subject(doc, source=str(path))
    if tree.subject != subject:
        raise CurriculumError(str(path), [f"file holds subject {tree.subject!r}, not {subject!r}"])
    return tree


def load_curriculum(*, data_dir: Path = DATA_DIR, subjects: Sequence[str] = SUBJECTS) -> Curriculum:
    """Load and index the trees; the shipped default is cached by :func:`curriculum`."""
    return Curriculum(subjects=tuple(load_subject(s, data_dir=data_dir) for s in subjects))


@functools.cache
def curriculum() -> Curriculum:
    """The shipped trees, loaded once per process."""
    return load_curriculum()
