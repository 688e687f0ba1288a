"""Helpers the homework views share: fetching an assignment the person may act on, going back to it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from zuoye.homework import selectors
from zuoye.homework.models import Assignment
from zuoye.portal.context import request_scope
from zuoye.schools.access import Scope, require


def visible(request: HttpRequest, assignment_id: int) -> tuple[Scope, Assignment]:
    scope = request_scope(request)
    return scope, selectors.assignment_get(scope, assignment_id)


def editable(request: HttpRequest, assignment_id: int) -> tuple[Scope, Assignment]:
    """The assignment, if it is the person's own draft (403 otherwise)."""
    scope, assignment = visible(request, assignment_id)
    require(selectors.may_edit(scope, assignment), scope=scope, what=f"change assignment {assignment_id}")
    return scope, assignment


def back(assignment: Assignment, anchor: str = "", view: str = "homework:compose") -> HttpResponse:
    return redirect(reverse(view, args=[assignment.pk]) + (f"#{anchor}" if anchor else ""))


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)
