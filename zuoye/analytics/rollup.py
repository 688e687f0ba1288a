"""The rollups: recomputed from the stored responses for a window of school days.

``rollup_refresh`` is what the daily job, ``zuoye analytics rollup`` and Celery beat run. It
rebuilds :class:`AssignmentStat` and :class:`PointStat` for homework assigned in the window
(35 days back by default: results of older homework still arrive late, and the monthly report
needs the whole month), runs the spot checks over the window and records the run. Rebuilding a
window is delete-and-insert inside one transaction: the same on SQLite and PostgreSQL, and
running it twice gives the same rows. A listener keeps the rows of homework that has just
received results fresh between runs, so a teacher's page is current right after grading.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from zuoye.analytics.models import AssignmentStat, PointStat, RollupRun
from zuoye.core.policy.usage import SEED_002_USE, UseRule, monday_of
from zuoye.homework.models import Assignment, AssignmentClass, AssignmentItem, Response
from zuoye.homework.services.responses import Recorded
from zuoye.schools.models import Student
from zuoye.schools.terms import today

WINDOW_DAYS = 35
PAPER = ("scan", "pen", "photo")


def _counts(responses: QuerySet[Response], rule: UseRule) -> dict[tuple[int, int], dict[str, object]]:
    captured = Q(source__in=rule.captured_sources)
    rows = responses.values("assignment_id", "school_class_id").annotate(
        n_rows=Count("id"), n_students=Count("student_id", distinct=True),
        n_captured=Count("student_id", filter=captured, distinct=True),
        n_self_students=Count("student_id", filter=Q(source="self"), distinct=True),
        n_self=Count("id", filter=Q(source="self")), n_paper=Count("id", filter=Q(source__in=PAPER)),
        n_paper_bare=Count("id", filter=Q(source__in=PAPER, evidence="")),
        n_right=Count("id", filter=Q(outcome="right")), n_partial=Count("id", filter=Q(outcome="partial")),
        n_wrong=Count("id", filter=Q(outcome="wrong")), first=Min("recorded_at"), last=Max("recorded_at"),
        recorder=Max("recorded_by_id"))
    counts = {(r["assignment_id"], r["school_class_id"]): r for r in rows}
    unanimous = responses.values("assignment_id", "school_class_id", "assignment_item_id").annotate(
        kinds=Count("outcome", distinct=True)).filter(kinds=1).values_list("assignment_id", "school_class_id")
    for key in unanimous:
        if key in counts:
            counts[key]["n_unanimous"] = int(counts[key].get("n_unanimous", 0)) + 1  # type: ignore[call-overload]
    return counts


def _stats_for(links: QuerySet[AssignmentClass], responses: QuerySet[Response], rule: UseRule) -> list[AssignmentStat]:
    links = links.filter(published=True, assignment__kind=Assignment.Kind.HOMEWORK).select_related(
        "assignment", "school_class__school__region")
    links_list = list(links)
    class_ids = {link.school_class_id for link in links_list}
    sizes = dict(Student.objects.filter(current_class_id__in=class_ids, is_active=True).values(
        "current_class_id").annotate(n=Count("id")).values_list("current_class_id", "n"))
    items = dict(AssignmentItem.objects.filter(assignment_id__in={link.assignment_id for link in links_list}).values(
        "assignment_id").annotate(n=Count("id")).values_list("assignment_id", "n"))
    counts = _counts(responses, rule)
    stats = []
    for link in links_list:
        c = counts.get((link.assignment_id, link.school_class_id), {})
        school_class, size = link.school_class, sizes.get(link.school_class_id, 0)
        captured = int(c.get("n_captured", 0))  # type: ignore[call-overload]
        stats.append(AssignmentStat(
            assignment_id=link.assignment_id, school_class_id=link.school_class_id, school_id=school_class.school_id,
            region_path=school_class.school.region.path, teacher_id=link.assignment.teacher_id,
            subject_id=link.assignment.subject_id, grade=school_class.grade, assigned_on=link.assigned_on,
            week=monday_of(link.assigned_on), minutes=link.minutes, class_size=size,
            items=items.get(link.assignment_id, 0), students=c.get("n_students", 0),
            captured_students=captured, self_students=c.get("n_self_students", 0), rows=c.get("n_rows", 0),
            self_rows=c.get("n_self", 0), paper_rows=c.get("n_paper", 0),
            paper_rows_without_evidence=c.get("n_paper_bare", 0), right_rows=c.get("n_right", 0),
            partial_rows=c.get("n_partial", 0), wrong_rows=c.get("n_wrong", 0),
            unanimous_items=c.get("n_unanimous", 0), is_use=rule.is_use(class_size=size, captured_students=captured),
            first_recorded=c.get("first"), last_recorded=c.get("last"), recorder_id=c.get("recorder")))
    return stats


def _points(since: date, until: date) -> list[PointStat]:
    rows = (Response.objects.filter(assigned_on__gte=since, assigned_on__lte=until,
                                    item__knowledge_points__isnull=False)
            .annotate(wk=TruncWeek("assigned_on"))
            .values("school_class_id", "school_class__school_id", "subject_id", "item__knowledge_points", "wk")
            .annotate(r=Count("id", filter=Q(outcome="right")), p=Count("id", filter=Q(outcome="partial")),
                      w=Count("id", filter=Q(outcome="wrong"))))
    return [PointStat(school_class_id=r["school_class_id"], school_id=r["school_class__school_id"],
                      subject_id=r["subject_id"], knowledge_point_id=r["item__knowledge_points"],
                      week=r["wk"].date() if hasattr(r["wk"], "date") else r["wk"],
                      right_rows=r["r"], partial_rows=r["p"], wrong_rows=r["w"]) for r in rows]


@transaction.atomic
def rollup_refresh(*, since: date | None = None, until: date | None = None, trigger: str = "cli",
                   rule: UseRule = SEED_002_USE) -> RollupRun:
    """Rebuild the rollups for homework assigned from ``since`` (a Monday is used) to ``until``."""
    from zuoye.analytics.checks import flags_refresh

    until = until or today()
    since = monday_of(since or until - timedelta(days=WINDOW_DAYS))
    if since > until:
        raise ValueError(f"rollup window starts ({since}) after it ends ({until})")
    run = RollupRun.objects.create(started_at=timezone.now(), since=since, until=until, trigger=trigger)
    window = Q(assigned_on__gte=since, assigned_on__lte=until)
    stats = _stats_for(AssignmentClass.objects.filter(window), Response.objects.filter(window), rule)
    AssignmentStat.objects.filter(window).delete()
    AssignmentStat.objects.bulk_create(stats, batch_size=2000)
    PointStat.objects.filter(week__gte=since, week__lte=until).delete()
    PointStat.objects.bulk_create(_points(since, until), batch_size=2000)
    run.batches = len(stats)
    run.flags = flags_refresh(stats)
    run.finished_at = timezone.now()
    run.save(update_fields=["batches", "flags", "finished_at"])
    return run


def stats_refresh_assignments(*, assignment_ids: Iterable[int], rule: UseRule = SEED_002_USE) -> int:
    """Recount the rows of these assignments (after results arrive); the points wait for the daily run."""
    ids = set(assignment_ids)
    if not ids:
        return 0
    stats = _stats_for(AssignmentClass.objects.filter(assignment_id__in=ids),
                       Response.objects.filter(assignment_id__in=ids), rule)
    with transaction.atomic():
        AssignmentStat.objects.filter(assignment_id__in=ids).delete()
        AssignmentStat.objects.bulk_create(stats)
    return len(stats)


def on_recorded(result: Recorded) -> None:
    """``responses_listen`` hook: keep the teacher's numbers current between daily runs."""
    stats_refresh_assignments(assignment_ids=result.assignment_ids)


def last_refresh() -> RollupRun | None:
    return RollupRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()
