"""What capture keeps: the review queue shared by every capture mode.

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
