"""GIFT, Moodle's plain-text question format, into :class:`ItemData`.

Teachers write GIFT in a text editor, so mistakes are typing mistakes, and the report must
point at the line: "line 14: the answer block opened here is never closed". Supported::

    // a comment line                         $CATEGORY: 五年级/分数      (source of what follows)
    ::Q1:: 1+1=? {=2 ~3 ~4 #feedback}         single choice (= right, ~ wrong)
    Which are prime? {~%50%2 ~%50%3 ~%-100%4} multiple choice (weights in %; > 0 is correct)
    0 是自然数。{T}                            true/false: T, TRUE, F, FALSE
    中国的首都是{=北京 =北京市}。              short answer; with text after the block, a blank
    $3.5\\times 2=$ {#7:0.01}                   numerical: value:tolerance, or min..max
    解方程 $2x+3=7$。{####$x=2$}                essay: the general feedback is the model answer
    …{=2 ~3 ####因为…}                         general feedback (####) is the explanation

Questions are separated by blank lines. ``\\~ \\= \\# \\{ \\} \\:`` write the characters
themselves; ``\\n`` is a line break unless a letter follows (``\\neq`` stays LaTeX). Formulas
are ``$…$`` (Moodle's ``\\(…\\)`` is accepted too); braces inside them must be escaped
(``$\\frac\\{1\\}\\{2\\}$``), as everywhere in GIFT.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass

from .checks import item_problems
from .config import DEFAULT_OPTIONS, ImportOptions
from .gift_answers import GiftSyntaxError, clean, parse_answers, unescape, unescaped
from .model import BLANK_MARKER, ItemData, ItemProblem
from .result import ImportResult, finish
from .richtext import html_to_text

_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)


@dataclass(frozen=True)
class Block:
    """A question's text as in the file, and where each of its lines starts there."""

    text: str
    lines: tuple[int, ...]
    starts: tuple[int, ...]

    def line(self, offset: int) -> int:
        return self.lines[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def without_first_line(self) -> Block:
        shift = self.starts[1] if len(self.starts) > 1 else len(self.text)
        return Block(self.text[shift:], self.lines[1:], tuple(start - shift for start in self.starts[1:]))


def read_gift(data: bytes, *, file: str, options: ImportOptions = DEFAULT_OPTIONS) -> ImportResult:
    """All questions of a GIFT file; syntax errors name the line."""
    problems: list[ItemProblem] = []
    found: list[tuple[ItemData, int | None]] = []
    category = ""
    for block in blocks(decode(data)):
        first_line = block.text.split("\n")[0].strip()
        if first_line.startswith("$CATEGORY:"):
            category = first_line.removeprefix("$CATEGORY:").strip().replace("$course$/", "").strip("/")
            block = block.without_first_line()
            if not block.lines:
                continue
        try:
            item = parse_question(block, category, options)
        except GiftSyntaxError as exc:
            problems.append(ItemProblem(file, exc.item_id, block.line(exc.offset), exc.reason))
            continue
        found_problems = item_problems(item, file=file, line=block.lines[0], options=options)
        problems += found_problems
        if not found_problems:
            found.append((item, block.lines[0]))
    return finish(file, found, problems)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM); files saved by older Chinese editors are GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def blocks(text: str) -> list[Block]:
    """Questions: runs of lines between blank lines, comment lines (``//``) left out."""
    found: list[Block] = []
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines() + [""], start=1):
        if line.lstrip().startswith("//"):
            continue
        if line.strip():
            lines.append((number, line))
            continue
        if lines:
            starts, pos = [], 0
            for _, content in lines:
                starts.append(pos)
                pos += len(content) + 1
            found.append(Block("\n".join(content for _, content in lines), tuple(n for n, _ in lines), tuple(starts)))
            lines = []
    return found


def parse_question(block: Block, category: str, options: ImportOptions) -> ItemData:
    text = block.text
    start = len(text) - len(text.lstrip())
    title, start = _title(text, start)
    opening = unescaped(text, "{}", start)
    if opening < 0:
        raise GiftSyntaxError("no answer block { … } (write \\{ for a brace in the text)", start, title)
    if text[opening] == "}":
        raise GiftSyntaxError("a } closes an answer block that was never opened (write \\} for a brace)", opening, title)
    closing = unescaped(text, "{}", opening + 1)
    if closing < 0:
        raise GiftSyntaxError("the answer block opened here is never closed with }", opening, title)
    if text[closing] == "{":
        raise GiftSyntaxError("a { inside an answer block must be escaped as \\{", closing, title)
    if unescaped(text, "{}", closing + 1) >= 0:
        raise GiftSyntaxError("only one answer block { … } per question", unescaped(text, "{}", closing + 1), title)
    before, after = text[start:opening], text[closing + 1 :]
    stem = _stem(before + (BLANK_MARKER if after.strip() else "") + after)
    identifier = title or "gift-" + hashlib.sha1(stem.encode("utf-8")).hexdigest()[:12]
    answers = parse_answers(text, opening + 1, closing, identifier)
    return ItemData(
        identifier=identifier,
        type=answers.type,
        stem=stem,
        answer=answers.answer,
        options=answers.options,
        explanation=answers.explanation,
        full_score=options.default_score,
        difficulty=options.default_difficulty,
        minutes=options.default_minutes[answers.type],
        source=category,
    )


def _title(text: str, start: int) -> tuple[str, int]:
    if not text.startswith("::", start):
        return "", start
    end = text.find("::", start + 2)
    while end > 0 and text[end - 1] == "\\":
        end = text.find("::", end + 1)
    if end < 0:
        raise GiftSyntaxError("the title opened with :: is never closed with ::", start, "")
    title = unescape(text[start + 2 : end]).strip()
    rest = end + 2
    return title, rest + (len(text[rest:]) - len(text[rest:].lstrip()))


def _stem(raw: str) -> str:
    """Question text: format marker honoured, escapes undone, MathJax delimiters made ``$``."""
    match = _FORMAT.match(raw)
    if match and match.group(1).lower() == "html":
        return html_to_text(unescape(raw[match.end() :]))[0]
    return clean(raw[match.end() :] if match else raw)
