"""Formulas between QTI's MathML and our ``$…$`` LaTeX subset.

Exported items carry MathML Core (written by :mod:`zuoye.core.mathtext`, so every QTI player
shows a real fraction) with the LaTeX source in ``alttext``; reading them back takes the source
from there, so a round trip returns the formula exactly as written. MathML from other tools
usually has no LaTeX; :func:`mathml_to_latex` then rebuilds it from the presentation markup
(the elements textbooks need: fractions, scripts, roots, fences, over- and underlines).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .xmltree import local

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
TEX_ENCODINGS = frozenset({"application/x-tex", "latex", "tex", "text/x-latex", "application/x-latex"})
_FUNCTIONS = frozenset({"sin", "cos", "tan", "cot", "log", "ln", "lg", "max", "min", "lim"})
_SPECIAL = {"{": "\\{", "}": "\\}", "$": "\\$", "%": "\\%", "\\": "\\backslash", "#": "\\#"}


def formula_element(source: str) -> ET.Element:
    """A ``<math>`` element (MathML namespace as its default) for a formula without ``$``."""
    try:
        from zuoye.core.mathtext import math_to_mathml, parse_formula

        markup = math_to_mathml(parse_formula(source), alttext=source)
    except (ImportError, ValueError):  # broken math is refused before export; this is a fallback
        markup = f'<math xmlns="{MATHML_NS}"><mtext></mtext></math>'
        element = _unqualified(ET.fromstring(markup))
        element[0].text = source
        element.set("alttext", source)
        return element
    return _unqualified(ET.fromstring(markup))


def _unqualified(element: ET.Element) -> ET.Element:
    """Drop ``{ns}`` from tags and declare MathML as the default namespace of ``<math>``.

    The writers build plain tag names and declare namespaces as attributes, which keeps the
    output free of generated ``ns0:`` prefixes.
    """
    for node in element.iter():
        node.tag = local(node.tag)
    element.set("xmlns", MATHML_NS)
    return element


def math_source(element: ET.Element) -> str:
    """The LaTeX of a ``<math>`` element: its TeX annotation, its alttext, or rebuilt."""
    for node in element.iter():
        if local(node.tag) == "annotation" and node.get("encoding", "").lower() in TEX_ENCODINGS:
            return (node.text or "").strip()
    if element.get("alttext"):
        return element.get("alttext", "").strip()
    return mathml_to_latex(element)


def mathml_to_latex(element: ET.Element) -> str:
    return _join([_node(child) for child in element]).strip()


def _node(element: ET.Element) -> str:
    name = local(element.tag)
    parts = [_node(child) for child in element]
    if name in ("mi", "mn", "mo", "ms"):
        return _token(name, "".join(element.itertext()).strip())
    if name == "mtext":
        text = "".join(element.itertext())
        return f"\\text{{{text}}}" if text.strip() else "\\ "
    if name == "mspace":
        return "\\,"
    if name in ("mfrac", "msup", "msub", "msubsup", "mroot", "mover", "munder", "munderover"):
        return _structure(name, parts + ["", "", ""])
    if name == "msqrt":
        return f"\\sqrt{{{_join(parts)}}}"
    if name == "mfenced":
        return element.get("open", "(") + ",".join(parts) + element.get("close", ")")
    if name == "semantics":
        return parts[0] if parts else ""
    if name in ("annotation", "annotation-xml", "none", "mprescripts"):
        return ""
    return _join(parts)  # mrow, mstyle, mpadded, mphantom, merror, unknown: their content


def _structure(name: str, parts: list[str]) -> str:
    first, second, third = parts[0], parts[1], parts[2]
    if name == "mfrac":
        return f"\\frac{{{first}}}{{{second}}}"
    if name == "msup":
        return f"{{{first}}}^{{{second}}}"
    if name == "msub":
        return f"{{{first}}}_{{{second}}}"
    if name == "msubsup":
        return f"{{{first}}}_{{{second}}}^{{{third}}}"
    if name == "mroot":
        return f"\\sqrt[{second}]{{{first}}}"
    accent = second if name != "munderover" else third
    if accent in ("‾", "¯", "-", "_", "―", "—"):
        return f"\\{'overline' if name == 'mover' else 'underline'}{{{first}}}"
    if name == "mover":
        return f"{{{first}}}^{{{second}}}"
    return f"{{{first}}}_{{{second}}}" if name == "munder" else f"{{{first}}}_{{{second}}}^{{{third}}}"


def _token(name: str, text: str) -> str:
    if name == "mi" and text in _FUNCTIONS:
        return f"\\{text}"
    return "".join(_SPECIAL.get(char, char) for char in text)


_COMMAND_END = re.compile(r"\\[A-Za-z]+$")


def _join(pieces: list[str]) -> str:
    """Concatenate, keeping ``\\times x`` from becoming the unknown command ``\\timesx``."""
    out = ""
    for piece in pieces:
        if piece and _COMMAND_END.search(out) and piece[0].isalpha():
            out += " "
        out += piece
    return out
