"""Authenticity spot checks (H10): the rollup's rows through ``core.policy.authenticity``,
stored as :class:`Flag` rows for county staff, who record a verdict on each.

A flag found again on the next run is the same row (its ``key``), so a verdict already
recorded is never reset; a flag whose numbers no longer hold stays, with its verdict, as the
record of what staff looked at.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zuoye.accounts.models import User
from zuoye.analytics.models import AssignmentStat, Flag
from zuoye.core.policy import authenticity as policy
from zuoye.schools.models import Teacher


def _batch(s: AssignmentStat) -> policy.Batch:
    return policy.Batch(
        assignment_id=s.assignment_id, class_id=s.school_class_id, teacher_id=s.teacher_id,
        assigned_on=s.assigned_on, class_size=s.class_size, items=s.items, students=s.students, rows=s.rows,
        self_rows=s.self_rows, paper_rows=s.paper_rows, paper_rows_without_evidence=s.paper_rows_without_evidence,
        right_rows=s.right_rows, unanimous_items=s.unanimous_items, first_recorded=s.first_recorded,
        last_recorded=s.last_recorded, recorder_id=s.recorder_id)


def _key(f: policy.Finding) -> str:
    return f"{f.kind}:{f.teacher_id}:{f.class_id or ''}:{f.assignment_id or ''}:{f.day.isoformat()}"


def flags_refresh(stats: Sequence[AssignmentStat], rule: policy.CheckRule = policy.RULE) -> int:
    """Store the findings over these rows; returns how many flags are new."""
    found = policy.findings([_batch(s) for s in stats], rule)
    if not found:
        return 0
    existing = set(Flag.objects.filter(key__in=[_key(f) for f in found]).values_list("key", flat=True))
    teachers = {t.pk: t for t in Teacher.objects.filter(pk__in={f.teacher_id for f in found}).select_related(
        "school__region")}
    new = [Flag(key=_key(f), kind=f.kind, teacher_id=f.teacher_id, school_id=teachers[f.teacher_id].school_id,
                region_path=teachers[f.teacher_id].school.region.path, school_class_id=f.class_id,
                assignment_id=f.assignment_id, day=f.day, details=f.details)
           for f in found if _key(f) not in existing]
    Flag.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def flag_explain(flag: Flag) -> str:
    """The flag in words, with its numbers: why someone should look."""
    d = flag.details
    texts = {
        Flag.Kind.NO_EVIDENCE: _("%(without)s of %(rows)s results said to come from a scan, pen or photo name no "
                                 "page, stroke file or photo behind them."),
        Flag.Kind.SELF_ONLY: _("%(self_rows)s of %(rows)s results in %(batches)s homework batches were "
                               "self-reported: next to nothing captured from paper."),
        Flag.Kind.IDENTICAL: _("All %(students)s students answered each of the %(items)s items the same way "
                               "(every item all right or all wrong)."),
        Flag.Kind.ALL_CORRECT: _("In %(perfect)s of %(batches)s homework batches every student got every item right."),
        Flag.Kind.FAST: _("%(sheets)s sheets of %(classes)s classes were recorded within %(minutes)s minutes."),
        Flag.Kind.BURST: _("%(late)s of the month's %(month_batches)s batches were recorded in the last %(days)s days "
                           "before the monthly report, for homework at least %(age)s days old."),
    }
    return texts[Flag.Kind(flag.kind)] % d


def flag_decide(*, flag: Flag, verdict: str, note: str, actor: User) -> Flag:
    """Record a staff member's verdict; a "fabricated" verdict must say what was found."""
    if verdict not in (Flag.Verdict.GENUINE, Flag.Verdict.FABRICATED):
        raise ValidationError(_("Choose a verdict: genuine or fabricated."))
    if verdict == Flag.Verdict.FABRICATED and not note.strip():
        raise ValidationError(_("Say what was found when recording a fabrication."))
    flag.verdict, flag.note, flag.decided_by, flag.decided_at = verdict, note.strip()[:300], actor, timezone.now()
    flag.save(update_fields=["verdict", "note", "decided_by", "decided_at"])
    return flag
