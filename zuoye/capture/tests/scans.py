"""Printed homework and simulated scans of it, for capture's tests.

``printed`` publishes Wang's homework for 七年级(1)班 and prints personal sheets through
homework's own ``sheets_print`` (the real layout stored on a ``SheetSet``); ``scan`` draws a
page of one student's sheet with the scan core's simulator (the student's bubbles, the
teacher's red marks) and returns it as an image file's bytes, as a scanner would send it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import cv2
import numpy as np

from zuoye.core.pdf_raster import pdf_rasters
from zuoye.core.layout import Page
from zuoye.core.layout.contract import layout_from_dict
from zuoye.core.scan.report import BubbleState, MarkKind
from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_fill
from zuoye.homework.models import Assignment, SheetSet
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.services.sheets import sheets_print
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank
from zuoye.schools.tests.personas import County

MARKS = (MarkKind.TICK,)
"""Ticks: the commonest mark (FIELD-NOTES) and the one the core reads surely at every seed tried."""
OUTCOME = {MarkKind.TICK: "right", MarkKind.CROSS: "wrong", MarkKind.HALF: "partial", MarkKind.CIRCLE: "wrong"}


@dataclass(frozen=True)
class Printed:
    assignment: Assignment
    sheet_set: SheetSet

    def page(self, student_id: int, number: int = 1) -> Page:
        layout = layout_from_dict(self.sheet_set.layout)
        sheet = next(s for s in layout.sheets if s.student_id == student_id)
        return sheet.pages[number - 1]

    def link_ids(self) -> list[int]:
        return list(self.assignment.item_links.order_by("position").values_list("pk", flat=True))


def printed(county: County, *, items: int = 3, students: list | None = None, generic: bool = False) -> Printed:
    bank = small_bank(per_template=1)[:items]
    assignment = homework(county, county.class_7_1, items=bank)
    assignment_publish(assignment=assignment, actor=county.teacher_wang)
    chosen = students if students is not None else [county.student_zhang]
    sheet_set = sheets_print(assignment=assignment, school_class=county.class_7_1, actor=county.teacher_wang,
                             students=None if generic else chosen, generic=generic)
    return Printed(assignment, sheet_set)


def marks_for(page: Page, kinds: tuple[MarkKind, ...] = MARKS) -> dict[str, MarkKind]:
    return {item.key: kinds[n % len(kinds)] for n, item in enumerate(page.items)}


def print_raster(p: Printed, number: int = 1, dpi: float = 200) -> np.ndarray:
    """Page ``number`` of the stored sheet PDF, as it comes out of the printer (BGR)."""
    with p.sheet_set.pdf.open("rb") as handle:
        image = next(pdf_rasters(handle.read(), dpi, pages=(number, number)))
    assert image is not None
    return image


def scan_image(page: Page, marks: dict[str, MarkKind], *, seed: int = 1, dpi: float = 200, angle: float = 0.0,
               bubbles: dict[str, dict[str, BubbleState]] | None = None) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = page_fill(page, PageWork(bubbles or {}, marks), dpi / 25.4, rng)
    return page_degrade(image, Degradation(angle=angle), rng)


def encode(image: np.ndarray, suffix: str = ".png") -> bytes:
    ok, data = cv2.imencode(suffix, image, [cv2.IMWRITE_JPEG_QUALITY, 90] if suffix == ".jpg" else [])
    assert ok
    return data.tobytes()


def tiff(images: list[np.ndarray]) -> bytes:
    ok, data = cv2.imencodemulti(".tiff", images)
    assert ok
    return data.tobytes()


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def blank_page(dpi: float = 200) -> bytes:
    size = (round(297 * dpi / 25.4), round(210 * dpi / 25.4))
    return encode(np.full((*size, 3), 255, np.uint8))
