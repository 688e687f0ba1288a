"""The layout engine, with a fake stem measurer: pagination, sizing by kind, invariants."""

import dataclasses

import pytest

from zuoye.core.layout import (
    DEFAULT_CONFIG, ItemKind, ItemSpec, LayoutConfig, LayoutError, Rect, SheetSpec, SpecError, page_problems,
    payload_decode, sheet_set_layout,
)
from zuoye.core.layout.markup import stem_markups
from zuoye.core.layout.spec import typst_passthrough

from .personas import HEADER, answer_card_spec, fake_measure, fraction_spec


def layout(spec: SheetSpec, students=(101, 102), config: LayoutConfig = DEFAULT_CONFIG):
    markup = stem_markups(spec, typst_passthrough, config)
    return sheet_set_layout(spec, list(students), markup=markup, measure=fake_measure, config=config)


def all_pages(sheet_set):
    return [page for sheet in sheet_set.sheets for page in sheet.pages]


@pytest.mark.parametrize("spec", [fraction_spec(), fraction_spec(answer_card=True), answer_card_spec()],
                         ids=["stems", "numbers-only", "answer-card"])
def test_every_page_keeps_every_invariant(spec):
    sheet_set = layout(spec, students=(101, 0))
    for page in all_pages(sheet_set):
        assert page_problems(page, DEFAULT_CONFIG) == []


def test_each_item_appears_exactly_once_in_order_on_one_page():
    spec = fraction_spec()
    (sheet,) = layout(spec, students=(101,)).sheets
    keys = [item.key for page in sheet.pages for item in page.items]
    assert keys == [item.key for item in spec.items]
    assert len(sheet.pages) >= 2  # twelve items do not fit one page


def test_a_long_assignment_runs_onto_more_pages_and_every_page_is_numbered():
    items = tuple(ItemSpec(f"w{n}", str(n), ItemKind.WORKED, "求解。", answer_height_mm=70) for n in range(1, 10))
    (sheet,) = layout(SheetSpec(3, HEADER, items), students=(5,)).sheets
    assert [(p.number, p.of) for p in sheet.pages] == [(n, len(sheet.pages)) for n in range(1, len(sheet.pages) + 1)]
    assert len(sheet.pages) >= 4
    for page in sheet.pages:
        assert all(page.header.bottom < item.block.y and item.block.bottom <= DEFAULT_CONFIG.body_bottom_mm
                   for item in page.items)


def test_every_student_gets_the_same_geometry_and_a_qr_of_their_own():
    sheet_set = layout(fraction_spec(), students=(101, 102, 103))
    first, *others = sheet_set.sheets
    for sheet in others:
        for mine, theirs in zip(sheet.pages, first.pages, strict=True):
            assert mine.items == theirs.items and mine.marks == theirs.marks
            assert mine.qr.rect == theirs.qr.rect and mine.qr.payload != theirs.qr.payload
    for sheet in sheet_set.sheets:
        for page in sheet.pages:
            address = payload_decode(page.qr.payload)
            assert (address.assignment_id, address.student_id, address.page, address.pages) == \
                (7, sheet.student_id, page.number, page.of)


def test_layout_is_deterministic():
    assert layout(fraction_spec()) == layout(fraction_spec())


def test_answer_areas_are_sized_by_kind():
    spec = fraction_spec()
    regions = {item.key: item for page in layout(spec, students=(1,)).sheets[0].pages for item in page.items}
    assert [b.label for b in regions["i1"].bubbles] == ["A", "B", "C", "D"]
    assert [b.value for b in regions["i3"].bubbles] == ["A", "B", "C", "D", "E"]
    assert [(b.value, b.label) for b in regions["i4"].bubbles] == [("T", "√"), ("F", "×")]
    assert len(regions["i11"].bubbles) == 3
    assert len(regions["i7"].blanks) == 3 and regions["i7"].bubbles == ()
    assert regions["i9"].answer.h == 55 and regions["i12"].answer.h == 30
    assert regions["i8"].score_box is not None and regions["i1"].score_box is None
    # the grading area is the whole block: teachers tick across the answer, past its ends
    for region in regions.values():
        assert region.grading == region.block and region.block.contains(region.answer)


def test_answer_card_packs_objective_items_into_aligned_rows():
    (sheet,) = layout(answer_card_spec(), students=(1,)).sheets
    items = {item.key: item for item in sheet.pages[0].items}
    single_rows = {items[f"c{n}"].block.y for n in range(1, 11)}
    assert len(single_rows) == 4  # ten 4-option cells, three to a row
    true_false = [items[f"c{n}"].block for n in range(16, 21)]
    assert len({b.y for b in true_false}) == 1  # five small cells share one row
    assert all(item.stem is None for item in items.values())


def test_stems_are_not_printed_in_answer_card_mode():
    (sheet,) = layout(fraction_spec(answer_card=True), students=(1,)).sheets
    assert all(item.stem is None for page in sheet.pages for item in page.items)


def test_generic_sheet_has_a_student_number_grid_on_every_page():
    spec = dataclasses.replace(fraction_spec(), student_number_digits=10)
    generic = layout(spec, students=(0,)).sheets[0]
    assert generic.generic
    for page in generic.pages:
        grid = page.student_grid
        assert grid is not None and grid.digits == 10 and len(grid.columns) == 10
        assert all([b.value for b in column.bubbles] == list("0123456789") for column in grid.columns)
        assert not grid.rect.intersects(page.qr.quiet_rect)


def test_too_many_student_number_digits_are_refused():
    spec = dataclasses.replace(fraction_spec(), student_number_digits=19)
    with pytest.raises(SpecError, match="at most 12 digits"):
        layout(spec, students=(0,))


def test_an_item_taller_than_a_page_is_refused_by_number():
    items = (ItemSpec("big", "5", ItemKind.WORKED, answer_height_mm=400),)
    with pytest.raises(SpecError, match="item 5 is taller than a page"):
        layout(SheetSpec(1, HEADER, items), students=(1,))


def test_alignment_marks_stay_12mm_from_every_edge():
    page = all_pages(layout(fraction_spec()))[0]
    assert len(page.marks) == 4
    for mark in page.marks:
        r = mark.rect
        assert min(r.x, r.y, page.width - r.right, page.height - r.bottom) >= 12


def test_a_config_that_crowds_the_qr_is_refused_before_printing():
    crowded = dataclasses.replace(DEFAULT_CONFIG, grid_gap_mm=-6.0)
    with pytest.raises(LayoutError, match="QR quiet zone"):
        layout(fraction_spec(), students=(0,), config=crowded)


def test_a_config_with_marks_near_the_edge_is_refused():
    with pytest.raises(LayoutError, match="alignment mark"):
        layout(fraction_spec(), config=dataclasses.replace(DEFAULT_CONFIG, mark_inset_mm=5.0))


def test_invariants_catch_an_item_on_the_qr():
    page = all_pages(layout(fraction_spec()))[0]
    item = dataclasses.replace(page.items[0], block=Rect(150, 20, 30, 20))
    problems = page_problems(dataclasses.replace(page, items=(item,)), DEFAULT_CONFIG)
    assert any("intrudes on the QR quiet zone" in p for p in problems)


def test_no_students_is_an_error():
    with pytest.raises(SpecError, match="no students"):
        layout(fraction_spec(), students=())
