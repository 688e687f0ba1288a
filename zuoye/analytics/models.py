"""Rollups of the recorded results, and the authenticity flags staff work through.

Everything here is derived from ``homework.Response`` and can be rebuilt from it
(``zuoye analytics rollup --all``). The rollup is one row per published homework and class
(:class:`AssignmentStat`): small enough to aggregate a county's term in one query, detailed
enough to say whether that homework was one "use" (H11) and to run the spot checks (H10).
School and region fields are copied onto each row so reports are single indexed scans.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zuoye.homework.models import Assignment
from zuoye.itembank.models import KnowledgePoint
from zuoye.schools.models import School, SchoolClass, Subject, Teacher


class AssignmentStat(models.Model):
    """One published homework for one class: its results counted, and whether it was a use."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    region_path = models.CharField(max_length=255, help_text="the school's region path, for prefix queries")
    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField()
    assigned_on = models.DateField()
    week = models.DateField(help_text="the Monday of assigned_on's week")
    minutes = models.PositiveSmallIntegerField()
    class_size = models.PositiveIntegerField()
    items = models.PositiveIntegerField()
    students = models.PositiveIntegerField(help_text="students with any result")
    captured_students = models.PositiveIntegerField(help_text="students with results from paper (scan, pen, photo, teacher)")
    self_students = models.PositiveIntegerField()
    rows = models.PositiveIntegerField()
    self_rows = models.PositiveIntegerField()
    paper_rows = models.PositiveIntegerField(help_text="rows from scan, pen or photo")
    paper_rows_without_evidence = models.PositiveIntegerField()
    right_rows = models.PositiveIntegerField()
    partial_rows = models.PositiveIntegerField()
    wrong_rows = models.PositiveIntegerField()
    unanimous_items = models.PositiveIntegerField(help_text="items on which every result has the same outcome")
    is_use = models.BooleanField(help_text="one use under core.policy.usage.UseRule")
    first_recorded = models.DateTimeField(null=True)
    last_recorded = models.DateTimeField(null=True)
    recorder_id = models.IntegerField(null=True, help_text="user who recorded the results (one of them); null: machine uploads")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "school_class"], name="assignment_stat_unique")]
        indexes = [
            models.Index(fields=["school", "assigned_on"]),
            models.Index(fields=["teacher", "assigned_on"]),
            models.Index(fields=["school_class", "assigned_on"]),
            models.Index(fields=["region_path", "assigned_on"]),
            models.Index(fields=["assigned_on"]),
        ]

    @property
    def marked(self) -> int:
        return self.right_rows + self.partial_rows + self.wrong_rows

    @property
    def rate(self) -> float | None:
        return (self.right_rows + self.partial_rows / 2) / self.marked if self.marked else None


class PointStat(models.Model):
    """A class's results on one knowledge point in one week (weak points shared across classes)."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    knowledge_point = models.ForeignKey(KnowledgePoint, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    right_rows = models.PositiveIntegerField()
    partial_rows = models.PositiveIntegerField()
    wrong_rows = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school_class", "knowledge_point", "week"],
                                               name="point_stat_unique")]
        indexes = [models.Index(fields=["school", "week"])]


class RollupRun(models.Model):
    """One refresh of the rollups: what window it covered and when it finished (shown on reports)."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    since = models.DateField()
    until = models.DateField()
    batches = models.PositiveIntegerField(default=0)
    flags = models.PositiveIntegerField(default=0)
    trigger = models.CharField(max_length=20, help_text="cli, job, beat, demo, test")

    class Meta:
        ordering = ["-started_at"]


class Flag(models.Model):
    """A spot-check finding (H10) with its numbers; county staff record a verdict on it."""

    class Kind(models.TextChoices):
        NO_EVIDENCE = "no_evidence", _("paper results without evidence")
        SELF_ONLY = "self_only", _("only self-reported results")
        IDENTICAL = "identical", _("identical answers across a class")
        ALL_CORRECT = "all_correct", _("all-correct batches")
        FAST = "fast", _("classes captured implausibly fast")
        BURST = "burst", _("burst before the reporting deadline")

    class Verdict(models.TextChoices):
        OPEN = "open", _("not yet checked")
        GENUINE = "genuine", _("checked: genuine use")
        FABRICATED = "fabricated", _("checked: fabricated")

    key = models.CharField(max_length=120, unique=True, help_text="kind:teacher:class:assignment:day, one flag per thing")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    region_path = models.CharField(max_length=255)
    school_class = models.ForeignKey(SchoolClass, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    details = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    verdict = models.CharField(max_length=12, choices=Verdict.choices, default=Verdict.OPEN)
    note = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["verdict", "-day", "id"]
        indexes = [models.Index(fields=["region_path", "verdict"])]
