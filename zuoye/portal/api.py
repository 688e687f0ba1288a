"""The JSON API root, /api/v1/: session authentication, each app adds its router.

Logged-in pages and the API share the session, so a browser page can call the API with no
token. Out-of-scope objects answer 403 as JSON (``access.require`` raises PermissionDenied),
unknown ones 404, anonymous callers 401.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

from zuoye.schools.api import router as schools_router

api = NinjaAPI(
    title="Zuoye API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the schema is at openapi.json
    docs_decorator=login_required,
)
api.add_router("", schools_router)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden: outside your scope"}, status=403)
