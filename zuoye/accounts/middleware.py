"""Send a person who still has a generated first password to the change-password page."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

_ALWAYS_ALLOWED = ("/accounts/", "/static/", "/i18n/")


class ForcePasswordChangeMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request):  # type: ignore[no-untyped-def]
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not request.path.startswith(_ALWAYS_ALLOWED)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "password change required"}, status=403)
            return redirect(reverse("accounts:password_change") + "?next=" + request.path)
        return self.get_response(request)
