"""The answer block of a GIFT question: ``{=right ~wrong ~%50%half #feedback ####general}``.

Offsets in errors count from the start of the question's text, so the caller can turn them
into the file's line numbers. See :mod:`.gift` for the whole format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import (
    OPTION_LABELS, Answer, Blank, BlanksAnswer, ChoiceAnswer, ChoiceOption, ItemType,
    ModelAnswer, TrueFalseAnswer,
)
from .richtext import tex_delimiters

_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)\s*(#.*)?$", re.I | re.S)
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^({_NUMBER})\.\.({_NUMBER})$")
_TOLERANCE = re.compile(rf"^({_NUMBER})(?::({_NUMBER}))?$")


class GiftSyntaxError(ValueError):
    def __init__(self, reason: str, offset: int, item_id: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset
        self.item_id = item_id


@dataclass(frozen=True)
class Answers:
    type: ItemType
    answer: Answer
    options: tuple[ChoiceOption, ...] = ()
    explanation: str = ""


@dataclass(frozen=True)
class _Choice:
    right: bool
    weight: float | None
    text: str
    offset: int


def unescaped(text: str, chars: str, start: int = 0, end: int | None = None) -> int:
    """Index of the first of ``chars`` in ``text[start:end]`` not escaped by ``\\`` (-1: none)."""
    pos, stop = start, len(text) if end is None else end
    while pos < stop:
        if text[pos] == "\\":
            pos += 2
        elif text[pos] in chars:
            return pos
        else:
            pos += 1
    return -1


def unescape(text: str) -> str:
    """GIFT escapes to characters; ``\\n`` to a line break unless a letter follows."""
    return re.sub(r"\\([~=#{}:])|\\n(?![A-Za-z])", lambda m: m.group(1) or "\n", text)


def clean(text: str) -> str:
    return tex_delimiters(unescape(text))


def parse_answers(text: str, start: int, end: int, item_id: str) -> Answers:
    """Interpret ``text[start:end]``, the inside of the braces."""
    general = _general_feedback(text, start, end)
    body_end = general if general >= 0 else end
    explanation = clean(text[general + 4 : end]) if general >= 0 else ""
    body = text[start:body_end]
    if not body.strip():
        return Answers(ItemType.SHORT_ANSWER, ModelAnswer(explanation))
    if match := _TRUE_FALSE.match(body.strip()):
        return Answers(ItemType.TRUE_FALSE, TrueFalseAnswer(match.group(1).upper() in ("T", "TRUE")), (), explanation)
    lead = start + len(body) - len(body.lstrip())
    if body.strip().startswith("#"):
        return Answers(ItemType.FILL_BLANK, BlanksAnswer((_numerical(text, lead + 1, body_end, item_id),)), (), explanation)
    choices = _choices(text, start, body_end, item_id)
    if all(choice.right for choice in choices):
        accepted = tuple(c.text for c in choices if c.weight is None or c.weight >= 100)
        return Answers(ItemType.FILL_BLANK, BlanksAnswer((Blank(accepted),)), (), explanation)
    return _choice_answers(choices, start, item_id, explanation)


def _general_feedback(text: str, start: int, end: int) -> int:
    pos = unescaped(text, "#", start, end)
    while pos >= 0:
        if text.startswith("####", pos):
            return pos
        pos = unescaped(text, "#", pos + 1, end)
    return -1


def _choices(text: str, start: int, end: int, item_id: str) -> list[_Choice]:
    first = unescaped(text, "=~", start, end)
    junk = text[start : first if first >= 0 else end]
    if junk.strip():
        raise GiftSyntaxError("an answer must start with = (right) or ~ (wrong)", start + len(junk) - len(junk.lstrip()), item_id)
    choices = []
    pos = first
    while pos >= 0:
        following = unescaped(text, "=~", pos + 1, end)
        segment = text[pos + 1 : following if following >= 0 else end]
        choices.append(_choice(text[pos] == "=", segment, pos, item_id))
        pos = following
    return choices


def _choice(right: bool, segment: str, offset: int, item_id: str) -> _Choice:
    weight = None
    if match := _WEIGHT.match(segment):
        weight = float(match.group(1))
        segment = segment[match.end() :]
    if right and "->" in segment:
        raise GiftSyntaxError("matching questions (->) are not supported", offset, item_id)
    feedback = unescaped(segment, "#")
    answer = clean(segment[:feedback] if feedback >= 0 else segment)
    if not answer:
        raise GiftSyntaxError("an answer after = or ~ is empty", offset, item_id)
    return _Choice(right, weight, answer, offset)


def _choice_answers(choices: list[_Choice], start: int, item_id: str, explanation: str) -> Answers:
    if len(choices) > len(OPTION_LABELS):
        raise GiftSyntaxError(f"{len(choices)} options; at most {len(OPTION_LABELS)} are supported", start, item_id)
    correct = [c.right or (c.weight or 0) > 0 for c in choices]
    if not any(correct):
        raise GiftSyntaxError("no right answer: mark one with = (or give a weight such as ~%50%)", start, item_id)
    labels = OPTION_LABELS[: len(choices)]
    options = tuple(ChoiceOption(label, choice.text) for label, choice in zip(labels, choices))
    right = tuple(label for label, is_right in zip(labels, correct) if is_right)
    weighted = any(not c.right and (c.weight or 0) > 0 for c in choices)
    kind = ItemType.MULTIPLE_CHOICE if weighted or len(right) > 1 else ItemType.SINGLE_CHOICE
    return Answers(kind, ChoiceAnswer(right), options, explanation)


def _numerical(text: str, start: int, end: int, item_id: str) -> Blank:
    """``#3.5:0.1``, ``#1..5``, ``#3.5``, or ``# =3.5:0.1 =%50%3:1`` (one full-credit answer)."""
    body = text[start:end]
    if unescaped(body, "=~") >= 0:
        entries = [c for c in _choices(text, start, end, item_id) if c.right and (c.weight is None or c.weight >= 100)]
        if len(entries) != 1:
            raise GiftSyntaxError("a numerical question needs exactly one answer worth 100%", start, item_id)
        spec, offset = entries[0].text, entries[0].offset
    else:
        feedback = unescaped(body, "#")
        spec, offset = unescape(body[:feedback] if feedback >= 0 else body).strip(), start
    spec = spec.replace(" ", "")
    if match := _RANGE.match(spec):
        low, high = float(match.group(1)), float(match.group(2))
        return Blank((_format((low + high) / 2),), (high - low) / 2)
    if match := _TOLERANCE.match(spec):
        return Blank((match.group(1),), float(match.group(2) or 0))
    raise GiftSyntaxError(f"{spec!r} is not a number, number:tolerance or min..max", offset, item_id)


def _format(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)
