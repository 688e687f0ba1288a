"""Text conventions: formulas, blank markers and normalisation."""

from __future__ import annotations

from zuoye.core.itemformats import blank_markers, normalize_text
from zuoye.core.itemformats.model import split_math


def test_split_math_separates_formulas_and_keeps_escaped_dollars_in_text():
    assert split_math("买 \\$5 的 $\\frac{1}{2}$ 个") == [("买 \\$5 的 ", False), ("\\frac{1}{2}", True), (" 个", False)]


def test_split_math_leaves_an_unclosed_dollar_as_text():
    assert split_math("a $b") == [("a $b", False)]


def test_blank_markers_are_underscore_runs_outside_formulas():
    assert blank_markers("$a_{1}$ 和 ____ 以及 ______ 还有 __") == ["____", "______"]


def test_normalize_collapses_spaces_and_drops_empty_lines_but_keeps_full_width_indent():
    text = "  第一段  有  空格 \r\n\n\n　　第二段\t缩进  \n"

    assert normalize_text(text) == "第一段 有 空格\n　　第二段 缩进"
