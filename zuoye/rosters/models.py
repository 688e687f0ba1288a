"""What the rosters app stores: every upload as it came, and the ids other systems gave our objects.

A :class:`RosterImport` keeps the raw file (content-addressed under ``MEDIA_ROOT/rosters/``,
so the same bytes are stored once and recognised when they come again), who sent it for which
school, whether it was only checked, and the outcome: counts, or the complete list of problems
as JSON (code, place and parameters; the text is rendered in the reader's language).

An :class:`ExternalId` maps a OneRoster ``sourcedId`` from another system to one of our
objects, so that exporting again gives that system back its own ids. Ids that Zuoye would
generate itself are not stored (see ``services/oneroster_ids.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zuoye.schools.models import School


class RosterImport(models.Model):
    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook")
        CSV = "csv", _("CSV table")
        ONEROSTER = "oneroster", _("OneRoster 1.2 package")
        UNKNOWN = "unknown", _("unreadable file")

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        FAILED = "failed", _("problems found, nothing written")
        CHECKED = "checked", _("checked, no problems")
        APPLIED = "applied", _("imported")
        ERROR = "error", _("stopped by an internal error")

    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="roster_imports")
    filename = models.CharField(max_length=255)
    file = models.FileField(upload_to="rosters/", max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.UNKNOWN)
    dry_run = models.BooleanField(default=False)
    create_classes = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    counts = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    problem_total = models.PositiveIntegerField(default=0)
    notices = models.JSONField(default=list, blank=True)
    seconds = models.FloatField(default=0)
    same_as = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["school", "-created_at"])]
        verbose_name = _("roster import")

    def __str__(self) -> str:
        return f"#{self.pk} {self.filename}"

    @property
    def ok(self) -> bool:
        return self.status in (self.Status.CHECKED, self.Status.APPLIED)


class ExternalId(models.Model):
    """(kind, sourcedId) ↔ our object; ``key`` is the object's primary key or, for things that are
    not rows of their own (a course is a subject in a grade), a natural key."""

    kind = models.CharField(max_length=20)
    sourced_id = models.CharField(max_length=255)
    key = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "sourced_id"], name="external_id_unique"),
            models.UniqueConstraint(fields=["kind", "key"], name="external_id_one_per_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.sourced_id}"
