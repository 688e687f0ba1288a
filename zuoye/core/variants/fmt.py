"""Writing numbers and expressions the way Chinese textbooks print them, in the LaTeX subset.

Answers are compared as text (an option is right when it equals the answer), so every number
has exactly one spelling here: fractions in lowest terms, decimals without trailing zeros,
polynomial terms without ``1x`` or ``+-``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Number = int | Fraction | Decimal

NAMES = ("小明", "小红", "小华", "小丽", "小军", "小芳", "小刚", "小林", "小雨", "小宇", "乐乐", "丁丁")
CN_DIGITS = "零一二三四五六七八九"


def m(latex: str) -> str:
    """Inline math: ``$…$``."""
    return f"${latex}$"


def places(value: Decimal) -> int:
    """Decimal places as written without trailing zeros: 2.50 → 1, 3 → 0."""
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def dec(value: Decimal | int) -> str:
    """A decimal without trailing zeros and without exponent: 2.50 → 2.5, 1E+2 → 100."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def frac(value: Fraction | int, *, style: str = "frac") -> str:
    """A fraction in lowest terms (``\\frac{5}{6}``, ``-\\frac{1}{2}``); whole numbers plain."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return f"{sign}\\{style}{{{abs(value.numerator)}}}{{{value.denominator}}}"


def num(value: Number) -> str:
    if isinstance(value, Decimal):
        return dec(value)
    return frac(value)


def paren(value: Number) -> str:
    """A number as an operand: negatives in brackets, ``(-3)``."""
    text = num(value)
    return f"({text})" if text.startswith("-") else text


def deg(value: int | str) -> str:
    return f"{value}^\\circ"


def poly(*terms: tuple[Number, str]) -> str:
    """Terms (coefficient, variable part) as one expression: (3,'x'),(−1,'y'),(2,'') → 3x-y+2."""
    out = ""
    for coefficient, variable in terms:
        if coefficient == 0:
            continue
        sign = "-" if coefficient < 0 else ("+" if out else "")
        size = -coefficient if coefficient < 0 else coefficient
        shown = "" if size == 1 and variable else num(size)
        out += sign + shown + variable
    return out or "0"


def signed(value: Number) -> str:
    """A constant added to a term: ``+3``, ``-3`` (nothing for zero)."""
    if value == 0:
        return ""
    return ("+" if value > 0 else "-") + num(value if value > 0 else -value)


def cn_discount(percent: int) -> str:
    """Price as a share of the original, the Chinese way: 80 → 八折, 85 → 八五折."""
    tens, units = divmod(percent, 10)
    return CN_DIGITS[tens] + (CN_DIGITS[units] if units else "") + "折"


def linear(a: int, b: int, variable: str = "x") -> str:
    """``ax+b`` with textbook signs."""
    return poly((a, variable), (b, ""))


TIMES, DIV, PM, CDOT, APPROX = "\\times ", "\\div ", "\\pm ", "\\cdot ", "\\approx "
PCT = "\\%"
ANGLE, TRIANGLE, PI, NE, GE, LE = "\\angle ", "\\triangle ", "\\pi", "\\ne ", "\\geq ", "\\leq "
"""Commands for use inside f-string expressions, which may not hold a backslash (Python 3.11)."""


def fr(numerator: object, denominator: object, style: str = "frac") -> str:
    """``\\frac{numerator}{denominator}`` from any two texts, unreduced."""
    return f"\\{style}{{{numerator}}}{{{denominator}}}"


def sqrt(body: object) -> str:
    return f"\\sqrt{{{body}}}"


def text(words: str) -> str:
    """Upright words inside a formula: ``\\text{元}``."""
    return f"\\text{{{words}}}"
