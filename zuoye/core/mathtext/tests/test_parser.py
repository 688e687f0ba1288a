"""Parsing: spellings that mean the same give the same tree; mistakes are named and placed."""

import pytest

from zuoye.core.mathtext import (
    Cases, Fenced, Frac, Group, Letter, Line, MathTextError, Number, Scripts, Space, Sqrt, Sym, Text,
    parse_formula, parse_stem, validate_stem,
)


def test_a_fraction_sum():
    assert parse_formula(r"\frac{1}{2}+\frac{1}{3}") == (
        Frac((Number("1"),), (Number("2"),)), Sym("+"), Frac((Number("1"),), (Number("3"),)),
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (r"\frac12", r"\frac{1}{2}"),
        (r"x^2", r"x^{2}"),
        (r"a\neq b", r"a\ne b"),
        (r"a≠b", r"a\ne b"),
        (r"3×4÷2", r"3\times4\div2"),
        (r"a≤b≥c", r"a\leq b\geq c"),
        (r"∠A=90°", r"\angle A=90\degree"),
        (r"a−b", r"a-b"),
        (r"x \, y", r"x\,y"),
        (r"50%", r"50\%"),
    ],
)
def test_equivalent_spellings_parse_alike(one, other):
    assert parse_formula(one) == parse_formula(other)


def test_structures():
    assert parse_formula(r"\sqrt[3]{27}") == (Sqrt((Number("27"),), (Number("3"),)),)
    assert parse_formula(r"\dfrac{a}{b}") == (Frac((Letter("a"),), (Letter("b"),), "dfrac"),)
    assert parse_formula(r"\left(x\right)") == (Fenced("(", (Letter("x"),), ")"),)
    assert parse_formula(r"\left\{x\right.") == (Fenced("{", (Letter("x"),), ""),)
    assert parse_formula(r"\overline{AB}") == (Line((Letter("A"), Letter("B")), "over"),)
    assert parse_formula(r"x_1^2") == (Scripts(Letter("x"), (Number("1"),), (Number("2"),)),)
    assert parse_formula(r"{}^{14}C")[0] == Scripts(Group(()), None, (Number("14"),))
    assert parse_formula(r"\quad") == (Space("quad"),)


def test_primes_are_superscripts():
    assert parse_formula("f'") == (Scripts(Letter("f"), None, (Sym("prime"),)),)
    assert parse_formula("f''^2") == (Scripts(Letter("f"), None, (Sym("prime"), Sym("prime"), Number("2"))),)


def test_cases_rows_and_cells():
    (cases,) = parse_formula(r"\begin{cases} x+y=10 & (1) \\ x-y=2 \\ \end{cases}")
    assert isinstance(cases, Cases)
    assert len(cases.rows) == 2
    assert len(cases.rows[0]) == 2 and len(cases.rows[1]) == 1


def test_chinese_inside_a_formula_is_text():
    assert parse_formula(r"S=长\times宽") == (Letter("S"), Sym("="), Text("长"), Sym("times"), Text("宽"))
    assert parse_formula(r"\text{cm}^2") == (Scripts(Text("cm"), None, (Number("2"),)),)


def test_a_stem_splits_into_text_and_formulas():
    stem = parse_stem(r"价格 \$5，$x=1$。")
    assert [type(p).__name__ for p in stem.parts] == ["TextPart", "MathPart", "TextPart"]
    assert stem.parts[0].text == "价格 $5，"
    assert stem.formulas[0].source == "x=1"


@pytest.mark.parametrize(
    ("stem", "message"),
    [
        (r"计算：$\frac{1}{2}+\frac{1{3}$", "unbalanced braces: '{' is never closed at column 22"),
        (r"$x}$", "unbalanced braces: '}' has no matching '{' at column 3"),
        (r"$\fracc{1}{2}$", r"unknown command \fracc (did you mean \frac?) at column 2"),
        (r"$\foo$", r"unknown command \foo at column 2"),
        (r"$x^10$", "a superscript of more than one character needs braces: ^{10} at column 4"),
        (r"$x_12$", "a subscript of more than one character needs braces: _{12} at column 4"),
        (r"$x^-1$", "this superscript needs braces, e.g. ^{-…} at column 4"),
        (r"$x^2^3$", "double superscript: put both parts in one {…} at column 5"),
        (r"$x^$", "'^' needs a superscript after it at column 3"),
        (r"abc $x", "unclosed $: a formula needs a $ at its end at column 5"),
        (r"$$", "empty formula at column 2"),
        (r"$\left( x$", r"\left has no matching \right at column 2"),
        (r"$x \right)$", r"\right without a matching \left at column 4"),
        (r"$\left< x \right>$", r"\left must be followed by a delimiter: ( ) [ ] \{ \} | or . at column 2"),
        (r"$a & b$", r"'&' is only allowed inside \begin{cases} at column 4"),
        (r"$a \\ b$", r"line break \\ is only allowed inside \begin{cases} at column 4"),
        (r"$\begin{matrix}a\end{matrix}$", "unsupported environment {matrix}: only cases is at column 9"),
        (r"$\begin{cases}a$", r"\begin{cases} has no matching \end{cases} at column 2"),
        (r"$\text cm$", r"\text needs its argument in braces: \text{…} at column 2"),
        (r"$\frac{1}$", r"\frac needs a denominator in braces {…} at column 2"),
        (r"$\sqrt[3{8}$", r"'[' of \sqrt[n]{…} is never closed at column 7"),
        (r"$a # b$", "unexpected character '#' at column 4"),
        ("$x\\$", "unclosed $: a formula needs a $ at its end at column 1"),
    ],
)
def test_mistakes_are_reported_with_their_column(stem, message):
    assert [str(p) for p in validate_stem(stem)] == [message]


def test_a_mistake_on_a_later_line_names_the_line():
    (problem,) = validate_stem("第一行\n第二行 $x^$")
    assert (problem.line, problem.column) == (2, 7)
    assert str(problem) == "'^' needs a superscript after it at line 2, column 7"


def test_each_broken_formula_of_a_stem_is_reported():
    problems = validate_stem(r"$\fracc{1}{2}$ 和 $x^10$ 和 $y$")
    assert [p.column for p in problems] == [2, 21]


def test_parse_stem_raises_with_all_problems():
    with pytest.raises(MathTextError) as caught:
        parse_stem(r"$\fracc{1}{2}$ 和 $x^10$")
    assert len(caught.value.problems) == 2
    assert "unknown command \\fracc" in str(caught.value)


def test_deep_nesting_is_refused_not_crashed():
    (problem,) = validate_stem("$" + "{" * 60 + "x" + "}" * 60 + "$")
    assert problem.message == "formula nested too deeply"


def test_plain_text_without_formulas_is_fine():
    assert validate_stem("读一读，写一写。") == ()
    assert parse_stem("").parts == ()
