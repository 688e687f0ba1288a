"""The scan upload page, a batch's page with its quarantine, manual assignment, previews, JSON.

Uploading is an XHR POST (so the page can show the upload's own progress) answered with the
batch and job URLs; the page then follows the job with ``jobs/job-progress.js``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.capture import selectors
from zuoye.capture.forms import AssignForm
from zuoye.capture.models import ScanBatch, ScannedPage
from zuoye.capture.services.lookup import BatchLookup
from zuoye.capture.services.manual import AssignRefused, page_assign
from zuoye.capture.services.uploads import UploadRejected, batch_create, upload_store
from zuoye.capture.wording import reason_text
from zuoye.jobs.services import job_enqueue
from zuoye.portal.context import request_scope
from zuoye.schools.access import Scope, require
from zuoye.schools.models import Student

SCANNING_ROLES = frozenset({"teacher", "head_teacher", "school_admin", "school_leader"})


def _may_scan(scope: Scope) -> bool:
    return scope.is_platform_admin or bool(scope.roles & SCANNING_ROLES)


def batch_start(request: HttpRequest, *, source: str, student: Student | None = None) -> ScanBatch:
    """Keep the request's files, make a batch of them and start its job (shared with the phone page)."""
    files = request.FILES.getlist("files")
    if not files:
        raise UploadRejected(_("Choose at least one file."))
    uploads = [upload_store(name=f.name, data=f.read(), actor=request.user) for f in files]
    batch = batch_create(uploads=list(dict.fromkeys(uploads)), actor=request.user, source=source, student=student)
    batch.job = job_enqueue(kind="capture.scan_batch", params={"batch_id": batch.pk}, actor=request.user)
    batch.save(update_fields=["job"])
    return batch


@login_required
def scan_index(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    require(_may_scan(scope), scope=scope, what="scan upload")
    return render(request, "capture/scan.html", {
        "batches": selectors.batches_visible(scope).filter(source=ScanBatch.Source.SCAN)[:15],
        "queues": selectors.review_queues(scope),
    })


@login_required
@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    scope = request_scope(request)
    require(_may_scan(scope), scope=scope, what="scan upload")
    try:
        batch = batch_start(request, source=ScanBatch.Source.SCAN)
    except UploadRejected as exc:
        return JsonResponse({"error": reason_text(str(exc))}, status=400)
    return JsonResponse({"batch": batch.pk, "batch_url": reverse("capture:batch", args=[batch.pk]),
                         "job_url": reverse("jobs:status", args=[batch.job.pk])})


def _batch(request: HttpRequest, batch_id: int) -> tuple[Scope, ScanBatch]:
    scope = request_scope(request)
    batch = selectors.batches_visible(scope).filter(pk=batch_id).select_related("job").first()
    if batch is None:
        require(not ScanBatch.objects.filter(pk=batch_id).exists(), scope=scope, what=f"scan batch {batch_id}")
        raise Http404("no such batch")
    return scope, batch


@login_required
def batch_page(request: HttpRequest, batch_id: int) -> HttpResponse:
    scope, batch = _batch(request, batch_id)
    pages = list(batch.scanned_pages.select_related("upload", "assignment", "student__user"))
    quarantined = [p for p in pages if p.status in (ScannedPage.Status.QUARANTINED, ScannedPage.Status.BLANK)]
    form = AssignForm(scope=scope, auto_id=False) if _may_scan(scope) else None
    return render(request, "capture/batch.html", {
        "batch": batch, "pages": pages, "quarantined": quarantined, "form": form,
        "classes": selectors.batch_classes(batch)})


@login_required
def batch_json(request: HttpRequest, batch_id: int) -> JsonResponse:
    _, batch = _batch(request, batch_id)
    return JsonResponse(selectors.batch_json(batch), json_dumps_params={"ensure_ascii": False, "indent": 1})


def _page(request: HttpRequest, page_id: int) -> tuple[Scope, ScannedPage]:
    scanned = ScannedPage.objects.select_related("batch", "upload").filter(pk=page_id).first()
    if scanned is None:
        raise Http404("no such page")
    scope, _batch_ = _batch(request, scanned.batch_id)
    return scope, scanned


@login_required
def page_preview(request: HttpRequest, page_id: int) -> HttpResponse:
    _, scanned = _page(request, page_id)
    if not scanned.preview:
        raise Http404("this page has no preview")
    return FileResponse(scanned.preview.open("rb"), content_type="image/jpeg")


@login_required
@require_POST
def page_assign_view(request: HttpRequest, page_id: int) -> HttpResponse:
    scope, scanned = _page(request, page_id)
    require(_may_scan(scope), scope=scope, what=f"assign scanned page {page_id}")
    form = AssignForm(request.POST, scope=scope)
    back = redirect(reverse("capture:batch", args=[scanned.batch_id]) + f"#page-{scanned.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return back
    try:
        page_assign(scanned=scanned, assignment=form.cleaned_data["assignment"], student=form.cleaned_data["student"],
                    sheet_page=form.cleaned_data["sheet_page"], actor=request.user, lookup=BatchLookup(scope=scope))
    except AssignRefused as exc:
        messages.error(request, _("The page was not read: %(reason)s") % {"reason": exc})
        return back
    messages.success(request, _("The page was read as %(student)s's page %(page)s.") % {
        "student": form.cleaned_data["student"].user, "page": form.cleaned_data["sheet_page"]})
    return back

