"""Typst markup for what an item prints above its answer area: the stem and its options.

The same markup string is measured (:mod:`.typeset`) and printed (:mod:`.render`), which is
what makes the stem's height in the layout exact. Source text goes through the caller's
:class:`~zuoye.core.layout.spec.MarkupConverter` (the ``core.mathtext`` LaTeX-subset
converter once it exists; :func:`~zuoye.core.layout.spec.typst_passthrough` until then).
Each option is evaluated on its own, so an unbalanced bracket in one cannot swallow the rest.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata

from zuoye.core.layout.config import LayoutConfig
from zuoye.core.layout.spec import ItemSpec, MarkupConverter, SheetSpec
from zuoye.core.layout.typeset import markup_call


_MARKUP_NOISE = re.compile(r"\\[A-Za-z]+|[${}\s\\^_]")


def visible_length(source: str) -> int:
    """A rough printed width in Latin characters: commands and braces dropped, Chinese counted twice.

    ``$\\frac{5}{6}$`` counts 2, ``3/4 千克`` counts 7; good enough to choose option columns.
    """
    bare = _MARKUP_NOISE.sub("", source)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in bare)


def _option_columns(options: tuple[str, ...], config: LayoutConfig) -> int:
    """Short options share a row (balanced when they need two), medium ones go two by two."""
    longest = max(visible_length(option) for option in options)
    if longest <= config.option_short_chars:
        rows = math.ceil(len(options) / config.option_short_columns)
        return math.ceil(len(options) / rows)
    return 2 if longest <= config.option_medium_chars else 1


def item_markup(item: ItemSpec, convert: MarkupConverter, config: LayoutConfig) -> str:
    """The stem followed by a grid of lettered options; empty when the item prints neither."""
    stem = convert(item.stem) if item.stem.strip() else ""
    if not item.options:
        return stem
    cells = ", ".join(
        f"[{letter}.~#{markup_call(convert(option))}]"
        for letter, option in zip(string.ascii_uppercase, item.options)
    )
    columns = _option_columns(item.options, config)
    grid = (f"#grid(columns: (1fr,) * {columns}, column-gutter: {config.option_gutter_mm}mm, "
            f"row-gutter: {config.option_row_gap_em}em, {cells})")
    return f"{stem}\n\n{grid}" if stem else grid


def stem_markups(spec: SheetSpec, convert: MarkupConverter, config: LayoutConfig) -> dict[str, str]:
    """Item key → printed markup, for items that print something above their answer."""
    if spec.answer_card:
        return {}
    markups = {item.key: item_markup(item, convert, config) for item in spec.items}
    return {key: markup for key, markup in markups.items() if markup.strip()}
