"""A county-size data set for the report benchmark (issue 7 item 7): ``zuoye analytics generate``.

At ``scale=1.0``: about 50,000 students in 46 schools (half primary with grades 1–6, half
junior with grades 7–9, four or eight classes a grade, 45 students a class) and one autumn term
of daily homework: maths every school day (4 items), 语文 and 英语 on alternate days (3 items),
each teacher setting one homework for their two classes; about 30 million responses. ``scale``
multiplies the number of schools (0.05: two schools, about 2,200 students, 1.5 million rows).

This is synthetic data for timing, written in bulk and NOT through ``responses_record``: the
one door checks and locks row by row, which is right for real results and would take hours
here. On PostgreSQL the responses are streamed with ``COPY`` (psycopg 3); on SQLite they are
inserted in batches. Students differ in ability and items in difficulty, so the reports have
something to show. Run it on an empty database: it refuses when the county already exists.
"""

from __future__ import annotations

import math
import random
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time as clock, timedelta

from django.db import connection, transaction
from django.utils import timezone

from zuoye.accounts.models import User
from zuoye.homework.models import Assignment, AssignmentClass, AssignmentItem, Response
from zuoye.itembank.models import Item, KnowledgePoint
from zuoye.schools import models as m
from zuoye.schools import services as s

COUNTY_CODE = "369901"
STUDENTS_PER_CLASS = 45
TERM = (date(2026, 9, 1), date(2027, 1, 15))
HOLIDAYS = (date(2026, 10, 1), date(2026, 10, 7))
SUBJECTS = {"math": 4, "chinese": 3, "english": 3}  # items a homework
COLUMNS = ("assignment_item_id", "student_id", "assignment_id", "school_class_id", "item_id", "subject_id",
           "assigned_on", "outcome", "answer", "mark", "source", "confidence", "evidence", "recorded_at", "revision")


@dataclass(frozen=True)
class Summary:
    schools: int
    classes: int
    students: int
    teachers: int
    assignments: int
    responses: int
    seconds: float


def school_days() -> list[date]:
    first, last = TERM
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [d for d in days if d.weekday() < 5 and not HOLIDAYS[0] <= d <= HOLIDAYS[1]]


def _users(prefix: str, count: int) -> list[User]:
    """Accounts with an unusable password (hashing 50,000 passwords would be the whole run)."""
    users = [User(username=f"{prefix}{n:06d}", full_name=f"{prefix}{n}", password="!") for n in range(count)]
    User.objects.bulk_create(users, batch_size=5000)
    return list(User.objects.filter(username__startswith=prefix).order_by("username"))


def _places(scale: float, rng: random.Random):  # type: ignore[no-untyped-def]
    province = m.Region.objects.filter(code="99").first() or s.region_create(code="99", name="测试省", level="province")
    city = m.Region.objects.filter(code="9901").first() or s.region_create(code="9901", name="测试市", level="city",
                                                                           parent=province)
    county = s.region_create(code=COUNTY_CODE, name="基准县", level="county", parent=city)
    year = m.SchoolYear.objects.filter(name="2026-2027").first() or s.school_year_create(
        start_year=2026, autumn_start=TERM[0], autumn_end=TERM[1], spring_start=date(2027, 2, 22),
        spring_end=date(2027, 7, 9))
    term = year.terms.get(number=1)
    n_schools = max(2, round(46 * scale))
    schools = [s.school_create(code=f"99{n:08d}", name=f"基准县第{n + 1}{'小学' if n % 2 == 0 else '中学'}",
                               kind="primary" if n % 2 == 0 else "junior", region=county) for n in range(n_schools)]
    return county, year, term, schools


def _classes(schools: list[m.School], year: m.SchoolYear) -> list[m.SchoolClass]:
    rows = [m.SchoolClass(school=school, school_year=year, grade=grade, number=number)
            for school in schools
            for grade in (range(1, 7) if school.kind == "primary" else range(7, 10))
            for number in range(1, (5 if school.kind == "primary" else 9))]
    m.SchoolClass.objects.bulk_create(rows, batch_size=2000)
    return list(m.SchoolClass.objects.filter(school__in=schools).order_by("school_id", "grade", "number"))


def _students(classes: list[m.SchoolClass], rng: random.Random) -> dict[int, list[tuple[int, float]]]:
    users = _users("bs", len(classes) * STUDENTS_PER_CLASS)
    rows = []
    for n, user in enumerate(users):
        school_class = classes[n // STUDENTS_PER_CLASS]
        rows.append(m.Student(user=user, school_id=school_class.school_id, student_number=f"B{COUNTY_CODE}{n:08d}",
                              gender="MF"[n % 2], current_class=school_class))
    m.Student.objects.bulk_create(rows, batch_size=5000)
    by_class: dict[int, list[tuple[int, float]]] = {}
    for pk, class_id in m.Student.objects.filter(current_class__in=classes).values_list("pk", "current_class_id"):
        by_class.setdefault(class_id, []).append((pk, rng.gauss(0.0, 1.0)))
    return by_class


def _teachers(classes: list[m.SchoolClass], term: m.Term, subjects: dict[str, m.Subject]):  # type: ignore[no-untyped-def]
    """One teacher per subject and pair of classes of a grade (grades 1–2 have no English)."""
    pairs: list[tuple[str, list[m.SchoolClass]]] = []
    by_grade: dict[tuple[int, int], list[m.SchoolClass]] = {}
    for c in classes:
        by_grade.setdefault((c.school_id, c.grade), []).append(c)
    for (_, grade), group in by_grade.items():
        for code in SUBJECTS:
            if subjects[code].min_grade <= grade <= subjects[code].max_grade:
                pairs.extend((code, group[k:k + 2]) for k in range(0, len(group), 2))
    users = _users("bt", len(pairs))
    teachers = m.Teacher.objects.bulk_create(
        [m.Teacher(user=u, school_id=group[0].school_id) for u, (_, group) in zip(users, pairs)], batch_size=5000)
    m.TeachingAssignment.objects.bulk_create(
        [m.TeachingAssignment(teacher=t, school_class=c, subject=subjects[code], term=term)
         for t, (code, group) in zip(teachers, pairs) for c in group], batch_size=5000)
    return list(zip(teachers, pairs))


def _items(subjects: dict[str, m.Subject], rng: random.Random) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """60 choice items per subject and grade, each on one of 10 knowledge points: (id, difficulty)."""
    bank: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for code, subject in subjects.items():
        for grade in range(subject.min_grade, 10):
            points = KnowledgePoint.objects.bulk_create([KnowledgePoint(
                code=f"bench.{code}.g{grade}.kp{k:02d}", subject=subject, grade=grade, semester="上册", kind="point",
                title=f"{subject.name}{grade}年级知识点{k + 1}", order=k) for k in range(10)])
            items = Item.objects.bulk_create([Item(
                subject=subject, grade=grade, type="single_choice", stem=f"基准题 {code} {grade}-{k}",
                options=[{"label": x, "text": x} for x in "ABCD"], answer=["A"], minutes=2,
                difficulty=1 + k % 5, content_hash=uuid.uuid4().hex) for k in range(60)])
            Item.knowledge_points.through.objects.bulk_create([Item.knowledge_points.through(
                item_id=item.pk, knowledgepoint_id=points[k % 10].pk) for k, item in enumerate(items)])
            bank[(code, grade)] = [(item.pk, item.difficulty) for item in items]
    return bank


def _homework(teaching, bank, subjects, days, rng):  # type: ignore[no-untyped-def]
    """Assignments, their classes and items, in bulk; yields what the responses need."""
    plan = []
    for teacher, (code, group) in teaching:
        for n, day in enumerate(days):
            if code != "math" and n % 2 != (0 if code == "chinese" else 1):
                continue
            plan.append((teacher, code, group, day))
    assignments = Assignment.objects.bulk_create([Assignment(
        teacher=t, subject=subjects[code], title=f"{subjects[code].name} {day:%m-%d}", assigned_on=day,
        minutes=2 * SUBJECTS[code], status="published", kind="homework",
        published_at=timezone.make_aware(datetime.combine(day, clock(12)))) for t, code, group, day in plan],
        batch_size=5000)
    links, items = [], []
    for a, (t, code, group, day) in zip(assignments, plan):
        links.extend(AssignmentClass(assignment=a, school_class=c, assigned_on=day, minutes=a.minutes, published=True)
                     for c in group)
        pool = bank[(code, group[0].grade)]
        start = rng.randrange(len(pool))
        items.extend(AssignmentItem(assignment=a, item_id=pool[(start + k) % len(pool)][0], position=k + 1, score=1)
                     for k in range(SUBJECTS[code]))
    AssignmentClass.objects.bulk_create(links, batch_size=5000)
    AssignmentItem.objects.bulk_create(items, batch_size=5000)
    difficulty = {pk: d for pool in bank.values() for pk, d in pool}
    by_assignment: dict[int, list[tuple[int, int, int]]] = {}
    for link_id, a_id, item_id in AssignmentItem.objects.filter(assignment__in=assignments).values_list(
            "pk", "assignment_id", "item_id"):
        by_assignment.setdefault(a_id, []).append((link_id, item_id, difficulty[item_id]))
    return [(a, code, group, day, by_assignment[a.pk]) for a, (t, code, group, day) in zip(assignments, plan)]


def _rows(homework, students, subjects, rng) -> Iterator[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    for a, code, group, day, links in homework:
        at = timezone.make_aware(datetime.combine(day + timedelta(days=1), clock(19, rng.randrange(60))))
        for c in group:
            for student, ability in students[c.pk]:
                if rng.random() < 0.03:  # absent: no sheet
                    continue
                for link_id, item_id, diff in links:
                    right = rng.random() < 1 / (1 + math.exp(-(1.0 + ability - 0.4 * (diff - 3))))
                    yield (link_id, student, a.pk, c.pk, item_id, subjects[code].pk, day, "right" if right else "wrong",
                           "A" if right else "BCD"[rng.randrange(3)], "", "scan", 1.0, "gen", at, 1)


def _write(rows: Iterator[tuple[object, ...]], say: Callable[[str], None]) -> int:
    n = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, _bulk_load(cursor, Response._meta.db_table, say):
            with cursor.connection.cursor().copy(  # type: ignore[attr-defined]
                    f"COPY {Response._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
                    if n % 1_000_000 == 0:
                        say(f"  {n:,} responses")
        return n
    batch: list[Response] = []
    for row in rows:
        batch.append(Response(**dict(zip(COLUMNS, row))))
        if len(batch) == 5000:
            Response.objects.bulk_create(batch)
            n += len(batch)
            batch = []
    Response.objects.bulk_create(batch)
    return n + len(batch)


@contextmanager
def _bulk_load(cursor, table: str, say: Callable[[str], None]):  # type: ignore[no-untyped-def]
    """PostgreSQL's way to load tens of millions of rows: without the secondary indexes and
    the foreign keys (maintained and checked row by row, at commit for deferred keys — hours at
    this size), then the indexes built once each by sorting and each key checked by one join.
    Inside the caller's transaction: a failure leaves the table as it was. Keys cannot be dropped
    or added while checks of rows written earlier in the transaction wait (Django's keys are
    deferred): those run first."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("""SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
                      WHERE c.conrelid = %s::regclass AND c.contype = 'f'""", [table])
    keys = cursor.fetchall()
    cursor.execute("""SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                      WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""", [table])
    indexes = cursor.fetchall()
    for name, _ in keys:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    started = time.monotonic()
    for _, definition in indexes:
        cursor.execute(definition)
    for name, definition in keys:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    cursor.execute(f"ANALYZE {table}")
    say(f"  {len(indexes)} indexes built and {len(keys)} foreign keys checked in {time.monotonic() - started:.0f} s")


def generate(*, scale: float = 1.0, seed: int = 7, days: int | None = None,
             say: Callable[[str], None] = print) -> Summary:
    """Build the county and its term of results, then the rollups (month by month).
    ``days``: only the term's first school days (a quick check of the whole path)."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    if m.Region.objects.filter(code=COUNTY_CODE).exists():
        raise ValueError(f"the benchmark county {COUNTY_CODE} exists already: use an empty database")
    started = time.monotonic()
    rng = random.Random(seed)
    subjects = {x.code: x for x in m.Subject.objects.filter(code__in=SUBJECTS)}
    with transaction.atomic():
        county, year, term, schools = _places(scale, rng)
        classes = _classes(schools, year)
        students = _students(classes, rng)
        teaching = _teachers(classes, term, subjects)
        bank = _items(subjects, rng)
        homework = _homework(teaching, bank, subjects, school_days()[:days], rng)
        say(f"{len(schools)} schools, {len(classes)} classes, {sum(map(len, students.values())):,} students, "
            f"{len(homework):,} assignments")
        responses = _write(_rows(homework, students, subjects, rng), say)
    say(f"{responses:,} responses in {time.monotonic() - started:.0f} s; rolling up")
    from zuoye.analytics.rollup import rollup_refresh

    first, last = TERM
    if days is not None:
        last = school_days()[:days][-1]
    month = first
    while month <= last:
        end = min(last, (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
        rollup_refresh(since=month, until=end, trigger="generate")
        month = end + timedelta(days=1)
    return Summary(len(schools), len(classes), sum(map(len, students.values())), len(teaching), len(homework),
                   responses, round(time.monotonic() - started, 1))
