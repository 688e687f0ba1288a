"""typst: strict compiles, exact stem measurement, broken stems named by item."""

import pytest

from zuoye.core.layout import (
    ItemKind, ItemSpec, SheetSpec, StemError, plain_text, sheets_build, typst_passthrough,
)
from zuoye.core.layout.spec import Stem
from zuoye.core.layout.typeset import default_typesetter
from zuoye.core.layout.config import DEFAULT_CONFIG
from zuoye.core.typst_pdf import PdfError

from .personas import HEADER, STUDENTS


def measure(*stems: Stem) -> list[float]:
    return default_typesetter().measure(list(stems), DEFAULT_CONFIG)


def test_longer_stems_and_fractions_measure_taller():
    one_line, wrapped, fraction = measure(
        Stem("a", "一个长方形。", 140),
        Stem("b", "一个长方形的长是 12 厘米，宽是 8 厘米。" * 6, 140),
        Stem("c", "一个长方形 $frac(1, 2)$", 140),
    )
    assert 3 < one_line < 6
    assert wrapped > 3 * one_line
    assert fraction > one_line  # a display fraction is taller than a line of text


def test_the_same_stem_is_taller_when_narrower():
    wide, narrow = measure(Stem("a", "把一个蛋糕平均分成 4 份，每份是它的几分之几？" * 3, 150),
                           Stem("a", "把一个蛋糕平均分成 4 份，每份是它的几分之几？" * 3, 60))
    assert narrow > wide


def test_broken_stem_markup_names_its_item():
    spec = SheetSpec(1, HEADER, (
        ItemSpec("ok", "1", ItemKind.TRUE_FALSE, "$1/2$ 是一半。"),
        ItemSpec("bad", "2", ItemKind.TRUE_FALSE, "未闭合的公式 $1/2"),
    ))
    with pytest.raises(StemError) as caught:
        sheets_build(spec, [STUDENTS[0]], convert=typst_passthrough)
    assert caught.value.key == "bad"


def test_an_unknown_font_fails_loudly_instead_of_printing_boxes():
    with pytest.raises(PdfError, match="unknown font family"):
        default_typesetter().pdf('#set text(font: "No Such Font CJK")\n你好')


def test_plain_text_stems_print_literally():
    stem = "价格 $5 * 2 = #10 [含税] <注>"
    spec = SheetSpec(1, HEADER, (ItemSpec("p", "1", ItemKind.WORKED, stem, answer_height_mm=20),))
    printed = sheets_build(spec, [STUDENTS[0]], convert=plain_text)
    assert printed.pdf.startswith(b"%PDF")


def test_the_mathtext_converter_plugs_in_for_latex_stems():
    from zuoye.core import mathtext
    spec = SheetSpec(1, HEADER, (
        ItemSpec("m1", "1", ItemKind.SINGLE_CHOICE, r"计算：$\frac{1}{2}+\frac{1}{3}=$（　）",
                 options=(r"$\frac{5}{6}$", r"$\frac{2}{5}$", r"$\frac{1}{6}$", "$1$")),
        ItemSpec("m2", "2", ItemKind.WORKED, r"解方程：$3x + 5 = 20$，$\sqrt{16} \times 2^3$",
                 answer_height_mm=30),
    ))
    printed = sheets_build(spec, [STUDENTS[0]], convert=mathtext.stem_to_typst)
    (page,) = printed.layout.sheets[0].pages
    assert all(item.stem is not None and item.stem.h > 3 for item in page.items)
