"""The symbols of the LaTeX subset, with their Unicode character and typst name.

One table drives the parser (which commands and characters exist), the typst writer and the
MathML writer, so a symbol added here is understood everywhere at once. Chinese textbooks
write some symbols their own way, and the table follows them: ``\\cong`` is ≌ (not ≅) and
``\\backsim`` is ∽ (相似).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["ord", "op", "rel", "punct", "open", "close", "func"]


@dataclass(frozen=True)
class Symbol:
    """``name`` is the command without its backslash, or the character itself for plain ones."""

    name: str
    char: str
    typst: str
    kind: Kind

    @property
    def latex(self) -> str:
        """How the canonical LaTeX writes it: ``\\times``, ``+``, ``\\{``."""
        if self.name.isalpha():
            return "\\" + self.name
        return "\\" + self.name if self.name in "{}%$" else self.name


def _table() -> dict[str, Symbol]:
    rows: list[tuple[str, str, str, Kind]] = [
        # binary operators
        ("+", "+", "+", "op"), ("-", "−", "-", "op"), ("*", "∗", "ast", "op"),
        ("times", "×", "times", "op"), ("div", "÷", "div", "op"), ("cdot", "⋅", "dot.op", "op"),
        ("pm", "±", "plus.minus", "op"), ("mp", "∓", "minus.plus", "op"),
        ("cup", "∪", "union", "op"), ("cap", "∩", "∩", "op"),
        # relations
        ("=", "=", "=", "rel"), ("<", "<", "<", "rel"), (">", ">", ">", "rel"),
        ("ne", "≠", "eq.not", "rel"), ("le", "≤", "lt.eq", "rel"), ("ge", "≥", "gt.eq", "rel"),
        ("leqslant", "⩽", "lt.eq.slant", "rel"), ("geqslant", "⩾", "gt.eq.slant", "rel"),
        ("approx", "≈", "approx", "rel"), ("equiv", "≡", "equiv", "rel"),
        ("sim", "∼", "tilde.op", "rel"), ("backsim", "∽", "tilde.rev", "rel"),
        ("cong", "≌", "≌", "rel"), ("parallel", "∥", "parallel", "rel"), ("perp", "⊥", "perp", "rel"),
        ("because", "∵", "because", "rel"), ("therefore", "∴", "therefore", "rel"),
        ("in", "∈", "in", "rel"), ("notin", "∉", "in.not", "rel"), ("subset", "⊂", "subset", "rel"),
        ("to", "→", "arrow.r", "rel"), ("Rightarrow", "⇒", "arrow.r.double", "rel"),
        ("Leftrightarrow", "⇔", "arrow.l.r.double", "rel"), (":", ":", "\\:", "rel"),
        # punctuation
        (",", ",", "\\,", "punct"), (";", ";", "\\;", "punct"), (".", ".", ".", "ord"),
        ("!", "!", "!", "close"), ("?", "?", "?", "close"), ("/", "/", "\\/", "ord"),
        # delimiters, written escaped in typst so that they never pair up or scale on their own
        ("(", "(", "\\(", "open"), (")", ")", "\\)", "close"),
        ("[", "[", "\\[", "open"), ("]", "]", "\\]", "close"),
        ("{", "{", "\\{", "open"), ("}", "}", "\\}", "close"),
        ("|", "|", "\\|", "ord"), ("Vert", "‖", "‖", "ord"),
        ("langle", "⟨", "⟨", "open"), ("rangle", "⟩", "⟩", "close"),
        # ordinary symbols
        ("pi", "π", "pi", "ord"), ("angle", "∠", "angle", "ord"),
        ("triangle", "△", "triangle.stroked.t", "ord"), ("degree", "°", "degree", "ord"),
        ("circ", "∘", "circle.stroked.small", "ord"), ("prime", "′", "prime", "ord"),
        ("infty", "∞", "infinity", "ord"), ("%", "%", "%", "ord"), ("$", "$", "\\$", "ord"),
        ("square", "□", "square.stroked", "ord"), ("odot", "⊙", "⊙", "ord"),
        ("cdots", "⋯", "dots.c", "ord"), ("ldots", "…", "dots.h", "ord"),
        ("emptyset", "∅", "emptyset", "ord"),
        # function names, set upright
        ("sin", "sin", "sin", "func"), ("cos", "cos", "cos", "func"), ("tan", "tan", "tan", "func"),
        ("log", "log", "log", "func"), ("ln", "ln", "ln", "func"), ("lg", "lg", "lg", "func"),
    ]
    rows += [(name, char, name, "ord") for name, char in _GREEK]
    rows += [("epsilon", "ϵ", "epsilon.alt", "ord"), ("varepsilon", "ε", "epsilon", "ord"),
             ("phi", "ϕ", "phi.alt", "ord"), ("varphi", "φ", "phi", "ord")]
    return {name: Symbol(name, char, typst, kind) for name, char, typst, kind in rows}


_GREEK = (
    ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("zeta", "ζ"), ("eta", "η"),
    ("theta", "θ"), ("lambda", "λ"), ("mu", "μ"), ("xi", "ξ"), ("rho", "ρ"), ("sigma", "σ"),
    ("tau", "τ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"), ("Gamma", "Γ"), ("Delta", "Δ"),
    ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"), ("Pi", "Π"), ("Sigma", "Σ"), ("Phi", "Φ"),
    ("Psi", "Ψ"), ("Omega", "Ω"),
)

SYMBOLS: dict[str, Symbol] = _table()

COMMAND_ALIASES: dict[str, str] = {
    "neq": "ne", "leq": "le", "geq": "ge", "lt": "<", "gt": ">", "rightarrow": "to",
    "dots": "ldots", "lbrace": "{", "rbrace": "}", "Box": "square",
    "|": "Vert", "{": "{", "}": "}", "%": "%", "$": "$",
}
"""Other spellings of a symbol command (``\\neq`` is ``\\ne``, ``\\|`` is ‖); the canonical name is kept."""

PLAIN = frozenset("+-*=<>:,;.!?/()[]|%")
"""ASCII characters that stand for themselves (a bare ``%`` is a percent sign here, not a comment)."""

UNICODE: dict[str, str] = {
    symbol.char: symbol.name
    for symbol in SYMBOLS.values()
    if len(symbol.char) == 1 and not symbol.char.isascii() and symbol.kind != "func"
}
UNICODE.update({"−": "-", "·": "cdot", "∶": ":", "＋": "+", "－": "-", "＝": "=", "＜": "<", "＞": ">"})
"""Characters a teacher may type directly (×, ÷, ≤, π, ∠, ° …), read as their symbol."""

SPACES: dict[str, tuple[str, str]] = {
    ",": ("thin", "0.1667em"), ":": ("med", "0.2222em"), ">": ("med", "0.2222em"),
    ";": ("thick", "0.2778em"), " ": ("space", "0.25em"), "~": ("space.nobreak", "0.25em"),
    "quad": ("quad", "1em"), "qquad": ("wide", "2em"),
}
"""Spacing commands: typst name and MathML width; ``~`` is LaTeX's unbreakable space."""

DELIMITERS: dict[str, str] = {
    "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "\\{": "{", "\\}": "}", "\\lbrace": "{",
    "\\rbrace": "}", "\\|": "Vert", "\\Vert": "Vert", "\\langle": "langle", "\\rangle": "rangle",
    ".": "",
}
"""What may follow ``\\left`` and ``\\right``, as the symbol it stands for (``.`` is none)."""


def command_symbol(name: str) -> Symbol | None:
    """The symbol a command stands for (``times`` → ×), following aliases; None if it is none."""
    name = COMMAND_ALIASES.get(name, name)
    symbol = SYMBOLS.get(name)
    return symbol if symbol and (name.isalpha() or name in ("{", "}", "%", "$")) else None


def char_symbol(char: str) -> Symbol | None:
    """The symbol a typed character stands for (``+``, ``×``, ``≤``); None if it is none."""
    if char in PLAIN:
        return SYMBOLS[char]
    name = UNICODE.get(char)
    return SYMBOLS[name] if name else None
