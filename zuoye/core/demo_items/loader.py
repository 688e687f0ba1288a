"""Reading the hand-written demo items from ``data/<subject>.json``, checking every one.

The files are edited by people, so the loader is strict and complete: an unknown key, an answer
of the wrong shape, a knowledge point that is not in the curriculum, a formula with a missing
brace or an untidy space all refuse the file, and the error lists each mistake with the item's
id and its line in the file. The file format is described in README.md.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from zuoye.core.itemformats import (
    Answer, Blank, BlanksAnswer, ChoiceAnswer, ChoiceOption, ImportOptions, ItemData, ItemProblem,
    ItemType, ModelAnswer, TrueFalseAnswer, item_problems, normalize_text,
)
from zuoye.core.itemformats.model import default_labels

DATA_DIR = Path(__file__).with_name("data")
SUBJECTS: tuple[str, ...] = ("chinese", "english", "math")

_ITEM_KEYS = {"id", "type", "stem", "options", "answer", "explanation", "score", "difficulty", "minutes", "kp", "source"}
_REQUIRED = {"id", "type", "stem", "answer", "explanation", "difficulty", "minutes", "kp"}
_FILE_KEYS = {"subject", "source", "items"}
DEFAULT_SCORES = {
    ItemType.SINGLE_CHOICE: 2.0, ItemType.MULTIPLE_CHOICE: 3.0, ItemType.TRUE_FALSE: 1.0,
    ItemType.FILL_BLANK: 1.0, ItemType.SHORT_ANSWER: 6.0,
}
"""Scores when an item gives none; a fill-in gets one point per blank."""


class DemoDataError(ValueError):
    """A demo file is wrong; ``problems`` lists every mistake with its item id and line."""

    def __init__(self, problems: Sequence[ItemProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def _lines_of_ids(raw: str) -> dict[str, int]:
    """The line on which each ``"id": "…"`` stands, for error messages."""
    return {
        match.group(1): raw.count("\n", 0, match.start()) + 1
        for match in re.finditer(r'"id"\s*:\s*"([^"]+)"', raw)
    }


def parse_demo_file(raw: str, *, file: str, known_points: set[str] | None = None) -> tuple[ItemData, ...]:
    """The items of one demo file's text; raises :class:`DemoDataError` listing all problems."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DemoDataError([ItemProblem(file, "", exc.lineno, f"invalid JSON: {exc.msg}")]) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise DemoDataError([ItemProblem(file, "", 1, "the file must be an object with an 'items' list")])
    problems = [ItemProblem(file, "", 1, f"unknown key {key!r}") for key in sorted(set(doc) - _FILE_KEYS)]
    lines = _lines_of_ids(raw)
    options = ImportOptions(known_points=known_points, require_knowledge_points=True)
    items: list[ItemData] = []
    for number, record in enumerate(doc["items"], start=1):
        item_id = str(record.get("id", f"#{number}")) if isinstance(record, dict) else f"#{number}"
        reasons, item = _item(record, doc, options)
        problems += [ItemProblem(file, item_id, lines.get(item_id), reason) for reason in reasons]
        if item is not None:
            items.append(item)
    seen: set[str] = set()
    for item in items:
        if item.identifier in seen:
            problems.append(ItemProblem(file, item.identifier, lines.get(item.identifier), "duplicate id"))
        seen.add(item.identifier)
    if problems:
        raise DemoDataError(problems)
    return tuple(items)


def _item(record: object, doc: Mapping[str, Any], options: ImportOptions) -> tuple[list[str], ItemData | None]:
    if not isinstance(record, dict):
        return ["every item must be a JSON object"], None
    reasons = [f"unknown key {key!r}" for key in sorted(set(record) - _ITEM_KEYS)]
    reasons += [f"missing key {key!r}" for key in sorted(_REQUIRED - set(record))]
    try:
        item_type = ItemType(record.get("type"))
    except ValueError:
        return reasons + [f"type must be one of {', '.join(t.value for t in ItemType)}"], None
    if reasons:
        return reasons, None
    try:
        item = _build(record, item_type, doc)
    except (TypeError, ValueError) as exc:
        return [str(exc)], None
    subject = doc.get("subject", "")
    reasons += [f"knowledge point {code!r} is not a {subject} point" for code in item.knowledge_points if not code.startswith(subject + ".")]
    reasons += _untidy(item)
    reasons += [problem.reason for problem in item_problems(item, file="", options=options)]
    return reasons, (item if not reasons else None)


def _build(record: Mapping[str, Any], item_type: ItemType, doc: Mapping[str, Any]) -> ItemData:
    answer = _answer(item_type, record["answer"])
    texts = record.get("options", [])
    if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
        raise ValueError("'options' must be a list of texts")
    blanks = len(answer.blanks) if isinstance(answer, BlanksAnswer) else 1
    return ItemData(
        identifier=_text(record, "id"),
        type=item_type,
        stem=_text(record, "stem"),
        options=tuple(ChoiceOption(label, text) for label, text in zip(default_labels(len(texts)), texts)),
        answer=answer,
        explanation=_text(record, "explanation"),
        full_score=float(record.get("score", DEFAULT_SCORES[item_type] * blanks)),
        difficulty=_whole(record, "difficulty"),
        minutes=_whole(record, "minutes"),
        knowledge_points=tuple(_codes(record["kp"])),
        source=str(record.get("source", doc.get("source", ""))),
    )


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record[key]
    if not isinstance(value, str):
        raise TypeError(f"{key!r} must be a text")
    return value


def _whole(record: Mapping[str, Any], key: str) -> int:
    value = record[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{key!r} must be a whole number")
    return value


def _codes(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise TypeError("'kp' must be a list of knowledge-point codes")
    return value


def _answer(item_type: ItemType, value: object) -> Answer:
    """The answer in the file's shorthand: "B", "AC" or ["A","C"], true, blanks, or a text."""
    if item_type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE):
        if isinstance(value, str):
            return ChoiceAnswer(tuple(value))
        if isinstance(value, list) and all(isinstance(label, str) for label in value):
            return ChoiceAnswer(tuple(value))
        raise TypeError("a choice answer is a label such as \"B\" or labels such as [\"A\", \"C\"]")
    if item_type is ItemType.TRUE_FALSE:
        if not isinstance(value, bool):
            raise TypeError("a true/false answer is true or false")
        return TrueFalseAnswer(value)
    if item_type is ItemType.SHORT_ANSWER:
        if not isinstance(value, str):
            raise TypeError("a short answer's answer is its model answer text")
        return ModelAnswer(value)
    if not isinstance(value, list):
        raise TypeError("a fill-in answer is a list with one entry per blank")
    return BlanksAnswer(tuple(_blank(entry) for entry in value))


def _blank(entry: object) -> Blank:
    if isinstance(entry, str):
        return Blank((entry,))
    if isinstance(entry, list) and all(isinstance(text, str) for text in entry):
        return Blank(tuple(entry))
    if isinstance(entry, dict) and set(entry) <= {"number", "tolerance"} and isinstance(entry.get("number"), str):
        tolerance = entry.get("tolerance", 0)
        if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool):
            raise TypeError("a blank's tolerance must be a number")
        return Blank((entry["number"],), float(tolerance))
    raise TypeError('a blank is "text", ["text", "other accepted text"] or {"number": "2.5", "tolerance": 0.01}')


def _untidy(item: ItemData) -> list[str]:
    """Texts must already be in canonical form, so exports and round trips stay exact."""
    texts = {"stem": item.stem, "explanation": item.explanation}
    texts.update({f"option {option.label}": option.text for option in item.options})
    if isinstance(item.answer, ModelAnswer):
        texts["answer"] = item.answer.text
    return [f"the {where} has stray spaces or empty lines" for where, text in texts.items() if text != normalize_text(text)]


def load_demo_file(path: Path, *, known_points: set[str] | None = None) -> tuple[ItemData, ...]:
    return parse_demo_file(path.read_text(encoding="utf-8"), file=path.name, known_points=known_points)


def demo_files(subject: str | None = None) -> tuple[Path, ...]:
    """``data/<subject>-<part>.json`` files, in subject order then by name."""
    subjects = SUBJECTS if subject is None else (subject,)
    return tuple(path for name in subjects for path in sorted(DATA_DIR.glob(f"{name}-*.json")))


@functools.cache
def demo_items(subject: str | None = None) -> tuple[ItemData, ...]:
    """The shipped demo items (of one subject, or all), checked against the curriculum."""
    from zuoye.core.curriculum import curriculum

    known = {point.code for point in curriculum().all_points()}
    return tuple(item for path in demo_files(subject) for item in load_demo_file(path, known_points=known))
