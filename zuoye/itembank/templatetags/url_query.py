"""``{% query params page=2 node=None %}``: the current filter's query string with some values changed.

Filter pages link to themselves a lot (a tree node, the next page, a cleared filter); each link
keeps every other filter as it is. ``None`` or an empty string removes a parameter.
"""

from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def query(params: QueryDict, **changes: object) -> str:
    updated = params.copy()
    for name, value in changes.items():
        if value is None or value == "":
            updated.pop(name, None)
        else:
            updated[name] = str(value)
    encoded = updated.urlencode()
    return f"?{encoded}" if encoded else "?"
