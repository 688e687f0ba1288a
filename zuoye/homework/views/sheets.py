"""Answer sheets of an assignment, per class: the whole class as a background job with a progress
bar, a generic class sheet, one student's sheet; downloads of the PDF and the layout JSON.

Sheets carry students' names: they are served only through these scoped views, never as
public media files.
"""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.homework import selectors
from zuoye.homework.forms import StudentSheetForm
from zuoye.homework.models import Assignment
from zuoye.homework.services.sheets import sheets_print
from zuoye.homework.views.common import visible
from zuoye.jobs.models import Job
from zuoye.jobs.selectors import jobs_of
from zuoye.jobs.services import job_enqueue
from zuoye.portal.context import request_scope
from zuoye.schools.access import require
from zuoye.schools.models import SchoolClass
from zuoye.schools.templatetags.school_names import class_name


def _printable(request: HttpRequest, assignment_id: int, class_id: int) -> tuple[Assignment, SchoolClass]:
    scope, assignment = visible(request, assignment_id)
    school_class = selectors.assignment_class(assignment, class_id)
    if school_class is None:
        raise Http404("the homework is not set for this class")
    require(selectors.may_print(scope, assignment, school_class), scope=scope, what=f"sheets of class {class_id}")
    return assignment, school_class


def _back(assignment: Assignment, school_class: SchoolClass, query: str = "") -> HttpResponse:
    return redirect(reverse("homework:sheets", args=[assignment.pk]) + query + f"#class-{school_class.pk}")


def _job(request: HttpRequest) -> Job | None:
    """The sheet job named in ``?job=``, if this person started it."""
    try:
        job_id = uuid.UUID(request.GET.get("job", ""))
    except ValueError:
        return None
    return jobs_of(request.user).filter(pk=job_id, kind="homework.sheets").first()


@login_required
def sheets_page(request: HttpRequest, assignment_id: int) -> HttpResponse:
    scope, assignment = visible(request, assignment_id)
    classes = [c for c in selectors.assignment_classes(assignment) if selectors.may_print(scope, assignment, c)]
    require(bool(classes), scope=scope, what=f"sheets of assignment {assignment_id}")
    job = _job(request)
    rows = [{
        "school_class": c, "students": selectors.class_students(c),
        "sets": selectors.sheet_sets_of(assignment, c),
        "job": job if job and job.params.get("class_id") == c.pk else None,
    } for c in classes]
    for row in rows:
        row["form"] = StudentSheetForm(students=row["students"])
    return render(request, "homework/sheets.html", {"assignment": assignment, "rows": rows})


@login_required
@require_POST
def sheets_class(request: HttpRequest, assignment_id: int, class_id: int) -> HttpResponse:
    assignment, school_class = _printable(request, assignment_id, class_id)
    if not selectors.class_students(school_class).exists():
        messages.error(request, _("%(class)s has no students yet.") % {"class": class_name(school_class)})
        return _back(assignment, school_class)
    job = job_enqueue(kind="homework.sheets", actor=request.user,
                      params={"assignment_id": assignment.pk, "class_id": school_class.pk, "actor_id": request.user.pk})
    return _back(assignment, school_class, f"?job={job.pk}")


@login_required
@require_POST
def sheets_generic(request: HttpRequest, assignment_id: int, class_id: int) -> HttpResponse:
    assignment, school_class = _printable(request, assignment_id, class_id)
    sheets_print(assignment=assignment, school_class=school_class, actor=request.user, generic=True)
    messages.success(request, _("The generic class sheet is ready."))
    return _back(assignment, school_class)


@login_required
@require_POST
def sheets_student(request: HttpRequest, assignment_id: int, class_id: int) -> HttpResponse:
    assignment, school_class = _printable(request, assignment_id, class_id)
    form = StudentSheetForm(request.POST, students=selectors.class_students(school_class))
    if not form.is_valid():
        messages.error(request, _("Choose a student of this class."))
        return _back(assignment, school_class)
    student = form.cleaned_data["student"]
    sheets_print(assignment=assignment, school_class=school_class, actor=request.user, students=[student])
    messages.success(request, _("The sheet for %(name)s is ready.") % {"name": student.user.full_name})
    return _back(assignment, school_class)


def _filename(sheet_set, extension: str) -> str:  # type: ignore[no-untyped-def]
    kind = _("generic") if sheet_set.kind == sheet_set.Kind.GENERIC else _("answer sheets")
    return f"{sheet_set.assignment.title}-{class_name(sheet_set.school_class)}-{kind}-{sheet_set.pk}.{extension}"


@login_required
def sheet_pdf(request: HttpRequest, sheet_set_id: int) -> FileResponse:
    sheet_set = selectors.sheet_set_get(request_scope(request), sheet_set_id)
    response = FileResponse(sheet_set.pdf.open("rb"), content_type="application/pdf",
                            filename=_filename(sheet_set, "pdf"), as_attachment=False)
    response["Cache-Control"] = "private, no-store"  # students' names
    return response


@login_required
def sheet_layout(request: HttpRequest, sheet_set_id: int) -> HttpResponse:
    sheet_set = selectors.sheet_set_get(request_scope(request), sheet_set_id)
    response = HttpResponse(json.dumps(sheet_set.layout, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, _filename(sheet_set, "json"))
    response["Cache-Control"] = "private, no-store"
    return response
