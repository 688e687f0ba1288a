"""Writing stems and formulas as HTML with MathML Core, for the web pages.

Chromium (and so the phones and TV boxes parents use) renders MathML Core natively, so the
pages need no script and no web font to show ½ as a fraction. The markup stays within MathML
Core (mrow, mi, mn, mo, mtext, mfrac, msqrt, mroot, msub/msup, mover/munder, mtable, mspace),
and plain delimiters are marked ``stretchy="false"`` because LaTeX's ``(`` does not grow
while MathML's does; only ``\\left … \\right`` grows, as in LaTeX.

Pages must give ``math`` elements a font with an OpenType MATH table (:data:`MATH_FONT_CSS`),
or Chromium cannot stretch brackets, braces and radicals.
"""

from __future__ import annotations

from html import escape

from .classes import Role, roles
from .nodes import Cases, Fenced, Frac, Group, Letter, Line, Node, Number, Row, Scripts, Space, Sqrt, Sym, Text
from .transform import display_fractions
from .stem import MathPart, Stem, parse_stem
from .symbols import SPACES, SYMBOLS

MATHML_NS = "http://www.w3.org/1998/Math/MathML"

MATH_FONT_CSS = 'math { font-family: "Latin Modern Math", "STIX Two Math", "DejaVu Math TeX Gyre", math; }'
"""CSS for the page: math fonts with stretchy glyphs (Debian ships DejaVu Math TeX Gyre with
fonts-dejavu; Latin Modern Math comes in fonts-lmodern)."""


def stem_to_html(stem: str | Stem, *, full_size_fractions: bool = False) -> str:
    """An HTML fragment: escaped text, ``<br>`` for line breaks, ``<math>`` for formulas.

    ``full_size_fractions`` sets inline fractions at full size (large print for parents).
    """
    parsed = parse_stem(stem) if isinstance(stem, str) else stem
    out: list[str] = []
    for part in parsed.parts:
        if isinstance(part, MathPart):
            nodes = display_fractions(part.nodes) if full_size_fractions else part.nodes
            out.append(math_to_mathml(nodes, alttext=part.source))
        else:
            out.append("<br>".join(escape(line, quote=False) for line in part.text.split("\n")))
    return "".join(out)


def math_to_mathml(nodes: Row, *, display: bool = False, alttext: str = "") -> str:
    """A ``<math>`` element; ``alttext`` (the LaTeX source) is what screen readers fall back on."""
    attrs = f' xmlns="{MATHML_NS}"'
    attrs += ' display="block"' if display else ""
    attrs += f' alttext="{escape(alttext)}"' if alttext else ""
    return f"<math{attrs}>{_mrow(nodes)}</math>"


def _mrow(nodes: Row) -> str:
    inner = _inner(nodes)
    return inner if len(nodes) == 1 else f"<mrow>{inner}</mrow>"


def _inner(nodes: Row) -> str:
    return "".join(_node(node, role) for node, role in zip(nodes, roles(nodes)))


def _node(node: Node, role: Role = "") -> str:
    if isinstance(node, Number):
        return f"<mn>{node.text}</mn>"
    if isinstance(node, Letter):
        return f"<mi>{node.char}</mi>"
    if isinstance(node, Sym):
        return _symbol(node.name, role=role)
    if isinstance(node, Text):
        return f"<mtext>{escape(node.text, quote=False)}</mtext>"
    if isinstance(node, Space):
        return f'<mspace width="{SPACES[node.name][1]}"></mspace>'
    if isinstance(node, Group):
        return f"<mrow>{_inner(node.body)}</mrow>"
    if isinstance(node, Scripts):
        return _scripts(node, role)
    return _structure(node)


def _symbol(name: str, *, fence: bool = False, role: Role = "") -> str:
    symbol = SYMBOLS[name]
    char = escape(symbol.char, quote=False)
    if role:
        stretchy = "" if role == "prefix" else ' stretchy="false"'
        return f'<mo form="{_FORMS[role]}"{stretchy}>{char}</mo>'
    if fence:
        return f'<mo fence="true">{char}</mo>'
    if symbol.kind in ("open", "close") or name in _FLAT:
        return f'<mo stretchy="false">{char}</mo>'
    if symbol.kind == "func" or (symbol.kind == "ord" and name not in _ORD_OPERATORS):
        upright = ' mathvariant="normal"' if len(symbol.char) == 1 and symbol.char.isupper() else ""
        return f"<mi{upright}>{char}</mi>"
    return f"<mo>{char}</mo>"


_FORMS = {"open": "prefix", "close": "postfix", "prefix": "prefix"}
_FLAT = frozenset({"|", "Vert", "/"})
"""Delimiters that LaTeX never stretches unless asked with \\left … \\right."""
_ORD_OPERATORS = frozenset({".", "circ", "cdots", "ldots"})
"""Ordinary symbols that MathML still writes as <mo>; the rest (π, ∠, △, °, %) are <mi>, which
keeps the operator dictionary from putting space between △ and ABC."""


def _structure(node: Node) -> str:
    if isinstance(node, Frac):
        fraction = f"<mfrac>{_mrow(node.num)}{_mrow(node.den)}</mfrac>"
        if node.style == "frac":
            return fraction
        return f'<mstyle displaystyle="{str(node.style == "dfrac").lower()}">{fraction}</mstyle>'
    if isinstance(node, Sqrt):
        if node.index is None:
            return f"<msqrt>{_mrow(node.body)}</msqrt>"
        return f"<mroot>{_mrow(node.body)}{_mrow(node.index)}</mroot>"
    if isinstance(node, Fenced):
        opening = _symbol(node.open, fence=True) if node.open else ""
        closing = _symbol(node.close, fence=True) if node.close else ""
        return f"<mrow>{opening}{_mrow(node.body)}{closing}</mrow>"
    if isinstance(node, Line):
        return _line(node)
    if isinstance(node, Cases):
        return _cases(node)
    raise TypeError(f"not a formula node: {node!r}")


def _scripts(node: Scripts, role: Role) -> str:
    base = _node(node.base, role)
    sup = node.sup or ()
    primes = ""
    while sup and sup[0] == Sym("prime"):
        primes, sup = primes + "′", sup[1:]
    if primes:
        # ′ is already a raised glyph; as a superscript it would float twice as high
        sub = f"<msub>{base}{_mrow(node.sub)}</msub>" if node.sub is not None else base
        marked = f'<mrow>{sub}<mo lspace="0em" rspace="0em">{primes}</mo></mrow>'
        return f"<msup>{marked}{_mrow(sup)}</msup>" if sup else marked
    if node.sub is not None and node.sup is not None:
        return f"<msubsup>{base}{_mrow(node.sub)}{_mrow(node.sup)}</msubsup>"
    if node.sub is not None:
        return f"<msub>{base}{_mrow(node.sub)}</msub>"
    return f"<msup>{base}{_mrow(sup)}</msup>"


def _line(node: Line) -> str:
    """A CSS border, not ``<mover>``: Chromium stretches no overline glyph of the usual math
    fonts, and a segment ``AB`` needs its bar over both letters."""
    side = "top" if node.position == "over" else "bottom"
    return f'<mrow style="border-{side}:0.065em solid;padding-{side}:0.08em">{_inner(node.body)}</mrow>'


def _cases(node: Cases) -> str:
    rows = "".join(
        "<mtr>" + "".join(f'<mtd style="text-align:left">{_mrow(cell)}</mtd>' for cell in row) + "</mtr>"
        for row in node.rows
    )
    return f'<mrow><mo fence="true">{{</mo><mtable>{rows}</mtable></mrow>'
