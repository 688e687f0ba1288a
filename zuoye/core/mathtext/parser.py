"""A recursive-descent parser for the LaTeX subset that item stems use.

It accepts what LaTeX accepts for the supported commands (``\\frac12`` is ½) and refuses, with
the place and a hint, what LaTeX would render wrongly without a word: ``x^10`` (LaTeX shows
x¹0), ``x^-1`` (x⁻1), an unknown command such as ``\\fracc``. Only the first mistake of a
formula is reported, since everything after it would be guesswork.
"""

from __future__ import annotations

import difflib

from .errors import MathSyntaxError
from .nodes import Cases, Fenced, Frac, Group, Letter, Line, Node, Number, Row, Scripts, Space, Sqrt, Sym, Text
from .symbols import COMMAND_ALIASES, DELIMITERS, SPACES, SYMBOLS, char_symbol, command_symbol
from .tokens import Token, tokenize

MAX_DEPTH = 40
"""Deepest nesting accepted; real stems stay under 6, and the limit keeps recursion safe."""

STRUCTURE_COMMANDS = frozenset({
    "frac", "dfrac", "tfrac", "sqrt", "overline", "underline", "text", "textrm", "mathrm",
    "left", "right", "begin", "end",
})
KNOWN_COMMANDS = sorted(
    STRUCTURE_COMMANDS | {n for n in SYMBOLS if n.isalpha()} | set(COMMAND_ALIASES) | set(SPACES)
)


def parse(source: str) -> Row:
    """Parse one formula (the text between ``$`` signs); raises :class:`MathSyntaxError`."""
    return _Parser(tokenize(source)).top()


def _stop_key(token: Token) -> str:
    if token.kind in ("}", "&"):
        return token.kind
    if token.kind == "cmd" and token.text in ("\\", "right", "end"):
        return token.text
    return "]" if token.kind == "char" and token.text == "]" else ""


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def top(self) -> Row:
        row = self.row(frozenset())
        if not row:
            raise MathSyntaxError("empty formula", 0)
        return row

    def row(self, stops: frozenset[str]) -> Row:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise MathSyntaxError("formula nested too deeply", self.tokens[self.pos - 1].start)
        items: list[Node] = []
        while (token := self.peek()) is not None and _stop_key(token) not in stops:
            base: Node = Group(()) if token.kind in ("^", "_", "'") else self.atom()
            items.append(self.scripts(base))
        self.depth -= 1
        return tuple(items)

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "num":
            return Number(token.text)
        if token.kind == "letter":
            return Letter(token.text)
        if token.kind == "cjk":
            return Text(token.text)
        if token.kind == "char":
            symbol = char_symbol(token.text)
            assert symbol is not None  # the tokenizer only makes "char" tokens of symbols
            return Sym(symbol.name)
        if token.kind == "{":
            return Group(self.braced_rest(token))
        if token.kind == "}":
            raise MathSyntaxError("unbalanced braces: '}' has no matching '{'", token.start)
        if token.kind == "&":
            raise MathSyntaxError("'&' is only allowed inside \\begin{cases}", token.start)
        return self.command(token)

    def braced_rest(self, opening: Token) -> Row:
        """The group after an already taken ``{``, up to and with its ``}``."""
        body = self.row(frozenset({"}"}))
        if self.peek() is None:
            raise MathSyntaxError("unbalanced braces: '{' is never closed", opening.start)
        self.take()
        return body

    def scripts(self, base: Node) -> Node:
        sub: Row | None = None
        sup: Row | None = None
        primes: Row = ()
        while (token := self.peek()) is not None and token.kind in ("^", "_", "'"):
            self.take()
            if token.kind == "'" and sup is None:
                primes += (Sym("prime"),)
            elif token.kind == "_" and sub is None:
                sub = self.script_argument(token)
            elif token.kind == "^" and sup is None:
                sup = self.script_argument(token)
            else:
                kind = "subscript" if token.kind == "_" else "superscript"
                raise MathSyntaxError(f"double {kind}: put both parts in one {{…}}", token.start)
        if primes:
            sup = primes + (sup or ())
        return base if sub is None and sup is None else Scripts(base, sub, sup)

    def script_argument(self, marker: Token) -> Row:
        token = self.peek()
        kind = "subscript" if marker.kind == "_" else "superscript"
        if token is None:
            raise MathSyntaxError(f"'{marker.text}' needs a {kind} after it", marker.start)
        if token.kind == "{":
            return self.braced_rest(self.take())
        if token.kind == "num" and len(token.text) > 1:
            raise MathSyntaxError(
                f"a {kind} of more than one character needs braces: {marker.text}{{{token.text}}}",
                token.start,
            )
        single = self.single(token)
        if single is None:
            raise MathSyntaxError(
                f"this {kind} needs braces, e.g. {marker.text}{{{token.text}…}}", token.start
            )
        self.take()
        return (single,)

    def single(self, token: Token) -> Node | None:
        """A one-token argument (``x^2``, ``^\\circ``), or None when braces are needed."""
        if token.kind == "num":
            return Number(token.text)
        if token.kind == "letter":
            return Letter(token.text)
        symbol = char_symbol(token.text) if token.kind == "char" else None
        if token.kind == "cmd":
            symbol = command_symbol(token.text)
        return Sym(symbol.name) if symbol is not None and symbol.kind in ("ord", "func") else None

    def argument(self, command: Token, what: str) -> Row:
        """A required argument: ``{…}`` or one token; ``\\frac12`` takes the digits one by one."""
        token = self.peek()
        if token is None or token.kind in ("}", "&", "^", "_"):
            raise MathSyntaxError(f"\\{command.text} needs {what} in braces {{…}}", command.start)
        if token.kind == "{":
            return self.braced_rest(self.take())
        if token.kind == "num" and len(token.text) > 1:
            rest = Token("num", token.text[1:], token.start + 1)
            self.tokens[self.pos] = rest
            return (Number(token.text[0]),)
        single = self.single(token)
        if single is None:
            raise MathSyntaxError(f"\\{command.text} needs {what} in braces {{…}}", command.start)
        self.take()
        return (single,)

    def command(self, token: Token) -> Node:
        name = token.text
        if name in ("frac", "dfrac", "tfrac"):
            num = self.argument(token, "a numerator")
            return Frac(num, self.argument(token, "a denominator"), name)  # type: ignore[arg-type]
        if name == "sqrt":
            index = self.root_index(token)
            return Sqrt(self.argument(token, "its radicand"), index)
        if name in ("overline", "underline"):
            return Line(self.argument(token, "its content"), "over" if name == "overline" else "under")
        if name in ("text", "textrm", "mathrm"):
            return Text(self.take().text)
        if name == "left":
            return self.fenced(token)
        if name == "begin":
            return self.cases(token)
        if name in SPACES:
            return Space(name)
        symbol = command_symbol(name)
        if symbol is not None:
            return Sym(symbol.name)
        raise MathSyntaxError(_misplaced(name) or _unknown(name), token.start)

    def root_index(self, command: Token) -> Row | None:
        token = self.peek()
        if token is None or token.kind != "char" or token.text != "[":
            return None
        self.take()
        index = self.row(frozenset({"]"}))
        if self.peek() is None:
            raise MathSyntaxError("'[' of \\sqrt[n]{…} is never closed", token.start)
        self.take()
        return index

    def fenced(self, left: Token) -> Node:
        opening = self.delimiter(left)
        body = self.row(frozenset({"right", "}", "&", "\\", "end"}))
        right = self.peek()
        if right is None or _stop_key(right) != "right":
            raise MathSyntaxError("\\left has no matching \\right", left.start)
        self.take()
        return Fenced(opening, body, self.delimiter(right))

    def delimiter(self, command: Token) -> str:
        token = self.peek()
        key = "" if token is None else token.text if token.kind == "char" else "\\" + token.text
        if token is None or token.kind not in ("char", "cmd") or key not in DELIMITERS:
            raise MathSyntaxError(
                f"\\{command.text} must be followed by a delimiter: ( ) [ ] \\{{ \\}} | or .", command.start
            )
        self.take()
        return DELIMITERS[key]

    def cases(self, begin: Token) -> Node:
        name = self.take()
        if name.text != "cases":
            raise MathSyntaxError(f"unsupported environment {{{name.text}}}: only cases is", name.start)
        rows: list[tuple[Row, ...]] = []
        cells: list[Row] = []
        while True:
            cells.append(self.row(frozenset({"&", "\\", "end", "}"})))
            token = self.peek()
            if token is None or token.kind == "}":
                raise MathSyntaxError("\\begin{cases} has no matching \\end{cases}", begin.start)
            self.take()
            if token.kind == "&" and len(cells) >= 2:
                raise MathSyntaxError("a row of cases has at most two parts (one '&')", token.start)
            if token.kind != "&":
                rows.append(tuple(cells))
                cells = []
            if token.text == "end":
                return self.end_cases(begin, rows)

    def end_cases(self, begin: Token, rows: list[tuple[Row, ...]]) -> Node:
        name = self.take()
        if name.text != "cases":
            raise MathSyntaxError(f"\\begin{{cases}} is closed by \\end{{{name.text}}}", name.start)
        if len(rows) > 1 and rows[-1] == ((),):
            rows.pop()  # a trailing \\ before \end{cases} makes no row
        if not any(cell for row in rows for cell in row):
            raise MathSyntaxError("empty \\begin{cases}", begin.start)
        return Cases(tuple(rows))


def _misplaced(name: str) -> str:
    return {
        "right": "\\right without a matching \\left",
        "end": "\\end{…} without a matching \\begin{…}",
        "\\": "line break \\\\ is only allowed inside \\begin{cases}",
    }.get(name, "")


def _unknown(name: str) -> str:
    close = difflib.get_close_matches(name, KNOWN_COMMANDS, n=1, cutoff=0.7)
    hint = f" (did you mean \\{close[0]}?)" if close else ""
    return f"unknown command \\{name}{hint}"
