"""Composing homework: its items, minutes and load panel, the bank to pick from, templates, publishing."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from zuoye.homework import selectors
from zuoye.homework.forms import GenerateForm, MinutesForm, OverrideForm
from zuoye.homework.models import Assignment
from zuoye.homework.services.assignments import LoadBudgetExceeded, assignment_minutes_set, assignment_publish
from zuoye.homework.services.compose import (
    assignment_item_move,
    assignment_item_remove,
    assignment_items_add,
    assignment_items_generate,
)
from zuoye.homework.views.common import back, editable, error_text, visible
from zuoye.homework.wording import load_sentence
from zuoye.itembank import selectors as bank
from zuoye.itembank.forms import ItemFilterForm
from zuoye.itembank.selectors import ItemFilter
from zuoye.schools.access import Scope, require
from zuoye.schools.models import Subject

BANK_PAGE = 15


def _bank_part(request: HttpRequest, assignment: Assignment, grades: list[int]) -> dict[str, object]:
    """The bank filtered for this homework: its subject, a class's grade, what is not in it yet."""
    data = request.GET.copy()
    data["subject"] = assignment.subject.code
    data.setdefault("grade", str(min(grades)) if grades else "")
    form = ItemFilterForm(data, subjects=Subject.objects.filter(pk=assignment.subject_id))
    wanted = form.wanted()
    chosen = frozenset(assignment.item_links.values_list("item_id", flat=True))
    params = QueryDict(mutable=True)
    params.update({k: str(v) for k, v in [("grade", wanted.grade), ("node", wanted.node), ("type", wanted.type),
                                           ("difficulty", wanted.difficulty), ("text", wanted.text)] if v})
    items = bank.items_filtered(replace(wanted, exclude=chosen))
    return {
        "bank_form": form, "wanted": wanted, "params": params, "anchor": "#bank",
        "bank_page": Paginator(items, BANK_PAGE).get_page(request.GET.get("page")),
        "tree": bank.knowledge_tree(wanted.subject, wanted.grade) if wanted.grade else [],
        "grades": grades,
    }


def load_panel(scope: Scope, assignment: Assignment) -> list[tuple[selectors.LoadRow, str]]:
    return [(row, load_sentence(row.school_class, assignment.assigned_on, row.check, assignment.subject.name))
            for row in selectors.load_rows(scope, assignment)]


@login_required
def compose(request: HttpRequest, assignment_id: int) -> HttpResponse:
    scope, assignment = visible(request, assignment_id)
    classes = selectors.assignment_classes(assignment)
    editing = selectors.may_edit(scope, assignment)
    links = list(assignment.item_links.select_related("item").prefetch_related("item__knowledge_points"))
    grades = sorted({c.grade for c in classes})
    panel = load_panel(scope, assignment)
    context = {
        "assignment": assignment, "classes": classes, "links": links, "editing": editing, "panel": panel,
        "items_minutes": sum((link.item.minutes for link in links), start=0),
        "minutes_form": MinutesForm(initial={"minutes": assignment.minutes}),
        "can_override": assignment.status == Assignment.Status.DRAFT and any(r.may_override for r, _ in panel),
        "over": any(row.state == "over" for row, _ in panel),
        "override_form": OverrideForm(),
        "generate_form": GenerateForm(grades=set(grades)) if editing and assignment.subject.code == "math" else None,
        "can_print": any(selectors.may_print(scope, assignment, c) for c in classes),
    }
    if editing:
        context.update(_bank_part(request, assignment, grades))
    return render(request, "homework/compose.html", context)


@login_required
def load_part(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The load panel for other minutes than the stored ones (the live panel; nothing is saved)."""
    scope, assignment = visible(request, assignment_id)
    try:
        assignment.minutes = max(0, min(300, int(request.GET.get("minutes", assignment.minutes))))
    except ValueError:
        pass
    context = {"assignment": assignment, "panel": load_panel(scope, assignment)}
    return render(request, "homework/_load_panel.html", context)


@login_required
@require_POST
def items_add(request: HttpRequest, assignment_id: int) -> HttpResponse:
    _scope, assignment = editable(request, assignment_id)
    wanted = [int(pk) for pk in request.POST.getlist("items") if pk.isdigit()]
    items = list(bank.items_filtered(ItemFilter(subject=assignment.subject.code)).filter(pk__in=wanted))
    items.sort(key=lambda item: wanted.index(item.pk))
    try:
        added = assignment_items_add(assignment=assignment, items=items)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, ngettext("%(n)s item added.", "%(n)s items added.", added) % {"n": added})
    return back(assignment, "items")


@login_required
@require_POST
def item_remove(request: HttpRequest, assignment_id: int, link_id: int) -> HttpResponse:
    _scope, assignment = editable(request, assignment_id)
    assignment_item_remove(assignment=assignment, link_id=link_id)
    return back(assignment, "items")


@login_required
@require_POST
def item_move(request: HttpRequest, assignment_id: int, link_id: int) -> HttpResponse:
    _scope, assignment = editable(request, assignment_id)
    try:
        assignment_item_move(assignment=assignment, link_id=link_id, by=-1 if request.POST.get("to") == "up" else 1)
    except ValidationError as error:
        messages.error(request, error_text(error))
    return back(assignment, f"link-{link_id}")


@login_required
@require_POST
def generate(request: HttpRequest, assignment_id: int) -> HttpResponse:
    _scope, assignment = editable(request, assignment_id)
    form = GenerateForm(request.POST, grades=set(assignment.class_links.values_list("school_class__grade", flat=True)))
    if not form.is_valid():
        messages.error(request, _("Choose a template and how many items (1 to 10)."))
        return back(assignment, "generate")
    try:
        added = assignment_items_generate(assignment=assignment, template_code=form.cleaned_data["template"],
                                          count=form.cleaned_data["count"], actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, ngettext("%(n)s fresh item added.", "%(n)s fresh items added.", added) % {"n": added})
    return back(assignment, "items")


@login_required
@require_POST
def minutes(request: HttpRequest, assignment_id: int) -> HttpResponse:
    _scope, assignment = editable(request, assignment_id)
    form = MinutesForm(request.POST)
    if not form.is_valid() or (form.cleaned_data["minutes"] is None and not form.cleaned_data["reset"]):
        messages.error(request, _("Minutes must be between 1 and 300."))
        return back(assignment, "minutes")
    chosen = None if form.cleaned_data["reset"] else form.cleaned_data["minutes"]
    assignment_minutes_set(assignment=assignment, minutes=chosen)
    return back(assignment, "minutes")


@login_required
@require_POST
def publish(request: HttpRequest, assignment_id: int) -> HttpResponse:
    scope, assignment = visible(request, assignment_id)
    reason = request.POST.get("reason", "").strip()[:200]
    leader = any(selectors.may_override(scope, c) for c in selectors.assignment_classes(assignment))
    overriding = leader and bool(reason) and assignment.status == Assignment.Status.DRAFT
    require(selectors.may_edit(scope, assignment) or overriding, scope=scope,
            what=f"publish assignment {assignment_id}")
    try:
        loads = assignment_publish(assignment=assignment, actor=request.user, override_reason=reason)
    except LoadBudgetExceeded as refused:
        messages.error(request, _("Not published: it would go over the daily homework limit."), extra_tags="load")
        for load in refused.loads:
            messages.error(request, load_sentence(load.school_class, assignment.assigned_on, load.check,
                                                  assignment.subject.name), extra_tags="load")
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        overridden = any(not load.check.allowed for load in loads)
        messages.success(request, _("Published.") if not overridden else _(
            "Published over the limit with the school leader's approval; the reason is recorded."))
    return back(assignment, "publish")

