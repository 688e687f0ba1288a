"""What a teacher looks at right after grading (H5): one assignment for one class, read straight
from the responses (a class's homework is a few thousand rows at most), and the teacher's
classes over the weeks of a term, read from the rollup.

"Needs attention": a student whose correct rate on this homework is below
:data:`ATTENTION_RATE`, or who has no result although the class has. "Weak" knowledge points:
those whose correct rate in this class is below :data:`WEAK_RATE`. Both are ours; the teacher
sees the numbers behind each.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum

from zuoye.analytics.charts import Series
from zuoye.analytics.models import AssignmentStat
from zuoye.homework.models import Assignment, Response
from zuoye.homework.selectors import class_students
from zuoye.itembank.models import Item
from zuoye.schools.models import SchoolClass, Student, Term

WEAK_RATE = 0.6
ATTENTION_RATE = 0.6


def _rate(right: int, partial: int, wrong: int) -> float | None:
    marked = right + partial + wrong
    return (right + partial / 2) / marked if marked else None


@dataclass(frozen=True)
class OptionShare:
    label: str
    count: int
    correct: bool


@dataclass(frozen=True)
class ItemLine:
    position: int
    item: Item
    right: int
    partial: int
    wrong: int
    options: tuple[OptionShare, ...]  # choice items: how many chose each option
    points: tuple[str, ...]

    @property
    def rate(self) -> float | None:
        return _rate(self.right, self.partial, self.wrong)


@dataclass(frozen=True)
class StudentLine:
    student: Student
    answered: int
    right: int
    partial: int
    wrong: int
    score: float
    wrong_positions: tuple[int, ...]

    @property
    def rate(self) -> float | None:
        return _rate(self.right, self.partial, self.wrong)

    @property
    def attention(self) -> bool:
        return self.answered == 0 or (self.rate is not None and self.rate < ATTENTION_RATE)


@dataclass(frozen=True)
class PointLine:
    title: str
    right: int
    partial: int
    wrong: int
    positions: tuple[int, ...]

    @property
    def rate(self) -> float | None:
        return _rate(self.right, self.partial, self.wrong)


@dataclass(frozen=True)
class AssignmentReport:
    assignment: Assignment
    school_class: SchoolClass
    items: tuple[ItemLine, ...]
    students: tuple[StudentLine, ...]
    points: tuple[PointLine, ...]  # weakest first

    @property
    def recorded_students(self) -> int:
        return sum(1 for s in self.students if s.answered)

    @property
    def rate(self) -> float | None:
        return _rate(sum(i.right for i in self.items), sum(i.partial for i in self.items),
                     sum(i.wrong for i in self.items))

    @property
    def weak_points(self) -> list[PointLine]:
        return [p for p in self.points if p.rate is not None and p.rate < WEAK_RATE]

    @property
    def attention(self) -> list[StudentLine]:
        if not self.recorded_students:
            return []
        return sorted((s for s in self.students if s.attention), key=lambda s: (s.rate or 0, s.student.student_number))


def _correct_labels(item: Item) -> set[str]:
    answer = item.answer
    if isinstance(answer, str):
        return set(answer.replace(",", ""))
    if isinstance(answer, list):
        return {str(a) for a in answer}
    return set()


def assignment_report(assignment: Assignment, school_class: SchoolClass) -> AssignmentReport:
    """Four queries: items with points, students, responses, nothing per row."""
    links = list(assignment.item_links.select_related("item").prefetch_related("item__knowledge_points")
                 .order_by("position"))
    students = list(class_students(school_class))
    rows = list(Response.objects.filter(assignment=assignment, school_class=school_class).only(
        "assignment_item_id", "student_id", "outcome", "score", "answer"))
    by_item: dict[int, list[Response]] = defaultdict(list)
    by_student: dict[int, list[Response]] = defaultdict(list)
    for r in rows:
        by_item[r.assignment_item_id].append(r)
        by_student[r.student_id].append(r)
    position = {link.pk: link.position for link in links}
    items, points = [], defaultdict(lambda: [0, 0, 0, []])  # type: ignore[var-annotated]
    for link in links:
        got = by_item[link.pk]
        outcomes = Counter(r.outcome for r in got)
        options: tuple[OptionShare, ...] = ()
        if link.item.type in Item.OBJECTIVE and link.item.options:
            chosen = Counter(label for r in got for label in set(r.answer.upper()))
            right = _correct_labels(link.item)
            options = tuple(OptionShare(o["label"], chosen.get(o["label"], 0), o["label"] in right)
                            for o in link.item.options)
        titles = tuple(p.title for p in link.item.knowledge_points.all())
        items.append(ItemLine(link.position, link.item, outcomes["right"], outcomes["partial"], outcomes["wrong"],
                              options, titles))
        for title in titles:
            acc = points[title]
            acc[0] += outcomes["right"]
            acc[1] += outcomes["partial"]
            acc[2] += outcomes["wrong"]
            acc[3].append(link.position)
    student_lines = []
    for student in students:
        got = by_student.get(student.pk, [])
        c = Counter(r.outcome for r in got)
        student_lines.append(StudentLine(
            student, len(got), c["right"], c["partial"], c["wrong"], float(sum(r.score or 0 for r in got)),
            tuple(sorted(position[r.assignment_item_id] for r in got if r.outcome in ("wrong", "partial")))))
    point_lines = sorted((PointLine(t, a[0], a[1], a[2], tuple(a[3])) for t, a in points.items()),
                         key=lambda p: (p.rate if p.rate is not None else 2, p.title))
    return AssignmentReport(assignment, school_class, tuple(items), tuple(student_lines), tuple(point_lines))


# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClassLine:
    """A class over a term, for the comparison of a teacher's classes."""

    school_class: SchoolClass
    subject_name: str
    homework: int
    uses: int
    right: int
    partial: int
    wrong: int

    @property
    def rate(self) -> float | None:
        return _rate(self.right, self.partial, self.wrong)


@dataclass(frozen=True)
class TeacherOverview:
    classes: tuple[ClassLine, ...]
    weeks: tuple[date, ...]
    rate_series: tuple[Series, ...]
    use_series: tuple[Series, ...]
    recent: tuple[AssignmentStat, ...]


def teacher_overview(*, teacher_id: int, taught: frozenset[tuple[int, int]], term: Term) -> TeacherOverview:
    """The teacher's own classes (and subjects) this term: comparison, weekly trends, recent homework."""
    stats = AssignmentStat.objects.filter(teacher_id=teacher_id, assigned_on__gte=term.start_date,
                                          assigned_on__lte=term.end_date)
    totals = stats.values("school_class_id", "subject_id", "subject__name").annotate(
        n=Count("id"), uses=Count("id", filter=Q(is_use=True)), r=Sum("right_rows"), p=Sum("partial_rows"),
        w=Sum("wrong_rows")).order_by("school_class_id", "subject_id")
    classes = {c.pk: c for c in SchoolClass.objects.filter(pk__in={c for c, _ in taught} | set(
        stats.values_list("school_class_id", flat=True))).select_related("school")}
    lines = [ClassLine(classes[t["school_class_id"]], t["subject__name"], t["n"], t["uses"], t["r"] or 0,
                       t["p"] or 0, t["w"] or 0) for t in totals]
    weekly = list(stats.values("school_class_id", "week").annotate(
        uses=Count("id", filter=Q(is_use=True)), r=Sum("right_rows"), p=Sum("partial_rows"), w=Sum("wrong_rows")))
    weeks = tuple(sorted({w["week"] for w in weekly}))
    rate_series, use_series = [], []
    for class_id in sorted({w["school_class_id"] for w in weekly}, key=lambda c: (classes[c].grade, classes[c].number)):
        mine = {w["week"]: w for w in weekly if w["school_class_id"] == class_id}
        rates = []
        for week in weeks:
            w = mine.get(week)
            rate = _rate(w["r"] or 0, w["p"] or 0, w["w"] or 0) if w else None
            rates.append(None if rate is None else round(100 * rate, 1))
        rate_series.append(Series(classes[class_id].name, rates))
        use_series.append(Series(classes[class_id].name, [float(mine[w]["uses"]) if w in mine else 0.0 for w in weeks]))
    recent = tuple(stats.select_related("assignment", "school_class", "subject").order_by("-assigned_on", "-id")[:20])
    return TeacherOverview(tuple(lines), weeks, tuple(rate_series), tuple(use_series), recent)
