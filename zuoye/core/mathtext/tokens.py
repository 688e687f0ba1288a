"""Cutting a formula's source into tokens, each with its offset for error messages.

Besides LaTeX's own tokens this accepts what teachers really type: symbols as Unicode
(×, ÷, ≤, π, ∠), Chinese straight inside the formula (``$S=长\\times宽$``, read as text) and a
bare ``%`` as a percent sign. The arguments of ``\\text``, ``\\begin`` and ``\\end`` are taken
raw here, since they are words, not formulas.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from .errors import MathSyntaxError
from .symbols import char_symbol

TokenKind = Literal["num", "letter", "cmd", "char", "cjk", "arg", "{", "}", "^", "_", "&", "'"]

RAW_ARGUMENT_COMMANDS = frozenset({"text", "textrm", "mathrm", "begin", "end"})
_OWN_KIND = {"{": "{", "}": "}", "^": "^", "_": "_", "&": "&", "'": "'"}


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    start: int


def _is_cjk(char: str) -> bool:
    """Chinese characters and full-width punctuation, which a formula shows as text."""
    if char.isascii() or char_symbol(char) is not None:
        return False
    category = unicodedata.category(char)
    return category == "Lo" or category.startswith("P")


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        char = source[pos]
        if char.isspace():
            pos += 1
        elif char.isdigit():
            pos = _number(source, pos, tokens)
        elif char == "\\":
            pos = _command(source, pos, tokens)
        elif char.isascii() and char.isalpha():
            tokens.append(Token("letter", char, pos))
            pos += 1
        elif char in _OWN_KIND:
            tokens.append(Token(_OWN_KIND[char], char, pos))  # type: ignore[arg-type]
            pos += 1
        elif char == "~":
            tokens.append(Token("cmd", "~", pos))
            pos += 1
        elif char_symbol(char) is not None:
            tokens.append(Token("char", char, pos))
            pos += 1
        elif _is_cjk(char):
            end = pos
            while end < len(source) and _is_cjk(source[end]):
                end += 1
            tokens.append(Token("cjk", source[pos:end], pos))
            pos = end
        else:
            raise MathSyntaxError(f"unexpected character {char!r}", pos)
    return tokens


def _number(source: str, pos: int, tokens: list[Token]) -> int:
    end = pos
    while end < len(source) and source[end].isdigit():
        end += 1
    if end + 1 < len(source) and source[end] == "." and source[end + 1].isdigit():
        end += 1
        while end < len(source) and source[end].isdigit():
            end += 1
    tokens.append(Token("num", source[pos:end], pos))
    return end


def _command(source: str, pos: int, tokens: list[Token]) -> int:
    end = pos + 1
    if end >= len(source):
        raise MathSyntaxError("lone backslash at the end of the formula", pos)
    if source[end].isascii() and source[end].isalpha():
        while end < len(source) and source[end].isascii() and source[end].isalpha():
            end += 1
    else:
        end += 1
    name = source[pos + 1 : end]
    tokens.append(Token("cmd", name, pos))
    if name in RAW_ARGUMENT_COMMANDS:
        return _raw_argument(source, end, name, pos, tokens)
    return end


def _raw_argument(source: str, pos: int, name: str, command_at: int, tokens: list[Token]) -> int:
    while pos < len(source) and source[pos] == " ":
        pos += 1
    if pos >= len(source) or source[pos] != "{":
        raise MathSyntaxError(f"\\{name} needs its argument in braces: \\{name}{{…}}", command_at)
    depth, end = 0, pos
    while end < len(source):
        depth += {"{": 1, "}": -1}.get(source[end], 0)
        if depth == 0:
            tokens.append(Token("arg", source[pos + 1 : end], pos + 1))
            return end + 1
        end += 1
    raise MathSyntaxError("unbalanced braces: '{' is never closed", pos)
