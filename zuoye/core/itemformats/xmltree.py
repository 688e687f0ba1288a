"""Reading untrusted XML safely, keeping the line of every element.

The standard library's ElementTree forgets where an element came from, but an import report
must say "line 42: the choice has no correct response". This reader drives expat itself and
stamps each element with its ``line``. It also refuses document type declarations outright:
item files never need them, and refusing them closes the door on entity-expansion bombs and
external entities (defusedxml is not a dependency of Zuoye).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat


class XmlElement(ET.Element):
    """An element that knows the 1-based line of its start tag (0 when built in memory)."""

    line: int = 0


class XmlError(ValueError):
    """The bytes are not well-formed (or use a DTD); ``line`` says where, when known."""

    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def parse_xml(data: bytes) -> XmlElement:
    """Parse a whole document; element tags are ``{namespace}local`` as in ElementTree."""
    builder = ET.TreeBuilder(element_factory=XmlElement)
    parser = expat.ParserCreate(namespace_separator="}")

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = builder.start(_clark(tag), {_clark(key): value for key, value in attrs.items()})
        element.line = parser.CurrentLineNumber  # type: ignore[attr-defined]

    def refuse_dtd(*_: object) -> None:
        raise XmlError("document type declarations (DOCTYPE) are not allowed", parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_clark(tag))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlError(f"invalid XML: {expat.ErrorString(exc.code)}", exc.lineno) from None
    root = builder.close()
    assert isinstance(root, XmlElement)
    return root


def _clark(name: str) -> str:
    """expat's ``ns}local`` to ElementTree's ``{ns}local``."""
    return "{" + name if "}" in name else name


def local(tag: str) -> str:
    """The local part of a ``{namespace}local`` tag."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def line_of(element: ET.Element) -> int | None:
    return getattr(element, "line", 0) or None


def children(element: ET.Element, name: str) -> list[ET.Element]:
    """Direct children with local name ``name``, whatever their namespace."""
    return [child for child in element if local(child.tag) == name]


def child(element: ET.Element, name: str) -> ET.Element | None:
    found = children(element, name)
    return found[0] if found else None


def path(element: ET.Element | None, *names: str) -> ET.Element | None:
    """Follow child names down from ``element`` (``path(q, "name", "text")``); None if absent."""
    for name in names:
        if element is None:
            return None
        element = child(element, name)
    return element


def descendants(element: ET.Element, name: str) -> list[ET.Element]:
    return [node for node in element.iter() if local(node.tag) == name]


def text_of(element: ET.Element | None) -> str:
    """All text inside ``element``, stripped (empty for None)."""
    return "".join(element.itertext()).strip() if element is not None else ""
