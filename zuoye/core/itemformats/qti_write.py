"""Writing :class:`ItemData` as a QTI 3.0 assessment item.

The item follows the QTI 3.0 item model: response declarations, then outcome declarations
(``SCORE``, ``MAXSCORE`` holding the full score, ``FEEDBACK``), the item body, response
processing, and the explanation as modal feedback. Choices are scored by match-correct,
blanks by their mappings (each blank worth an equal share), numeric blanks by ``qti-equal``
with an absolute tolerance; a worked problem is scored by a person, with the model answer in
a scorer's rubric block. Formulas are MathML with the LaTeX source in ``alttext``, and the
item's metadata travels in ``data-zuoye-*`` attributes (see :mod:`.metadata`), so that
:func:`.qti_read.read_qti_item` gives back an equal item.
"""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ET

from .metadata import write_attributes
from .model import (
    BlanksAnswer, ChoiceAnswer, ItemData, ItemType, ModelAnswer, TrueFalseAnswer, blank_markers, split_math,
)
from .qtinames import QTI3_NS, QTI3_SCHEMA, XSI_NS
from .richtext import write_inline, write_paragraphs

_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")
_MARKER = re.compile(r"_{3,}")
_TRUE_FALSE = {"zh": ("正确", "错误"), "en": ("True", "False")}
_INTERACTION_TYPES = {
    ItemType.SINGLE_CHOICE: "choiceInteraction", ItemType.MULTIPLE_CHOICE: "choiceInteraction",
    ItemType.TRUE_FALSE: "choiceInteraction", ItemType.FILL_BLANK: "textEntryInteraction",
    ItemType.SHORT_ANSWER: "extendedTextInteraction",
}
_CONTENT = frozenset({"p", "qti-simple-choice", "qti-prompt", "math", "qti-value"})
"""Elements with mixed content: never re-indented, since whitespace there is text."""


def interaction_type(item: ItemData) -> str:
    """The QTI metadata name of the item's interaction (``choiceInteraction`` …)."""
    return _INTERACTION_TYPES[item.type]


def qti_identifier(identifier: str) -> str:
    """``identifier`` if it is an XML NCName (as QTI requires), else a stable stand-in."""
    if _NCNAME.match(identifier):
        return identifier
    return "item-" + hashlib.sha1(identifier.encode("utf-8")).hexdigest()[:16]


def write_qti_item(item: ItemData, *, image_href: str | None = None) -> bytes:
    """The item as a QTI 3.0 XML document. Without ``image_href`` an image is embedded as a
    ``data:`` URI, so a single file is complete; packages pass the image's path instead."""
    root = _root(item)
    for declaration in _responses(item):
        root.append(declaration)
    _outcomes(root, item)
    root.append(_body(item, image_href))
    processing = _processing(item)
    if processing is not None:
        root.append(processing)
    if item.explanation:
        feedback = ET.SubElement(root, "qti-modal-feedback", {
            "outcome-identifier": "FEEDBACK", "identifier": "EXPLANATION", "show-hide": "show", "title": "解析",
        })
        write_paragraphs(ET.SubElement(feedback, "qti-content-body"), item.explanation)
    indent_structure(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _language(item: ItemData) -> str:
    return "en" if any(code.startswith("english.") for code in item.knowledge_points) else "zh-CN"


def _root(item: ItemData) -> ET.Element:
    identifier = qti_identifier(item.identifier)
    attrs = {
        "xmlns": QTI3_NS,
        "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{QTI3_NS} {QTI3_SCHEMA}",
        "identifier": identifier,
        "title": _title(item),
        "adaptive": "false",
        "time-dependent": "false",
        "xml:lang": _language(item),
    }
    if identifier != item.identifier:
        attrs["data-zuoye-identifier"] = item.identifier
    attrs.update(write_attributes(item))
    return ET.Element("qti-assessment-item", attrs)


def _title(item: ItemData) -> str:
    first = item.stem.split("\n")[0].replace("\\$", "＄").replace("$", "")
    return first if len(first) <= 40 else first[:39] + "…"


def number(value: float) -> str:
    """A float as QTI writes it, exactly: ``2`` or ``0.5``."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _declaration(identifier: str, cardinality: str, base_type: str, correct: list[str]) -> ET.Element:
    declaration = ET.Element("qti-response-declaration", {
        "identifier": identifier, "cardinality": cardinality, "base-type": base_type,
    })
    if correct:
        values = ET.SubElement(declaration, "qti-correct-response")
        for value in correct:
            ET.SubElement(values, "qti-value").text = value
    return declaration


def _responses(item: ItemData) -> list[ET.Element]:
    answer = item.answer
    if isinstance(answer, ChoiceAnswer):
        cardinality = "multiple" if item.type is ItemType.MULTIPLE_CHOICE else "single"
        return [_declaration("RESPONSE", cardinality, "identifier", list(answer.labels))]
    if isinstance(answer, TrueFalseAnswer):
        return [_declaration("RESPONSE", "single", "identifier", ["true" if answer.value else "false"])]
    if isinstance(answer, ModelAnswer):
        return [_declaration("RESPONSE", "single", "string", [])]
    assert isinstance(answer, BlanksAnswer)
    share = number(item.full_score / len(answer.blanks))
    declarations = []
    for index, blank in enumerate(answer.blanks, start=1):
        numeric = blank.tolerance is not None
        declaration = _declaration(f"RESPONSE_{index}", "single", "float" if numeric else "string", [blank.accepted[0]])
        if not numeric:
            mapping = ET.SubElement(declaration, "qti-mapping", {"default-value": "0"})
            for accepted in blank.accepted:
                ET.SubElement(mapping, "qti-map-entry", {
                    "map-key": accepted, "mapped-value": share, "case-sensitive": "false",
                })
        declarations.append(declaration)
    return declarations


def _outcome(root: ET.Element, identifier: str, base_type: str, default: str | None, **extra: str) -> None:
    outcome = ET.SubElement(root, "qti-outcome-declaration", {
        "identifier": identifier, "cardinality": "single", "base-type": base_type, **extra,
    })
    if default is not None:
        ET.SubElement(ET.SubElement(outcome, "qti-default-value"), "qti-value").text = default


def _outcomes(root: ET.Element, item: ItemData) -> None:
    human = {"external-scored": "human"} if item.type is ItemType.SHORT_ANSWER else {}
    _outcome(root, "SCORE", "float", "0", **human)
    _outcome(root, "MAXSCORE", "float", number(item.full_score))
    if item.explanation:
        _outcome(root, "FEEDBACK", "identifier", None)


def _body(item: ItemData, image_href: str | None) -> ET.Element:
    body = ET.Element("qti-item-body")
    if item.type is ItemType.FILL_BLANK:
        _stem_with_blanks(body, item.stem)
    else:
        write_paragraphs(body, item.stem)
    if item.image is not None:
        src = image_href or f"data:{item.image.media_type};base64," + base64.b64encode(item.image.data).decode("ascii")
        ET.SubElement(ET.SubElement(body, "p"), "img", {
            "src": src, "alt": "题图", "data-zuoye-filename": item.image.filename,
        })
    if isinstance(item.answer, BlanksAnswer) and not blank_markers(item.stem):
        ET.SubElement(ET.SubElement(body, "p"), "qti-text-entry-interaction", {"response-identifier": "RESPONSE_1"})
    if item.type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE):
        body.append(_choices(item))
    if isinstance(item.answer, ModelAnswer):
        rubric = ET.SubElement(body, "qti-rubric-block", {"use": "scoring", "view": "scorer"})
        write_paragraphs(ET.SubElement(rubric, "qti-content-body"), item.answer.text)
        lines = max(3, min(20, item.answer.text.count("\n") + 3))
        ET.SubElement(body, "qti-extended-text-interaction", {
            "response-identifier": "RESPONSE", "expected-lines": str(lines),
        })
    return body


def _stem_with_blanks(body: ET.Element, stem: str) -> None:
    """The stem's paragraphs, with a text entry where each ``____`` marker stands."""
    counter = iter(range(1, 1000))
    for line in stem.split("\n"):
        paragraph = ET.SubElement(body, "p")
        for piece in _split_markers(line):
            if isinstance(piece, int):
                ET.SubElement(paragraph, "qti-text-entry-interaction", {
                    "response-identifier": f"RESPONSE_{next(counter)}", "expected-length": str(piece),
                })
            else:
                holder = ET.Element("span")
                write_inline(holder, piece)
                _append_content(paragraph, holder)


def _split_markers(line: str) -> list[str | int]:
    """Text pieces and marker lengths, finding markers outside formulas only."""
    pieces: list[str | int] = []
    text = ""
    for piece, is_math in split_math(line):
        if is_math:
            text += "$" + piece + "$"
            continue
        pos = 0
        for match in _MARKER.finditer(piece):
            pieces += [text + piece[pos : match.start()], len(match.group(0))]
            text, pos = "", match.end()
        text += piece[pos:]
    return pieces + [text]


def _append_content(parent: ET.Element, holder: ET.Element) -> None:
    """Move ``holder``'s text and children to the end of ``parent``'s content."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + (holder.text or "")
    else:
        parent.text = (parent.text or "") + (holder.text or "")
    parent.extend(list(holder))


def _choices(item: ItemData) -> ET.Element:
    multiple = item.type is ItemType.MULTIPLE_CHOICE
    interaction = ET.Element("qti-choice-interaction", {
        "response-identifier": "RESPONSE", "shuffle": "false",
        "max-choices": str(len(item.options)) if multiple else "1",
    })
    if item.type is ItemType.TRUE_FALSE:
        yes, no = _TRUE_FALSE["en" if _language(item) == "en" else "zh"]
        ET.SubElement(interaction, "qti-simple-choice", {"identifier": "true"}).text = yes
        ET.SubElement(interaction, "qti-simple-choice", {"identifier": "false"}).text = no
        return interaction
    for option in item.options:
        write_inline(ET.SubElement(interaction, "qti-simple-choice", {"identifier": option.label}), option.text)
    return interaction


def _processing(item: ItemData) -> ET.Element | None:
    if item.type is ItemType.SHORT_ANSWER:
        return None
    processing = ET.Element("qti-response-processing")
    answer = item.answer
    if isinstance(answer, BlanksAnswer):
        share = number(item.full_score / len(answer.blanks))
        mapped = [f"RESPONSE_{i}" for i, blank in enumerate(answer.blanks, 1) if blank.tolerance is None]
        if mapped:
            total = ET.SubElement(ET.SubElement(processing, "qti-set-outcome-value", identifier="SCORE"), "qti-sum")
            for identifier in mapped:
                ET.SubElement(total, "qti-map-response", identifier=identifier)
        for index, blank in enumerate(answer.blanks, 1):
            if blank.tolerance is not None:
                _numeric_rule(processing, f"RESPONSE_{index}", number(blank.tolerance), share)
    else:
        _match_rule(processing)
    if item.explanation:
        feedback = ET.SubElement(processing, "qti-set-outcome-value", identifier="FEEDBACK")
        ET.SubElement(feedback, "qti-base-value", {"base-type": "identifier"}).text = "EXPLANATION"
    return processing


def _match_rule(processing: ET.Element) -> None:
    rule = ET.SubElement(ET.SubElement(processing, "qti-response-condition"), "qti-response-if")
    match = ET.SubElement(rule, "qti-match")
    ET.SubElement(match, "qti-variable", identifier="RESPONSE")
    ET.SubElement(match, "qti-correct", identifier="RESPONSE")
    ET.SubElement(ET.SubElement(rule, "qti-set-outcome-value", identifier="SCORE"), "qti-variable", identifier="MAXSCORE")


def _numeric_rule(processing: ET.Element, identifier: str, tolerance: str, share: str) -> None:
    rule = ET.SubElement(ET.SubElement(processing, "qti-response-condition"), "qti-response-if")
    equal = ET.SubElement(rule, "qti-equal", {"tolerance-mode": "absolute", "tolerance": f"{tolerance} {tolerance}"})
    ET.SubElement(equal, "qti-variable", identifier=identifier)
    ET.SubElement(equal, "qti-correct", identifier=identifier)
    total = ET.SubElement(ET.SubElement(rule, "qti-set-outcome-value", identifier="SCORE"), "qti-sum")
    ET.SubElement(total, "qti-variable", identifier="SCORE")
    ET.SubElement(total, "qti-base-value", {"base-type": "float"}).text = share


def indent_structure(element: ET.Element, level: int = 0) -> None:
    """Pretty-print the structure, leaving mixed content (paragraphs, choices) untouched."""
    if element.tag in _CONTENT or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        indent_structure(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level
