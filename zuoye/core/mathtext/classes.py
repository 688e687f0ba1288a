"""Spacing classes LaTeX works out from context, for writers whose targets cannot.

Two rules of TeX matter for school maths. A ``-`` at the start of a row or after an operator,
relation, opening bracket or comma is a sign, not a subtraction, and sits tight against its
number: ``(-2)``, ``x=-3``. And a bar ``|`` opens an absolute value at the start or after an
operator and closes it after a term: ``|-3|+|x|``. typst applies the first rule itself once it
knows which bars open; MathML Core applies neither, so both writers ask :func:`roles`.
"""

from __future__ import annotations

from typing import Literal

from .nodes import Node, Row, Scripts, Space, Sym
from .symbols import SYMBOLS

Role = Literal["open", "close", "prefix", ""]

_BARS = frozenset({"|", "Vert"})
_SIGNS = frozenset({"+", "-", "pm", "mp"})
_BEFORE_A_SIGN = frozenset({"op", "rel", "open", "punct", "func"})


def _symbol_of(node: Node) -> str:
    """The symbol a node is, or is the base of (``|x|^2`` ends with a bar carrying ``^2``)."""
    if isinstance(node, Scripts):
        node = node.base
    return node.name if isinstance(node, Sym) else ""


def roles(row: Row) -> list[Role]:
    """Per node: "open"/"close" for bars, "prefix" for signs, "" for everything else."""
    result: list[Role] = []
    before: str | None = None  # the class of the previous visible node; None at the start
    for node in row:
        name = _symbol_of(node)
        role: Role = ""
        if name in _BARS:
            role = "open" if before is None or before in _BEFORE_A_SIGN else "close"
        elif name in _SIGNS and not isinstance(node, Scripts):
            role = "prefix" if before is None or before in _BEFORE_A_SIGN else ""
        result.append(role)
        if not isinstance(node, Space):
            before = _class_after(node, name, role)
    return result


def _class_after(node: Node, name: str, role: Role) -> str:
    if role == "open":
        return "open"
    if role in ("close", "prefix"):
        return "ord" if role == "close" else "op"
    if name and not isinstance(node, Scripts):
        return SYMBOLS[name].kind
    return "ord"
