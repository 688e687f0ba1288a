"""Mobile pages for a student or a guardian (自主归集): photograph graded pages, or tap what was wrong.

A guardian with several children chooses one (``?child=``); a student acts for themselves.
Photos go through the same pipeline as the scanner's pages (source ``photo``; the homography
from the four squares straightens the perspective), limited to the child's own pages. When a
photo cannot be read, the result page says so in plain words and offers the form instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zuoye.capture import selectors
from zuoye.capture.models import ScanBatch
from zuoye.capture.services.self_report import self_report_record
from zuoye.capture.services.uploads import UploadRejected
from zuoye.capture.views.scans import batch_start
from zuoye.capture.wording import reason_text
from zuoye.homework.models import Response
from zuoye.portal.context import request_scope
from zuoye.schools.access import require
from zuoye.schools.models import Student


def _child(request: HttpRequest) -> tuple[list[Student], Student]:
    scope = request_scope(request)
    children = selectors.children_of(scope)
    require(bool(children), scope=scope, what="self-collection (students and guardians only)")
    wanted = request.POST.get("child") or request.GET.get("child")
    if wanted:
        chosen = next((c for c in children if str(c.pk) == wanted), None)
        require(chosen is not None, scope=scope, what=f"self-collection for student {wanted}")
        assert chosen is not None
        return children, chosen
    return children, children[0]


@login_required
def home_index(request: HttpRequest) -> HttpResponse:
    children, child = _child(request)
    return render(request, "capture/home.html", {
        "children": children, "child": child, "assignments": selectors.child_assignments(child),
        "batches": ScanBatch.objects.filter(created_by=request.user, student=child)[:5]})


@login_required
def photos_upload(request: HttpRequest) -> HttpResponse:
    _children, child = _child(request)
    if request.method != "POST":
        return redirect(reverse("capture:home") + f"?child={child.pk}")
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        batch = batch_start(request, source=ScanBatch.Source.PHOTO, student=child)
    except UploadRejected as exc:
        if wants_json:
            return JsonResponse({"error": reason_text(str(exc))}, status=400)
        messages.error(request, reason_text(str(exc)))
        return redirect(reverse("capture:home") + f"?child={child.pk}")
    if wants_json:
        return JsonResponse({"batch": batch.pk, "batch_url": reverse("capture:photos_result", args=[batch.pk])})
    return redirect("capture:photos_result", batch_id=batch.pk)


@login_required
def photos_result(request: HttpRequest, batch_id: int) -> HttpResponse:
    scope = request_scope(request)
    batch = ScanBatch.objects.filter(pk=batch_id, created_by=request.user, source=ScanBatch.Source.PHOTO).first()
    if batch is None:
        require(not ScanBatch.objects.filter(pk=batch_id).exists(), scope=scope, what=f"photo batch {batch_id}")
        raise Http404("no such photos")
    pages = list(batch.scanned_pages.select_related("upload", "assignment"))
    return render(request, "capture/photos_result.html", {"batch": batch, "pages": pages, "child": batch.student})


@login_required
def self_report(request: HttpRequest, assignment_id: int) -> HttpResponse:
    _children, child = _child(request)
    assignment = next((a for a in selectors.child_assignments(child, limit=60) if a.pk == assignment_id), None)
    if assignment is None:
        raise Http404("no such homework for this child")
    links = list(assignment.item_links.select_related("item").order_by("position"))
    if request.method == "POST":
        marked = {link.pk: request.POST[f"item-{link.pk}"] for link in links
                  if request.POST.get(f"item-{link.pk}") in (Response.Outcome.WRONG, Response.Outcome.PARTIAL)}
        recorded = self_report_record(assignment=assignment, student=child, marked=marked, actor=request.user)
        messages.success(request, _("Sent to the teacher: %(wrong)d wrong, %(partial)d partly right, the rest right.")
                         % {"wrong": sum(1 for o in marked.values() if o == "wrong"),
                            "partial": sum(1 for o in marked.values() if o == "partial")}
                         + ("" if not recorded.kept else " " + _("Items the teacher has already recorded were kept.")))
        return redirect(reverse("capture:home") + f"?child={child.pk}")
    current = {r.assignment_item_id: r for r in Response.objects.filter(assignment=assignment, student=child)}
    return render(request, "capture/self_report.html", {
        "assignment": assignment, "child": child, "rows": [(link, current.get(link.pk)) for link in links]})
