"""Safe XML with line numbers, QTI 2.x renaming and MathML to LaTeX."""

from __future__ import annotations

import pytest

from zuoye.core.itemformats.mathml import formula_element, math_source, mathml_to_latex
from zuoye.core.itemformats.qtinames import kebab, rename_qti2
from zuoye.core.itemformats.xmltree import XmlError, local, parse_xml


def test_elements_know_their_lines():
    root = parse_xml(b"<a>\n  <b>\n    <c/>\n  </b>\n</a>")

    assert [(local(node.tag), node.line) for node in root.iter()] == [("a", 1), ("b", 2), ("c", 3)]


@pytest.mark.parametrize(("data", "line"), [
    (b"<a>\n<b>\n</a>", 3),
    (b"<a>\n\n&nbsp;</a>", 3),
    (b'<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "http://evil/x.dtd">\n<a/>', 2),
])
def test_malformed_or_dtd_documents_are_refused_with_a_line(data, line):
    with pytest.raises(XmlError) as error:
        parse_xml(data)
    assert error.value.line == line


def test_qti2_names_become_qti3_names_but_html_stays():
    root = parse_xml(
        b'<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"><itemBody><p>x</p>'
        b'<choiceInteraction responseIdentifier="R" maxChoices="1"><prompt>p</prompt></choiceInteraction>'
        b"</itemBody></assessmentItem>"
    )
    rename_qti2(root)

    assert [local(node.tag) for node in root.iter()] == [
        "qti-assessment-item", "qti-item-body", "p", "qti-choice-interaction", "qti-prompt"]
    assert root[0][1].attrib == {"response-identifier": "R", "max-choices": "1"}
    assert kebab("toleranceMode") == "tolerance-mode"


def mathml(markup: str):
    return parse_xml(f'<math xmlns="http://www.w3.org/1998/Math/MathML">{markup}</math>'.encode())


@pytest.mark.parametrize(("markup", "latex"), [
    ("<mfrac><mn>1</mn><mn>2</mn></mfrac>", "\\frac{1}{2}"),
    ("<msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><msub><mi>a</mi><mn>1</mn></msub>", "{x}^{2}+{a}_{1}"),
    ("<msqrt><mn>2</mn></msqrt><mo>×</mo><mroot><mn>8</mn><mn>3</mn></mroot>", "\\sqrt{2}×\\sqrt[3]{8}"),
    ("<mi>sin</mi><mi>x</mi>", "\\sin x"),
    ("<mover><mi>AB</mi><mo>‾</mo></mover>", "\\overline{AB}"),
    ("<mtext>千米</mtext>", "\\text{千米}"),
    ("<semantics><mi>y</mi><annotation encoding='text/plain'>y</annotation></semantics>", "y"),
])
def test_presentation_mathml_becomes_latex(markup, latex):
    assert mathml_to_latex(mathml(markup)) == latex


def test_tex_annotation_and_alttext_take_precedence():
    annotated = mathml("<semantics><mi>x</mi><annotation encoding='application/x-tex'>\\alpha</annotation></semantics>")

    assert math_source(annotated) == "\\alpha"
    assert math_source(formula_element("\\frac{a}{b}")) == "\\frac{a}{b}"
