"""Item text between our plain form and the (X)HTML that QTI and Moodle wrap it in.

Our text is lines of plain text with ``$…$`` formulas (see :mod:`.model`). QTI bodies are
XHTML with MathML, Moodle question text is HTML with ``\\(…\\)`` formulas. Reading keeps the
words and line structure (one block element, one line) and drops styling; writing makes one
``<p>`` per line with a MathML ``<math>`` per formula, so the two directions are inverses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .mathml import MATHML_NS, formula_element, math_source
from .model import normalize_text, split_math
from .xmltree import local, namespace

BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
    "tr", "thead", "tbody", "dl", "dt", "dd", "hr", "figure", "figcaption", "section", "article",
    "qti-prompt", "qti-content-body",
})
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_MATHJAX = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)

Hook = Callable[[ET.Element], "str | None"]
"""Called for every element; a string replaces the element (and its content) in the text."""


@dataclass
class TextCollector:
    """Collects text from mixed content; ``hook`` handles interactions, images and the like."""

    hook: Hook | None = None
    pieces: list[str] = field(default_factory=list)

    def element(self, element: ET.Element) -> None:
        if self.hook is not None and (replacement := self.hook(element)) is not None:
            self.pieces.append(replacement)
        elif namespace(element.tag) == MATHML_NS or local(element.tag) == "math":
            self.pieces.append("$" + math_source(element) + "$")
        else:
            self.content(element)
        self.words(element.tail)

    def content(self, element: ET.Element) -> None:
        name = local(element.tag)
        if name == "br":
            self.pieces.append("\n")
            return
        block = name in BLOCKS
        if block:
            self.pieces.append("\n")
        self.words(element.text)
        for child in element:
            self.element(child)
        if block:
            self.pieces.append("\n")

    def words(self, text: str | None) -> None:
        if text:
            self.pieces.append(_XML_SPACE.sub(" ", text).replace("$", "\\$"))

    def text(self) -> str:
        """The collected text; MathJax ``\\(…\\)`` in the words (common in exported QTI) is math."""
        return normalize_text(_MATHJAX.sub(lambda m: "$" + (m.group(1) or m.group(2)).strip() + "$", "".join(self.pieces)))


def element_text(element: ET.Element, hook: Hook | None = None) -> str:
    """The text of an element's content (not its tail)."""
    collector = TextCollector(hook)
    collector.words(element.text)
    for child in element:
        collector.element(child)
    return collector.text()


def write_inline(parent: ET.Element, line: str) -> None:
    """Append one line of text to ``parent``: words as text, formulas as ``<math>``."""
    last: ET.Element | None = None
    for piece, is_math in split_math(line):
        if is_math:
            last = formula_element(piece)
            parent.append(last)
            continue
        words = piece.replace("\\$", "$")
        if last is None:
            parent.text = (parent.text or "") + words
        else:
            last.tail = (last.tail or "") + words


def write_paragraphs(parent: ET.Element, text: str) -> None:
    """One ``<p>`` per line of ``text``."""
    for line in text.split("\n"):
        write_inline(ET.SubElement(parent, "p"), line)


class _HtmlText(HTMLParser):
    """HTML (Moodle question text) to our text; images are listed in ``images``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")
        elif tag == "br" or tag in BLOCKS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        self.pieces.append(_XML_SPACE.sub(" ", data))


_TEX_INLINE = re.compile(r"\\\((.+?)\\\)|\$\$(.+?)\$\$|\\\[(.+?)\\\]", re.S)


def html_to_text(html: str) -> tuple[str, list[str]]:
    """Moodle-style HTML to our text, and the ``src`` of each image in it.

    MathJax delimiters ``\\(…\\)``, ``\\[…\\]`` and ``$$…$$`` become ``$…$``; formulas
    already written ``$…$`` (as in Zuoye's own texts) stay as they are.
    """
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return tex_delimiters("".join(parser.pieces)), parser.images


def tex_delimiters(text: str) -> str:
    """Rewrite MathJax delimiters as ``$…$`` and normalise the text."""
    replaced = _TEX_INLINE.sub(
        lambda match: "$" + next(group for group in match.groups() if group is not None).strip() + "$", text
    )
    return normalize_text(replaced)
