"""Reads on recorded results: an assignment's class grid (students × items), live changes since a
moment, and the per-item correct rates the teacher looks at right after grading.

Who may see a class's results: the same people who may print its sheets (the teacher who set the
homework, the head teacher, the school's staff); ``selectors.may_print`` decides.
Each read is a fixed number of queries, whatever the class size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from zuoye.homework.models import Assignment, AssignmentItem, Response
from zuoye.homework.selectors import class_students
from zuoye.schools.models import SchoolClass, Student

SYMBOL = {"right": "✓", "partial": "½", "wrong": "✗", "unmarked": "·"}
"""What a cell shows, as a teacher's own marks would (the page also colours them)."""


LIVE_OVERLAP = timedelta(seconds=5)
"""The live page asks again for this much before its last answer; applying a cell twice is harmless."""


@dataclass(frozen=True)
class Cell:
    outcome: str
    score: Decimal | None
    answer: str
    source: str
    confidence: float

    @property
    def symbol(self) -> str:
        return SYMBOL.get(self.outcome, "?")

    @property
    def source_label(self) -> str:
        return str(Response.Source(self.source).label) if self.source in Response.Source.values else self.source


@dataclass(frozen=True)
class StudentRow:
    student: Student
    cells: tuple[Cell | None, ...]  # per item column, None: nothing recorded yet
    score: Decimal
    answered: int
    item_ids: tuple[int, ...] = ()  # the columns' assignment-item ids, for the live page

    @property
    def slots(self) -> list[tuple[int, Cell | None]]:
        return list(zip(self.item_ids, self.cells))


@dataclass(frozen=True)
class ItemColumn:
    link: AssignmentItem
    recorded: int
    right: int
    partial: int
    wrong: int

    @property
    def rate(self) -> int | None:
        """Correct rate in per cent (a half counts half), None before anything is recorded."""
        marked = self.right + self.partial + self.wrong
        return round(100 * (self.right + self.partial / 2) / marked) if marked else None


@dataclass(frozen=True)
class ClassResults:
    school_class: SchoolClass
    columns: tuple[ItemColumn, ...]
    rows: tuple[StudentRow, ...]
    recorded: int
    self_reported: int
    last_recorded: datetime | None


def _cell(r: Response) -> Cell:
    return Cell(r.outcome, r.score, r.answer, r.source, r.confidence)


def class_results(assignment: Assignment, school_class: SchoolClass) -> ClassResults:
    links = list(assignment.item_links.select_related("item").order_by("position"))
    students = list(class_students(school_class))
    responses = Response.objects.filter(assignment=assignment, school_class=school_class).only(
        "assignment_item_id", "student_id", "outcome", "score", "answer", "source", "confidence", "recorded_at")
    got: dict[tuple[int, int], Response] = {(r.student_id, r.assignment_item_id): r for r in responses}
    rows = []
    for student in students:
        cells = tuple(_cell(got[(student.pk, link.pk)]) if (student.pk, link.pk) in got else None for link in links)
        rows.append(StudentRow(student, cells, sum((c.score or Decimal(0) for c in cells if c), Decimal(0)),
                               sum(1 for c in cells if c), tuple(link.pk for link in links)))
    columns = []
    for n, link in enumerate(links):
        outcomes = [row.cells[n].outcome for row in rows if row.cells[n]]
        columns.append(ItemColumn(link, len(outcomes), outcomes.count("right"), outcomes.count("partial"),
                                  outcomes.count("wrong")))
    return ClassResults(school_class, tuple(columns), tuple(rows), len(got),
                        sum(1 for r in got.values() if r.source == Response.Source.SELF),
                        max((r.recorded_at for r in got.values()), default=None))


def results_changed(assignment: Assignment, school_class: SchoolClass, since: datetime | None) -> list[dict[str, object]]:
    """Cells recorded after ``since`` (all when None), for the live page: one indexed query."""
    rows = Response.objects.filter(assignment=assignment, school_class=school_class)
    if since is not None:
        # A little overlap: a row stamped just before another may commit just after it.
        rows = rows.filter(recorded_at__gt=since - LIVE_OVERLAP)
    return [{"student": r.student_id, "item": r.assignment_item_id, "outcome": r.outcome,
             "symbol": SYMBOL.get(r.outcome, "?"), "score": None if r.score is None else str(r.score),
             "answer": r.answer, "source": r.source, "at": r.recorded_at.isoformat()}
            for r in rows.order_by("recorded_at").only("student_id", "assignment_item_id", "outcome", "score",
                                                        "answer", "source", "recorded_at")[:5000]]
