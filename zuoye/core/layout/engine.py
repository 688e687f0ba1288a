"""The layout engine: a sheet specification in, the exact geometry of every page out.

Deterministic and pure: the same spec, stem heights and config always give the same pages.
Stem heights are the only thing the engine cannot know by itself (they depend on fonts and
line breaking), so it asks a :data:`StemMeasurer` for them; :mod:`.typeset` provides one
that typesets each stem with typst at its exact width, and tests pass a fake.

Every student's sheet has the same page geometry; only the QR payload differs. So the pages
are laid out once per *variant* (personal, or generic with a 学籍号 grid in the header) and
stamped per student. The engine then checks the invariants of :mod:`.invariants` on each
template page, so a config change that would break scanning fails here, not at the scanner.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from zuoye.core.layout import items as blocks
from zuoye.core.layout.config import DEFAULT_CONFIG, LayoutConfig
from zuoye.core.layout.geometry import (
    AlignmentMark, Bubble, Corner, GridColumn, ItemRegion, Page, QrBox, Rect, Sheet, SheetSet, StudentNumberGrid,
)
from zuoye.core.layout.invariants import page_problems
from zuoye.core.layout.qr import PageAddress, human_line, payload_encode, qr_symbol
from zuoye.core.layout.spec import ItemSpec, SheetSpec, SpecError, Stem

StemMeasurer = Callable[[Sequence[Stem]], Sequence[float]]
"""The height in mm each stem takes when typeset at its width."""


class LayoutError(RuntimeError):
    """The config cannot produce a page that scanning can read (a bug, not bad input)."""


@dataclass(frozen=True)
class Frame:
    """The parts of a page that do not depend on its items."""

    marks: tuple[AlignmentMark, ...]
    qr_rect: Rect
    qr_text_rect: Rect
    header: Rect
    footer: Rect
    body: Rect
    grid: StudentNumberGrid | None


def _marks(config: LayoutConfig) -> tuple[AlignmentMark, ...]:
    size, inset = config.mark_size_mm, config.mark_inset_mm
    far_x, far_y = config.page_width_mm - inset - size, config.page_height_mm - inset - size
    return (
        AlignmentMark(Corner.TOP_LEFT, Rect(inset, inset, size, size)),
        AlignmentMark(Corner.TOP_RIGHT, Rect(far_x, inset, size, size)),
        AlignmentMark(Corner.BOTTOM_LEFT, Rect(inset, far_y, size, size)),
        AlignmentMark(Corner.BOTTOM_RIGHT, Rect(far_x, far_y, size, size)),
    )


def student_grid(right: float, top: float, digits: int, config: LayoutConfig) -> StudentNumberGrid:
    """The 学籍号 grid whose right edge is at ``right``: a column per digit, rows 0–9."""
    if digits > config.grid_max_digits:
        raise SpecError(f"a 学籍号 grid holds at most {config.grid_max_digits} digits, not {digits}")
    pitch, row = config.grid_column_pitch_mm, config.grid_row_pitch_mm
    width = config.grid_label_width_mm + digits * pitch
    left = right - width
    first_row = top + config.grid_write_in_height_mm
    columns = []
    for position in range(digits):
        x0 = left + config.grid_label_width_mm + position * pitch
        margin = config.grid_write_in_margin * pitch
        write_in = Rect(x0 + margin, top, pitch - 2 * margin, config.grid_write_in_height_mm - margin)
        bubbles = tuple(
            Bubble(str(d), str(d), x0 + pitch / 2, first_row + (d + 0.5) * row, config.grid_bubble_radius_mm)
            for d in range(10)
        )
        columns.append(GridColumn(position + 1, write_in, bubbles))
    rect = Rect(left, top, width, config.grid_write_in_height_mm + 10 * row)
    return StudentNumberGrid(rect, digits, tuple(columns))


def page_frame(config: LayoutConfig, *, generic: bool, digits: int) -> Frame:
    """Marks, QR, header, footer and item area of a page; generic pages carry the 学籍号 grid."""
    quiet = Rect(config.content_right_mm - config.qr_block_mm, config.content_top_mm,
                 config.qr_block_mm, config.qr_block_mm)
    qr_text = Rect(quiet.x, quiet.bottom, quiet.w, config.qr_text_height_mm)
    header_right = quiet.x - config.grid_gap_mm
    header_height = max(config.header_min_height_mm, qr_text.bottom - config.content_top_mm)
    grid = None
    if generic:
        grid = student_grid(header_right, config.content_top_mm, digits, config)
        header_right = grid.rect.x - config.grid_gap_mm
        header_height = max(header_height, grid.rect.h)
    header = Rect(config.content_left_mm, config.content_top_mm,
                  header_right - config.content_left_mm, header_height)
    body_top = header.bottom + config.header_gap_mm
    body = Rect(config.content_left_mm, body_top, config.content_width_mm, config.body_bottom_mm - body_top)
    footer = Rect(config.content_left_mm, config.footer_top_mm, config.content_width_mm, config.footer_height_mm)
    return Frame(_marks(config), quiet.inflate(-config.qr_quiet_mm), qr_text, header, footer, body, grid)


Builder = Callable[[float], list[ItemRegion]]
"""Builds the regions of one block or one row of cells with their top at the given y."""


class _Paginator:
    """Fills pages top to bottom; a block that does not fit starts the next page."""

    def __init__(self, body: Rect, config: LayoutConfig) -> None:
        self.body, self.config = body, config
        self.pages: list[list[ItemRegion]] = [[]]
        self.cursor = body.y

    def _fits(self, regions: list[ItemRegion]) -> bool:
        return max(r.block.bottom for r in regions) <= self.body.bottom + 1e-9

    def place(self, build: Builder, label: str) -> None:
        regions = build(self.cursor)
        if not self._fits(regions) and self.pages[-1]:
            self.pages.append([])
            self.cursor = self.body.y
            regions = build(self.cursor)
        if not self._fits(regions):
            raise SpecError(f"item {label} is taller than a page; give it a smaller answer height")
        self.pages[-1].extend(regions)
        self.cursor = max(r.block.bottom for r in regions) + self.config.item_gap_mm


def _place_compact_run(run: list[ItemSpec], paginator: _Paginator, body: Rect, config: LayoutConfig) -> None:
    """Consecutive cells of one width, as an aligned grid spread over the content width."""
    width = blocks.compact_width(run[0], config)
    per_row = max(1, math.floor((body.w + config.compact_gap_mm) / (width + config.compact_gap_mm)))
    spread = (body.w - per_row * width) / max(per_row - 1, 1)  # spread cells over the full width
    for start in range(0, len(run), per_row):
        row = run[start : start + per_row]

        def build(y: float, row: list[ItemSpec] = row) -> list[ItemRegion]:
            return [blocks.compact_cell(item, body.x + i * (width + spread), y, width, config)
                    for i, item in enumerate(row)]

        paginator.place(build, row[0].number)


def _full_block(item: ItemSpec, body: Rect, stem: float | None, config: LayoutConfig, y: float) -> list[ItemRegion]:
    return [blocks.full_block(item, body.x, y, body.w, stem, config)]


def paginate(spec: SheetSpec, body: Rect, stem_heights: Mapping[str, float],
             config: LayoutConfig) -> list[tuple[ItemRegion, ...]]:
    """The item regions of each page, in order; ``stem_heights`` holds the printed stems."""
    paginator = _Paginator(body, config)
    run: list[ItemSpec] = []
    for item in spec.items:
        stem = stem_heights.get(item.key)
        compact = blocks.is_compact(item, stem is not None)
        if run and not (compact and blocks.compact_width(item, config) == blocks.compact_width(run[0], config)):
            _place_compact_run(run, paginator, body, config)
            run = []
        if compact:
            run.append(item)
            continue
        paginator.place(partial(_full_block, item, body, stem, config), item.number)
    if run:
        _place_compact_run(run, paginator, body, config)
    return [tuple(page) for page in paginator.pages]


def _page(frame: Frame, regions: tuple[ItemRegion, ...], address: PageAddress, config: LayoutConfig) -> Page:
    payload = payload_encode(address)
    symbol = qr_symbol(payload, config.qr_error)
    qr = QrBox(frame.qr_rect, config.qr_quiet_mm, payload, symbol.modules, human_line(payload), frame.qr_text_rect)
    return Page(address.page, address.pages, config.page_width_mm, config.page_height_mm, frame.marks, qr,
                frame.header, frame.footer, regions, frame.grid)


def stems_to_measure(spec: SheetSpec, markup: Mapping[str, str], config: LayoutConfig) -> list[Stem]:
    """Each stem that will be printed, at the width it will be printed at."""
    if spec.answer_card:
        return []
    return [Stem(item.key, markup[item.key], blocks.stem_width(item, config.content_width_mm, config))
            for item in spec.items if markup.get(item.key, "").strip()]


def sheet_set_layout(spec: SheetSpec, student_ids: Sequence[int], *, markup: Mapping[str, str],
                     measure: StemMeasurer, config: LayoutConfig = DEFAULT_CONFIG) -> SheetSet:
    """Lay out one sheet per student id (0: a generic sheet) for ``spec``.

    ``markup`` maps item keys to the typst markup of their stems (options included); items
    without one, and every item in answer-card mode, print their number only.
    """
    if not student_ids:
        raise SpecError("no students to print sheets for")
    wanted = stems_to_measure(spec, markup, config)
    heights = {stem.key: height for stem, height in zip(wanted, measure(wanted), strict=True)}
    templates: dict[bool, tuple[Frame, list[tuple[ItemRegion, ...]]]] = {}
    sheets = []
    for student_id in student_ids:
        generic = student_id == 0
        first_of_variant = generic not in templates
        if first_of_variant:
            frame = page_frame(config, generic=generic, digits=spec.student_number_digits)
            templates[generic] = (frame, paginate(spec, frame.body, heights, config))
        frame, pages = templates[generic]
        sheet_pages = tuple(_page(frame, regions, PageAddress(spec.assignment_id, student_id, n, len(pages)), config)
                            for n, regions in enumerate(pages, start=1))
        if first_of_variant:  # the geometry is shared, so checking one sheet per variant suffices
            _check(sheet_pages, config)
        sheets.append(Sheet(student_id, sheet_pages))
    return SheetSet(spec.assignment_id, spec.answer_card, tuple(sheets))


def _check(pages: tuple[Page, ...], config: LayoutConfig) -> None:
    problems = [f"page {page.number}: {problem}" for page in pages for problem in page_problems(page, config)]
    if problems:
        raise LayoutError("the layout would not scan: " + "; ".join(problems))
