"""What homework is made of: knowledge points, items and micro-lessons.

Knowledge points mirror the shipped curriculum (``zuoye.core.curriculum``) by code; the code
is what every item, notebook entry and mastery record keeps, so renaming a point never breaks
history. Items are deduplicated by a hash of their content, which is what makes re-importing
the same QTI package or GIFT file change nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zuoye.schools.models import Subject


class KnowledgePoint(models.Model):
    class Kind(models.TextChoices):
        UNIT = "unit", _("unit")
        POINT = "point", _("knowledge point")

    code = models.CharField(max_length=40, unique=True)
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="knowledge_points")
    grade = models.PositiveSmallIntegerField()
    semester = models.CharField(max_length=4, help_text="上册, 下册 or 全一册")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    title = models.CharField(max_length=100)
    order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True, help_text="retired points keep their code")

    class Meta:
        ordering = ["order"]
        indexes = [models.Index(fields=["subject", "grade", "kind", "order"])]

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    class Type(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("multiple choice")
        TRUE_FALSE = "true_false", _("true/false")
        FILL_BLANK = "fill_blank", _("fill in the blank")
        SHORT_ANSWER = "short_answer", _("worked problem / short answer")

    OBJECTIVE = (Type.SINGLE_CHOICE, Type.MULTIPLE_CHOICE, Type.TRUE_FALSE)

    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="items")
    grade = models.PositiveSmallIntegerField()
    type = models.CharField(max_length=20, choices=Type.choices)
    stem = models.TextField(help_text="text with inline math in $...$")
    options = models.JSONField(default=list, blank=True, help_text='[{"label": "A", "text": "..."}]')
    answer = models.JSONField(help_text="choice labels, true/false, accepted strings per blank, or model answer")
    explanation = models.TextField(blank=True, help_text="解析")
    full_score = models.DecimalField(max_digits=5, decimal_places=1, default=1)
    difficulty = models.PositiveSmallIntegerField(default=3, help_text="1 (easy) to 5 (hard)")
    minutes = models.DecimalField(max_digits=4, decimal_places=1, help_text="estimated minutes to answer")
    knowledge_points = models.ManyToManyField(KnowledgePoint, related_name="items")
    source = models.CharField(max_length=200, blank=True)
    image = models.FileField(upload_to="items/", blank=True)
    template_code = models.CharField(max_length=60, blank=True, help_text="variant template that generated it")
    template_seed = models.BigIntegerField(null=True, blank=True)
    external_id = models.CharField(max_length=200, blank=True, help_text="identifier in the file it came from")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["grade", "id"]
        indexes = [
            models.Index(fields=["subject", "grade", "difficulty"]),
            models.Index(fields=["template_code", "template_seed"]),
        ]

    def __str__(self) -> str:
        return self.stem[:40]

    @property
    def is_objective(self) -> bool:
        return self.type in self.OBJECTIVE


class MicroLesson(models.Model):
    """A short teaching video (名师微课) for knowledge points; pushing and watching come later."""

    title = models.CharField(max_length=120)
    video = models.FileField(upload_to="lessons/", blank=True)
    url = models.URLField(blank=True)
    duration_seconds = models.PositiveIntegerField()
    knowledge_points = models.ManyToManyField(KnowledgePoint, related_name="micro_lessons")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    author_name = models.CharField(max_length=64, blank=True, help_text="for lessons by teachers without an account")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(video="") & models.Q(url="")), name="micro_lesson_has_video_or_url"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ItemImport(models.Model):
    """One upload of an item file (QTI, Moodle XML, GIFT): the raw file is kept whatever happened."""

    file = models.FileField(upload_to="item-imports/%Y/%m/")
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    dry_run = models.BooleanField(default=False, help_text="checked only: nothing was to be written")
    ok = models.BooleanField(default=False)
    created_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]
