"""Fetch one object the person may see: 404 when it does not exist, 403 when it is out of scope."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from zuoye.schools.access import Scope, require

T = TypeVar("T", bound=Model)


def visible_or_deny(visible: QuerySet[T], pk: int, *, scope: Scope, what: str) -> T:
    found = visible.filter(pk=pk).first()
    if found is not None:
        return found
    if not visible.model._default_manager.filter(pk=pk).exists():
        raise Http404(f"no {what} {pk}")
    require(False, scope=scope, what=f"{what} {pk}")
    raise AssertionError("unreachable")  # require() raised
