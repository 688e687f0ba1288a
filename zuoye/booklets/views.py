"""Booklet pages: the classes a teacher may print for, a class's week (a background job with a
progress bar, then downloads), and a student's own booklets (student, guardian, teachers).

Booklets carry children's names and wrong answers: every file is served through these scoped
views, never as a public media file, and never cached by a browser or proxy.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.booklets import selectors
from zuoye.booklets.services.printing import booklet_pdf_ensure, booklets_print, class_students
from zuoye.booklets.weeks import Week, WeekError, week_of, week_parse
from zuoye.jobs.models import Job
from zuoye.jobs.selectors import jobs_of
from zuoye.jobs.services import job_enqueue
from zuoye.portal.context import request_scope
from zuoye.schools.templatetags.school_names import class_name


def base_url(request: HttpRequest) -> str:
    """Where the QR codes of micro-lessons point: the SITE_URL setting, else this request's host."""
    return str(getattr(settings, "SITE_URL", "") or request.build_absolute_uri("/")).rstrip("/")


def _week(request: HttpRequest) -> Week | None:
    """The ``?week=`` (or posted week), this week by default; None (with a message) when malformed."""
    text = request.POST.get("week") or request.GET.get("week")
    if not text:
        return week_of(timezone.localdate())
    try:
        return week_parse(text)
    except WeekError:
        messages.error(request, _("“%(week)s” is not a week: write it like 2026-W48.") % {"week": text})
        return None


def _job(request: HttpRequest, class_id: int) -> Job | None:
    try:
        job_id = uuid.UUID(request.GET.get("job", ""))
    except ValueError:
        return None
    job = jobs_of(request.user).filter(pk=job_id, kind="booklets.class").first()
    return job if job and job.params.get("class_id") == class_id else None


def _file(field: FieldFile, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(field.open("rb"), content_type=content_type, filename=filename,
                            as_attachment=content_type != "application/pdf")
    response["Cache-Control"] = "private, no-store"  # children's names and results
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    classes = list(selectors.printable_classes(scope))
    selectors.require_some(classes, scope=scope)
    return render(request, "booklets/index.html", {"classes": classes, "week": week_of(timezone.localdate())})


@login_required
def class_page(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = selectors.class_get(request_scope(request), class_id)
    week = _week(request) or week_of(timezone.localdate())
    return render(request, "booklets/class.html", {
        "school_class": school_class, "week": week, "job": _job(request, class_id),
        "students": len(class_students(school_class)),
        "batches": selectors.batches_of(school_class, week.label),
        "booklets": selectors.class_booklets(school_class, week.label),
    })


@login_required
@require_POST
def class_print(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = selectors.class_get(request_scope(request), class_id)
    week = _week(request)
    back = reverse("booklets:class", args=[class_id])
    if week is None:
        return redirect(back)
    if not class_students(school_class):
        messages.error(request, _("%(class)s has no students yet.") % {"class": class_name(school_class)})
        return redirect(f"{back}?{urlencode({'week': week.label})}")
    job = job_enqueue(kind="booklets.class", actor=request.user, params={
        "class_id": class_id, "week": week.label, "base_url": base_url(request), "actor_id": request.user.pk})
    return redirect(f"{back}?{urlencode({'week': week.label, 'job': str(job.pk)})}")


@login_required
def batch_pdf(request: HttpRequest, batch_id: int) -> FileResponse:
    batch = selectors.batch_get(request_scope(request), batch_id)
    label = _("booklets")
    return _file(batch.pdf, f"{label}-{class_name(batch.school_class)}-{batch.week}.pdf", "application/pdf")


@login_required
def student_page(request: HttpRequest, student_id: int) -> HttpResponse:
    student = selectors.student_get(request_scope(request), student_id)
    week = _week(request) or week_of(timezone.localdate())
    return render(request, "booklets/student.html", {
        "student": student, "week": week, "previous": week_of(week.start - timedelta(days=7)),
        "booklets": selectors.student_booklets(student, week.label),
    })


@login_required
@require_POST
def student_print(request: HttpRequest, student_id: int) -> HttpResponse:
    student = selectors.student_get(request_scope(request), student_id)
    week = _week(request)
    back = reverse("booklets:student", args=[student_id])
    if week is None:
        return redirect(back)
    if student.current_class is None:
        messages.error(request, _("%(name)s is not in a class this year.") % {"name": student.user.full_name})
    else:
        booklets_print(school_class=student.current_class, week=week, base_url=base_url(request),
                       actor=request.user, students=[student])
        messages.success(request, _("The booklet is ready."))
    return redirect(f"{back}?{urlencode({'week': week.label})}")


@login_required
def booklet_pdf(request: HttpRequest, booklet_id: int) -> FileResponse:
    booklet = booklet_pdf_ensure(booklet=selectors.booklet_get(request_scope(request), booklet_id))
    label = _("booklet")
    return _file(booklet.pdf, f"{label}-{booklet.student.user.full_name}-{booklet.week}.pdf", "application/pdf")
