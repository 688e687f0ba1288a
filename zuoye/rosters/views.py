"""Roster pages: upload with the error report on screen, history, templates and exports.

Every view asks :mod:`zuoye.rosters.selectors` (built on ``zuoye.schools.access``) what the
person may manage; school admins manage their school, region staff the schools of their region,
everyone else gets 403.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zuoye.jobs.selectors import jobs_of
from zuoye.portal.context import request_scope
from zuoye.rosters import problems as words
from zuoye.rosters import selectors
from zuoye.rosters.forms import UploadForm
from zuoye.rosters.services import roster_import_apply, roster_import_start
from zuoye.rosters.services.oneroster_out import roster_export_oneroster
from zuoye.rosters.services.workbooks import problems_workbook, roster_export_xlsx, roster_template
from zuoye.schools import access
from zuoye.schools import models as m

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(request: HttpRequest) -> access.Scope:
    scope = request_scope(request)
    access.require(selectors.may_manage_rosters(scope), scope=scope, what="rosters")
    return scope


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    schools = selectors.roster_schools(scope)
    school = schools.filter(pk=request.GET.get("school") or 0).first() or schools.first()
    form = UploadForm(schools=schools, initial={"school": school})
    context = {"form": form, "school": school, "schools": schools, "regions": selectors.roster_regions(scope),
               "imports": selectors.imports_of(scope, school) if school else []}
    return render(request, "rosters/index.html", context)


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    schools = selectors.roster_schools(scope)
    form = UploadForm(request.POST, request.FILES, schools=schools)
    if not form.is_valid():
        return render(request, "rosters/index.html", {"form": form, "school": None, "schools": schools, "imports": []}, status=400)
    record, job = roster_import_start(file=form.cleaned_data["file"], school=form.cleaned_data["school"],
                                      actor=request.user, dry_run=form.cleaned_data["dry_run"])
    if job is not None:
        return redirect(reverse("rosters:result", args=[record.pk]) + f"?job={job.pk}")
    return redirect("rosters:result", pk=record.pk)


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.import_visible(_scope(request), pk)
    if record is None:
        raise Http404
    shown = [{**item, "text": words.render(item), "where": words.column_text(item)} for item in record.problems[:1000]]
    notes = [words.render(item) for item in record.notices]
    counts = [(words.kind_name(kind), c) for kind, c in record.counts.items()]
    job = jobs_of(request.user).filter(pk=request.GET.get("job")).first() if _is_uuid(request.GET.get("job")) else None
    return render(request, "rosters/result.html", {"record": record, "problems": shown, "notes": notes, "counts": counts,
                                                   "job": job})


def _is_uuid(text: str | None) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.import_visible(_scope(request), pk)
    if record is None or record.status != record.Status.CHECKED:
        raise Http404
    return redirect("rosters:result", pk=roster_import_apply(checked=record, actor=request.user).pk)


@login_required
def problems_download(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.import_visible(_scope(request), pk)
    if record is None:
        raise Http404
    return _download(problems_workbook(record), f"roster-problems-{record.pk}.xlsx", XLSX)


@login_required
def template(request: HttpRequest, kind: str) -> HttpResponse:
    _scope(request)
    if kind not in ("students", "teachers"):
        raise Http404
    return _download(roster_template(kind), f"{kind}-template.xlsx", XLSX)


@login_required
def export_school(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    scope = _scope(request)
    school = m.School.objects.filter(pk=pk).first()
    if school is None or fmt not in ("xlsx", "zip"):
        raise Http404
    if fmt == "xlsx":
        return _download(roster_export_xlsx(scope=scope, school=school), f"roster-{school.code}.xlsx", XLSX)
    return _download(roster_export_oneroster(scope=scope, school=school), f"oneroster-{school.code}.zip", "application/zip")


@login_required
def export_region(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    region = m.Region.objects.filter(pk=pk).first()
    if region is None:
        raise Http404
    return _download(roster_export_oneroster(scope=scope, region=region), f"oneroster-{region.code}.zip", "application/zip")
