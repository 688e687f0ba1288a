"""Item-bank pages: browse and filter, an item with its answer, imports, QTI export, micro-lessons.

Each view asks :mod:`zuoye.itembank.selectors` whether the person may be here (staff browse,
teachers and school admins import, teachers upload lessons) and hands writes to the services.
"""

from __future__ import annotations

import mimetypes
from typing import Any, Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from zuoye.itembank import selectors
from zuoye.itembank.forms import ImportForm, ItemFilterForm, LessonPlaceForm, MicroLessonForm
from zuoye.itembank.models import KnowledgePoint
from zuoye.itembank.selectors import ItemFilter
from zuoye.itembank.services.imports import items_import
from zuoye.itembank.services.items import Placement
from zuoye.itembank.services.lessons import micro_lesson_create
from zuoye.portal.context import request_scope
from zuoye.schools import access

PER_PAGE = 20


def _allowed(request: HttpRequest, rule: Callable[[access.Scope], bool] = selectors.may_browse,
             what: str = "item bank") -> access.Scope:
    scope = request_scope(request)
    access.require(rule(scope), scope=scope, what=what)
    return scope


def _params(wanted: ItemFilter) -> QueryDict:
    """The effective filter as a query string, so links keep it (a teacher's default included)."""
    params = QueryDict(mutable=True)
    for name in ("subject", "grade", "node", "type", "difficulty", "text"):
        value = getattr(wanted, name)
        if value:
            params[name] = str(value)
    return params


def _filter_form(request: HttpRequest, scope: access.Scope) -> ItemFilterForm:
    data: Any = request.GET
    if not data:
        home = selectors.home_place(scope)
        data = {"subject": home[0], "grade": home[1]} if home else {}
    return ItemFilterForm(data, subjects=selectors.subjects_with_trees())


@login_required
def bank(request: HttpRequest) -> HttpResponse:
    scope = _allowed(request)
    form = _filter_form(request, scope)
    wanted = form.wanted()
    page = Paginator(selectors.items_filtered(wanted), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "itembank/bank.html", {
        "form": form, "wanted": wanted, "page": page, "params": _params(wanted),
        "tree": selectors.knowledge_tree(wanted.subject, wanted.grade) if wanted.subject and wanted.grade else [],
        "node": selectors.node_get(wanted.node), "can_import": selectors.may_import(scope),
    })


@login_required
def item_page(request: HttpRequest, item_id: int) -> HttpResponse:
    _allowed(request)
    item = selectors.item_get(item_id)
    if item is None:
        raise Http404
    return render(request, "itembank/item.html", {"item": item})


@login_required
def item_image(request: HttpRequest, item_id: int) -> FileResponse:
    _allowed(request)
    item = selectors.item_get(item_id)
    if item is None or not item.image:
        raise Http404
    content_type = mimetypes.guess_type(item.image.name)[0] or "application/octet-stream"
    return FileResponse(item.image.open("rb"), content_type=content_type)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    scope = _allowed(request)
    wanted = _filter_form(request, scope).wanted()
    items = list(selectors.items_filtered(wanted)[: selectors.EXPORT_LIMIT])
    if not items:
        messages.error(request, _("No items match this filter, so there is nothing to export."))
        return redirect(reverse("itembank:bank") + "?" + _params(wanted).urlencode())
    name = "-".join(["zuoye-items", wanted.subject or "all", f"g{wanted.grade}" if wanted.grade else "all"])
    response = HttpResponse(selectors.items_qti_package(items), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.zip")
    return response


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    _allowed(request, selectors.may_import, "item import")
    subjects = selectors.subjects_with_trees()
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None, subjects=subjects)
    if posted and form.is_valid():
        upload, data = form.cleaned_data["file"], form.cleaned_data
        fallback = Placement(data["subject"], data["grade"]) if data.get("subject") else None
        report = items_import(data=upload.read(), filename=upload.name, actor=request.user, fallback=fallback,
                              dry_run=data["dry_run"])
        return redirect("itembank:import_result", import_id=report.record.pk)
    return render(request, "itembank/import.html", {
        "form": form, "imports": selectors.imports_of(request.user)[:20],
    }, status=400 if posted else 200)


@login_required
def import_result(request: HttpRequest, import_id: int) -> HttpResponse:
    _allowed(request, selectors.may_import, "item import")
    record = get_object_or_404(selectors.imports_of(request.user), pk=import_id)
    return render(request, "itembank/import_result.html", {"record": record})


@login_required
def lessons(request: HttpRequest) -> HttpResponse:
    scope = _allowed(request)
    page = Paginator(selectors.lessons_listed(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "itembank/lessons.html", {
        "page": page, "params": QueryDict(), "can_upload": selectors.may_upload_lessons(scope),
        "can_import": selectors.may_import(scope),
    })


@login_required
def lesson_new(request: HttpRequest) -> HttpResponse:
    scope = _allowed(request, selectors.may_upload_lessons, "micro-lesson upload")
    subjects = selectors.subjects_with_trees()
    home = selectors.home_place(scope) or ("math", 7)
    place = LessonPlaceForm(request.GET or {"subject": home[0], "grade": home[1]}, subjects=subjects)
    subject, grade = (place.cleaned_data["subject"].code, place.cleaned_data["grade"]) if place.is_valid() else home
    points = KnowledgePoint.objects.filter(subject__code=subject, grade=grade, kind=KnowledgePoint.Kind.POINT)
    posted = request.method == "POST"
    form = MicroLessonForm(request.POST if posted else None, request.FILES if posted else None,
                           points=points.filter(is_active=True))
    if posted and form.is_valid():
        try:
            micro_lesson_create(
                title=form.cleaned_data["title"], duration_seconds=form.duration_seconds, author=request.user,
                knowledge_points=list(form.cleaned_data["knowledge_points"]),
                video=form.cleaned_data["video"], url=form.cleaned_data["url"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The micro-lesson is saved."))
            return redirect("itembank:lessons")
    chosen = {str(v) for v in (form["knowledge_points"].value() or [])}
    return render(request, "itembank/lesson_new.html", {
        "place": place, "form": form, "units": selectors.lesson_points(subject, grade), "chosen": chosen,
        "place_query": f"?subject={subject}&grade={grade}",
    }, status=400 if posted else 200)
