"""What prints above an answer: stems, and options laid out by their printed length."""

import re

import pytest

from zuoye.core.layout import DEFAULT_CONFIG, ItemKind, ItemSpec, plain_text, typst_passthrough
from zuoye.core.layout.markup import item_markup, stem_markups, visible_length

from .personas import fraction_spec


def columns(options):
    item = ItemSpec("q", "1", ItemKind.SINGLE_CHOICE, "选一选。", options=options)
    return int(re.search(r"columns: \(1fr,\) \* (\d)", item_markup(item, typst_passthrough, DEFAULT_CONFIG))[1])


@pytest.mark.parametrize("options, expected", [
    (("$1/2$", "$1/3$", "$1/4$", "$1/5$"), 4),
    ((r"$\frac{5}{6}$",) * 5, 5),                  # LaTeX commands do not count as width
    (("1", "2", "3", "4", "5", "6"), 3),            # six short ones: two balanced rows
    (("三千克", "三千零三克", "三百克", "三十克"), 4),
    (("一个长方形的周长是多少", "一个正方形", "三角形", "圆"), 2),
    (("把一个蛋糕平均分成四份以后每份是它的四分之一", "二", "三", "四"), 1),
])
def test_options_share_rows_by_printed_length(options, expected):
    assert columns(options) == expected


def test_chinese_counts_double_and_markup_counts_nothing():
    assert visible_length(r"$\frac{5}{6}$") == 2
    assert visible_length("千克") == 4


def test_each_option_is_converted_and_evaluated_on_its_own():
    item = ItemSpec("q", "1", ItemKind.SINGLE_CHOICE, "a*b", options=("[x", "y"))
    markup = item_markup(item, plain_text, DEFAULT_CONFIG)
    assert markup.startswith(r"a\*b")
    assert r'eval("\\[x", mode: "markup")' in markup  # escaped, and inside its own string


def test_answer_card_prints_no_stems_and_empty_stems_print_nothing():
    assert stem_markups(fraction_spec(answer_card=True), typst_passthrough, DEFAULT_CONFIG) == {}
    markups = stem_markups(fraction_spec(), typst_passthrough, DEFAULT_CONFIG)
    assert "i11" not in markups and "i1" in markups
