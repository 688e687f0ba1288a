"""Numbers as the reports print them: a share as a per cent, a rating as a coloured word."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def level_names() -> dict[str, str]:
    return {"excellent": _("excellent"), "qualified": _("qualified"), "unqualified": _("unqualified"),
            "not_assessed": _("not assessed")}


@register.filter
def level(value: str) -> SafeString:
    return format_html('<span class="level {}">{}</span>', value, level_names().get(value, value))
