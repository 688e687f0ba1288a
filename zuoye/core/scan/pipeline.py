"""The pipeline: one image in, one page result out, every stage's report kept.

``page_read`` runs the named stages in order — identify (QR), align (marks and homography),
rectify, bubbles, red pen — and stops at the first that fails, returning the page as
``blank`` or ``unidentified`` with that stage's reason (the caller quarantines it). Items
are read only on an identified page; an item whose confidence is below ``review_below`` is
``review``, never guessed. Looking a page up is the caller's business (``PageLookup``): the
app knows which assignments exist; ``lookup_from`` builds one from layouts in memory. It may
also say where the sheet PDF printed ink (``PrintLookup``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import cv2
import numpy as np
import numpy.typing as npt

from zuoye.core.layout import ItemRegion, Page, PageAddress, Rect, SheetSet
from zuoye.core.scan.align import page_align, page_rectify
from zuoye.core.scan.bubbles import ChoiceReading, choices_read
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.decode import grey
from zuoye.core.scan.grid import StudentNumberReading, student_number_read
from zuoye.core.scan.identify import BLANK, page_identify
from zuoye.core.scan.marknet import CLASSES, PLANES, WEIGHTS, WEIGHTS_GREY, mark_features, mark_window, marknet_load
from zuoye.core.scan.redpen import Mask, PenMark, grey_planes, marks_and_ink, page_planes
from zuoye.core.scan.report import BubbleState, DebugSink, Image, MarkKind, StageReport, Status, no_debug
from zuoye.core.scan.scores import ScoreReading, score_read
from zuoye.core.scan.vote import (DECIDING, MARKS_OVER_IT, OPTION_UNREAD, Crowding, ItemResult, choice_weight,
                                  mark_vote)

PageLookup = Callable[[PageAddress], Page | None]
PrintLookup = Callable[[PageAddress], Mask | None]
"""Where the page's sheet PDF printed ink (``redpen.print_mask``), None when unknown: the letters
inside the bubbles are no pencil (``bubbles``), and on greyscale scans the print is as grey as
red pen (``redpen.grey_planes``)."""


class PageStatus(StrEnum):
    READ = "read"
    BLANK = "blank"
    UNIDENTIFIED = "unidentified"


@dataclass(frozen=True)
class PageResult:
    status: PageStatus
    reason: str
    address: PageAddress | None
    items: tuple[ItemResult, ...]
    reports: tuple[StageReport, ...]
    student_number: StudentNumberReading | None = None
    """Generic sheets only: the 学籍号 grid read column by column (``review`` when unsure)."""


def lookup_from(sheet_sets: Iterable[SheetSet]) -> PageLookup:
    """A lookup over layouts in memory, by (assignment, student, page number)."""
    pages = {(s.assignment_id, sheet.student_id, p.number): p
             for s in sheet_sets for sheet in s.sheets for p in sheet.pages}
    return lambda a: pages.get((a.assignment_id, a.student_id, a.page))


def _stopped(status: PageStatus, reports: list[StageReport], address: PageAddress | None = None) -> PageResult:
    return PageResult(status, reports[-1].reason, address, (), tuple(reports))


@dataclass(frozen=True)
class Rectified:
    """An identified page resampled in layout coordinates (stages 2–4), ready to be read."""

    address: PageAddress
    page: Page
    flat: Image
    reports: tuple[StageReport, ...]


def page_rectified(image: Image, lookup: PageLookup, config: ScanConfig = DEFAULT_SCAN_CONFIG
                   ) -> Rectified | PageResult:
    """Identify, look up, align and rectify (the items' band only); or the page's result when a
    stage stops it (blank, or unidentified with the stage's reason)."""
    gray = grey(image)
    identified = page_identify(gray, config)
    reports = [identified.report]
    if identified.value is None:
        return _stopped(PageStatus.BLANK if identified.report.reason == BLANK else PageStatus.UNIDENTIFIED, reports)
    address = identified.value.address
    page = lookup(address)
    if page is None:
        reports.append(StageReport("lookup", False, 0.0, f"unknown page: assignment {address.assignment_id}, "
                                   f"student {address.student_id}, page {address.page}"))
        return _stopped(PageStatus.UNIDENTIFIED, reports, address)
    aligned = page_align(gray, page, identified.value, config)
    reports.append(aligned.report)
    if aligned.value is None:
        return _stopped(PageStatus.UNIDENTIFIED, reports, address)
    flat = page_rectify(image, page, aligned.value, config, band=items_band(page, config))
    return Rectified(address, page, flat, tuple(reports))


def page_read(image: Image, lookup: PageLookup, config: ScanConfig = DEFAULT_SCAN_CONFIG,
              debug: DebugSink = no_debug, prints: PrintLookup | None = None) -> PageResult:
    """Read one scanned page (grey or BGR) against the layouts ``lookup`` knows, and the real
    print ``prints`` knows."""
    rectified = page_rectified(image, lookup, config)
    if isinstance(rectified, PageResult):
        return rectified
    page, flat, address = rectified.page, rectified.flat, rectified.address
    debug("rectified", flat)
    printed = None if prints is None else prints(address)
    items = items_read(flat, page, config, printed)
    number = None
    if page.student_grid is not None:
        _, gray_flat, red = page_planes(flat, config)
        hidden = None if red is None else cv2.dilate(red, np.ones((3, 3), np.uint8))
        number = student_number_read(gray_flat, page.student_grid, config.px_per_mm, config, hidden, printed)
    return PageResult(PageStatus.READ, "ok", rectified.address, items, rectified.reports, number)


def items_band(page: Page, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> tuple[float, float]:
    """The rows (mm) every reader looks at: the items and the 学籍号 grid, grown by how far a
    teacher's mark reaches out of them (a long tick's arm rises up to ~35 mm above its item)."""
    rects = [r for item in page.items for r in (item.grading, item.block, item.answer, item.score_box) if r is not None]
    if page.student_grid is not None:
        rects.append(page.student_grid.rect)
    if not rects:
        return 0.0, page.height
    return (min(r.y for r in rects) - config.rectify_band_above_mm,
            max(r.bottom for r in rects) + config.rectify_band_below_mm)


def items_marks(marks: Sequence[PenMark], page: Page,
                config: ScanConfig = DEFAULT_SCAN_CONFIG) -> list[tuple[list[PenMark], list[PenMark]]]:
    """Per item: the marks turning in its grading area, and the doubtful or stray marks of no
    sure item lying over it.

    A mark turning in no grading area (between items, in a margin) is not dropped: every item
    it lies over is sent to review rather than read as unmarked. A doubtful mark (review) lying
    over an item may be that item's mark read as part of another (a cross merged with the arm of
    the tick above it, its turning point found in the next item): such an item is not read as
    surely unmarked either."""
    stray = [m for m in marks if not any(item.grading.contains_point(*m.turning_point) for item in page.items)]
    doubtful = [m for m in marks if m.confidence < config.review_below and m not in stray]
    return [([m for m in marks if item.grading.contains_point(*m.turning_point)],
             [m for m in (*stray, *doubtful) if m.box.intersects(item.grading)
              and not item.grading.contains_point(*m.turning_point)])
            for item in page.items]


def items_read(flat: Image, page: Page, config: ScanConfig = DEFAULT_SCAN_CONFIG,
               printed: Mask | None = None) -> tuple[ItemResult, ...]:
    """Every item of a rectified page: bubbles, then the marks that turn inside its grading area.
    ``printed``: where the page's sheet PDF prints ink (what a ``PrintLookup`` answers)."""
    k = config.px_per_mm
    colour, gray, red = page_planes(flat, config)
    in_print = printed if printed is not None and printed.shape == gray.shape else None
    grey_pen, unseen = (None, None) if colour else grey_planes(gray, page, k, config, in_print)
    marks, ink = marks_and_ink(gray if not colour else flat, page, k, config, colour, red, grey_pen)
    # Under red pen the red channel shows paper (bright ink), pencil (translucent ink) or neither
    # (a dull red): the bubbles are read on what the pen leaves visible.
    hidden = None if red is None else cv2.dilate(red, np.ones((3, 3), np.uint8))
    choices = [choices_read(gray, item, k, config, hidden, in_print) if item.bubbles else None for item in page.items]
    # Ink that no mark's box holds (a mark lost where it crossed print, or too broken to join):
    # an item with much of it is not read as unmarked.
    loose = ink.copy()
    for m in marks:
        r = m.box.inflate(config.loose_ink_margin_mm)
        loose[max(0, round(r.y * k)):round(r.bottom * k), max(0, round(r.x * k)):round(r.right * k)] = 0
    if not colour:
        _pencil_unmask(loose, page, choices, k, config)
    per_item = items_marks(marks, page, config)
    second = (second_readings(page, marks, per_item, ink, k, colour, unseen) if config.mark_model
              else [None] * len(per_item))
    results = [_item_result(item, choice, own, near, _ink_mm2(loose, item.answer, k),
                            score_read(ink, item.score_box, k, config) if item.score_box else None, config,
                            None if colour else _ink_mm2(loose, item.grading, k), model,
                            lone_stray=_lone_stray(item, own, near, page, config.stroke_join_mm if colour else 0.0))
               for item, choice, (own, near), model in zip(page.items, choices, per_item, second, strict=True)]
    if config.mark_model:
        results = [loose_proposed(result, item, loose, ink, marks, k, colour, unseen, config)
                   if result.mark is MarkKind.UNKNOWN and result.reason.startswith(LOOSE_INK) else result
                   for item, result in zip(page.items, results, strict=True)]
    return tuple(results)


LOOSE_INK = "no mark read, but"
"""How an item's reason starts when pen ink lies over it that no mark holds (``_marked``)."""


def loose_proposed(result: ItemResult, item: ItemRegion, loose: Image, ink: Image, marks: Sequence[PenMark],
                   k: float, colour: bool, unseen: Image | None, config: ScanConfig = DEFAULT_SCAN_CONFIG
                   ) -> ItemResult:
    """An item in review with pen ink over it that no mark holds: the mark network's reading
    of that ink, shown to it as if the ink were one mark turning in the item, becomes the
    queue's proposal, never a settled result. Such ink is mostly a mark broken into pieces too
    small to be marks (on greyscale, a circle cut into arcs by the masked print of the boxes it
    was drawn round). On the benchmark's pages (grey and colour, seeds 2026 and 41) the network
    named 55 of the 57 marks left so, where the queue had proposed only "unclear"; for 12 items
    with no mark (pencil, or print the mask missed) it proposed a tick or a cross. It never
    learnt from ink left over, so the item stays with the teacher; a reading of no mark, or one
    below ``model_loose_propose`` (the unmarked items' ink was read so), proposes nothing."""
    box = _ink_box(loose, item.grading, k)
    net = marknet_load(WEIGHTS if colour else WEIGHTS_GREY)
    if box is None or net is None:
        return result
    window = mark_window([box])
    assert window is not None
    others = [m.box for m in marks if m.box.intersects(window)]
    row = mark_features(ink, item.grading, window, k, [box], others, unseen if net.planes > PLANES else None)
    probs = net.probabilities(row[np.newaxis])[0]
    kind, p = CLASSES[int(probs.argmax())], float(probs.max())
    if kind not in DECIDING or p < config.model_loose_propose:
        return result
    return dataclasses.replace(result, mark=kind,
                               reason=f"{result.reason}; the mark network reads {kind.value} ({p:.1%}) in that ink")


def _ink_box(mask: Image, r: Rect, k: float) -> Rect | None:
    """The box (mm) round the ink of ``mask`` inside ``r``, or None where there is none."""
    x0, y0 = max(0, round(r.x * k)), max(0, round(r.y * k))
    window = mask[y0:round(r.bottom * k), x0:round(r.right * k)]
    points = cv2.findNonZero(window) if window.size else None
    if points is None:
        return None
    x, y, w, h = cv2.boundingRect(points)
    return Rect((x0 + x) / k, (y0 + y) / k, w / k, h / k)


def _lone_stray(item: ItemRegion, own: list[PenMark], near: list[PenMark], page: Page, reach: float = 0.0) -> bool:
    """No mark turns in the item, and the one mark over it turns in no item and lies over no
    other item's grading area: most likely this item's own mark, cut by masked print so that its
    "turning point" fell outside (a cross over the bubbles, read as a doubtful tick). ``reach``
    (mm): nor comes this close to one (the strokes of two marks this close are joined into one
    piece: a circle joined to the next item's cross ended 0.45 mm short of that item's area)."""
    if own or len(near) != 1:
        return False
    mark = near[0]
    return not any(other.grading.contains_point(*mark.turning_point) for other in page.items) \
        and not any(other is not item and other.grading.intersects(mark.box.inflate(reach)) for other in page.items)


def _pencil_unmask(loose: npt.NDArray[np.uint8], page: Page, choices: Sequence[ChoiceReading | None], k: float,
                   config: ScanConfig) -> None:
    """Greyscale: take the bubbles the reader found filled out of the loose ink. The grey ink
    plane finds paper within ``paper_window_mm``, less than a bubble's width, so the rim inside a
    pencil-filled disc reads as ink (about 4 mm², enough to send an unmarked item to review);
    the pen over pencil is the same shade and cannot be seen there anyway."""
    margin = config.template_margin_mm
    for item, choice in zip(page.items, choices, strict=True):
        if choice is None:
            continue
        for b, reading in zip(item.bubbles, choice.bubbles, strict=True):
            if reading.state is BubbleState.FILLED:
                cv2.circle(loose, (round(b.cx * k), round(b.cy * k)), round((b.r + margin) * k), 0, -1)


def items_mark_features(page: Page, marks: Sequence[PenMark], per_item: Sequence[tuple[list[PenMark], list[PenMark]]],
                        ink: Image, k: float, unseen: Image | None = None
                        ) -> tuple[list[int], list[npt.NDArray[np.float32]]]:
    """The mark network's input for every item with marks over it (its own, or doubtful ones of
    no sure item): the items' indexes and their rows. Reading and training both call this, so
    the network learns from exactly what it will be shown. ``unseen``: greyscale, where the
    print was masked (``grey_planes``)."""
    where, rows = [], []
    for i, (item, (own, near)) in enumerate(zip(page.items, per_item, strict=True)):
        window = mark_window([m.box for m in (*own, *near)])
        if window is None:
            continue
        others = [m.box for m in marks if m not in own and m.box.intersects(window)]
        where.append(i)
        rows.append(mark_features(ink, item.grading, window, k, [m.box for m in own], others, unseen))
    return where, rows


def second_readings(page: Page, marks: Sequence[PenMark], per_item: Sequence[tuple[list[PenMark], list[PenMark]]],
                    ink: Image, k: float, colour: bool = True, unseen: Image | None = None
                    ) -> list[tuple[MarkKind, float] | None]:
    """The mark network's reading (kind, probability) of every item with marks over it; None
    for the others, and for all when the weights are not there. Greyscale scans have their own
    network: their ink plane holds what the rules took for pen by shade, pencil and all, and
    ``unseen`` where the print was masked (shown when the weights take a fifth plane)."""
    net = marknet_load(WEIGHTS if colour else WEIGHTS_GREY)
    found: list[tuple[MarkKind, float] | None] = [None] * len(per_item)
    if net is None:
        return found
    where, rows = items_mark_features(page, marks, per_item, ink, k, unseen if net.planes > PLANES else None)
    if rows:
        for i, probs in zip(where, net.probabilities(np.stack(rows)), strict=True):
            best = int(probs.argmax())
            found[i] = (CLASSES[best], float(probs[best]))
    return found


def _ink_mm2(mask: npt.NDArray[np.uint8], r: Rect, k: float) -> float:
    window = mask[max(0, round(r.y * k)):round(r.bottom * k), max(0, round(r.x * k)):round(r.right * k)]
    return cv2.countNonZero(window) / (k * k) if window.size else 0.0


def _item_result(item: ItemRegion, choice: ChoiceReading | None, marks: list[PenMark], near: list[PenMark],
                 loose_mm2: float, score: ScoreReading | None, config: ScanConfig,
                 grading_mm2: float | None = None, model: tuple[MarkKind, float] | None = None,
                 lone_stray: bool = False) -> ItemResult:
    result = _marked(item, choice, marks, near, loose_mm2, config, grading_mm2)
    if model is not None:
        result = mark_vote(result, choice, model, config, Crowding.of(marks, near, lone_stray),
                           colour=grading_mm2 is None)
    if score is None or (not score.text and score.confidence >= 1.0):
        return result
    confidence = min(result.confidence, score.confidence)
    status = Status.READ if confidence >= config.review_below and result.status is Status.READ else Status.REVIEW
    return dataclasses.replace(result, confidence=confidence, status=status, score_text=score.text,
                               reason=f"{result.reason}; {score.reason}")


def _marked(item: ItemRegion, choice: ChoiceReading | None, marks: list[PenMark], near: list[PenMark],
            loose_mm2: float, config: ScanConfig, grading_mm2: float | None = None) -> ItemResult:
    """``grading_mm2``: greyscale scans only (None: a colour scan), the loose ink over the whole
    grading area — a tick cut at its turning point by a masked filled bubble leaves its arm off
    the answer area."""
    if len(marks) > 1:
        kinds = ", ".join(m.kind.value for m in marks)
        return ItemResult(item.key, choice, MarkKind.UNKNOWN, 0.0, Status.REVIEW, f"several marks: {kinds}")
    if not marks and near:
        kinds = ", ".join(f"{m.kind.value} at ({m.turning_point[0]:.0f}, {m.turning_point[1]:.0f}) mm" for m in near)
        return ItemResult(item.key, choice, MarkKind.UNKNOWN, 0.0, Status.REVIEW, f"{MARKS_OVER_IT}: {kinds}")
    if not marks and loose_mm2 >= config.loose_ink_max_mm2:
        return ItemResult(item.key, choice, MarkKind.UNKNOWN, 0.0, Status.REVIEW,
                          f"{LOOSE_INK} {loose_mm2:.0f} mm² of pen ink over its answer")
    if not marks and grading_mm2 is not None and grading_mm2 >= config.grey_loose_grading_max_mm2:
        return ItemResult(item.key, choice, MarkKind.UNKNOWN, 0.0, Status.REVIEW,
                          f"{LOOSE_INK} {grading_mm2:.0f} mm² of ink no mark explains over it (greyscale)")
    if not marks and grading_mm2 is not None and choice is not None \
            and any(b.state is BubbleState.CROSSED for b in choice.bubbles):
        # On grey the teacher's pen is only a shade: a stroke through a bubble may be a tick's
        # arm whose turning point was lost with the masked print, not the student's cross-out.
        return ItemResult(item.key, choice, MarkKind.UNKNOWN, 0.0, Status.REVIEW,
                          f"{LOOSE_INK} a bubble is crossed through: a pen mark's stroke? (greyscale)")
    mark = marks[0] if marks else None
    kind = mark.kind if mark else MarkKind.NOTHING
    confidence = min(mark.confidence if mark else 1.0, choice_weight(choice, kind, mark_decides=grading_mm2 is None))
    if kind is MarkKind.UNKNOWN:
        confidence = 0.0
    reasons = [f"mark {kind.value}" + (f" ({mark.reason})" if mark else "")]
    if choice is not None:
        reasons.append(f"bubbles: {choice.reason}")
        if choice.confidence < config.review_below and kind in DECIDING and grading_mm2 is None:
            reasons.append(OPTION_UNREAD)
    status = Status.READ if confidence >= config.review_below else Status.REVIEW
    return ItemResult(item.key, choice, kind, confidence, status, "; ".join(reasons))
