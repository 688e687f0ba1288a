"""Reading one QTI 3.0 or 2.x assessment item into :class:`ItemData`.

Supported interactions are those a paper worksheet has: a choice interaction (single or
multiple choice, or true/false as two choices), text entries (blanks) and an extended text
(a worked problem). Anything else (hotspots, ordering, matching …) is reported by name and
line rather than silently dropped, since an item that loses its interaction loses its meaning.
Everything wrong is reported, each with the file, the item's identifier and the line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from .body import BodyParts, decode_data_uri, read_body
from .checks import item_problems
from .config import DEFAULT_OPTIONS, ImportOptions
from .images import media_type_for_name, sniff_media_type
from .metadata import ItemMeta, apply_meta, read_attributes
from .model import (
    Answer, Blank, BlanksAnswer, ChoiceAnswer, ChoiceOption, ItemData, ItemImage, ItemProblem,
    ItemType, ModelAnswer, TrueFalseAnswer, default_labels,
)
from .qtinames import FALSE_WORDS, TRUE_WORDS, qti_version, rename_qti2
from .richtext import element_text
from .xmltree import XmlError, child, children, descendants, line_of, local, parse_xml, text_of

ImageSource = Callable[[str], "tuple[str, bytes] | None"]
"""Given an ``img`` src, the image's file name and bytes (None when it cannot be found)."""


@dataclass
class _Reading:
    """One item being read: where it is, and the problems found so far."""

    file: str
    options: ImportOptions
    item_id: str = ""
    problems: list[ItemProblem] = field(default_factory=list)

    def problem(self, reason: str, element: ET.Element | None = None) -> None:
        line = line_of(element) if element is not None else None
        self.problems.append(ItemProblem(self.file, self.item_id, line, reason))


def read_qti_item(
    data: bytes,
    *,
    file: str,
    images: ImageSource | None = None,
    meta: ItemMeta = ItemMeta(),
    options: ImportOptions = DEFAULT_OPTIONS,
) -> tuple[ItemData | None, list[ItemProblem]]:
    """Read an item file; ``meta`` is what a package manifest says about it."""
    reading = _Reading(file, options)
    try:
        root = parse_xml(data)
    except XmlError as exc:
        return None, [ItemProblem(file, "", exc.line, exc.reason)]
    version = qti_version(root)
    if version is None:
        reading.problem(f"not a QTI assessment item: the root element is <{local(root.tag)}>", root)
        return None, reading.problems
    if version == "2.x":
        rename_qti2(root)
    reading.item_id = root.get("data-zuoye-identifier") or root.get("identifier", "").strip()
    if not reading.item_id:
        reading.problem("the item has no identifier", root)
    item = _read_item(root, reading, images)
    if item is None:
        return None, reading.problems
    own, problems = read_attributes(root)
    for reason in problems:
        reading.problem(reason, root)
    item = apply_meta(item, own.over(meta))
    reading.problems += item_problems(item, file=file, line=line_of(root), options=options)
    return (None if reading.problems else item), reading.problems


def _read_item(root: ET.Element, reading: _Reading, images: ImageSource | None) -> ItemData | None:
    body = child(root, "qti-item-body")
    if body is None:
        reading.problem("the item has no item body", root)
        return None
    parts = read_body(body)
    for element, reason in parts.problems:
        reading.problem(reason, element)
    declarations = {decl.get("identifier", ""): decl for decl in children(root, "qti-response-declaration")}
    feedback = parts.feedback + _modal_feedback(root)
    built = _build(_Context(parts, declarations, root, reading, feedback))
    if built is None:
        return None
    item_type, answer, choices, explanation = built
    return ItemData(
        identifier=reading.item_id,
        type=item_type,
        stem=parts.stem,
        answer=answer,
        options=choices,
        explanation="\n".join(dict.fromkeys(explanation)),
        full_score=_full_score(root, reading),
        difficulty=reading.options.default_difficulty,
        minutes=reading.options.default_minutes[item_type],
        image=_image(parts, reading, images),
    )


@dataclass(frozen=True)
class _Context:
    parts: BodyParts
    declarations: dict[str, ET.Element]
    root: ET.Element
    reading: _Reading
    feedback: list[str]
    """Texts shown after answering (modal feedback, feedback blocks): the explanation."""


_Built = tuple[ItemType, Answer, tuple[ChoiceOption, ...], list[str]]


def _build(context: _Context) -> _Built | None:
    parts, reading = context.parts, context.reading
    kinds = {local(interaction.tag) for interaction in parts.interactions}
    if not kinds:
        if not parts.problems:
            reading.problem("the item has no interaction (choice, text entry or extended text)", context.root)
        return None
    if len(kinds) > 1 or (kinds != {"qti-text-entry-interaction"} and len(parts.interactions) > 1):
        reading.problem(f"the item mixes several interactions ({', '.join(sorted(kinds))}); split it into items", context.root)
        return None
    kind = kinds.pop()
    if kind == "qti-choice-interaction":
        return _choice(context)
    if kind == "qti-text-entry-interaction":
        return _blanks(context)
    return _extended(context)


def _declaration(interaction: ET.Element, declarations: dict[str, ET.Element], reading: _Reading) -> ET.Element | None:
    identifier = interaction.get("response-identifier", "")
    declaration = declarations.get(identifier)
    if declaration is None:
        reading.problem(f"no response declaration for {identifier!r}", interaction)
    return declaration


def _correct_values(declaration: ET.Element) -> list[str]:
    """Correct values, then mapped keys worth points: what the response accepts."""
    correct = child(declaration, "qti-correct-response")
    values = [text_of(value) for value in descendants(correct, "qti-value")] if correct is not None else []
    mapping = child(declaration, "qti-mapping")
    for entry in children(mapping, "qti-map-entry") if mapping is not None else []:
        try:
            worth = float(entry.get("mapped-value", "0"))
        except ValueError:
            worth = 0.0
        if worth > 0:
            values.append(entry.get("map-key", "").strip())
    return [value for value in dict.fromkeys(values) if value]


def _choice(context: _Context) -> _Built | None:
    parts, reading = context.parts, context.reading
    interaction = parts.interactions[0]
    declaration = _declaration(interaction, context.declarations, reading)
    choices = parts.choices
    labels = default_labels(len(choices))
    options = tuple(ChoiceOption(label, text) for label, (_, text) in zip(labels, choices))
    if declaration is None or len(choices) > len(labels):
        if len(choices) > len(labels):
            reading.problem(f"the choice has {len(choices)} options; at most {len(labels)} are supported", interaction)
        return None
    by_identifier = {identifier: label for label, (identifier, _) in zip(labels, choices)}
    correct = _correct_values(declaration)
    if not correct:
        reading.problem("the item has no correct response", declaration)
        return None
    unknown = [value for value in correct if value not in by_identifier]
    if unknown:
        reading.problem(f"the correct response {', '.join(unknown)} is not one of the choices", declaration)
        return None
    answer_labels = tuple(by_identifier[value] for value in correct)
    multiple = declaration.get("cardinality", "single") != "single"
    if not multiple and _is_true_false(choices):
        first_true = _is_true_word(choices[0])
        value = (answer_labels[0] == "A") == first_true
        return ItemType.TRUE_FALSE, TrueFalseAnswer(value), (), context.feedback
    item_type = ItemType.MULTIPLE_CHOICE if multiple else ItemType.SINGLE_CHOICE
    return item_type, ChoiceAnswer(answer_labels), options, context.feedback


def _is_true_word(choice: tuple[str, str]) -> bool:
    identifier, text = choice
    return identifier.lower() in TRUE_WORDS or text.lower() in TRUE_WORDS


def _is_false_word(choice: tuple[str, str]) -> bool:
    identifier, text = choice
    return identifier.lower() in FALSE_WORDS or text.lower() in FALSE_WORDS


def _is_true_false(choices: list[tuple[str, str]]) -> bool:
    if len(choices) != 2:
        return False
    first, second = choices
    return (_is_true_word(first) and _is_false_word(second)) or (_is_false_word(first) and _is_true_word(second))


def _blanks(context: _Context) -> _Built | None:
    parts, reading = context.parts, context.reading
    blanks: list[Blank] = []
    for number, interaction in enumerate(parts.interactions, start=1):
        declaration = _declaration(interaction, context.declarations, reading)
        if declaration is None:
            continue
        accepted = _correct_values(declaration)
        if not accepted:
            reading.problem(f"blank {number} has no correct response", declaration)
            continue
        numeric = declaration.get("base-type") in ("float", "integer")
        tolerance = _tolerance(context.root, interaction.get("response-identifier", "")) if numeric else None
        blanks.append(Blank(tuple(accepted), tolerance))
    if len(blanks) != len(parts.interactions):
        return None
    return ItemType.FILL_BLANK, BlanksAnswer(tuple(blanks)), (), context.feedback


def _tolerance(root: ET.Element, identifier: str) -> float:
    """The absolute tolerance response processing allows ``identifier`` (0 for exact match)."""
    processing = child(root, "qti-response-processing")
    for equal in descendants(processing, "qti-equal") if processing is not None else []:
        compared = [node.get("identifier") for node in equal if local(node.tag) in ("qti-variable", "qti-correct")]
        if identifier in compared and equal.get("tolerance-mode") == "absolute":
            try:
                return float(equal.get("tolerance", "0").split()[0])
            except (ValueError, IndexError):
                return 0.0
    return 0.0


def _extended(context: _Context) -> _Built | None:
    """A worked problem: the model answer is in a scorer's rubric block, else in the correct
    response, else in the first feedback (which then is not also the explanation)."""
    interaction = context.parts.interactions[0]
    declaration = context.declarations.get(interaction.get("response-identifier", ""))
    explanation = context.feedback
    model = "\n".join(context.parts.rubrics)
    if not model and declaration is not None:
        model = "\n".join(_correct_values(declaration))
    if not model and explanation:
        model, explanation = explanation[0], explanation[1:]
    if not model:
        context.reading.problem("the extended-text item has no model answer (a scorer rubric block or feedback)", interaction)
        return None
    return ItemType.SHORT_ANSWER, ModelAnswer(model), (), explanation


def _modal_feedback(root: ET.Element) -> list[str]:
    return [text for text in (element_text(node) for node in children(root, "qti-modal-feedback")) if text]


def _full_score(root: ET.Element, reading: _Reading) -> float:
    for outcome in children(root, "qti-outcome-declaration"):
        identifier = outcome.get("identifier")
        value = text_of(next(iter(descendants(outcome, "qti-value")), None))
        candidate = value if identifier == "MAXSCORE" else outcome.get("normal-maximum", "") if identifier == "SCORE" else ""
        if candidate:
            try:
                return float(candidate)
            except ValueError:
                reading.problem(f"the maximum score {candidate!r} is not a number", outcome)
    return reading.options.default_score


def _image(parts: BodyParts, reading: _Reading, images: ImageSource | None) -> ItemImage | None:
    if not parts.images:
        return None
    if len(parts.images) > 1:
        reading.problem(f"the stem has {len(parts.images)} images; an item carries at most one", parts.images[1])
    element = parts.images[0]
    src = element.get("src", "")
    found = decode_data_uri(src, element.get("data-zuoye-filename", "")) or (images(src) if images else None)
    if found is None:
        reading.problem(f"image {src!r} is missing (not in the package)", element)
        return None
    name, data = found
    name = element.get("data-zuoye-filename") or name
    return ItemImage(name, data, sniff_media_type(data) or media_type_for_name(name))
