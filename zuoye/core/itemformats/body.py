"""Taking a QTI item body apart: stem text, interactions, choices, images, rubrics, feedback.

The body mixes what the student reads (paragraphs, formulas, a figure) with interactions and
with blocks meant for others (a scorer's rubric, feedback shown after answering). One walk
sorts them: the student's text becomes the stem, with a blank marker where each text entry
stands; the rest is collected for the reader to interpret.
"""

from __future__ import annotations

import base64
import binascii
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from .images import sniff_media_type
from .model import BLANK_MARKER
from .richtext import BLOCKS, TextCollector, element_text
from .xmltree import child, children, local

SUPPORTED = frozenset({"qti-choice-interaction", "qti-text-entry-interaction", "qti-extended-text-interaction"})
IGNORED = frozenset({"qti-end-attempt-interaction"})


@dataclass
class BodyParts:
    stem: str = ""
    interactions: list[ET.Element] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)
    """(identifier, text) of each simple choice, in order."""
    images: list[ET.Element] = field(default_factory=list)
    rubrics: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    problems: list[tuple[ET.Element, str]] = field(default_factory=list)


class _BodyWalk:
    def __init__(self, body: ET.Element) -> None:
        self.parts = BodyParts()
        self.parents = {node: parent for parent in body.iter() for node in parent}
        self.entries = sum(1 for node in body.iter() if local(node.tag) == "qti-text-entry-interaction")

    def hook(self, element: ET.Element) -> str | None:
        name = local(element.tag)
        if name == "img":
            self.parts.images.append(element)
            return ""
        if name.endswith("-interaction"):
            return self.interaction(element, name)
        if name == "qti-rubric-block":
            text = element_text(element, self.hook)
            if "candidate" in element.get("view", "candidate").split():
                return "\n" + text + "\n"
            self.parts.rubrics.append(text)
            return ""
        if name in ("qti-feedback-block", "qti-feedback-inline"):
            self.parts.feedback.append(element_text(element))
            return ""
        if name == "qti-printed-variable" or name.startswith("qti-template"):
            self.parts.problems.append((element, f"template items (<{name}>) are not supported"))
            return ""
        return None

    def interaction(self, element: ET.Element, name: str) -> str:
        if name in IGNORED:
            return ""
        if name not in SUPPORTED:
            self.parts.problems.append((element, f"unsupported interaction <{name}>"))
            return ""
        self.parts.interactions.append(element)
        if name == "qti-text-entry-interaction":
            return "" if self.alone_in_block(element) else self.marker(element)
        if name == "qti-choice-interaction":
            self.parts.choices = [
                (choice.get("identifier", ""), element_text(choice, self.choice_hook))
                for choice in children(element, "qti-simple-choice")
            ]
        prompt = child(element, "qti-prompt")
        return "\n" + (element_text(prompt, self.hook) if prompt is not None else "") + "\n"

    def choice_hook(self, element: ET.Element) -> str | None:
        name = local(element.tag)
        if name == "img":
            self.parts.problems.append((element, "images inside options are not supported"))
            return ""
        return "" if name == "qti-feedback-inline" else None

    def marker(self, element: ET.Element) -> str:
        try:
            length = int(element.get("expected-length", ""))
        except ValueError:
            return BLANK_MARKER
        return "_" * length if length >= 3 else BLANK_MARKER

    def alone_in_block(self, element: ET.Element) -> bool:
        """The single blank of an item, alone in its paragraph and of no stated length: the
        answer follows the stem, so the stem gets no marker. (A stated length is a marker's.)"""
        parent = self.parents.get(element)
        if self.entries != 1 or parent is None or local(parent.tag) not in BLOCKS or len(parent) != 1:
            return False
        if element.get("expected-length"):
            return False
        return not (parent.text or "").strip() and not (element.tail or "").strip()


def read_body(body: ET.Element) -> BodyParts:
    walk = _BodyWalk(body)
    collector = TextCollector(walk.hook)
    collector.words(body.text)
    for node in body:
        collector.element(node)
    walk.parts.stem = collector.text()
    return walk.parts


def decode_data_uri(src: str, filename: str = "") -> tuple[str, bytes] | None:
    """The file name and bytes of a ``data:image/…;base64,…`` URI (None for other sources)."""
    if not src.startswith("data:"):
        return None
    header, _, payload = src.partition(",")
    if not header.endswith(";base64"):
        return None
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        data = b""
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
    return filename or f"image.{extension.get(sniff_media_type(data) or '', 'bin')}", data
