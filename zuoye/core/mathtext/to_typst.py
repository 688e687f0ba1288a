"""Writing stems and formulas as typst markup, for the PDFs (answer sheets, booklets).

typst's math syntax differs from LaTeX's in ways that bite silently: ``a/b`` is a fraction,
``ab`` is one (unknown) variable, matched parentheses grow with their content, and a comma
inside ``frac(…)`` separates arguments. So the writer puts a space between all atoms, escapes
every delimiter and punctuation mark, and quotes text; the result means exactly what the LaTeX
meant. Text outside formulas becomes typst string literals, so nothing a teacher types (``#``,
``*``, a line starting with ``1.``) can turn into markup.
"""

from __future__ import annotations

from .classes import Role, roles
from .nodes import Cases, Fenced, Frac, Group, Letter, Line, Node, Number, Row, Scripts, Space, Sqrt, Sym, Text
from .transform import display_fractions
from .stem import MathPart, Stem, parse_stem
from .symbols import SPACES, SYMBOLS


def stem_to_typst(stem: str | Stem, *, full_size_fractions: bool = False) -> str:
    """Typst markup for a whole stem; line breaks in the text become typst line breaks.

    ``full_size_fractions`` sets inline fractions at full size (for primary-school sheets).
    """
    parsed = parse_stem(stem) if isinstance(stem, str) else stem
    out: list[str] = []
    for part in parsed.parts:
        if isinstance(part, MathPart):
            nodes = display_fractions(part.nodes) if full_size_fractions else part.nodes
            out.append("$" + math_to_typst(nodes) + "$")
        else:
            lines = part.text.split("\n")
            out.append("#linebreak()".join(typst_text(line) for line in lines))
    return "".join(out)


def typst_text(text: str) -> str:
    """A typst string literal that shows ``text`` exactly (empty text gives nothing)."""
    if not text:
        return ""
    return '#"' + _escape(text) + '"'


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", " ").replace("\r", "")


def math_to_typst(nodes: Row) -> str:
    """Typst math for a parsed formula, without the surrounding ``$`` (inline when wrapped)."""
    return _row(nodes)


def _row(nodes: Row) -> str:
    """Atoms separated by spaces; an empty row is ``""`` so that it still fills an argument."""
    return " ".join(_node(node, role) for node, role in zip(nodes, roles(nodes))) or '""'


_BAR_CLASS = {"open": "opening", "close": "closing"}


def _node(node: Node, role: Role = "") -> str:
    if isinstance(node, Number):
        return node.text
    if isinstance(node, Letter):
        return node.char
    if isinstance(node, Sym):
        typst = SYMBOLS[node.name].typst
        return f'class("{_BAR_CLASS[role]}", {typst})' if role in _BAR_CLASS else typst
    if isinstance(node, Text):
        return '"' + _escape(node.text) + '"'
    if isinstance(node, Space):
        return SPACES[node.name][0]
    if isinstance(node, Group):
        return _row(node.body)
    if isinstance(node, Scripts):
        return _scripts(node, role)
    return _structure(node)


def _structure(node: Node) -> str:
    if isinstance(node, Frac):
        fraction = f"frac({_row(node.num)}, {_row(node.den)})"
        return {"frac": fraction, "dfrac": f"display({fraction})", "tfrac": f"inline({fraction})"}[node.style]
    if isinstance(node, Sqrt):
        if node.index is None:
            return f"sqrt({_row(node.body)})"
        return f"root({_row(node.index)}, {_row(node.body)})"
    if isinstance(node, Fenced):
        return _fenced(node)
    if isinstance(node, Line):
        return f"{node.position}line({_row(node.body)})"
    if isinstance(node, Cases):
        rows = (" & ".join(_row(cell) for cell in row) for row in node.rows)
        return "cases(" + ", ".join(rows) + ")"
    raise TypeError(f"not a formula node: {node!r}")


def _scripts(node: Scripts, role: Role) -> str:
    """``x^2``, ``A'``, ``90°``; a base of several atoms goes through ``attach`` to stay one."""
    if not _is_atom(node.base):
        parts = [_row(_body(node.base))]
        parts += [f"b: {_row(node.sub)}"] if node.sub is not None else []
        parts += [f"t: {_row(node.sup)}"] if node.sup is not None else []
        return "attach(" + ", ".join(parts) + ")"
    out = _node(node.base, role)
    sup = node.sup or ()
    while sup and sup[0] == Sym("prime"):
        out, sup = out + "'", sup[1:]
    if sup == (Sym("circ"),) and node.sub is None:
        return out + " degree"
    if node.sub is not None:
        out += f"_({_row(node.sub)})"
    return out + (f"^({_row(sup)})" if sup else "")


def _is_atom(node: Node) -> bool:
    if isinstance(node, Group):
        return len(node.body) == 1 and _is_atom(node.body[0])
    return not isinstance(node, Scripts | Space)


def _body(node: Node) -> Row:
    return node.body if isinstance(node, Group) else (node,)


def _fenced(node: Fenced) -> str:
    opening = [SYMBOLS[node.open].typst] if node.open else []
    closing = [SYMBOLS[node.close].typst] if node.close else []
    return "lr(" + " ".join(opening + [_row(node.body)] + closing) + ")"
