"""The home page: one section per role the person holds."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zuoye.portal.context import request_scope


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"scope": request_scope(request)})
