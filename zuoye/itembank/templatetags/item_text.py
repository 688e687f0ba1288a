"""Items on web pages: stems, options and answers with their math as MathML.

Stems keep formulas in the LaTeX subset of :mod:`zuoye.core.mathtext`; ``stem_html`` writes
them as MathML Core, which Chromium draws without a script or a web font. Text that does not
parse (an item imported before a check existed) is shown as plain, escaped text rather than
breaking the page.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zuoye.core.mathtext import MATH_FONT_CSS, MathTextError, stem_to_html
from zuoye.itembank.models import Item

register = template.Library()


@register.filter
def stem_html(text: str) -> SafeString:
    try:
        return mark_safe(stem_to_html(text or ""))  # noqa: S308 - stem_to_html escapes all text
    except MathTextError:
        return mark_safe("<br>".join(escape(line, quote=False) for line in (text or "").split("\n")))  # noqa: S308


@register.simple_tag
def math_font_css() -> SafeString:
    """The CSS rule that gives ``<math>`` a font with stretchy brackets (for a page's <style>)."""
    return mark_safe(MATH_FONT_CSS)  # noqa: S308 - a constant


@register.filter
def answer_html(item: Item) -> SafeString:
    """The correct answer as a teacher reads it: A、C · 正确 · each blank's accepted answers · the model answer."""
    answer = item.answer
    if item.type in (Item.Type.SINGLE_CHOICE, Item.Type.MULTIPLE_CHOICE):
        return mark_safe(escape("、".join(answer)))  # noqa: S308
    if item.type == Item.Type.TRUE_FALSE:
        return mark_safe(escape(_("true") if answer else _("false")))  # noqa: S308
    if item.type == Item.Type.FILL_BLANK:
        blanks = []
        for n, blank in enumerate(answer, start=1):
            accepted = " / ".join(stem_html(a) for a in blank["accepted"])
            tolerance = f" (± {escape(str(blank['tolerance']))})" if blank.get("tolerance") else ""
            blanks.append(f"<span class=\"blank-answer\"><b>({n})</b> {accepted}{tolerance}</span>")
        return mark_safe(" ".join(blanks))  # noqa: S308
    return stem_html(str(answer))


@register.filter
def minutes_text(value: Decimal | int | None) -> str:
    """3 for 3.0, 2.5 for 2.5."""
    if value is None:
        return ""
    number = Decimal(value)
    return str(number.quantize(Decimal(1))) if number == number.to_integral_value() else str(number.normalize())


@register.filter
def duration_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"
