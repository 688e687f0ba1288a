"""Every template, 200 seeds each: answers verified independently, math valid, options sound."""

from collections import Counter

import pytest
import typst

from zuoye.core.curriculum import curriculum
from zuoye.core.mathtext import stem_to_typst, typst_text, validate_stem
from zuoye.core.variants import (
    ANSWER_SEPARATOR, BLANK, OPTION_LETTERS, TEMPLATES, ItemType, TemplateError, generate_bank, generate_distinct,
    template, templates_for,
)

from .verifiers import VERIFIERS

SEEDS = range(200)


def test_at_least_40_templates_spread_over_grades_3_to_9():
    assert len(TEMPLATES) >= 40
    per_grade = Counter(t.grade for t in TEMPLATES)
    assert set(per_grade) == set(range(3, 10))
    assert min(per_grade.values()) >= 5
    assert {t.item_type for t in TEMPLATES} == set(ItemType)


def test_codes_are_unique_and_metadata_is_sane():
    assert len({t.code for t in TEMPLATES}) == len(TEMPLATES)
    for t in TEMPLATES:
        assert t.code.startswith(f"math.g{t.grade}.")
        assert 1 <= t.difficulty <= 5 and 1 <= t.minutes <= 10
        assert t.title and t.knowledge_points


def test_knowledge_points_exist_in_the_tree_and_belong_to_the_grade():
    tree = curriculum()
    for t in TEMPLATES:
        for code in t.knowledge_points:
            assert tree.point(code)  # raises on an unknown code
            assert tree.book(code).grade == t.grade, (t.code, code)


def test_every_template_has_an_independent_verifier():
    assert set(VERIFIERS) == {t.code for t in TEMPLATES}


def _texts(item):
    return (item.stem, item.answer_text, item.explanation, *item.options)


@pytest.mark.parametrize("tpl", TEMPLATES, ids=lambda t: t.code)
def test_two_hundred_seeds_give_sound_verified_items(tpl):
    for seed in SEEDS:
        item = tpl.generate(seed)
        assert (item.template, item.seed, item.knowledge_points) == (tpl.code, seed, tpl.knowledge_points)
        for text in _texts(item):
            assert validate_stem(text) == (), (seed, text, validate_stem(text))
        if tpl.item_type is ItemType.SINGLE_CHOICE:
            assert len(item.options) == len(OPTION_LETTERS) and item.answer in OPTION_LETTERS
            assert len(set(item.options)) == len(item.options), (seed, item.options)
            assert item.options.count(item.answer_text) == 1
        else:
            assert item.options == ()
        if tpl.item_type is ItemType.FILL_IN:
            assert item.stem.count(BLANK) == len(item.answer.split(ANSWER_SEPARATOR)), (seed, item.stem)
        assert VERIFIERS[tpl.code](item) == item.answer_text, (seed, item.stem, item.params)


@pytest.mark.parametrize("tpl", TEMPLATES[::7], ids=lambda t: t.code)
def test_generation_is_deterministic_per_seed(tpl):
    assert [tpl.generate(s) for s in range(5)] == [tpl.generate(s) for s in range(5)]
    assert len({tpl.generate(s).stem for s in range(20)}) > 1


@pytest.mark.parametrize("tpl", TEMPLATES, ids=lambda t: t.code)
def test_twelve_distinct_items_from_each_template(tpl):
    items = generate_distinct(tpl, 12, start_seed=1000)
    assert len({i.stem for i in items}) == 12
    assert items == generate_distinct(tpl, 12, start_seed=1000)


def test_a_demo_bank_of_more_than_800_distinct_math_items():
    bank = generate_bank(TEMPLATES, 12)
    assert len(bank) >= 800
    assert len({(i.template, i.stem) for i in bank}) == len(bank)
    assert {i.grade for i in bank} == set(range(3, 10))


def test_too_many_distinct_items_asked_for_is_an_error():
    narrow = template("math.g7.complementary_angles")  # 89 angles and 5 multiples exist
    with pytest.raises(TemplateError, match="distinct stems"):
        generate_distinct(narrow, 100)


def test_lookup_by_code_grade_and_knowledge_point():
    assert template("math.g5.add_unlike_fractions").grade == 5
    assert all(t.grade == 7 for t in templates_for(grade=7))
    assert [t.code for t in templates_for(knowledge_point="math.g4b.u9.kp01")] == ["math.g4.chickens_and_rabbits"]
    with pytest.raises(KeyError):
        template("math.g5.nothing")


def test_one_item_of_every_template_typesets_without_warnings():
    # given one item per template laid out as a worksheet with options, answer and explanation
    blocks = []
    for n, tpl in enumerate(TEMPLATES, 1):
        item = tpl.generate(3)
        options = "#h(1em)".join(typst_text(f"{letter}. ") + stem_to_typst(o) for letter, o in zip(OPTION_LETTERS, item.options))
        blocks.append("\n\n".join(filter(None, [
            typst_text(f"{n}. ") + stem_to_typst(item.stem, full_size_fractions=tpl.grade <= 6),
            options,
            typst_text("答案：") + stem_to_typst(item.answer_text),
            typst_text("解析：") + stem_to_typst(item.explanation),
        ])))
    source = '#set text(font: "Noto Serif CJK SC", lang: "zh", size: 11pt)\n#set page(paper: "a4", margin: 15mm)\n'
    # when compiled, then typst reports nothing (a missing glyph or font would be a warning)
    pdf, warnings = typst.compile_with_warnings((source + "\n\n".join(blocks)).encode("utf-8"))
    assert not warnings, [getattr(w, "message", w) for w in warnings]
    assert bytes(pdf).startswith(b"%PDF")
