"""The writers on real stems: canonical LaTeX round-trips, MathML is well-formed, typst compiles."""

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typst

from zuoye.core.mathtext import (
    display_fractions, math_to_latex, math_to_mathml, math_to_typst, parse_formula, parse_stem,
    stem_to_html, stem_to_latex, stem_to_typst, typst_text, validate_stem,
)

from .corpus import STEMS

TYPST_HEAD = '#set text(font: "Noto Serif CJK SC", lang: "zh", size: 12pt)\n#set page(paper: "a4", margin: 15mm)\n'


def compile_typst(body: str) -> bytes:
    """Compile, treating any warning (a missing font above all) as a failure."""
    pdf, warnings = typst.compile_with_warnings((TYPST_HEAD + body).encode("utf-8"))
    assert not warnings, [getattr(w, "message", w) for w in warnings]
    return bytes(pdf)


@pytest.mark.parametrize("stem", STEMS)
def test_real_stems_validate(stem):
    assert validate_stem(stem) == ()


@pytest.mark.parametrize("stem", STEMS)
def test_canonical_latex_round_trips(stem):
    # given a parsed stem, when it is written canonically and parsed again, then nothing changes
    parsed = parse_stem(stem)
    again = parse_stem(stem_to_latex(parsed))
    assert again == parsed
    assert stem_to_latex(again) == stem_to_latex(parsed)


@pytest.mark.parametrize("stem", STEMS)
def test_html_is_well_formed_mathml(stem):
    html = stem_to_html(stem)
    root = ET.fromstring("<div>" + html.replace("<br>", "<br/>") + "</div>")
    maths = root.findall("{http://www.w3.org/1998/Math/MathML}math")
    assert len(maths) == len(parse_stem(stem).formulas)


def test_all_real_stems_compile_with_typst_without_warnings():
    body = "\n\n".join(typst_text(f"{n}. ") + stem_to_typst(s) for n, s in enumerate(STEMS, 1))
    assert compile_typst(body).startswith(b"%PDF")


def test_full_size_fractions_compile_and_keep_inner_fractions_small():
    body = "\n\n".join(stem_to_typst(s, full_size_fractions=True) for s in STEMS)
    compile_typst(body)
    nested = display_fractions(parse_formula(r"\frac{\frac{1}{2}}{3}"))
    assert math_to_typst(nested) == "display(frac(frac(1, 2), 3))"


@pytest.mark.parametrize(
    ("latex", "typst_math"),
    [
        (r"\frac{1}{2}+\frac{1}{3}", "frac(1, 2) + frac(1, 3)"),
        (r"\dfrac{a}{b}", "display(frac(a, b))"),
        (r"\sqrt{x}+\sqrt[3]{8}", "sqrt(x) + root(3, 8)"),
        (r"ab", "a b"),
        (r"a/b", r"a \/ b"),
        (r"(a+b)^2", r"\( a + b \)^(2)"),
        (r"\left(\frac{1}{2}\right)", r"lr(\( frac(1, 2) \))"),
        (r"x^{10}", "x^(10)"),
        (r"{ab}^2", "attach(a b, t: 2)"),
        (r"\angle A=90^\circ", "angle A = 90 degree"),
        (r"\triangle ABC", "triangle.stroked.t A B C"),
        (r"3\times4\div2\ne\pi", "3 times 4 div 2 eq.not pi"),
        (r"\frac{1,000}{3:4}", r"frac(1 \, 000, 3 \: 4)"),
        (r"S=长\times宽", 'S = "长" times "宽"'),
        (r"\text{a\"b}", r'"a\\\"b"'),
        (r"f'(x)", r"f' \( x \)"),
        (r"|-3|", r'class("opening", \|) - 3 class("closing", \|)'),
        (r"\begin{cases}x=1\\y=2\end{cases}", "cases(x = 1, y = 2)"),
        (r"\overline{AB}", "overline(A B)"),
    ],
)
def test_typst_math_means_what_the_latex_meant(latex, typst_math):
    assert math_to_typst(parse_formula(latex)) == typst_math


def test_text_cannot_become_typst_markup():
    markup = stem_to_typst('1. 注意 #set 和 *星号* 与 "引号" \\ 反斜杠\n2. $x$')
    assert markup == (
        '#"1. 注意 #set 和 *星号* 与 \\"引号\\" \\\\ 反斜杠"#linebreak()#"2. "$x$'
    )
    compile_typst(markup)


@pytest.mark.parametrize(
    ("latex", "mathml"),
    [
        (r"\frac{1}{2}", "<mfrac><mn>1</mn><mn>2</mn></mfrac>"),
        (r"x^2", "<msup><mi>x</mi><mn>2</mn></msup>"),
        (r"\sqrt[3]{8}", "<mroot><mn>8</mn><mn>3</mn></mroot>"),
        (r"(-2)", '<mrow><mo stretchy="false">(</mo><mo form="prefix">−</mo><mn>2</mn><mo stretchy="false">)</mo></mrow>'),
        (r"a<b", "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"),
        (r"\text{长}", "<mtext>长</mtext>"),
        (r"\Delta", '<mi mathvariant="normal">Δ</mi>'),
    ],
)
def test_mathml_elements(latex, mathml):
    assert math_to_mathml(parse_formula(latex)) == f'<math xmlns="http://www.w3.org/1998/Math/MathML">{mathml}</math>'


def test_html_escapes_text_and_keeps_the_source_as_alttext():
    html = stem_to_html("a<b & $x<1$\n下一行")
    assert html.startswith("a&lt;b &amp; <math")
    assert 'alttext="x&lt;1"' in html and html.endswith("<br>下一行")


def test_canonical_latex_spelling():
    assert math_to_latex(parse_formula(r"a≠b, x^2, \frac12, 长")) == r"a\ne b,x^{2},\frac{1}{2},\text{长}"
    assert math_to_latex(parse_formula(r"\pi r^2")) == r"\pi r^{2}"


def _rasterise(pdf: bytes, tmp_path: Path) -> Path:
    (tmp_path / "f.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(tmp_path / "f.pdf"), str(tmp_path / "p")], check=True)
    return next(tmp_path.glob("p*.png"))


def test_a_fraction_is_drawn_stacked_not_as_a_slash(tmp_path):
    # given a page holding only 7/9 as a fraction, when it is rasterised, then the ink falls in
    # three bands one above the other (numerator, bar, denominator) and the bar is the widest;
    # a slash or a missing glyph would give one band
    from PIL import Image

    pdf = compile_typst("#set text(size: 40pt)\n" + stem_to_typst(r"$\dfrac{7}{9}$"))
    image = Image.open(_rasterise(pdf, tmp_path)).convert("L")
    width, height = image.size
    pixels = image.load()
    dark = [[x for x in range(width) if pixels[x, y] < 128] for y in range(height)]
    bands: list[list[int]] = []
    for y, xs in enumerate(dark):
        if xs and (not bands or bands[-1][-1] != y - 1):
            bands.append([])
        if xs:
            bands[-1].append(y)
    assert len(bands) == 3

    def span(band):
        return max(max(dark[y]) for y in band) - min(min(dark[y]) for y in band)

    assert span(bands[1]) > max(span(bands[0]), span(bands[2]))
    assert len(bands[1]) <= 4  # a thin rule, not a glyph
