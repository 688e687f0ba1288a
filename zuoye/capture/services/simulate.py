"""Scans for the demo: a class's printed sheets filled in, graded in red and scanned, as a ZIP.

``zuoye scan --simulate ASSIGNMENT --out scans.zip`` lets a demo (or a person trying the
upload page) go from "print the sheets" to "upload the scanner's output" without paper: the
newest personal sheet set's PDF is rasterised at 200 dpi (the printed sheets), and on each
student's pages the scan core's simulator draws
choices bubbled (mostly the key), the teacher's marks as FIELD-NOTES describes them (ticks three
times in four, crosses, half ticks, circles), the points written in each score box (full marks
under a tick, points off under a half tick, 0 under a cross or circle) and a scanner's mild
degradation — in colour, or ``grey`` as a scanner set to greyscale; then one page again
(scanned twice) and a blank back, as real batches have.
"""

from __future__ import annotations

import io
import zipfile

import cv2
import numpy as np

from zuoye.capture.services.files import pdf_rasters
from zuoye.capture.services.lookup import BatchLookup
from zuoye.core.layout import ItemRegion
from zuoye.core.layout.contract import layout_from_dict
from zuoye.core.outcomes import choice_key
from zuoye.core.scan.report import BubbleState, MarkKind
from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_fill
from zuoye.homework.models import SheetSet

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


def scans_simulate(*, sheet_set: SheetSet, seed: int = 0, grey: bool = False) -> bytes:
    """A ZIP of JPEG scans of every page of ``sheet_set``, plus one page twice and a blank back.
    Raises ValueError when the sheet set's PDF does not give a page for every page of its layout."""
    rng = np.random.default_rng(seed)
    items = BatchLookup(scope=None).items(sheet_set.assignment_id)
    pages = [page for sheet in layout_from_dict(sheet_set.layout).sheets for page in sheet.pages]
    with sheet_set.pdf.open("rb") as handle:
        data = handle.read()
    scans: list[bytes] = []
    for page, printed in zip(pages, pdf_rasters(data, DPI), strict=False):  # one page in memory at a time
        if printed is None:
            raise ValueError(f"sheet set {sheet_set.pk}: page {len(scans) + 1} of its PDF did not rasterise")
        marks = {r.key: MARKS[int(rng.integers(len(MARKS)))] for r in page.items}
        bubbles = {}
        for region in page.items:
            info = items.get(int(region.key)) if region.key.isdigit() else None
            key = choice_key(info.item_type, info.answer) if info else ()
            bubbles[region.key] = _bubbles(region, key, marks[region.key] is MarkKind.TICK, rng)
        scores = {r.key: text for r in page.items if (text := _points(r, marks[r.key], rng))}
        drawn = page_fill(page, PageWork(bubbles, marks, scores), DPI / 25.4, rng, printed)
        angle = float(rng.choice([0.0, 180.0]) + rng.uniform(-3, 3))
        scan = page_degrade(drawn, Degradation(angle=angle, jpeg_quality=85, light=0.1, noise=2.0, grey=grey), rng)
        scans.append(_jpeg(scan))
        shape = scan.shape
    if not scans or len(scans) != len(pages):
        raise ValueError(f"sheet set {sheet_set.pk}: its PDF has {len(scans)} pages, its layout {len(pages)}")
    blank = _jpeg(np.full(shape, 250, np.uint8))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for n, scan_bytes in enumerate([*scans, scans[0], blank], start=1):
            archive.writestr(f"scan-{n:04d}.jpg", scan_bytes)
    return buffer.getvalue()


def _jpeg(image: np.ndarray) -> bytes:
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()
