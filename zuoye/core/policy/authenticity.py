"""Authenticity spot checks (真实性抽查, MISSION H10): when usage looks improbable enough for a
county's staff to look at it.

Seed 000 (兴国县, 三(三)5 开展应用督查): "抽查师生"智慧作业"应用数据实真性，对弄虚作假的相关人员、
学校，进行通报"; seed 002 三(三)1: "不定期对学科教师进行抽查". The seeds name no numbers; every
threshold below is ours, chosen so that an honest class does not trip it, and configurable.
A flag is a reason to look, never a verdict: staff record the verdict.

The detectors are pure: they read :class:`Batch` summaries (one assignment for one class) and
return :class:`Finding` rows with the numbers that explain them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
import calendar

SOURCE = "兴国县通知 三(三)5; 赣教师办函〔2021〕25号 三(三)1 (thresholds: ours, see analytics README)"

NO_EVIDENCE, SELF_ONLY, IDENTICAL, ALL_CORRECT, FAST, BURST = (
    "no_evidence", "self_only", "identical", "all_correct", "fast", "burst")
KINDS = (NO_EVIDENCE, SELF_ONLY, IDENTICAL, ALL_CORRECT, FAST, BURST)


@dataclass(frozen=True)
class CheckRule:
    # results claiming paper (scan/pen/photo) but naming no page, stroke file or photo
    no_evidence_share: float = 0.5
    no_evidence_min_rows: int = 10
    # a teacher's results that are all self-reported: nothing on paper behind them
    self_only_share: float = 0.9
    self_only_min_batches: int = 3
    # a whole class answering every item alike (every item all-right or all-wrong, not all right)
    identical_min_students: int = 10
    identical_min_items: int = 3
    # a teacher's batches where every student got everything right
    all_correct_share: float = 0.5
    all_correct_min_batches: int = 3
    all_correct_min_students: int = 10
    # several classes' sheets recorded by one person faster than a person can check them (uploads
    # by a scanning station or pen gateway, with no person recorded, are machine speed by nature)
    fast_window: timedelta = timedelta(minutes=5)
    fast_min_classes: int = 3
    fast_min_sheets: int = 100
    # results of old homework recorded in the last days before the monthly report
    burst_days: int = 2
    burst_age_days: int = 7
    burst_min_batches: int = 5
    burst_share: float = 0.5
    source: str = SOURCE


RULE = CheckRule()


@dataclass(frozen=True)
class Batch:
    """One assignment's results for one class, as the rollup summarises them."""

    assignment_id: int
    class_id: int
    teacher_id: int
    assigned_on: date
    class_size: int
    items: int
    students: int  # students with any result
    rows: int
    self_rows: int
    paper_rows: int  # rows from scan / pen / photo
    paper_rows_without_evidence: int
    right_rows: int
    unanimous_items: int  # items on which every result has the same outcome
    first_recorded: datetime | None
    last_recorded: datetime | None
    recorder_id: int | None = None  # the person who recorded the results; None: a machine upload


@dataclass(frozen=True)
class Finding:
    kind: str
    teacher_id: int
    class_id: int | None
    assignment_id: int | None
    day: date  # the day the finding is about (for "one flag per thing")
    details: dict[str, object] = field(default_factory=dict)


def _batch_findings(b: Batch, rule: CheckRule) -> Iterable[Finding]:
    if (b.paper_rows >= rule.no_evidence_min_rows
            and b.paper_rows_without_evidence >= rule.no_evidence_share * b.paper_rows):
        yield Finding(NO_EVIDENCE, b.teacher_id, b.class_id, b.assignment_id, b.assigned_on,
                      {"rows": b.paper_rows, "without": b.paper_rows_without_evidence})
    if (b.students >= rule.identical_min_students and b.items >= rule.identical_min_items
            and b.unanimous_items == b.items and b.right_rows < b.rows):
        yield Finding(IDENTICAL, b.teacher_id, b.class_id, b.assignment_id, b.assigned_on,
                      {"students": b.students, "items": b.items})


def _teacher_findings(teacher_id: int, batches: Sequence[Batch], rule: CheckRule) -> Iterable[Finding]:
    day = max(b.assigned_on for b in batches)
    with_rows = [b for b in batches if b.rows]
    rows = sum(b.rows for b in with_rows)
    self_rows = sum(b.self_rows for b in with_rows)
    if len(with_rows) >= rule.self_only_min_batches and rows and self_rows >= rule.self_only_share * rows:
        yield Finding(SELF_ONLY, teacher_id, None, None, day,
                      {"batches": len(with_rows), "rows": rows, "self_rows": self_rows})
    big = [b for b in with_rows if b.students >= rule.all_correct_min_students]
    perfect = [b for b in big if b.right_rows == b.rows]
    if len(perfect) >= rule.all_correct_min_batches and len(perfect) >= rule.all_correct_share * len(big):
        yield Finding(ALL_CORRECT, teacher_id, None, None, day, {"batches": len(big), "perfect": len(perfect)})


def _fast_findings(batches: Sequence[Batch], rule: CheckRule) -> Iterable[Finding]:
    timed = sorted((b for b in batches if b.first_recorded and b.last_recorded and b.paper_rows),
                   key=lambda b: b.first_recorded)  # type: ignore[arg-type, return-value]
    start = 0
    for end in range(len(timed)):
        while start <= end and timed[end].last_recorded - timed[start].first_recorded > rule.fast_window:  # type: ignore[operator]
            start += 1
        window = timed[start:end + 1]
        if not window:
            continue
        classes = {b.class_id for b in window}
        sheets = sum(b.students for b in window)
        if len(classes) >= rule.fast_min_classes and sheets >= rule.fast_min_sheets:
            first = window[0].first_recorded
            yield Finding(FAST, window[0].teacher_id, None, None, first.date(),  # type: ignore[union-attr]
                          {"classes": len(classes), "sheets": sheets, "minutes": rule.fast_window.seconds // 60,
                           "at": first.isoformat()})  # type: ignore[union-attr]
            return  # one flag per person and run is enough to look


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _burst_findings(teacher_id: int, batches: Sequence[Batch], rule: CheckRule) -> Iterable[Finding]:
    by_month: dict[date, list[Batch]] = defaultdict(list)
    for b in batches:
        if b.last_recorded and b.paper_rows + b.self_rows:
            by_month[_month_end(b.last_recorded.date())].append(b)
    for end, group in sorted(by_month.items()):
        late = [b for b in group if (end - b.last_recorded.date()).days < rule.burst_days  # type: ignore[union-attr]
                and (b.last_recorded.date() - b.assigned_on).days >= rule.burst_age_days]  # type: ignore[union-attr]
        if len(late) >= rule.burst_min_batches and len(late) >= rule.burst_share * len(group):
            yield Finding(BURST, teacher_id, None, None, end,
                          {"late": len(late), "month_batches": len(group), "days": rule.burst_days,
                           "age": rule.burst_age_days})


def findings(batches: Iterable[Batch], rule: CheckRule = RULE) -> list[Finding]:
    """Every finding over the batches given (one term's or one refresh window's)."""
    out: list[Finding] = []
    by_teacher: dict[int, list[Batch]] = defaultdict(list)
    by_recorder: dict[int, list[Batch]] = defaultdict(list)
    for b in batches:
        out.extend(_batch_findings(b, rule))
        by_teacher[b.teacher_id].append(b)
        if b.recorder_id is not None:
            by_recorder[b.recorder_id].append(b)
    for teacher_id, group in sorted(by_teacher.items()):
        out.extend(_teacher_findings(teacher_id, group, rule))
        out.extend(_burst_findings(teacher_id, group, rule))
    for _recorder, group in sorted(by_recorder.items()):
        out.extend(_fast_findings(group, rule))
    return out
