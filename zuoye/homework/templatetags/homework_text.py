"""Homework words on pages: a day as teachers write it, subjects' minutes, load states."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django import template
from django.utils.translation import gettext_lazy as _

from zuoye.homework import wording

register = template.Library()

STATES = {
    "empty": _("no homework"), "ok": _("within the limit"), "near": _("near the limit"), "over": _("over the limit"),
}


@register.filter
def day_text(day: date) -> str:
    return wording.day_text(day)


@register.filter
def subjects_text(by_subject: Mapping[str, int], first: str = "") -> str:
    return wording.subjects_text(dict(by_subject), first)


@register.filter
def state_label(state: str) -> str:
    return str(STATES.get(state, state))


@register.filter
def percent_of(part: int, whole: int) -> int:
    """How full a day is, for a bar (0–100; a day with no allowance is full at its first minute)."""
    if whole <= 0:
        return 100 if part else 0
    return min(100, round(100 * part / whole))
