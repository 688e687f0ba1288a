"""Inline math in item stems: parse and check a LaTeX subset, write it as typst and MathML.

Stems carry formulas between ``$`` signs (``计算：$\\frac{1}{2}+\\frac{1}{3}$``). This package
checks them and says where a mistake is (``unbalanced braces: '{' is never closed at column
14``), and writes each formula for the two places items are shown: typst for the PDFs and
MathML Core for the web. One parsed tree feeds both, so a formula means the same on paper and
on screen. See README.md for the supported subset.
"""

from .errors import MathTextError, Problem
from .nodes import Cases, Fenced, Frac, Group, Letter, Line, Node, Number, Row, Scripts, Space, Sqrt, Sym, Text
from .stem import MathPart, Part, Stem, TextPart, parse_formula, parse_stem, validate_stem
from .to_latex import math_to_latex, stem_to_latex
from .to_mathml import MATH_FONT_CSS, math_to_mathml, stem_to_html
from .to_typst import math_to_typst, stem_to_typst, typst_text
from .transform import display_fractions

__all__ = [
    "MATH_FONT_CSS", "Cases", "Fenced", "Frac", "Group", "Letter", "Line", "MathPart", "MathTextError", "Node",
    "Number", "Part", "Problem", "Row", "Scripts", "Space", "Sqrt", "Stem", "Sym", "Text",
    "TextPart", "display_fractions", "math_to_latex", "math_to_mathml", "math_to_typst", "parse_formula", "parse_stem",
    "stem_to_html", "stem_to_latex", "stem_to_typst", "typst_text", "validate_stem",
]
