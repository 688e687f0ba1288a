"""Writing a parsed formula back as canonical LaTeX.

Imports bring the same formula in many spellings (``≠``, ``\\neq``, ``\\ne``; ``x^2``, ``x^{2}``;
Chinese typed straight into a formula). Writing the parsed tree back gives one spelling, which
is what the bank stores and exports (QTI, Moodle) and what duplicate detection compares. For
every formula the parser accepts, ``parse(math_to_latex(parse(s))) == parse(s)``.
"""

from __future__ import annotations

from .nodes import Cases, Fenced, Frac, Group, Letter, Line, Node, Number, Row, Scripts, Space, Sqrt, Sym, Text
from .stem import MathPart, Stem, parse_stem
from .symbols import SYMBOLS

_SPACE_COMMANDS = {"~": "~", " ": "\\ "}


def stem_to_latex(stem: str | Stem) -> str:
    """The stem with every formula in canonical spelling; ``$`` in the text is written ``\\$``."""
    parsed = parse_stem(stem) if isinstance(stem, str) else stem
    return "".join(
        "$" + math_to_latex(part.nodes) + "$" if isinstance(part, MathPart) else part.text.replace("$", "\\$")
        for part in parsed.parts
    )


def math_to_latex(nodes: Row) -> str:
    return _join([_node(node) for node in nodes])


def _join(pieces: list[str]) -> str:
    """Concatenate, adding a space only where two pieces would otherwise merge (``\\pi r``, ``2 3``)."""
    out = ""
    for piece in pieces:
        if out and piece and _would_merge(out, piece):
            out += " "
        out += piece
    return out


def _would_merge(before: str, after: str) -> bool:
    ends_command = before.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").endswith("\\")
    if ends_command and after[0].isascii() and after[0].isalpha():
        return True
    if not after[0].isdigit():
        return False
    return before[-1].isdigit() or (before[-1] == "." and before[-2:-1].isdigit())


def _group(nodes: Row) -> str:
    return "{" + math_to_latex(nodes) + "}"


def _node(node: Node) -> str:
    if isinstance(node, Number):
        return node.text
    if isinstance(node, Letter):
        return node.char
    if isinstance(node, Sym):
        return SYMBOLS[node.name].latex
    if isinstance(node, Text):
        return "\\text{" + node.text + "}"
    if isinstance(node, Space):
        return _SPACE_COMMANDS.get(node.name, "\\" + node.name)
    if isinstance(node, Group):
        return _group(node.body)
    if isinstance(node, Frac):
        return f"\\{node.style}{_group(node.num)}{_group(node.den)}"
    if isinstance(node, Sqrt):
        index = "" if node.index is None else "[" + math_to_latex(node.index) + "]"
        return f"\\sqrt{index}{_group(node.body)}"
    if isinstance(node, Scripts):
        return _scripts(node)
    if isinstance(node, Fenced):
        return f"\\left{_delimiter(node.open)}{math_to_latex(node.body)}\\right{_delimiter(node.close)}"
    if isinstance(node, Line):
        return f"\\{node.position}line{_group(node.body)}"
    if isinstance(node, Cases):
        rows = " \\\\ ".join(" & ".join(math_to_latex(cell) for cell in row) for row in node.rows)
        return "\\begin{cases}" + rows + "\\end{cases}"
    raise TypeError(f"not a formula node: {node!r}")


def _scripts(node: Scripts) -> str:
    base = _node(node.base)
    if isinstance(node.base, Scripts):
        base = "{" + base + "}"
    sub = "" if node.sub is None else "_" + _group(node.sub)
    sup = "" if node.sup is None else "^" + _group(node.sup)
    return base + sub + sup


def _delimiter(name: str) -> str:
    if not name:
        return "."
    return {"{": "\\{", "}": "\\}", "Vert": "\\|"}.get(name, SYMBOLS[name].latex)
