"""QTI vocabulary shared by the reader and the writer, and QTI 2.x → 3.0 renaming.

QTI 3.0 renamed every element and attribute of 2.1 in one regular way: ``choiceInteraction``
became ``qti-choice-interaction`` and ``maxChoices`` became ``max-choices``. Renaming a 2.x
tree on reading lets one reader serve both versions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .xmltree import local, namespace

QTI3_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
QTI2_NAMESPACES = frozenset({
    "http://www.imsglobal.org/xsd/imsqti_v2p1",
    "http://www.imsglobal.org/xsd/imsqti_v2p2",
    "http://www.imsglobal.org/xsd/imsqti_v2p0",
})
QTI3_SCHEMA = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0p1_v1p0.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

# QTI 2.x elements whose names are all lower case (the others are camelCase, which HTML
# element names never are); everything else lower case in a 2.x item body is XHTML.
_QTI2_LOWERCASE = frozenset({
    "prompt", "value", "mapping", "and", "or", "not", "match", "equal", "variable", "correct",
    "sum", "product", "subtract", "divide", "power", "member", "contains", "delete", "index",
    "gt", "gte", "lt", "lte", "round", "truncate", "null", "multiple", "ordered", "random",
    "default", "inside", "substring", "stylesheet",
})
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def kebab(name: str) -> str:
    """``maxChoices`` → ``max-choices``."""
    return _CAMEL.sub(lambda match: "-" + match.group(1).lower(), name)


def qti_version(root: ET.Element) -> str | None:
    """``"3.0"``, ``"2.x"`` or None for a root that is not a QTI assessment item."""
    name, ns = local(root.tag), namespace(root.tag)
    if name == "qti-assessment-item" and ns in (QTI3_NS, ""):
        return "3.0"
    if name == "assessmentItem" and (ns in QTI2_NAMESPACES or ns == ""):
        return "2.x"
    return None


def rename_qti2(root: ET.Element) -> None:
    """Rename a QTI 2.x tree, in place, to QTI 3.0 element and attribute names."""
    qti2_ns = namespace(root.tag)
    for element in root.iter():
        name = local(element.tag)
        if namespace(element.tag) != qti2_ns or not (_CAMEL.search(name) or name in _QTI2_LOWERCASE):
            continue
        element.tag = "{" + QTI3_NS + "}qti-" + kebab(name)
        for key in [key for key in element.attrib if not key.startswith("{") and _CAMEL.search(key)]:
            element.attrib[kebab(key)] = element.attrib.pop(key)


TRUE_WORDS = frozenset({"true", "t", "正确", "对", "√", "✓", "是", "yes", "right"})
FALSE_WORDS = frozenset({"false", "f", "错误", "错", "×", "✗", "否", "no", "wrong"})
