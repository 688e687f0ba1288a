"""Demo step (``zuoye demo``): four weeks of homework results for two classes of 于都县第三中学, and what follows.

Results go through the one door (``responses_record``, source "scan", evidence "demo"), for
published homework set by each class's own teachers (maths daily, 语文 and 英语 on alternate
days, within the load budget). Students differ in ability, items in difficulty, and learning
happens: each student knows each knowledge point or not (a BKT student, as in
``core/mastery/simulate.py``), learns it with practice (abler students faster), slips more on
harder items and guesses on choice items. Deterministic (``random.Random(2026)``).

Then, once: the notebooks are rebuilt and the learner model fitted per subject (the listener is
paused during the load and caught up at the end), demo micro-lessons (a short WebM shipped with
the app) are added for the most-missed knowledge points when the bank has none, some watching is
recorded for 八年级(1)班, and extension exercises are proposed and approved for that class.
Idempotent: a second run finds the results (evidence "demo") and changes nothing.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zuoye.homework.models import Assignment, Response
from zuoye.homework.services.assignments import assignment_create, assignment_items_set, assignment_publish
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.itembank.models import Item, KnowledgePoint, MicroLesson
from zuoye.learning.models import MasteryFit, Recommendation, Statement
from zuoye.learning.services.listener import listener_paused
from zuoye.learning.services.mastery import mastery_fit
from zuoye.learning.services.notebook import notebook_rebuild
from zuoye.learning.services.recommendations import recommendations_approve_all, recommendations_propose
from zuoye.learning.services.statements import COMPLETED, PLAYED
from zuoye.schools.models import School, SchoolClass, Student, Subject, TeachingAssignment

SCHOOL = "于都县第三中学"
CLASSES = ((8, 1), (8, 2))
"""(grade, number) of the classes that get results: 八年级(1)班 and (2)班, the demo logins' classes
(t08009 teaches both). Every result passes the one door row by row, about 6,000 rows a class at
roughly 1–2 s per thousand on the 2-core dev machine; widen this for a bigger demo."""
SUBJECTS = ("math", "chinese", "english")
WEEKS = 4
DEMO_CLASS = (8, 1)  # 八年级(1)班: the demo logins' class
VIDEO = Path(__file__).parent / "static" / "learning" / "demo" / "lesson.webm"
LESSON_MARK = "（示例微课）"


def _sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _school_days(today: date) -> list[date]:
    """Weekdays of the last ``WEEKS`` weeks up to yesterday's school day."""
    end = today - timedelta(days=1)
    start = end - timedelta(days=7 * WEEKS - 1)
    return [start + timedelta(days=n) for n in range((end - start).days + 1) if (start + timedelta(days=n)).weekday() < 5]


class _Learners:
    """BKT students with an ability: knows(point) flips to True with practice, never back."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ability: dict[int, float] = {}
        self.knows: dict[tuple[int, str], bool] = {}

    def answer(self, student: int, item: Item, points: list[str]) -> str:
        a = self.ability.setdefault(student, self.rng.gauss(0.0, 1.0))
        know = True
        for code in points or ["-"]:
            key = (student, code)
            if key not in self.knows:
                self.knows[key] = self.rng.random() < _sig(_logit(0.5) + 0.9 * a)
            know = know and self.knows[key]
        slip = _sig(_logit(0.06) + 0.4 * (item.difficulty - 3) - 0.3 * a)
        guess = 0.25 if item.is_objective else 0.08
        right = self.rng.random() < ((1.0 - slip) if know else guess)
        for code in points:  # practice teaches (abler students faster)
            if not self.knows[(student, code)] and self.rng.random() < _sig(_logit(0.25) + 0.5 * a):
                self.knows[(student, code)] = True
        if right:
            return "right"
        partial = item.type in (Item.Type.FILL_BLANK, Item.Type.SHORT_ANSWER) and self.rng.random() < 0.35
        return "partial" if partial else "wrong"


def _chosen(item: Item, outcome: str, rng: random.Random) -> str:
    if item.type not in (Item.Type.SINGLE_CHOICE, Item.Type.MULTIPLE_CHOICE) or not item.options:
        return ""
    right = "".join(item.answer)
    if outcome == "right":
        return right
    others = [o["label"] for o in item.options if o["label"] not in right]
    return rng.choice(others) if others else ""


def _bank(subject: Subject, grade: int) -> tuple[list[Item], dict[int, list[str]]]:
    """The grade's items in curriculum order (this term's semester first), with their point codes."""
    items = list(Item.objects.filter(subject=subject, grade=grade).prefetch_related("knowledge_points"))
    points = {i.pk: sorted(kp.code for kp in i.knowledge_points.all()) for i in items}
    order = {i.pk: min(((kp.semester != "上册", kp.order) for kp in i.knowledge_points.all()), default=(True, 0))
             for i in items}
    items.sort(key=lambda i: (order[i.pk], i.template_seed or 0, i.pk))
    return items, points


def _teacher(school_class: SchoolClass, subject: Subject):  # type: ignore[no-untyped-def]
    link = TeachingAssignment.objects.filter(school_class=school_class, subject=subject).select_related(
        "teacher__user").order_by("-term__start_date").first()
    return link.teacher if link else None


def _results(school: School, days: list[date], progress: Callable[[str], None]) -> int:
    rng = random.Random(2026)
    learners = _Learners(rng)
    subjects = {s.code: s for s in Subject.objects.filter(code__in=SUBJECTS)}
    total = 0
    classes = [c for c in SchoolClass.objects.filter(school=school).order_by("grade", "number")
               if (c.grade, c.number) in CLASSES]
    banks = {(code, c.grade): _bank(subjects[code], c.grade) for c in classes for code in subjects}
    for school_class in classes:
        students = list(Student.objects.filter(current_class=school_class, is_active=True).order_by("pk")
                        .values_list("pk", flat=True))
        for code, subject in subjects.items():
            teacher = _teacher(school_class, subject)
            items, points = banks[(code, school_class.grade)]
            if teacher is None or len(items) < 3:
                continue
            per_day = 4 if code == "math" else 3
            step = max(1, min(per_day, len(items) // 8))  # small banks come round again: a re-test
            for n, day in enumerate(days):
                if code != "math" and n % 2 != (0 if code == "chinese" else 1):
                    continue
                start = (n * step) % len(items)
                chosen = [items[(start + k) % len(items)] for k in range(per_day)]
                chosen = list({i.pk: i for i in chosen}.values())
                assignment = assignment_create(teacher=teacher, subject=subject, assigned_on=day,
                                               title=f"{subject.name}课后作业 {day.month}月{day.day}日", classes=[school_class])
                assignment_items_set(assignment=assignment, items=chosen)
                assignment_publish(assignment=assignment, actor=teacher.user)
                links = list(assignment.item_links.select_related("item").order_by("position"))
                rows = []
                for student in students:
                    if rng.random() < 0.03:  # absent that day: no sheet
                        continue
                    for link in links:
                        outcome = learners.answer(student, link.item, points[link.item_id])
                        rows.append(ResponseIn(link.pk, student, outcome, answer=_chosen(link.item, outcome, rng),
                                               confidence=0.99, evidence="demo"))
                responses_record(responses=rows, source=Response.Source.SCAN)
                total += len(rows)
        progress(f"{school_class}: {total} results")
    return total


def _lessons(school: School) -> int:
    """Demo micro-lessons for the school's most-missed knowledge points, if the bank has none."""
    if MicroLesson.objects.exists():
        return 0
    missed = Counter(Response.objects.filter(school_class__school=school, outcome__in=("wrong", "partial")).values_list(
        "item__knowledge_points", flat=True))
    points = KnowledgePoint.objects.in_bulk([pk for pk, _ in missed.most_common(40) if pk])
    data = VIDEO.read_bytes()
    made = 0
    for pk, _ in missed.most_common(40):
        point = points.get(pk)
        if point is None:
            continue
        lesson = MicroLesson(title=f"{point.title}{LESSON_MARK}", duration_seconds=12, author_name="于都县教研室")
        lesson.video.save(f"demo-{point.code}.webm", ContentFile(data), save=True)
        lesson.knowledge_points.add(point)
        made += 1
    return made


def _watching(school_class: SchoolClass, rng: random.Random) -> int:
    """Some of the class watched their lessons (statements as the lesson page sends them)."""
    if Statement.objects.filter(student__current_class=school_class).exists():
        return 0
    from zuoye.learning.classroom import lesson_completion  # the same notion of "pushed" as the report

    now = timezone.now()
    rows = []
    students = {s.pk: s for s in Student.objects.filter(current_class=school_class).select_related("user")}
    from zuoye.learning.models import NotebookEntry

    wrong = defaultdict(set)
    for student_id, point_id in NotebookEntry.objects.filter(student_id__in=students).values_list(
            "student_id", "item__knowledge_points"):
        wrong[point_id].add(student_id)
    for rate in lesson_completion(school_class=school_class):
        lesson = rate.lesson
        pushed = set().union(*(wrong.get(kp.pk, set()) for kp in lesson.knowledge_points.all()))
        for student_id in sorted(pushed):
            if rng.random() > 0.6:
                continue
            student = students[student_id]
            session = f"demo-{lesson.pk}-{student_id}"
            done = rng.random() < 0.7
            at = now - timedelta(days=rng.randint(0, 6), minutes=rng.randint(0, 600))
            rows.append(Statement(user=student.user, student=student, lesson=lesson, verb=PLAYED, session=session,
                                  time=0, progress=0, timestamp=at))
            end = lesson.duration_seconds if done else round(rng.uniform(2, lesson.duration_seconds - 2), 1)
            rows.append(Statement(user=student.user, student=student, lesson=lesson,
                                  verb=COMPLETED if done else "https://w3id.org/xapi/video/verbs/paused",
                                  session=session, time=end, progress=round(end / lesson.duration_seconds, 3),
                                  played_segments=f"0[.]{end}", timestamp=at + timedelta(seconds=end)))
    Statement.objects.bulk_create(rows)
    return len(rows)


def demo_learning(progress: Callable[[str], None]) -> None:
    """The demo step (listed in ``zuoye/demo/steps.py``)."""
    started = time.monotonic()
    school = School.objects.filter(name=SCHOOL).first()
    if school is None or not Item.objects.exists():
        progress(f"learning: no {SCHOOL} or no item bank, skipped")
        return
    days = _school_days(timezone.localdate())
    if not Response.objects.filter(school_class__school=school, evidence="demo").exists():
        with listener_paused(), transaction.atomic():  # the pause must outlive the commit (listeners run on it)
            n = _results(school, days, progress)
        progress(f"learning: {n} results in {time.monotonic() - started:.1f} s")
    students = [pk for pk, grade, number in Student.objects.filter(school=school).values_list(
        "pk", "current_class__grade", "current_class__number") if (grade, number) in CLASSES]
    subjects = list(Subject.objects.filter(code__in=SUBJECTS))
    from zuoye.learning.models import NotebookEntry

    # The notebook is rebuilt here rather than left to the listener (paused above): the steps below
    # need it now. Fits are per subject and outlive a rebuilt county, so they are checked apart.
    if not NotebookEntry.objects.filter(student_id__in=students).exists():
        notebook_rebuild(student_ids=students, subject_ids=[s.pk for s in subjects])
    if not MasteryFit.objects.filter(subject__in=subjects).exists():
        for subject in subjects:
            fit = mastery_fit(subject_id=subject.pk)
            progress(f"learning: mastery fitted for {subject.name} ({fit.n_responses} responses, {fit.seconds:.2f} s)")
    made = _lessons(school)
    demo_class = SchoolClass.objects.filter(school=school, grade=DEMO_CLASS[0], number=DEMO_CLASS[1]).first()
    if demo_class is not None:
        statements = _watching(demo_class, random.Random(7))
        day = days[-1] + timedelta(days=3 if days[-1].weekday() == 4 else 1)
        if not Recommendation.objects.filter(student__current_class=demo_class).exists():
            teacher = _teacher(demo_class, subjects[0])
            class_students = list(Student.objects.filter(current_class=demo_class).select_related("current_class"))
            for subject in subjects:
                for student in class_students:
                    recommendations_propose(student=student, subject_id=subject.pk, for_date=day)
            if teacher is not None:
                recommendations_approve_all(student_ids=[s.pk for s in class_students[: len(class_students) // 2]],
                                            for_date=day, actor=teacher.user)
        progress(f"learning: {made} demo lessons, {statements} watch statements, extension exercises for {day}")
    progress(f"learning: done in {time.monotonic() - started:.1f} s")
