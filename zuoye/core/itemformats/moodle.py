"""Moodle XML question files (``<quiz><question type="…">``) into :class:`ItemData`.

Moodle is where many teachers keep their questions; its XML export is the common way out.
Supported: ``multichoice`` (single or multiple; an answer's ``fraction`` above 0 marks it
correct), ``truefalse``, ``shortanswer`` (answers worth 100 % are accepted), ``numerical``
(one answer with its tolerance), ``essay`` (the grader information is the model answer).
``category`` entries are not items; their path becomes the ``source`` of the questions after
them. ``description`` entries are skipped; other types are reported.

Moodle has no fields for knowledge points, difficulty or minutes, so Zuoye reads them from the
question's ``<tags>``: ``kp:math.g5b.u4.kp06`` (or the bare code), ``difficulty:2`` and
``minutes:3`` (also ``难度:2``, ``时长:3``).
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from .checks import item_problems
from .config import DEFAULT_OPTIONS, ImportOptions
from .images import media_type_for_name, sniff_media_type
from .model import (
    Answer, Blank, BlanksAnswer, ChoiceAnswer, ChoiceOption, ItemData, ItemImage, ItemProblem,
    ItemType, ModelAnswer, TrueFalseAnswer, default_labels,
)
from .result import ImportResult, finish
from .richtext import html_to_text, tex_delimiters
from .xmltree import XmlError, child, children, line_of, local, parse_xml, path, text_of

SUPPORTED = ("multichoice", "truefalse", "shortanswer", "numerical", "essay")
_CODE = re.compile(r"^[a-z]+\.g[1-9][abf]\.(?:u\d{1,2}(?:c\d{1,2})?|s\d)\.kp\d{2}$")
_TAG = re.compile(r"^(difficulty|难度|minutes|时长)\s*[:：]\s*(\d+)$", re.I)


@dataclass
class _Question:
    element: ET.Element
    file: str
    identifier: str
    problems: list[str] = field(default_factory=list)


def read_moodle_xml(data: bytes, *, file: str, options: ImportOptions = DEFAULT_OPTIONS) -> ImportResult:
    """All questions of a Moodle XML file, or the problems of those that cannot be imported."""
    try:
        root = parse_xml(data)
    except XmlError as exc:
        return ImportResult((), (ItemProblem(file, "", exc.line, exc.reason),))
    if local(root.tag) != "quiz":
        return ImportResult((), (ItemProblem(file, "", line_of(root), f"not a Moodle XML file: the root is <{local(root.tag)}>, not <quiz>"),))
    problems: list[ItemProblem] = []
    found: list[tuple[ItemData, int | None]] = []
    source = ""
    for element in children(root, "question"):
        kind = element.get("type", "")
        if kind == "category":
            source = _category(element)
            continue
        if kind == "description":
            continue
        question = _Question(element, file, _identifier(element))
        item = _question(question, kind, source, options) if kind in SUPPORTED else None
        if kind not in SUPPORTED:
            question.problems.append(f"Moodle question type {kind!r} is not supported (use {', '.join(SUPPORTED)})")
        reasons = question.problems + ([p.reason for p in item_problems(item, file=file, options=options)] if item else [])
        problems += [ItemProblem(file, question.identifier, line_of(element), reason) for reason in reasons]
        if item is not None and not reasons:
            found.append((item, line_of(element)))
    return finish(file, found, problems)


def _category(element: ET.Element) -> str:
    category = text_of(path(element, "category", "text"))
    parts = [part for part in category.split("/") if part and not part.startswith("$") and part.lower() not in ("top", "默认", "default")]
    return " / ".join(parts)


def _identifier(element: ET.Element) -> str:
    idnumber = text_of(child(element, "idnumber"))
    name = text_of(path(element, "name", "text"))
    return idnumber or name or f"moodle-line-{line_of(element)}"


def _rich(element: ET.Element | None, question: _Question) -> tuple[str, list[ItemImage]]:
    """The text of a ``questiontext``/``answer``-like element, with its embedded images."""
    if element is None:
        return "", []
    raw = "".join(text.itertext()) if (text := child(element, "text")) is not None else ""
    if element.get("format", "html") in ("html", "moodle_auto_format"):
        text, sources = html_to_text(raw)
    else:
        text, sources = tex_delimiters(raw), []
    files = {node.get("name", ""): node for node in children(element, "file")}
    images = []
    for src in sources:
        name = unquote(src.removeprefix("@@PLUGINFILE@@/").split("?")[0])
        node = files.get(name)
        if node is None:
            question.problems.append(f"image {src!r} is not embedded in the question")
            continue
        try:
            data = base64.b64decode("".join((node.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            question.problems.append(f"image {name!r} is not valid base64")
            continue
        images.append(ItemImage(name, data, sniff_media_type(data) or media_type_for_name(name)))
    return text, images


def _question(question: _Question, kind: str, source: str, options: ImportOptions) -> ItemData | None:
    element = question.element
    stem, images = _rich(child(element, "questiontext"), question)
    explanation, _ = _rich(child(element, "generalfeedback"), question)
    if len(images) > 1:
        question.problems.append(f"the question has {len(images)} images; an item carries at most one")
    built = _answer(question, kind, explanation)
    if built is None:
        return None
    item_type, answer, choices, explanation = built
    item = ItemData(
        identifier=question.identifier, type=item_type, stem=stem, answer=answer, options=choices,
        explanation=explanation, full_score=_grade(question, options), difficulty=options.default_difficulty,
        minutes=options.default_minutes[item_type], source=source, image=images[0] if images else None,
    )
    return _tags(item, question)


_Built = tuple[ItemType, Answer, tuple[ChoiceOption, ...], str]


def _answers(question: _Question) -> list[tuple[float, str, ET.Element]]:
    """(fraction, text, element) of each answer."""
    found = []
    for answer in children(question.element, "answer"):
        try:
            fraction = float(answer.get("fraction", "0"))
        except ValueError:
            question.problems.append(f"answer fraction {answer.get('fraction')!r} is not a number")
            fraction = 0.0
        text, images = _rich(answer, question) if answer.get("format") else (tex_delimiters(text_of(child(answer, "text"))), [])
        if images:
            question.problems.append("images inside answers are not supported")
        found.append((fraction, text, answer))
    return found


def _answer(question: _Question, kind: str, explanation: str) -> _Built | None:
    answers = _answers(question)
    if kind == "essay":
        model = _rich(child(question.element, "graderinfo"), question)[0]
        if not model and explanation:
            model, explanation = explanation, ""
        return ItemType.SHORT_ANSWER, ModelAnswer(model), (), explanation
    if kind == "multichoice":
        return _multichoice(question, answers, explanation)
    correct = [(text, element) for fraction, text, element in answers if fraction >= 100]
    if not correct:
        question.problems.append("no answer is marked correct (fraction 100)")
        return None
    if kind == "truefalse":
        return ItemType.TRUE_FALSE, TrueFalseAnswer(correct[0][0].strip().lower() == "true"), (), explanation
    if kind == "shortanswer":
        return ItemType.FILL_BLANK, BlanksAnswer((Blank(tuple(text for text, _ in correct)),)), (), explanation
    if len(correct) > 1:
        question.problems.append("a numerical question may have only one correct answer")
        return None
    tolerance = text_of(child(correct[0][1], "tolerance")) or "0"
    try:
        blank = Blank((correct[0][0].strip(),), float(tolerance))
    except ValueError:
        question.problems.append(f"the tolerance {tolerance!r} is not a number")
        return None
    return ItemType.FILL_BLANK, BlanksAnswer((blank,)), (), explanation


def _multichoice(question: _Question, answers: list[tuple[float, str, ET.Element]], explanation: str) -> _Built | None:
    single = text_of(child(question.element, "single")).lower() in ("true", "1", "")
    labels = default_labels(len(answers))
    if len(labels) < len(answers):
        question.problems.append(f"the question has {len(answers)} answers; at most {len(labels)} are supported")
        return None
    best = max((fraction for fraction, _, _ in answers), default=0.0)
    correct = tuple(label for label, (fraction, _, _) in zip(labels, answers) if fraction > 0 and (not single or fraction == best))
    if not correct:
        question.problems.append("no answer is marked correct (a fraction above 0)")
        return None
    choices = tuple(ChoiceOption(label, text) for label, (_, text, _) in zip(labels, answers))
    item_type = ItemType.SINGLE_CHOICE if single else ItemType.MULTIPLE_CHOICE
    return item_type, ChoiceAnswer(correct), choices, explanation


def _grade(question: _Question, options: ImportOptions) -> float:
    grade = text_of(child(question.element, "defaultgrade"))
    try:
        return float(grade) if grade else options.default_score
    except ValueError:
        question.problems.append(f"the default grade {grade!r} is not a number")
        return options.default_score


def _tags(item: ItemData, question: _Question) -> ItemData:
    """Knowledge points, difficulty and minutes from the question's tags."""
    points: list[str] = []
    values: dict[str, int] = {}
    tags = child(question.element, "tags")
    for tag in children(tags, "tag") if tags is not None else []:
        text = text_of(child(tag, "text"))
        code = text.removeprefix("kp:").strip()
        if _CODE.match(code):
            points.append(code)
        elif match := _TAG.match(text):
            key = {"难度": "difficulty", "时长": "minutes"}.get(match.group(1), match.group(1).lower())
            values[key] = int(match.group(2))
    return replace(
        item,
        knowledge_points=tuple(dict.fromkeys(points)),
        difficulty=values.get("difficulty", item.difficulty),
        minutes=values.get("minutes", item.minutes),
    )
