"""Rewrites of a parsed formula that a page layout may ask for.

Inline fractions are set small (script size), as LaTeX does; that suits a line of text but is
hard to read for a nine-year-old on a printed sheet. :func:`display_fractions` sets the
outermost fractions of a formula at full size, as Chinese primary textbooks print them, while
fractions inside fractions or exponents stay small as usual.
"""

from __future__ import annotations

from dataclasses import replace

from .nodes import Cases, Fenced, Frac, Group, Line, Node, Row, Scripts, Sqrt


def display_fractions(row: Row) -> Row:
    """The same formula with every outermost ``\\frac`` written as ``\\dfrac``."""
    return tuple(_display(node) for node in row)


def _display(node: Node) -> Node:
    if isinstance(node, Frac):
        return replace(node, style="dfrac") if node.style == "frac" else node
    if isinstance(node, Group | Fenced):
        return replace(node, body=display_fractions(node.body))
    if isinstance(node, Sqrt | Line):
        return replace(node, body=display_fractions(node.body))
    if isinstance(node, Scripts):
        return replace(node, base=_display(node.base))
    if isinstance(node, Cases):
        return Cases(tuple(tuple(display_fractions(cell) for cell in row) for row in node.rows))
    return node
