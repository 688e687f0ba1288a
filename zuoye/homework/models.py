"""Assignments and the records around them.

An assignment is set by one teacher for one subject on one day (``assigned_on``: the school
day whose evening it is done), for one or more of the teacher's classes. Its minutes count
against each class's daily load budget (H9) once published; a school leader's override of the
budget is recorded with the numbers that were over.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zuoye.itembank.models import Item
from zuoye.schools.models import Region, SchoolClass, Subject, Teacher


class Assignment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    class Kind(models.TextChoices):
        HOMEWORK = "homework", _("homework")
        BOOKLET = "booklet", _("personal booklet")

    teacher = models.ForeignKey(Teacher, on_delete=models.PROTECT, related_name="homework")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT)
    title = models.CharField(max_length=120)
    assigned_on = models.DateField(help_text="the school day the homework is for")
    minutes = models.PositiveSmallIntegerField(help_text="estimated minutes; defaults to the items' sum")
    minutes_edited = models.BooleanField(default=False, help_text="the teacher set the minutes by hand")
    answer_card_only = models.BooleanField(default=False, help_text="numbers only: the homework is in the workbook")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HOMEWORK,
                            help_text="booklet: the extension exercises of personal booklets (not counted as load)")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    classes = models.ManyToManyField(SchoolClass, through="AssignmentClass", related_name="homework")
    items = models.ManyToManyField(Item, through="AssignmentItem", related_name="assignments")

    class Meta:
        ordering = ["-assigned_on", "-id"]
        indexes = [models.Index(fields=["teacher", "-assigned_on"])]

    def __str__(self) -> str:
        return self.title


class AssignmentClass(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="class_links")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="assignment_links")
    # Denormalised from the assignment so a class's day load is one indexed query.
    assigned_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    published = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "school_class"], name="assignment_class_unique")]
        indexes = [models.Index(fields=["school_class", "assigned_on", "published"])]


class AssignmentItem(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="item_links")
    item = models.ForeignKey(Item, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()
    score = models.DecimalField(max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["assignment", "position"], name="assignment_item_position")]


class LoadOverride(models.Model):
    """A school leader let an assignment go out over a class's daily budget: who, why, by how much."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="load_overrides")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reason = models.CharField(max_length=200)
    limit = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)


class RegionLoadLimit(models.Model):
    """A region's own daily homework limit for some grades (stricter than, or differing from, H9's)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="load_limits")
    grade_from = models.PositiveSmallIntegerField()
    grade_to = models.PositiveSmallIntegerField()
    minutes = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=200, help_text="the document that sets it, e.g. 于都县教育局文件 2026 第3号")


class SheetSet(models.Model):
    """One printing of an assignment's answer sheets: the PDF and the exact geometry of every page.

    Scanning and the smart pen identify a page by its QR (assignment, student, page) and read
    it with the layout stored here; ``item_keys`` on the layout are ``AssignmentItem`` ids.
    """

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("personal sheets")
        GENERIC = "generic", _("generic class sheet")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="sheet_sets")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    student_ids = models.JSONField(default=list, help_text="printed students, in order (generic: empty)")
    number_suffix_digits = models.PositiveSmallIntegerField(default=0, help_text="generic sheets: 学籍号 digits read")
    pages = models.PositiveIntegerField()
    pdf = models.FileField(upload_to="sheets/%Y/%m/")
    layout = models.JSONField(help_text="the layout contract, version 1 (zuoye.core.layout)")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["assignment", "-created_at"])]


class Response(models.Model):
    """One student's result on one item of one assignment (作答结果): what the teacher marked, what
    the student chose, and where it came from.

    Written only by ``homework.services.responses.responses_record`` (the one door): scans, pen
    sessions, phone photos, the self-report form and a teacher's review all pass through it.
    Everything downstream (notebook, mastery, reports) is derived from these rows. One row per
    (assignment item, student): a page scanned twice, a replayed pen upload or a late
    correction updates the row rather than adding one. ``school_class``, ``item``,
    ``subject`` and ``assigned_on`` are copied from the assignment so that class reports,
    notebooks and rollups are single indexed scans at billions of rows.
    """

    class Outcome(models.TextChoices):
        RIGHT = "right", _("right")
        PARTIAL = "partial", _("partly right")
        WRONG = "wrong", _("wrong")
        UNMARKED = "unmarked", _("not marked")

    class Source(models.TextChoices):
        SCAN = "scan", _("scan")
        PEN = "pen", _("smart pen")
        PHOTO = "photo", _("phone photo")
        SELF = "self", _("self-reported")
        TEACHER = "teacher", _("teacher")

    # The four keys below lead a composite index or the unique constraint (Meta), which serve
    # their lookups; a separate index each would only slow every write of billions of rows.
    assignment_item = models.ForeignKey(AssignmentItem, on_delete=models.CASCADE, related_name="responses",
                                        db_index=False)
    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="responses",
                                db_index=False)
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="responses", db_index=False)
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="responses",
                                     db_index=False)
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="responses")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    assigned_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    answer = models.CharField(max_length=40, blank=True, help_text="chosen options (e.g. 'AC') when read")
    mark = models.CharField(max_length=12, blank=True, help_text="the teacher's mark as read: tick, cross, half, circle")
    source = models.CharField(max_length=10, choices=Source.choices)
    confidence = models.FloatField(default=1.0)
    evidence = models.CharField(max_length=80, blank=True, help_text="what it was read from, e.g. 'scan-page:42'")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=1, help_text="bumped on every change; live pages poll by it")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment_item", "student"], name="response_unique")]
        indexes = [
            models.Index(fields=["assignment", "school_class"]),
            models.Index(fields=["student", "subject", "assigned_on"]),
            models.Index(fields=["school_class", "assigned_on"]),
            models.Index(fields=["assignment", "recorded_at"]),
        ]
