"""What the smart-pen app keeps: pens, gateways, dot-pattern paper, page addresses and dots.

A school registers its pens (each held by a teacher or a student), the classroom gateways or
phone apps that forward the pens' dots (each with a device token stored only as a hash) and
the batches of dot-pattern paper it bought (a run of Ncode page addresses). When a teacher
prints an assignment's sheets on that paper, every printed page takes the next free address
(``PenPage``), so a dot on it maps to (assignment, student, page) and to millimetres on the
stored layout.

Dots are kept compactly: one ``DotChunk`` per (pen, page address, upload) holding the new dots
as packed numpy bytes (19 bytes a dot), not a row per dot; a page is re-read from its chunks
whenever late or out-of-order dots arrive. Raw uploads are kept as received (gzip), once per
sha256.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Pen(models.Model):
    class Role(models.TextChoices):
        TEACHER = "teacher", _("teacher")
        STUDENT = "student", _("student")

    serial = models.CharField(max_length=40, unique=True, help_text="as the pen reports it, e.g. NWP-F130-1A2B3C")
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="pens")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pens")
    role = models.CharField(max_length=8, choices=Role.choices)
    active = models.BooleanField(default=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True,
                                  help_text="sha256 of the pen's own device token, when it uploads by itself")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["serial"]

    def __str__(self) -> str:
        return self.serial


class Gateway(models.Model):
    """A classroom gateway or a phone app that forwards pens' dots to ``POST /pens/api/dots``."""

    name = models.CharField(max_length=60)
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="pen_gateways")
    token_hash = models.CharField(max_length=64, unique=True, help_text="sha256 of the token; the token is shown once")
    token_hint = models.CharField(max_length=12, help_text="the token's first characters, to tell tokens apart")
    active = models.BooleanField(default=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class PaperBatch(models.Model):
    """A school's dot-pattern paper: pages ``first_page`` … ``first_page + page_count − 1`` of one
    Ncode book (section, owner, book). ``used`` pages have been given to printed sheets, in order."""

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="paper_batches")
    label = models.CharField(max_length=60, blank=True, help_text="e.g. the supplier's order number")
    section = models.PositiveIntegerField()
    owner = models.PositiveIntegerField()
    book = models.PositiveIntegerField()
    first_page = models.PositiveIntegerField()
    page_count = models.PositiveIntegerField()
    used = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "owner", "book", "first_page"]

    def __str__(self) -> str:
        return f"{self.section}.{self.owner}.{self.book}.{self.first_page}–{self.last_page}"

    @property
    def last_page(self) -> int:
        return self.first_page + self.page_count - 1

    @property
    def free(self) -> int:
        return self.page_count - self.used


class PenPrint(models.Model):
    """One sheet set printed on dot-pattern paper: which batch, which addresses."""

    sheet_set = models.ForeignKey("homework.SheetSet", on_delete=models.CASCADE, related_name="pen_prints")
    batch = models.ForeignKey(PaperBatch, on_delete=models.PROTECT, related_name="prints")
    first_page = models.PositiveIntegerField()
    page_count = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class PenPage(models.Model):
    """A printed page on dot-pattern paper: its Ncode address and what is printed on it."""

    address = models.CharField(max_length=60, unique=True, help_text="section.owner.book.page")
    pen_print = models.ForeignKey(PenPrint, null=True, blank=True, on_delete=models.CASCADE, related_name="pages",
                                  help_text="empty: an unknown address assigned by hand")
    sheet_set = models.ForeignKey("homework.SheetSet", on_delete=models.CASCADE, related_name="pen_pages")
    page_index = models.PositiveIntegerField(help_text="0-based, over every page of the sheet set's layout")
    sheet_page = models.PositiveSmallIntegerField(help_text="1-based page number within the student's sheet")
    assignment = models.ForeignKey("homework.Assignment", on_delete=models.CASCADE, related_name="pen_pages")
    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="pen_pages")

    class Meta:
        ordering = ["pen_print", "page_index"]
        indexes = [models.Index(fields=["assignment", "student"])]


class DotUpload(models.Model):
    """A batch of dots as received (HTTP from a gateway, or a file given to ``zuoye pen``)."""

    class Source(models.TextChoices):
        HTTP = "http", _("gateway")
        FILE = "file", _("file")

    sha256 = models.CharField(max_length=64, unique=True)
    source = models.CharField(max_length=8, choices=Source.choices)
    gateway = models.ForeignKey(Gateway, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads")
    name = models.CharField(max_length=200, blank=True, help_text="the file's name, for files")
    raw = models.FileField(upload_to="pens/uploads/%Y/%m/", help_text="the body as received, gzip-compressed")
    size = models.PositiveBigIntegerField()
    received = models.PositiveIntegerField(default=1, help_text="how many times this exact body arrived")
    summary = models.JSONField(default=dict, blank=True, help_text="what the first reading of it answered")
    created_at = models.DateTimeField(auto_now_add=True)


class DotChunk(models.Model):
    """New dots of one pen on one page address from one upload, packed (``services.dots.PACKED``).

    Only dots not already stored for the pen are kept, so replays add nothing; unknown page
    addresses are stored too (listed for assignment by hand)."""

    pen = models.ForeignKey(Pen, on_delete=models.CASCADE, related_name="chunks")
    address = models.CharField(max_length=60, db_index=True)
    upload = models.ForeignKey(DotUpload, on_delete=models.CASCADE, related_name="chunks")
    count = models.PositiveIntegerField()
    t_first = models.BigIntegerField()
    t_last = models.BigIntegerField()
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["pen", "address"])]
