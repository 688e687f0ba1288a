"""Pages of the pens app: a school admin's registry (pens, gateways, dot-pattern paper, unknown
pages), and a teacher's "print on dot-pattern paper" for one class's sheets.

Each view checks scope first (``zuoye.schools.access``) and calls one service; tokens are
shown once, on the page that answers the gateway's creation, and never stored in clear.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.accounts.models import User
from zuoye.homework import selectors as homework
from zuoye.homework.models import SheetSet
from zuoye.pens import forms, selectors
from zuoye.pens.models import Gateway, PaperBatch, Pen
from zuoye.pens.services import addresses, registry
from zuoye.pens.services.reading import pages_read
from zuoye.portal.context import request_scope
from zuoye.schools.access import require
from zuoye.schools.models import School


def _school(request: HttpRequest, school_id: int) -> School:
    scope = request_scope(request)
    require(scope.is_platform_admin or school_id in scope.admin_school_ids, scope=scope,
            what=f"pens of school {school_id}")
    return get_object_or_404(School, pk=school_id)


def _render(request: HttpRequest, school: School, **extra: object) -> HttpResponse:
    context = {
        "school": school, "pens": selectors.pens_of(school), "gateways": selectors.gateways_of(school),
        "batches": selectors.batches_of(school), "unknown": selectors.unknown_pages(school),
        "printings": selectors.sheet_sets_of_school(school)[:20],
        "pen_form": forms.PenForm(), "gateway_form": forms.GatewayForm(), "batch_form": forms.BatchForm(),
        "assign_form": forms.AssignForm(), "api_url": request.build_absolute_uri(reverse("pens:api_dots")),
    }
    return render(request, "pens/school.html", {**context, **extra}, status=400 if extra.get("invalid") else 200)


def _back(school: School, anchor: str) -> HttpResponse:
    return redirect(reverse("pens:school", args=[school.pk]) + f"#{anchor}")


@login_required
def school_page(request: HttpRequest, school_id: int) -> HttpResponse:
    return _render(request, _school(request, school_id))


@login_required
@require_POST
def pen_add(request: HttpRequest, school_id: int) -> HttpResponse:
    school = _school(request, school_id)
    form = forms.PenForm(request.POST)
    if form.is_valid():
        holder = User.objects.filter(username=form.cleaned_data["holder"].strip()).first()
        try:
            if holder is None:
                raise ValidationError(_("No account has the login name %(name)s.") % {"name": form.cleaned_data["holder"]})
            pen, _token = registry.pen_register(serial=form.cleaned_data["serial"], school=school, holder=holder,
                                                role=form.cleaned_data["role"])
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("Pen %(serial)s is registered to %(name)s.") % {
                "serial": pen.serial, "name": holder.full_name})
            return _back(school, "pens")
    return _render(request, school, pen_form=form, invalid=True)


@login_required
@require_POST
def pen_deactivate(request: HttpRequest, pen_id: int) -> HttpResponse:
    pen = get_object_or_404(Pen, pk=pen_id)
    return _deactivated(request, pen.school_id, lambda: registry.pen_deactivate(pen=pen), "pens",
                        _("Pen %(serial)s is deactivated: its dots are refused.") % {"serial": pen.serial})


def _deactivated(request: HttpRequest, school_id: int, deactivate, tab: str, said: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    """Check the person manages the school, then deactivate and say so on the tab."""
    school = _school(request, school_id)
    deactivate()
    messages.success(request, said)
    return _back(school, tab)


@login_required
@require_POST
def gateway_add(request: HttpRequest, school_id: int) -> HttpResponse:
    school = _school(request, school_id)
    form = forms.GatewayForm(request.POST)
    if not form.is_valid():
        return _render(request, school, gateway_form=form, invalid=True)
    gateway, token = registry.gateway_create(name=form.cleaned_data["name"], school=school, actor=request.user)
    response = _render(request, school, new_gateway=gateway, new_token=token)
    response["Cache-Control"] = "no-store"  # the token is on this page, once
    return response


@login_required
@require_POST
def gateway_deactivate(request: HttpRequest, gateway_id: int) -> HttpResponse:
    gateway = get_object_or_404(Gateway, pk=gateway_id)
    return _deactivated(request, gateway.school_id, lambda: registry.gateway_deactivate(gateway=gateway), "gateways",
                        _("Gateway %(name)s is deactivated: its token no longer works.") % {"name": gateway.name})


@login_required
@require_POST
def batch_add(request: HttpRequest, school_id: int) -> HttpResponse:
    school = _school(request, school_id)
    form = forms.BatchForm(request.POST)
    if form.is_valid():
        try:
            batch = registry.paper_batch_create(school=school, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("Dot-pattern paper %(batch)s is recorded.") % {"batch": batch})
            return _back(school, "paper")
    return _render(request, school, batch_form=form, invalid=True)


@login_required
@require_POST
def unknown_assign(request: HttpRequest, school_id: int) -> HttpResponse:
    school = _school(request, school_id)
    form = forms.AssignForm(request.POST)
    if form.is_valid():
        sheet_set = SheetSet.objects.filter(pk=form.cleaned_data["sheet_set"], school_class__school=school).first()
        try:
            if sheet_set is None:
                raise ValidationError(_("This school has no printed sheets number %(n)s.") % {
                    "n": form.cleaned_data["sheet_set"]})
            page = addresses.page_assign(address=form.cleaned_data["address"], sheet_set=sheet_set,
                                         page_number=form.cleaned_data["page"])
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            read = pages_read([page])
            messages.success(request, _("Page %(address)s is assigned: %(recorded)s results recorded, %(review)s "
                                        "sent to review.") % {"address": page.address, "recorded": read.recorded,
                                                              "review": read.review})
            return _back(school, "unknown")
    return _render(request, school, assign_form=form, invalid=True)


@login_required
def print_page(request: HttpRequest, assignment_id: int, class_id: int) -> HttpResponse:
    """Print a class's sheets on dot-pattern paper: choose the printing and a batch with room."""
    scope = request_scope(request)
    assignment = homework.assignment_get(scope, assignment_id)
    school_class = homework.assignment_class(assignment, class_id)
    if school_class is None:
        raise Http404("the homework is not set for this class")
    require(homework.may_print(scope, assignment, school_class), scope=scope, what=f"dot-paper print of {class_id}")
    sets = [s for s in homework.sheet_sets_of(assignment, school_class) if s.kind == SheetSet.Kind.PERSONAL]
    for s in sets:
        s.choice_label = _("%(when)s · %(n)s students · %(pages)s pages") % {
            "when": timezone.localtime(s.created_at).strftime("%Y-%m-%d %H:%M"), "n": len(s.student_ids), "pages": s.pages}
    batches = [b for b in PaperBatch.objects.filter(school_id=school_class.school_id) if b.free > 0]
    for b in batches:
        b.choice_label = _("%(batch)s (%(free)s pages free)") % {"batch": b, "free": b.free}
    form = forms.PrintForm(request.POST or None, sheet_sets=sets, batches=batches)
    if request.method == "POST" and form.is_valid():
        try:
            done = addresses.pen_print_create(sheet_set=next(s for s in sets if s.pk == form.cleaned_data["sheet_set"]),
                                              batch=next(b for b in batches if b.pk == form.cleaned_data["batch"]),
                                              actor=request.user)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("Put the dot-pattern paper in the printer starting at page %(page)s, then "
                                        "print the PDF at actual size.") % {"page": done.first_page})
            return redirect(reverse("pens:print", args=[assignment.pk, school_class.pk]))
    return render(request, "pens/print.html", {
        "assignment": assignment, "school_class": school_class, "form": form, "sets": sets, "batches": batches,
        "prints": selectors.prints_of(sets)}, status=400 if form.errors else 200)
