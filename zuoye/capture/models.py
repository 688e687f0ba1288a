"""What capture keeps: raw uploads, scan batches and their pages, and the review queue shared by
every capture mode.

An upload is the raw file exactly as it arrived, stored by its SHA-256 so nothing is lost and
the same file sent twice is one upload. A batch is one reading run over some uploads (a web
upload, a CLI call, a watched-folder file, a phone's photos); each page image in it becomes a
``ScannedPage`` with what became of it: read, blank, quarantined (with the reason) or a
duplicate of a page already read.

A reading the machine is not sure of (a scan below the confidence threshold, a pen mark that
crosses two items, a photo it could not straighten well) is not guessed: it waits here, with
what the machine proposes and the evidence to judge it (the crop of a scan, the strokes of a
pen mark), until a teacher confirms or corrects it. Resolving one records the result through
the one door (``homework.services.responses.responses_record``, source ``teacher``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewItem(models.Model):
    class Kind(models.TextChoices):
        SCAN = "scan", _("scan")
        PEN = "pen", _("smart pen")
        PHOTO = "photo", _("phone photo")

    class Status(models.TextChoices):
        OPEN = "open", _("waiting")
        CONFIRMED = "confirmed", _("confirmed")
        CORRECTED = "corrected", _("corrected")
        DISMISSED = "dismissed", _("dismissed")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    dedupe_key = models.CharField(max_length=120, unique=True,
                                  help_text="the same reading queued twice (a page rescanned, a replay) is one item")
    assignment = models.ForeignKey("homework.Assignment", on_delete=models.CASCADE, related_name="reviews")
    assignment_item = models.ForeignKey("homework.AssignmentItem", on_delete=models.CASCADE, related_name="reviews")
    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="reviews")
    school_class = models.ForeignKey("schools.SchoolClass", on_delete=models.CASCADE, related_name="reviews")
    proposed = models.JSONField(help_text='{"outcome", "score", "answer", "mark"}: what the machine read')
    confidence = models.FloatField()
    reason = models.CharField(max_length=200, help_text="why it was not taken as read, in the reader's words")
    crop = models.FileField(upload_to="review/%Y/%m/", blank=True, help_text="scan or photo: the item's area (PNG)")
    strokes = models.JSONField(default=list, blank=True,
                               help_text="pen: [[[x_mm, y_mm], ...], ...] on the page, with the item's box in 'box'")
    box = models.JSONField(default=dict, blank=True, help_text="the item's area in mm: x, y, w, h")
    evidence = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved = models.JSONField(default=dict, blank=True, help_text="what the teacher decided")
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["assignment", "status"]),
            models.Index(fields=["school_class", "status"]),
        ]


def _upload_path(upload: "Upload", filename: str) -> str:
    return f"capture/uploads/{upload.sha256[:2]}/{upload.sha256}{upload.suffix}"


class Upload(models.Model):
    """A raw file as it arrived, kept for good under ``MEDIA_ROOT`` by its content hash."""

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200, help_text="the file's name when it was first uploaded")
    suffix = models.CharField(max_length=10, blank=True, help_text="lower-case extension, e.g. '.pdf'")
    size = models.PositiveBigIntegerField()
    file = models.FileField(upload_to=_upload_path, max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ScanBatch(models.Model):
    """One reading run over some uploads, by one person, with its counts."""

    class Source(models.TextChoices):
        SCAN = "scan", _("scanner")
        PHOTO = "photo", _("phone photo")

    class Status(models.TextChoices):
        NEW = "new", _("waiting")
        READING = "reading", _("reading")
        DONE = "done", _("read")
        FAILED = "failed", _("failed")

    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SCAN)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NEW)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    school = models.ForeignKey("schools.School", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", help_text="the uploader's school: its staff see the batch")
    student = models.ForeignKey("schools.Student", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+", help_text="phone photos: the child they are of (only their pages)")
    uploads = models.ManyToManyField(Upload, related_name="batches")
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pages = models.PositiveIntegerField(default=0)
    read = models.PositiveIntegerField(default=0)
    blank = models.PositiveIntegerField(default=0)
    quarantined = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    review = models.PositiveIntegerField(default=0, help_text="items sent to the review queue")
    recorded = models.PositiveIntegerField(default=0, help_text="results created or changed")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]


class ScannedPage(models.Model):
    """One page image of a batch: where it came from and what became of it."""

    class Status(models.TextChoices):
        READ = "read", _("read")
        BLANK = "blank", _("blank")
        QUARANTINED = "quarantined", _("quarantined")
        DUPLICATE = "duplicate", _("scanned again")

    batch = models.ForeignKey(ScanBatch, on_delete=models.CASCADE, related_name="scanned_pages")
    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="+")
    member = models.CharField(max_length=200, blank=True, help_text="the file inside a ZIP, if any")
    page_number = models.PositiveIntegerField(help_text="1-based page in its file")
    image_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.CharField(max_length=300, blank=True)
    assignment = models.ForeignKey("homework.Assignment", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    student = models.ForeignKey("schools.Student", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sheet_page = models.PositiveIntegerField(null=True, blank=True)
    items = models.JSONField(default=list, blank=True, help_text="per-item readings, as in the scan JSON")
    preview = models.FileField(upload_to="capture/previews/%Y/%m/", blank=True,
                               help_text="quarantined pages: a small JPEG to recognise it by")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="set when a person gave the page its identity by hand")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["batch", "id"]
        indexes = [models.Index(fields=["assignment", "student", "sheet_page"])]

    @property
    def source_label(self) -> str:
        where = f"{self.upload.name}"
        if self.member:
            where += f" › {self.member}"
        return f"{where} · p.{self.page_number}"
