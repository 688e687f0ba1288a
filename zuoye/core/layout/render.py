"""Typst source for a sheet set: every element placed absolutely, in millimetres.

Each page has zero margins and every element is put with ``place(top + left, dx:, dy:)`` at
the coordinates of the layout, so the printed page *is* the geometry: there is no flow
layout that could drift. Stems are defined once at the top of the document and referenced
on every student's page. Nothing is printed in red: the scanner takes red for the teacher's
pen, so the grading area is only hinted by light grey dotted corners.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from zuoye.core.layout.config import LayoutConfig
from zuoye.core.layout.geometry import Bubble, ItemKind, ItemRegion, Page, Rect, Sheet, SheetSet, StudentNumberGrid
from zuoye.core.layout.qr import qr_symbol
from zuoye.core.layout.spec import SheetHeader, StudentRef
from zuoye.core.layout.typeset import markup_call, text_settings, typst_str
from zuoye.core.typst_pdf import available, typst_font_list


@dataclass(frozen=True)
class SheetTexts:
    """Every fixed word on a sheet; the defaults are Simplified Chinese. ``page`` takes {page} {pages}."""

    class_label: str = "班级"
    name: str = "姓名"
    number: str = "学籍号"
    date: str = "日期"
    page: str = "第 {page} 页 / 共 {pages} 页"
    score: str = "得分"
    multiple: str = "多选"
    grid_hint: str = "填涂学籍号"
    instructions: str = "用黑色笔作答，选择题把圆圈涂满；老师在每题区域内用红笔批改。"


def _mm(value: float) -> str:
    return f"{value:.3f}mm"


def _at(x: float, y: float, body: str) -> str:
    return f"#place(top + left, dx: {_mm(x)}, dy: {_mm(y)}, {body})\n"


def _preamble(config: LayoutConfig, stems: Mapping[str, str]) -> str:
    sans = typst_font_list(available(config.fonts.sans))
    mono = typst_font_list(available(config.fonts.mono))
    stroke = f"{config.stroke_pt}pt"
    entries = "".join(f"  {typst_str(key)}: {markup_call(markup)},\n" for key, markup in stems.items()) or ":"
    return f"""#set page(width: {_mm(config.page_width_mm)}, height: {_mm(config.page_height_mm)}, margin: 0mm)
{text_settings(config)}#let sans = {sans}
#let mono = {mono}
#let ring = {stroke} + luma({config.ring_luma})
#let boxline = {stroke} + luma({config.box_luma})
#let hintline = (paint: luma({config.hint_luma}), thickness: {config.hint_pt}pt, dash: "dotted")
#let grey(body) = text(fill: luma({config.label_luma}), body)
#let bubble(r, label, size) = box(width: 2 * r, height: 2 * r, {{
  place(circle(radius: r, stroke: ring))
  align(center + horizon, text(font: sans, size: size, fill: luma({config.letter_luma}),
    top-edge: "cap-height", bottom-edge: "baseline", label))
}})
#let stems = (
{entries})
"""


def _box(r: Rect, body: str) -> str:
    """``body`` in a box exactly over ``r``."""
    return _at(r.x, r.y, f"box(width: {_mm(r.w)}, height: {_mm(r.h)}, {body})")


def _outline(r: Rect) -> str:
    return _at(r.x, r.y, f"rect(width: {_mm(r.w)}, height: {_mm(r.h)}, stroke: boxline)")


def _corner_label(r: Rect, words: str, config: LayoutConfig) -> str:
    """Small words in a box's top-left corner, in dropout grey: "(2)" in a blank, "得分" in a score box."""
    inset = config.label_inset_mm
    return _at(r.x + inset, r.y + inset,
               f"text(size: {config.blank_index_pt}pt, fill: luma({config.corner_luma}), {typst_str(words)})")


def _marks_and_qr(page: Page, config: LayoutConfig) -> str:
    parts = [_at(m.rect.x, m.rect.y, f"rect(width: {_mm(m.rect.w)}, height: {_mm(m.rect.h)}, fill: black)")
             for m in page.marks]
    qr = page.qr
    svg = typst_str(qr_symbol(qr.payload, config.qr_error).svg)
    parts.append(_box(qr.rect, f'image(bytes({svg}), format: "svg", width: 100%, height: 100%)'))
    words = qr.text.split(" ")  # two lines: "ZY1 A7 S101" over "P1/2 157FD1C7"
    lines = " + linebreak() + ".join(typst_str(" ".join(part)) for part in (words[:3], words[3:]) if part)
    text = f'text(font: mono, size: {config.qr_text_pt}pt, top-edge: "cap-height", {lines})'
    parts.append(_box(qr.text_rect, f"align(center + horizon, {text})"))
    return "".join(parts)


def _field(label: str, value: str | None, config: LayoutConfig) -> str:
    """``label：value``, or a line to write on when the value is unknown (generic sheets)."""
    if value is None:
        line = f"{config.rule_pt}pt + luma({config.name_line_luma})"
        shown = f"box(width: {_mm(config.name_line_mm)}, height: 1em, stroke: (bottom: {line}))"
    else:
        shown = f'text(weight: "bold", {typst_str(value)})'
    return f"box(grey({typst_str(label + '：')}) + {shown})"


def _header(page: Page, header: SheetHeader, student: StudentRef | None, texts: SheetTexts,
            config: LayoutConfig) -> str:
    """School line, title, then the personal fields, flowing (and wrapping) in the header box."""
    about = " · ".join(part for part in (header.school, header.subject, header.class_label, header.date) if part)
    fields = [_field(texts.name, None if student is None else student.name, config),
              _field(texts.class_label, header.class_label, config)]
    if student is None:
        fields.append(f"box(grey({typst_str(texts.grid_hint + ' →')}))")
    else:
        fields.append(_field(texts.number, student.number, config))
    gap = f"v({_mm(config.header_line_gap_mm)})"
    title = f'text(font: sans, size: {config.title_pt}pt, weight: "bold", {typst_str(header.title)})'
    body = (  # one line each for the school line and the title (cut if too long): the fields stay visible
        f"box(height: {config.small_pt}pt, clip: true, text(size: {config.small_pt}pt, grey({typst_str(about)})))"
        f"\n  {gap}\n  box(height: {config.title_pt}pt, clip: true, {title})\n  {gap}\n"
        f"  text(size: {config.header_pt}pt, {f' + h({_mm(config.header_field_gap_mm)}) + '.join(fields)})"
    )
    h = page.header
    rule = f"line(length: {_mm(config.content_width_mm)}, stroke: {config.rule_pt}pt + luma({config.rule_luma}))"
    return (_at(h.x, h.y, f"block(width: {_mm(h.w)}, height: {_mm(h.h)}, clip: true, {{\n  {body}\n}})")
            + _at(h.x, h.bottom + config.header_gap_mm / 2, rule))


def _footer(page: Page, texts: SheetTexts, config: LayoutConfig) -> str:
    """Instructions at the left, the page count at the right."""
    words = texts.page.format(page=page.number, pages=page.of)
    row = (f"grid(columns: (1fr, auto), align: horizon, grey({typst_str(texts.instructions)}), "
           f"grey({typst_str(words)}))")
    return _box(page.footer, f"align(horizon, text(size: {config.footer_pt}pt, {row}))")


def _bubble(b: Bubble, size_pt: float) -> str:
    return _at(b.cx - b.r, b.cy - b.r, f"bubble({_mm(b.r)}, {typst_str(b.label)}, {size_pt}pt)")


def _hint(r: Rect, config: LayoutConfig) -> str:
    """Dotted corners, top-left and bottom-right, around the grading area: a hint, not a box to hit."""
    leg, parts = config.hint_leg_mm, []
    for x, y, dx, dy in ((r.x, r.y, leg, leg), (r.right, r.bottom, -leg, -leg)):
        parts.append(_at(x, y, f"line(end: ({_mm(dx)}, 0mm), stroke: hintline)"))
        parts.append(_at(x, y, f"line(end: (0mm, {_mm(dy)}), stroke: hintline)"))
    return "".join(parts)


def _number_and_stem(item: ItemRegion, config: LayoutConfig) -> str:
    """The number level with the stem's first line, or centred on the answer row without a stem."""
    x = item.block.x + config.item_pad_mm
    number = f'text(font: sans, size: {config.number_pt}pt, weight: "bold", {typst_str(item.number + ".")})'
    if item.stem is None:
        row = item.answer.h if item.bubbles else config.number_height_mm
        return _at(x, item.block.y + config.item_pad_mm, f"box(height: {_mm(row)}, align(horizon, {number}))")
    return (_at(x, item.stem.y, number)  # same size and line edges as the stem: baselines align
            + _at(item.stem.x, item.stem.y, f"block(width: {_mm(item.stem.w)}, stems.at({typst_str(item.key)}))"))


def _answer(item: ItemRegion, texts: SheetTexts, config: LayoutConfig) -> str:
    parts = [_bubble(b, config.bubble_letter_pt) for b in item.bubbles]
    if item.kind is ItemKind.MULTIPLE_CHOICE:
        last = item.bubbles[-1]
        tag = f"align(horizon, text(size: {config.small_pt}pt, grey({typst_str(texts.multiple)})))"
        parts.append(_at(last.cx + last.r + config.tag_gap_mm, item.answer.y,
                         f"box(height: {_mm(item.answer.h)}, {tag})"))
    for index, blank in enumerate(item.blanks, start=1):
        parts.append(_outline(blank))
        if len(item.blanks) > 1:
            parts.append(_corner_label(blank, f"({index})", config))
    if item.kind is ItemKind.WORKED:
        parts.append(_outline(item.answer))
    if item.score_box is not None:
        label = texts.score if item.points is None else f"{texts.score} / {item.points:g}"
        parts += [_outline(item.score_box), _corner_label(item.score_box, label, config)]
    return "".join(parts)


def _item(item: ItemRegion, texts: SheetTexts, config: LayoutConfig) -> str:
    return _hint(item.grading, config) + _number_and_stem(item, config) + _answer(item, texts, config)


def _grid(grid: StudentNumberGrid, texts: SheetTexts, config: LayoutConfig) -> str:
    """Write-in boxes over bubbles 0–9, with the label set vertically at the left."""
    r = grid.rect
    letters = f"{typst_str(texts.number)}.clusters().map(c => text(size: {config.small_pt}pt, grey(c)))"
    label = f"stack(dir: ttb, spacing: {_mm(config.grid_label_spacing_mm)}, ..{letters})"
    parts = [_box(Rect(r.x, r.y, config.grid_label_width_mm, r.h), f"align(center + horizon, {label})")]
    for column in grid.columns:
        parts.append(_outline(column.write_in))
        parts += [_bubble(b, config.grid_digit_pt) for b in column.bubbles]
    return "".join(parts)


def _page(page: Page, header: SheetHeader, student: StudentRef | None, texts: SheetTexts,
          config: LayoutConfig) -> str:
    parts = [_marks_and_qr(page, config), _header(page, header, student, texts, config), _footer(page, texts, config)]
    if page.student_grid is not None:
        parts.append(_grid(page.student_grid, texts, config))
    parts += [_item(item, texts, config) for item in page.items]
    return "".join(parts)


def sheet_set_typst(sheet_set: SheetSet, *, header: SheetHeader, students: Mapping[int, StudentRef],
                    stems: Mapping[str, str], config: LayoutConfig, texts: SheetTexts | None = None) -> str:
    """The whole set as one typst document, one page after another in print order."""
    texts = texts or SheetTexts()
    pages = []
    for sheet in sheet_set.sheets:
        student = _student(sheet, students)
        pages += [_page(page, header, student, texts, config) for page in sheet.pages]
    return _preamble(config, stems) + "#pagebreak()\n".join(pages)


def _student(sheet: Sheet, students: Mapping[int, StudentRef]) -> StudentRef | None:
    if sheet.generic:
        return None
    if sheet.student_id not in students:
        raise KeyError(f"no details for student {sheet.student_id} of the sheet set")
    return students[sheet.student_id]
