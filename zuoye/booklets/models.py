"""Printed booklets (一人一册) and the booklet assignments their answer sheets belong to.

A booklet's extension exercises are answered on an answer sheet, and a sheet is read back only
through an assignment (the QR names it). So each class, week and subject has one
``Assignment`` of kind ``booklet`` (minutes 0: it never counts as homework load) whose items
are the union of the class's extension items; ``BookletAssignment`` finds it again. Each
student's sheet pages are a personal ``homework.SheetSet`` of that assignment, so scanning and
the pen read them like any sheet.

``BookletBatch`` is one print (a whole class in one job, or one student): the PDF of all its
students in order, and the typst preamble they share. ``Booklet`` is one student's part: its
typst pages, and its own PDF, compiled from them the first time someone opens it (a class is
typeset as one document, which is what makes printing a class fast; most schools print that
one PDF, so fifty single PDFs are made only when asked for).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zuoye.homework.models import Assignment
from zuoye.schools.models import SchoolClass, Student, Subject


class BookletAssignment(models.Model):
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=8, help_text="ISO week, YYYY-Www")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="booklet")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school_class", "week", "subject"],
                                               name="booklet_assignment_unique")]


class BookletBatch(models.Model):
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=8)
    students = models.PositiveIntegerField()
    pages = models.PositiveIntegerField()
    seconds = models.FloatField(help_text="time to typeset and store the class")
    pdf = models.FileField(upload_to="booklets/%Y/%m/", help_text="all its students' booklets, in order")
    preamble = models.TextField(help_text="the typst preamble its students' pages share")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["school_class", "week", "-created_at"])]


class Booklet(models.Model):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="booklets")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=8)
    batch = models.ForeignKey(BookletBatch, on_delete=models.CASCADE, related_name="booklets")
    source = models.TextField(help_text="the student's typst pages (after the batch's preamble)")
    pdf = models.FileField(upload_to="booklets/%Y/%m/", blank=True, help_text="made when first opened")
    pages = models.PositiveIntegerField(null=True, blank=True, help_text="known once the PDF is made")
    wrong_count = models.PositiveIntegerField()
    lesson_count = models.PositiveIntegerField()
    extension_count = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["student", "week", "-created_at"])]
