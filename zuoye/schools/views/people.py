"""Reset a person's first password: the admin gets a new slip password to hand out."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zuoye.accounts import services as account_services
from zuoye.portal.context import request_scope
from zuoye.schools.selectors import people as people_selectors
from zuoye.schools.views.common import safe_next


@login_required
@require_POST
def password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """Shown once on this page (not stored in a message cookie); it is also on the class's slips."""
    person = people_selectors.resettable_user(request_scope(request), user_id)
    password = account_services.password_reset_initial(user=person)
    return render(request, "schools/password_reset_done.html", {
        "person": person, "password": password, "back": safe_next(request, reverse("portal:home")),
    })
