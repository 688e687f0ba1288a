"""Scans for the demo: a class's printed sheets filled in, graded in red and scanned, as a ZIP.

``zuoye scan --simulate ASSIGNMENT --out scans.zip`` lets a demo (or a person trying the
upload page) go from "print the sheets" to "upload the scanner's output" without paper: the
newest sheet set's PDF is rasterised at 200 dpi (the printed sheets), and on each student's
pages the scan core's simulator draws choices bubbled (mostly the key), the teacher's marks as
FIELD-NOTES describes them (ticks three times in four, crosses, half ticks, circles), the points
written in each score box (full marks under a tick, points off under a half tick, 0 under a
cross or circle) and a scanner's mild degradation — in colour, or ``grey`` as a scanner set to
greyscale; then one page again (scanned twice) and a blank back, as real batches have.

A generic class sheet is printed once for the class: every student of the class fills a copy,
their 学籍号's last digits in its grid. ``phone``: photos taken by a phone instead of scans
(perspective, shadow, a page bowed in the middle, a desk round it), with one page photographed
twice and no blank back. ``student``: only that student's pages (what a guardian photographs).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import cv2
import numpy as np

from zuoye.core.pdf_raster import pdf_rasters
from zuoye.capture.services.lookup import BatchLookup, ItemInfo
from zuoye.core.layout import ItemRegion, Page
from zuoye.core.layout.contract import layout_from_dict
from zuoye.core.outcomes import choice_key
from zuoye.core.scan.report import BubbleState, Image, MarkKind
from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_fill
from zuoye.homework.models import SheetSet
from zuoye.homework.services.sheets import number_key
from zuoye.schools.models import Student

MARKS = (MarkKind.TICK, MarkKind.TICK, MarkKind.TICK, MarkKind.TICK, MarkKind.TICK, MarkKind.CROSS, MarkKind.HALF,
         MarkKind.CIRCLE)
"""What a teacher writes, in about the field notes' proportions."""
DPI = 200


def _bubbles(region: ItemRegion, key: tuple[str, ...], right: bool, rng: np.random.Generator) -> dict[str, BubbleState]:
    values = [b.value for b in region.bubbles]
    if not values:
        return {}
    wanted = [v for v in values if v in key] or values[:1]
    chosen = wanted if right else [values[int(rng.integers(len(values)))]]
    return {v: BubbleState.FILLED for v in chosen}


def _points(region: ItemRegion, mark: MarkKind, rng: np.random.Generator) -> str:
    """What the teacher writes in the item's score box, "" when it has none."""
    if region.score_box is None or not region.points:
        return ""
    full = int(region.points)
    if mark is MarkKind.TICK:
        return str(full)
    if mark is MarkKind.HALF:  # points off; a one-point item's half is left to the mark
        return f"-{int(rng.integers(1, full))}" if full > 1 else ""
    return "0"


def scans_simulate(*, sheet_set: SheetSet, seed: int = 0, grey: bool = False, phone: bool = False,
                   student: Student | None = None) -> bytes:
    """A ZIP of JPEG scans (``phone``: photos) of every page of ``sheet_set`` (``student``: of
    theirs only), plus one page twice and, for scans, a blank back. Raises ValueError when the
    sheet set's PDF does not give a page for every page of its layout, or there is nobody to fill
    it in."""
    rng = np.random.default_rng(seed)
    items = BatchLookup(scope=None).items(sheet_set.assignment_id)
    layout = layout_from_dict(sheet_set.layout)
    everything = [(sheet.student_id, page) for sheet in layout.sheets for page in sheet.pages]
    chosen = [i for i, (owner, _) in enumerate(everything) if student is None or owner in (0, student.pk)]
    if not chosen:
        raise ValueError(f"sheet set {sheet_set.pk}: no sheet was printed for student {student.pk if student else ''}")
    pages = [everything[i][1] for i in chosen]
    with sheet_set.pdf.open("rb") as handle:
        data = handle.read()
    # a student's pages follow one another in the PDF (``sheet_set_typst``)
    rasters = pdf_rasters(data, DPI, pages=(chosen[0] + 1, chosen[-1] + 1) if student is not None else None)
    jobs: Iterator[tuple[Page, Image | None, str]]
    if sheet_set.kind == SheetSet.Kind.GENERIC:  # one copy a student: the sheet's pages held, drawn on again
        printed = list(rasters)
        if len(printed) != len(pages):
            raise ValueError(f"sheet set {sheet_set.pk}: its PDF has {len(printed)} pages, its layout {len(pages)}")
        numbers = [student.student_number] if student is not None else list(
            Student.objects.filter(current_class=sheet_set.school_class_id, is_active=True)
            .order_by("student_number").values_list("student_number", flat=True))
        if not numbers:
            raise ValueError(f"sheet set {sheet_set.pk}: its class has no students to fill it in")
        digits = pages[0].student_grid.digits if pages[0].student_grid else 0
        jobs = ((page, raster, number_key(number)[-digits:] if digits else "") for number in numbers
                for page, raster in zip(pages, printed, strict=True))
    else:
        jobs = ((page, raster, "") for page, raster in zip(pages, rasters, strict=False))
    scans: list[bytes] = []
    again = b""
    for page, printed_page, number in jobs:  # one page image in memory at a time
        if printed_page is None:
            raise ValueError(f"sheet set {sheet_set.pk}: page {len(scans) + 1} of its PDF did not rasterise")
        work = _work(page, number, items, rng)
        dpi = float(rng.uniform(150, 200)) if phone else DPI
        drawn = page_fill(page, work, dpi / 25.4, rng, printed_page)
        scans.append(_jpeg(page_degrade(drawn, _degradation(rng, grey, phone), rng)))
        if phone and not again:  # the first page photographed a second time
            again = _jpeg(page_degrade(drawn, _degradation(rng, grey, phone), rng))
        shape = drawn.shape
    expected = len(pages) if sheet_set.kind == SheetSet.Kind.PERSONAL else None
    if not scans or (expected is not None and len(scans) != expected):
        raise ValueError(f"sheet set {sheet_set.pk}: its PDF has {len(scans)} pages, its layout {len(pages)}")
    extra = [again] if phone else [scans[0], _jpeg(np.full(shape, 250, np.uint8))]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for n, scan_bytes in enumerate([*scans, *extra], start=1):
            archive.writestr(f"{'IMG_' if phone else 'scan-'}{n:04d}.jpg", scan_bytes)
    return buffer.getvalue()


def _work(page: Page, number: str, items: dict[int, ItemInfo], rng: np.random.Generator) -> PageWork:
    """The student's bubbles (and 学籍号 ``number`` on a generic sheet) and the teacher's marks and points."""
    marks = {r.key: MARKS[int(rng.integers(len(MARKS)))] for r in page.items}
    bubbles = {}
    for region in page.items:
        info = items.get(int(region.key)) if region.key.isdigit() else None
        key = choice_key(info.item_type, info.answer) if info else ()
        bubbles[region.key] = _bubbles(region, key, marks[region.key] is MarkKind.TICK, rng)
    scores = {r.key: text for r in page.items if (text := _points(r, marks[r.key], rng))}
    return PageWork(bubbles, marks, scores, student_number=number)


def _degradation(rng: np.random.Generator, grey: bool, phone: bool) -> Degradation:
    if phone:  # held by hand over a desk: tilted, in perspective, shaded, the page bowed
        return Degradation(angle=float(rng.uniform(-8, 8)), jpeg_quality=85, light=0.1, noise=2.0, grey=grey,
                           perspective=float(rng.uniform(0.02, 0.05)), shadow=float(rng.uniform(0.1, 0.3)),
                           curve=float(rng.uniform(0.5, 3.5)), background=int(rng.integers(90, 170)))
    return Degradation(angle=float(rng.choice([0.0, 180.0]) + rng.uniform(-3, 3)), jpeg_quality=85, light=0.1,
                       noise=2.0, grey=grey)


def _jpeg(image: np.ndarray) -> bytes:
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()
