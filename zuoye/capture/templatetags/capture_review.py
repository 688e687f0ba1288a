"""Drawing a pen mark's strokes for the review queue: inline SVG in the page's millimetres."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()
MARGIN_MM = 6.0


def _bounds(strokes: list, box: dict) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for s in strokes for p in s] + ([box["x"], box["x"] + box["w"]] if box else [])
    ys = [float(p[1]) for s in strokes for p in s] + ([box["y"], box["y"] + box["h"]] if box else [])
    if not xs:
        return 0.0, 0.0, 10.0, 10.0
    return min(xs) - MARGIN_MM, min(ys) - MARGIN_MM, max(xs) - min(xs) + 2 * MARGIN_MM, max(ys) - min(ys) + 2 * MARGIN_MM


@register.simple_tag
def strokes_svg(strokes: list, box: dict) -> SafeString:
    """The strokes in red over the item's area (dashed grey), scaled to fit."""
    x, y, w, h = _bounds(strokes or [], box or {})
    area = format_html('<rect x="{}" y="{}" width="{}" height="{}" class="area"/>', box["x"], box["y"], box["w"],
                       box["h"]) if box else ""
    lines = format_html_join("", '<polyline points="{}"/>', (
        (" ".join(f"{float(p[0]):.2f},{float(p[1]):.2f}" for p in stroke),) for stroke in strokes or [] if stroke))
    return format_html('<svg class="strokes" viewBox="{} {} {} {}" role="img" aria-label="pen strokes">{}{}</svg>',
                       f"{x:.2f}", f"{y:.2f}", f"{w:.2f}", f"{h:.2f}", area, lines)


@register.filter
def outcome_label(outcome: str) -> str:
    """A result as the teacher writes it: ✓ right, ½ partly right, ✗ wrong (in the reader's language)."""
    from zuoye.homework.models import Response
    from zuoye.homework.results import SYMBOL

    if outcome not in Response.Outcome.values:
        return outcome or "—"
    return f"{SYMBOL[outcome]} {Response.Outcome(outcome).label}"


@register.filter
def reason(text: str) -> str:
    """A page's reason in the reader's language (``capture.wording``)."""
    from zuoye.capture.wording import reason_text

    return reason_text(text)


@register.filter
def review_reason(text: str) -> str:
    """An item's reason for review in the reader's language (``capture.wording``)."""
    from zuoye.capture.wording import review_reason as words

    return words(text)
