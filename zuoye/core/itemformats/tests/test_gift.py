"""GIFT: every question form a teacher types, and syntax errors that name their line."""

from __future__ import annotations

import pytest

from zuoye.core.itemformats import (
    Blank, BlanksAnswer, ChoiceAnswer, ChoiceOption, ItemType, ModelAnswer, TrueFalseAnswer, read_gift,
)

GIFT = r"""// 五年级下册 第六单元 练习（教师自编）
$CATEGORY: $course$/五年级/分数的加法和减法

::frac-1:: 计算 $\frac\{1\}\{2\}+\frac\{1\}\{3\}$ 的结果是（　　）{
  ~$\frac\{2\}\{5\}$ #分母不能直接相加
  =$\frac\{5\}\{6\}$ #正确
  ~$\frac\{1\}\{6\}$
  ####通分：$\frac\{3\}\{6\}+\frac\{2\}\{6\}=\frac\{5\}\{6\}$。
}

::primes:: Which of these are prime numbers? {
  ~%50%2
  ~%50%13
  ~%-100%21
}

// 判断题
::zero:: 0 既不是正数，也不是负数。{TRUE}

::sun:: The sun goes round the earth. {F #It is the other way round. ####地球绕太阳转。}

::poem:: 春眠不觉晓，{=处处闻啼鸟}。

::capital:: 中国的首都是哪座城市？{=北京 =北京市}

::area:: 一个平行四边形的底是 6.5 厘米，高是 4 厘米，面积是多少平方厘米？{#26:0.1}

::range:: Pick a number between 1 and 5. {#1..5}

::equation:: 解方程 $2x+3=7$。{####$2x=4$\n$x=2$}

::escapes:: 比例 3\:4 读作“3 比 4”；集合 \{1, 2\} 有 2 个元素；a\=b 的 \~ 号。{T}

::markdown:: [markdown]Price is 5 yuan. {=5}
"""


def items_by_id(text: str):
    result = read_gift(text.encode(), file="unit6.gift")
    assert result.problems == ()
    return {item.identifier: item for item in result.items}


def test_every_question_form_is_read():
    items = items_by_id(GIFT)

    frac = items["frac-1"]
    assert frac.type is ItemType.SINGLE_CHOICE
    assert frac.stem == "计算 $\\frac{1}{2}+\\frac{1}{3}$ 的结果是（　　）"
    assert frac.options == (
        ChoiceOption("A", "$\\frac{2}{5}$"), ChoiceOption("B", "$\\frac{5}{6}$"), ChoiceOption("C", "$\\frac{1}{6}$"))
    assert frac.answer == ChoiceAnswer(("B",))
    assert frac.explanation == "通分：$\\frac{3}{6}+\\frac{2}{6}=\\frac{5}{6}$。"
    assert frac.source == "五年级/分数的加法和减法"
    assert items["primes"].type is ItemType.MULTIPLE_CHOICE and items["primes"].answer == ChoiceAnswer(("A", "B"))
    assert items["zero"].answer == TrueFalseAnswer(True)
    assert items["sun"].answer == TrueFalseAnswer(False) and items["sun"].explanation == "地球绕太阳转。"
    assert items["poem"].stem == "春眠不觉晓，____。"
    assert items["poem"].answer == BlanksAnswer((Blank(("处处闻啼鸟",)),))
    assert items["capital"].answer == BlanksAnswer((Blank(("北京", "北京市")),))
    assert items["area"].answer == BlanksAnswer((Blank(("26",), 0.1),))
    assert items["range"].answer == BlanksAnswer((Blank(("3",), 2.0),))
    assert items["equation"].type is ItemType.SHORT_ANSWER
    assert items["equation"].answer == ModelAnswer("$2x=4$\n$x=2$")
    assert items["escapes"].stem == "比例 3:4 读作“3 比 4”；集合 {1, 2} 有 2 个元素；a=b 的 ~ 号。"
    assert items["markdown"].stem == "Price is 5 yuan."


def test_defaults_fill_what_gift_cannot_say():
    item = items_by_id(GIFT)["frac-1"]

    assert (item.full_score, item.difficulty, item.minutes, item.knowledge_points) == (1.0, 3, 1, ())


def test_question_without_title_gets_a_stable_identifier():
    first = items_by_id("1+1=? {=2 ~3}\n")
    second = items_by_id("// again\n\n1+1=? {=2 ~3}\n")

    assert list(first) == list(second) and list(first)[0].startswith("gift-")


def test_letters_after_backslash_n_stay_latex():
    item = items_by_id("::ne:: $a\\neq b$ 对吗？{T}")["ne"]

    assert item.stem == "$a\\neq b$ 对吗？"


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("::a:: ok {=1 ~2}\n\n::b:: 没有闭合 {=1 ~2\n第二行\n\n::c:: fine {T}\n",
     3, "the answer block opened here is never closed with }"),
    ("::a:: 多了 } 括号 {=1}\n", 1, "a } closes an answer block that was never opened (write \\} for a brace)"),
    ("\n\n::a:: 没有答案\n", 3, "no answer block { … } (write \\{ for a brace in the text)"),
    ("::a:: 两个 {=1} 答案 {=2}\n", 1, "only one answer block { … } per question"),
    ("::a:: 嵌套 {=1\n{=2}}\n", 2, "a { inside an answer block must be escaped as \\{"),
    ("::a:: 无正确 {\n~1\n~2\n}\n", 1, "no right answer: mark one with = (or give a weight such as ~%50%)"),
    ("::a:: 开头 {\n  1 =2 ~3}\n", 2, "an answer must start with = (right) or ~ (wrong)"),
    ("::a:: 空 {= ~2}\n", 1, "an answer after = or ~ is empty"),
    ("::a:: 配对 {=猫 -> cat =狗 -> dog}\n", 1, "matching questions (->) are not supported"),
    ("// c\n::a:: 数 {#abc}\n", 2, "'abc' is not a number, number:tolerance or min..max"),
    ("::a 标题没有结束 {T}\n", 1, "the title opened with :: is never closed with ::"),
])
def test_syntax_errors_report_the_line(text, line, reason):
    result = read_gift(text.encode(), file="t.gift")

    assert [(p.file, p.line, p.reason) for p in result.problems] == [("t.gift", line, reason)]


def test_every_broken_question_is_reported_and_good_ones_kept():
    text = "::a:: 1 {=1}\n\n::b:: 2 {=2\n\n::c:: $\\frac\\{1\\}\\{2$ {=3}\n\n::d:: 4 {=4}\n"

    items, problems = read_gift(text.encode(), file="t.gift")

    assert [item.identifier for item in items] == ["a", "d"]
    assert [(p.item_id, p.line) for p in problems] == [("b", 3), ("c", 5)]
    assert problems[1].reason.startswith("broken math in the stem")


def test_duplicate_titles_are_reported():
    _, problems = read_gift(b"::q:: 1 {T}\n\n::q:: 2 {F}\n", file="t.gift")

    assert [(p.item_id, p.line, p.reason) for p in problems] == [
        ("q", 3, "the identifier is used by an earlier item in this file")]


def test_gb18030_files_are_read():
    items, problems = read_gift("::q:: 中国的首都是{=北京}。".encode("gb18030"), file="t.gift")

    assert problems == () and items[0].stem == "中国的首都是____。"
