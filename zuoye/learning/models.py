"""What the learning loop keeps: notebook entries, mastery, recommendations and watch statements.

Everything here except the teachers' decisions on recommendations and the watch statements is
derived from the stored responses (``homework.Response``) and can be rebuilt from them
(``notebook_rebuild``, ``mastery_rebuild``). Knowledge points are referred to by their code, as
the item bank asks, so renaming a point never breaks history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zuoye.homework.models import Assignment
from zuoye.itembank.models import Item, KnowledgePoint, MicroLesson
from zuoye.schools.models import SchoolClass, Student, Subject


class NotebookEntry(models.Model):
    """One item a student got wrong or partly right (错题本), and what happened since.

    One row per (student, item). ``assignment``/``assigned_on``/``outcome``/``answer`` describe the
    latest wrong or partial answer; ``status`` moves open → practised → mastered as later
    responses arrive (see ``core/notebook.py`` in this app for the exact rule).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PRACTISED = "practised", _("practised")
        MASTERED = "mastered", _("mastered")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="notebook_entries")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    assigned_on = models.DateField()
    first_wrong_on = models.DateField()
    outcome = models.CharField(max_length=10, help_text="wrong or partial (the latest such answer)")
    answer = models.CharField(max_length=40, blank=True)
    wrong_count = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    status_on = models.DateField(null=True, blank=True, help_text="the day the status was reached")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-assigned_on", "item_id"]
        constraints = [models.UniqueConstraint(fields=["student", "item"], name="notebook_entry_unique")]
        indexes = [
            models.Index(fields=["student", "subject", "-assigned_on"]),
            models.Index(fields=["school_class", "subject", "assigned_on"]),
        ]


class MasteryFit(models.Model):
    """One fit of the learner model for a subject: the whole model, serialised, and its figures.

    The latest row per subject is the one used; older rows are kept for comparison. A subject with
    no fit uses the core's cold-start defaults.
    """

    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    model = models.JSONField(help_text="RecordModel as data (learning.mastery_store)")
    n_responses = models.PositiveIntegerField()
    n_students = models.PositiveIntegerField()
    n_points = models.PositiveIntegerField()
    seconds = models.FloatField()
    fitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fitted_at", "-id"]
        get_latest_by = "fitted_at"


class PointParams(models.Model):
    """The fitted BKT parameters of one knowledge point (readable copy of what ``MasteryFit`` holds)."""

    fit = models.ForeignKey(MasteryFit, on_delete=models.CASCADE, related_name="points")
    knowledge_point = models.ForeignKey(KnowledgePoint, on_delete=models.CASCADE, related_name="+")
    prior = models.FloatField()
    learn = models.FloatField()
    guess = models.FloatField()
    slip = models.FloatField()
    n_responses = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fit", "knowledge_point"], name="point_params_unique")]


class MasteryState(models.Model):
    """One student's learner state in one subject (the core's ``StudentState`` as data).

    Updated online by the responses listener: the student's responses in the subject are replayed
    through the model (a few hundred per student, milliseconds), so a corrected result is never
    counted twice.
    """

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="mastery_states")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    state = models.JSONField(help_text="StudentState as data (learning.mastery_store)")
    levels = models.JSONField(default=dict, help_text="knowledge point code → level, name, explanation")
    fit = models.ForeignKey(MasteryFit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                            help_text="the fit the levels were computed with; none: cold-start defaults")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "subject"], name="mastery_state_unique")]


class Recommendation(models.Model):
    """An extension exercise (拓展题) proposed for one student; a teacher approves it before it goes out."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        REMOVED = "removed", _("removed")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="recommendations")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    knowledge_point = models.ForeignKey(KnowledgePoint, on_delete=models.PROTECT, related_name="+")
    variant_of = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   help_text="the missed item this is a fresh variant of (举一反三)")
    reason = models.CharField(max_length=200)
    for_date = models.DateField(help_text="the day it is meant for (counted in that day's load)")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["for_date", "knowledge_point_id", "id"]
        constraints = [models.UniqueConstraint(fields=["student", "item", "for_date"], name="recommendation_unique")]
        indexes = [models.Index(fields=["student", "for_date", "status"])]


class Statement(models.Model):
    """One xAPI-style statement about watching a micro-lesson (ADL video profile).

    ``verb`` is the verb IRI; ``time``/``progress``/``played_segments`` are the profile's result
    extensions. A video that failed to load is stored with the ``failed`` verb and the reason, so
    broken lessons show up for the people who look after them.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="lesson_statements",
                                help_text="the student the watching counts for")
    lesson = models.ForeignKey(MicroLesson, on_delete=models.CASCADE, related_name="statements")
    verb = models.CharField(max_length=100)
    session = models.CharField(max_length=40, help_text="one page visit (the xAPI registration)")
    time = models.FloatField(null=True, blank=True, help_text="seconds into the video")
    progress = models.FloatField(null=True, blank=True, help_text="0..1 of the video watched")
    played_segments = models.CharField(max_length=2000, blank=True)
    time_from = models.FloatField(null=True, blank=True)
    time_to = models.FloatField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    timestamp = models.DateTimeField(help_text="when it happened, as the browser said")
    stored = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stored", "id"]
        indexes = [models.Index(fields=["lesson", "student", "verb"]), models.Index(fields=["student", "stored"])]
