"""Spot-check detectors on hand-made batches: each fires on its planted pattern and not on an honest one."""

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from zuoye.core.policy import authenticity as a

T0 = datetime(2026, 11, 10, 20, 0, tzinfo=timezone.utc)
HONEST = a.Batch(assignment_id=1, class_id=1, teacher_id=7, assigned_on=date(2026, 11, 10), class_size=40, items=5,
                 students=40, rows=200, self_rows=4, paper_rows=196, paper_rows_without_evidence=0, right_rows=150,
                 unanimous_items=1, first_recorded=T0, last_recorded=T0 + timedelta(minutes=8))


def kinds(batches):
    return sorted({f.kind for f in a.findings(batches)})


def test_honest_batches_raise_nothing():
    days = [replace(HONEST, assignment_id=n, assigned_on=date(2026, 11, n), first_recorded=T0 + timedelta(days=n),
                    last_recorded=T0 + timedelta(days=n, minutes=8)) for n in range(1, 20)]
    assert kinds(days) == []


def test_paper_results_without_evidence():
    assert kinds([replace(HONEST, paper_rows_without_evidence=150)]) == [a.NO_EVIDENCE]


def test_identical_patterns_across_a_class():
    assert kinds([replace(HONEST, unanimous_items=5, right_rows=120)]) == [a.IDENTICAL]


def test_all_correct_batches_of_a_teacher():
    perfect = [replace(HONEST, assignment_id=n, right_rows=200, unanimous_items=5,
                       first_recorded=T0 + timedelta(days=n), last_recorded=T0 + timedelta(days=n, minutes=5))
               for n in range(3)]
    assert kinds(perfect) == [a.ALL_CORRECT]


def test_only_self_reported_results():
    batches = [replace(HONEST, assignment_id=n, self_rows=200, paper_rows=0, first_recorded=T0 + timedelta(days=n),
                       last_recorded=T0 + timedelta(days=n, minutes=8)) for n in range(3)]
    assert kinds(batches) == [a.SELF_ONLY]


def test_many_classes_in_a_few_minutes():
    fast = [replace(HONEST, assignment_id=n, class_id=n, first_recorded=T0 + timedelta(minutes=n),
                    last_recorded=T0 + timedelta(minutes=n + 1), recorder_id=99) for n in range(3)]
    found = a.findings(fast)
    assert [f.kind for f in found] == [a.FAST] and found[0].details["sheets"] == 120


def test_a_scanning_station_uploading_many_classes_at_once_is_machine_speed():
    machine = [replace(HONEST, assignment_id=n, class_id=n, first_recorded=T0 + timedelta(minutes=n),
                       last_recorded=T0 + timedelta(minutes=n + 1), recorder_id=None) for n in range(3)]
    assert a.findings(machine) == []


def test_a_burst_of_old_homework_before_the_month_ends():
    late = T0.replace(day=29)  # 29 November: within two days of the month's end
    burst = [replace(HONEST, assignment_id=n, class_id=n % 2, assigned_on=date(2026, 11, 2 + n),
                     first_recorded=late + timedelta(hours=n), last_recorded=late + timedelta(hours=n, minutes=5))
             for n in range(5)]
    assert kinds(burst) == [a.BURST]
