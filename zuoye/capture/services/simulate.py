"""Scans for the demo: a class's printed sheets filled in, graded in red and scanned, as a ZIP.

``zuoye scan --simulate ASSIGNMENT --out scans.zip`` lets a demo (or a person trying the
upload page) go from "print the sheets" to "upload the scanner's output" without paper: each
student's pages of the newest personal sheet set are drawn by the scan core's simulator with
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
    """A ZIP of JPEG scans of every page of ``sheet_set``, plus one page twice and a blank back."""
    rng = np.random.default_rng(seed)
    items = BatchLookup(scope=None).items(sheet_set.assignment_id)
    images: list[np.ndarray] = []
    for sheet in layout_from_dict(sheet_set.layout).sheets:
        for page in sheet.pages:
            marks = {r.key: MARKS[int(rng.integers(len(MARKS)))] for r in page.items}
            bubbles = {}
            for region in page.items:
                info = items.get(int(region.key)) if region.key.isdigit() else None
                key = choice_key(info.item_type, info.answer) if info else ()
                bubbles[region.key] = _bubbles(region, key, marks[region.key] is MarkKind.TICK, rng)
            scores = {r.key: text for r in page.items if (text := _points(r, marks[r.key], rng))}
            drawn = page_fill(page, PageWork(bubbles, marks, scores), DPI / 25.4, rng)
            angle = float(rng.choice([0.0, 180.0]) + rng.uniform(-3, 3))
            images.append(page_degrade(drawn, Degradation(angle=angle, jpeg_quality=85, light=0.1, noise=2.0,
                                                          grey=grey), rng))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for n, image in enumerate([*images, images[0], _blank(images[0])], start=1):
            archive.writestr(f"scan-{n:04d}.jpg", cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes())
    return buffer.getvalue()


def _blank(like: np.ndarray) -> np.ndarray:
    return np.full_like(like, 250)
