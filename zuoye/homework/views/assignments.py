"""The homework list, setting new homework, throwing a draft away."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.homework import selectors
from zuoye.homework.forms import AssignmentForm
from zuoye.homework.services.assignments import assignment_create, assignment_delete
from zuoye.homework.views.common import editable, error_text
from zuoye.portal.context import request_scope
from zuoye.schools.access import require
from zuoye.schools.terms import today

HOMEWORK_ROLES = frozenset({"teacher", "head_teacher", "school_admin", "school_leader"})


@login_required
def homework_list(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    require(scope.is_platform_admin or bool(scope.roles & HOMEWORK_ROLES), scope=scope, what="homework list")
    page = Paginator(selectors.assignments_listed(scope), 30).get_page(request.GET.get("page"))
    return render(request, "homework/list.html", {
        "page": page, "can_set": bool(scope.taught), "user_id": scope.user_id,
        "calendar": selectors.calendar_classes(scope).exists(),
    })


def _class_choices(offer):  # type: ignore[no-untyped-def]
    """Each class once, with the ids of the subjects the teacher teaches in it (for the form's script)."""
    subjects: dict[int, list[int]] = {}
    classes = {}
    for subject, taught in offer:
        for school_class in taught:
            classes[school_class.pk] = school_class
            subjects.setdefault(school_class.pk, []).append(subject.pk)
    ordered = sorted(classes.values(), key=lambda c: (c.grade, c.number))
    return [(c, " ".join(map(str, subjects[c.pk]))) for c in ordered]


@login_required
def homework_new(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    offer = selectors.teaching_offer(scope)
    require(bool(offer) and hasattr(request.user, "teacher"), scope=scope, what="set homework")
    posted = request.method == "POST"
    form = AssignmentForm(request.POST if posted else None, offer=offer,
                          initial={"assigned_on": today(), "subject": offer[0][0],
                                   "classes": offer[0][1] if len(offer[0][1]) == 1 else []})
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = assignment_create(
                teacher=request.user.teacher, subject=data["subject"], title=data["title"],
                assigned_on=data["assigned_on"], classes=list(data["classes"]),
                answer_card_only=data["answer_card_only"],
            )
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, error_text(error) if isinstance(error, ValidationError) else str(error))
        else:
            return redirect("homework:compose", assignment_id=assignment.pk)
    chosen = {int(pk) for pk in form["classes"].value() or [] if str(pk).isdigit()} if posted else \
        {c.pk for c in form.initial["classes"]}
    context = {"form": form, "class_choices": _class_choices(offer), "chosen": chosen}
    return render(request, "homework/new.html", context, status=400 if posted else 200)


@login_required
@require_POST
def homework_delete(request: HttpRequest, assignment_id: int) -> HttpResponse:
    _scope, assignment = editable(request, assignment_id)
    assignment_delete(assignment=assignment)
    messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": assignment.title})
    return redirect("homework:list")
