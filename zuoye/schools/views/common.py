"""Small helpers shared by the schools views."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from zuoye.schools import models as m
from zuoye.schools.terms import school_year_current, term_current


def now() -> tuple[m.Term | None, m.SchoolYear | None]:
    """The current term and school year (pages always show the present)."""
    term = term_current()
    return term, term.school_year if term is not None else school_year_current()


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where to go back to after a POST: the page that sent it, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback
