"""An assignment's results per class (students × items), filling in live as results are recorded."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from zuoye.homework import results, selectors
from zuoye.homework.views.common import visible
from zuoye.schools.access import require


def _class(request: HttpRequest, assignment_id: int, class_id: int):  # type: ignore[no-untyped-def]
    scope, assignment = visible(request, assignment_id)
    school_class = selectors.assignment_class(assignment, class_id)
    if school_class is None:
        raise Http404("the homework is not set for this class")
    require(selectors.may_print(scope, assignment, school_class), scope=scope, what=f"results of class {class_id}")
    return assignment, school_class


@login_required
def results_index(request: HttpRequest, assignment_id: int) -> HttpResponse:
    scope, assignment = visible(request, assignment_id)
    classes = [c for c in selectors.assignment_classes(assignment) if selectors.may_print(scope, assignment, c)]
    require(bool(classes), scope=scope, what=f"results of assignment {assignment_id}")
    return render(request, "homework/results.html", {
        "assignment": assignment, "grids": [results.class_results(assignment, c) for c in classes]})


@login_required
def results_live(request: HttpRequest, assignment_id: int, class_id: int) -> JsonResponse:
    """Cells recorded since ``?since=`` (ISO time from the previous answer)."""
    assignment, school_class = _class(request, assignment_id, class_id)
    since = parse_datetime(request.GET.get("since", "")) if request.GET.get("since") else None
    now = timezone.now()
    cells = results.results_changed(assignment, school_class, since)
    return JsonResponse({"cells": cells, "now": cells[-1]["at"] if cells else (since or now).isoformat()})
