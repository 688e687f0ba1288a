"""The rules a page must keep so that scanners and pens can read it (RECIPES §3).

* Alignment marks lie at least ``min_mark_inset_mm`` from every edge: a page rotated a few
  degrees in the feeder or photographed loosely still shows all four.
* Nothing is printed in the QR's quiet zone, and the zone is at least four modules wide: an
  intruding mark made every QR decoder fail in our tests.
* Items, header, footer and the 学籍号 grid stay inside the page and clear of the marks,
  and no two item blocks overlap, so every red mark and bubble has exactly one owner.
* Every bubble and blank lies inside its item's answer area, which lies inside its block.

:func:`page_problems` lists the broken rules in words; the engine refuses to emit a layout
with any, and the tests run it on every layout they make.
"""

from __future__ import annotations

from zuoye.core.layout.config import LayoutConfig
from zuoye.core.layout.geometry import ItemRegion, Page, Rect


def _mark_problems(page: Page, config: LayoutConfig) -> list[str]:
    limit = config.min_mark_inset_mm - 1e-9
    problems = []
    for mark in page.marks:
        r = mark.rect
        if min(r.x, r.y, page.width - r.right, page.height - r.bottom) < limit:
            problems.append(f"alignment mark {mark.corner} is closer than {config.min_mark_inset_mm} mm to an edge")
    return problems


def _printed_rects(page: Page) -> list[tuple[str, Rect]]:
    """Everything printed on the page except the QR symbol itself."""
    rects = [(f"mark {m.corner}", m.rect) for m in page.marks]
    rects += [("header", page.header), ("footer", page.footer), ("QR line", page.qr.text_rect)]
    rects += [(f"item {item.number}", item.block) for item in page.items]
    if page.student_grid is not None:
        rects.append(("学籍号 grid", page.student_grid.rect))
    return rects


def _qr_problems(page: Page, config: LayoutConfig) -> list[str]:
    qr, problems = page.qr, []
    module = qr.rect.w / qr.modules
    if qr.quiet_mm < config.qr_min_quiet_modules * module - 1e-9:
        problems.append(f"QR quiet zone {qr.quiet_mm} mm is under {config.qr_min_quiet_modules} modules")
    if not page.size.contains(qr.quiet_rect):
        problems.append("QR quiet zone leaves the page")
    problems += [f"{name} intrudes on the QR quiet zone" for name, rect in _printed_rects(page)
                 if rect.intersects(qr.quiet_rect)]
    return problems


def _item_problems(item: ItemRegion) -> list[str]:
    problems = []
    if not item.block.contains(item.answer):
        problems.append(f"item {item.number}: answer area leaves its block")
    if not item.block.contains(item.grading):
        problems.append(f"item {item.number}: grading area leaves its block")
    parts = [b.bounds for b in item.bubbles] + list(item.blanks)
    if any(not item.answer.contains(part) for part in parts):
        problems.append(f"item {item.number}: a bubble or blank leaves the answer area")
    for extra in (item.stem, item.score_box):
        if extra is not None and not item.block.contains(extra):
            problems.append(f"item {item.number}: stem or score box leaves its block")
    return problems


def _overlap_problems(page: Page) -> list[str]:
    rects = _printed_rects(page)
    problems = []
    for index, (name, rect) in enumerate(rects):
        if not page.size.contains(rect):
            problems.append(f"{name} leaves the page")
        problems += [f"{name} overlaps {other}" for other, other_rect in rects[index + 1 :]
                     if rect.intersects(other_rect)]
    return problems


def page_problems(page: Page, config: LayoutConfig) -> list[str]:
    """Every rule the page breaks, in words; empty when it is fit to print."""
    problems = _mark_problems(page, config) + _qr_problems(page, config) + _overlap_problems(page)
    for item in page.items:
        problems += _item_problems(item)
    return problems
