"""The geometry of one item's block: number, stem, answer area sized by the item's kind.

Two shapes exist. A *full-width* block spans the content column: the number at its left, the
stem beside it (when printed), the answer area under the stem, an optional score box at the
top right. A *compact cell* holds just a number and a row of bubbles; answer-card sheets pack
objective items into a grid of such cells, as printed 答题卡 do.

Blocks are computed at a given top-left corner; the engine moves them between pages by
computing them again, which costs nothing and keeps every coordinate a fresh sum rather
than an accumulated translation.
"""

from __future__ import annotations

import math
import string

from zuoye.core.layout.config import LayoutConfig
from zuoye.core.layout.geometry import Bubble, ItemKind, ItemRegion, Rect
from zuoye.core.layout.spec import ItemSpec

TRUE_FALSE = (("T", "√"), ("F", "×"))  # value recorded, label printed (the marks teachers use)


def option_count(item: ItemSpec, config: LayoutConfig) -> int:
    """How many bubbles a choice item gets."""
    if item.kind is ItemKind.TRUE_FALSE:
        return len(TRUE_FALSE)
    return item.option_count or len(item.options) or config.default_options


def has_score_box(item: ItemSpec) -> bool:
    return item.kind is ItemKind.WORKED if item.score_box is None else item.score_box


def is_compact(item: ItemSpec, stem_shown: bool) -> bool:
    """Objective items with nothing printed but their number pack into cells."""
    return item.kind.objective and not stem_shown and not has_score_box(item)


def bubble_row_width(item: ItemSpec, config: LayoutConfig) -> float:
    """The bubbles and, for multiple choice, the tag that says so."""
    tag = config.multiple_label_mm if item.kind is ItemKind.MULTIPLE_CHOICE else 0.0
    return option_count(item, config) * config.bubble_pitch_mm + tag


def compact_width(item: ItemSpec, config: LayoutConfig) -> float:
    return 2 * config.item_pad_mm + config.number_width_mm + bubble_row_width(item, config)


def compact_height(config: LayoutConfig) -> float:
    return 2 * config.item_pad_mm + max(config.bubble_row_height_mm, config.number_height_mm)


def stem_width(item: ItemSpec, block_width: float, config: LayoutConfig) -> float:
    """Width of the stem (and of the answer area) in a full-width block of ``block_width``."""
    width = block_width - 2 * config.item_pad_mm - config.number_width_mm
    if has_score_box(item):
        width -= config.score_box_width_mm + config.score_box_gap_mm
    return width


def _bubbles(item: ItemSpec, x: float, y: float, config: LayoutConfig) -> tuple[Bubble, ...]:
    choices: tuple[tuple[str, str], ...] = TRUE_FALSE
    if item.kind is not ItemKind.TRUE_FALSE:
        letters = string.ascii_uppercase[: option_count(item, config)]
        choices = tuple((letter, letter) for letter in letters)
    cy = y + config.bubble_row_height_mm / 2
    return tuple(
        Bubble(value, label, x + (index + 0.5) * config.bubble_pitch_mm, cy, config.bubble_radius_mm)
        for index, (value, label) in enumerate(choices)
    )


def _blanks(count: int, x: float, y: float, width: float, config: LayoutConfig) -> tuple[Rect, ...]:
    blank_w = min(config.blank_width_mm, width)
    per_row = max(1, math.floor((width + config.blank_gap_mm) / (blank_w + config.blank_gap_mm)))
    return tuple(
        Rect(
            x + (index % per_row) * (blank_w + config.blank_gap_mm),
            y + (index // per_row) * (config.blank_height_mm + config.blank_gap_mm),
            blank_w,
            config.blank_height_mm,
        )
        for index in range(count)
    )


def _answer(item: ItemSpec, x: float, y: float, width: float,
            config: LayoutConfig) -> tuple[Rect, tuple[Bubble, ...], tuple[Rect, ...]]:
    """The answer area at (x, y) no wider than ``width``, split into bubbles or blanks."""
    if item.kind.objective:
        bubbles = _bubbles(item, x, y, config)
        return Rect(x, y, bubble_row_width(item, config), config.bubble_row_height_mm), bubbles, ()
    if item.kind is ItemKind.FILL_IN:
        blanks = _blanks(item.blanks, x, y, width, config)
        return Rect.bounding(blanks), (), blanks
    height = max(item.answer_height_mm or config.worked_height_mm, config.worked_min_height_mm)
    return Rect(x, y, width, height), (), ()


def full_block(item: ItemSpec, x: float, y: float, width: float, stem_height: float | None,
               config: LayoutConfig) -> ItemRegion:
    """A full-width block at (x, y); ``stem_height`` None means the stem is not printed."""
    pad = config.item_pad_mm
    inner_x = x + pad + config.number_width_mm
    text_width = stem_width(item, width, config)
    stem = None if stem_height is None else Rect(inner_x, y + pad, text_width, stem_height)
    answer_y = y + pad
    if stem is not None:
        answer_y = y + pad + max(stem.h, config.number_height_mm) + config.stem_gap_mm
    answer, bubbles, blanks = _answer(item, inner_x, answer_y, text_width, config)
    score = None
    bottom = max(answer.bottom, y + pad + config.number_height_mm)
    if has_score_box(item):
        score = Rect(x + width - pad - config.score_box_width_mm, y + pad,
                     config.score_box_width_mm, config.score_box_height_mm)
        bottom = max(bottom, score.bottom)
    block = Rect(x, y, width, bottom + pad - y)
    return ItemRegion(item.key, item.number, item.kind, block, stem, answer, bubbles, blanks, block, score,
                      item.points)


def compact_cell(item: ItemSpec, x: float, y: float, width: float, config: LayoutConfig) -> ItemRegion:
    """A cell of ``width`` holding the number and the bubble row, for answer-card grids."""
    pad = config.item_pad_mm
    answer, bubbles, _ = _answer(item, x + pad + config.number_width_mm, y + pad, width, config)
    block = Rect(x, y, width, compact_height(config))
    return ItemRegion(item.key, item.number, item.kind, block, None, answer, bubbles, (), block, None,
                      item.points)
