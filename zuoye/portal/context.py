"""Template context shared by every page: the acting person's roles, for the navigation bar."""

from __future__ import annotations

from django.http import HttpRequest

from zuoye.schools.access import Scope, scope_for


def request_scope(request: HttpRequest) -> Scope:
    """The acting person's scope, computed once per request."""
    if not hasattr(request, "_zuoye_scope"):
        request._zuoye_scope = scope_for(request.user)  # type: ignore[attr-defined]
    return request._zuoye_scope  # type: ignore[attr-defined, no-any-return]


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"scope": request_scope(request)}
