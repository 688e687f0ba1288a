"""A quarantined page given its identity by hand: read again as (assignment, student, sheet page).

Pages land in quarantine when their QR names no student (a generic class sheet), names an
assignment the reader could not find, or cannot be read at all. A teacher who recognises the
page picks the homework, the student and the page number; the page is decoded again from the
kept upload and read with that identity. When its QR is readable the scan core aligns it as
usual (the lookup simply answers with the chosen page). When it is not, the four solid
alignment squares alone place the page: the outermost solid squares are matched to the
layout's corners, upright or upside down: whichever puts the scan's ink where the printed
page has ink (boxes, bubbles, header, QR).
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from zuoye.accounts.models import User
from zuoye.capture.models import ReviewItem, ScanBatch, ScannedPage
from zuoye.capture.services.files import file_pages
from zuoye.capture.services.lookup import BatchLookup, ItemInfo
from zuoye.capture.services.reading import (
    PageReading, batch_finish, page_reading, reading_store, readings_of, response_source,
)
from zuoye.core.layout import Page, PageAddress
from zuoye.core.scan.align import PageGeometry, page_rectify
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.decode import grey
from zuoye.core.scan.pipeline import PageResult, PageStatus, items_read
from zuoye.core.scan.redpen import Mask
from zuoye.core.scan.report import Image, StageReport
from zuoye.core.scan.simulate import page_draw
from zuoye.homework.models import Assignment
from zuoye.schools.models import Student

SQUARE_FILL_MIN = 0.85
"""A solid alignment square is nearly all ink; a QR finder pattern is about two thirds."""


class AssignRefused(ValueError):
    """The identity given by hand does not fit: the message says what."""


def _squares(gray: Image, side_px: float) -> np.ndarray:
    _, dark = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    for contour in contours:
        area = cv2.contourArea(contour)
        (cx, cy), (w, h), _ = cv2.minAreaRect(contour)
        if (0.5 * side_px) ** 2 <= area <= (1.6 * side_px) ** 2 and min(w, h) > 0 and max(w, h) / min(w, h) < 1.4 \
                and area / (w * h) >= SQUARE_FILL_MIN:
            found.append((cx, cy))
    return np.array(found, np.float64).reshape(-1, 2)


def _outer_four(points: np.ndarray) -> np.ndarray | None:
    """Top-left, top-right, bottom-right, bottom-left of the image among the candidates."""
    if len(points) < 4:
        return None
    s, d = points.sum(axis=1), points[:, 0] - points[:, 1]
    return np.array([points[np.argmin(s)], points[np.argmax(d)], points[np.argmax(s)], points[np.argmin(d)]])


def geometry_by_marks(image: Image, page: Page, config: ScanConfig = DEFAULT_SCAN_CONFIG,
                      printed: Mask | None = None) -> PageGeometry | None:
    """The page's homography from its four alignment squares alone (no QR), or None. Which way
    up is the one that puts the scan's ink on the print: the sheet's real print (``printed``,
    ``BatchLookup.printed``) when there is one, else the page drawn from its layout."""
    gray = grey(image)
    scale = max(gray.shape) / max(page.width, page.height)
    corners = _outer_four(_squares(gray, float(np.mean([m.rect.w for m in page.marks])) * scale))
    if corners is None:
        return None
    order = {"tl": 0, "tr": 1, "br": 2, "bl": 3}
    src = np.float32([page_mark.rect.centre for page_mark in sorted(page.marks, key=lambda m: order[m.corner.value])])
    template = _template(page, config, printed)
    best: tuple[float, PageGeometry] | None = None
    for turn in (0, 2):  # upright, upside down
        dst = np.float32(np.roll(corners, -turn, axis=0))
        homography = np.asarray(cv2.getPerspectiveTransform(src, dst), np.float64)
        geometry = PageGeometry(homography, scale, 0.0)
        dark = grey(page_rectify(gray, page, geometry, config)) < 128
        fit = float(template[dark].mean()) if dark.any() else 0.0
        if best is None or fit > best[0]:
            best = (fit, geometry)
    return best[1] if best else None


def _template(page: Page, config: ScanConfig, printed: Mask | None = None) -> np.ndarray:
    """Where the printed page has ink (widened a little): the right way up puts the scan's ink there."""
    inked = printed > 0 if printed is not None else grey(page_draw(page, config.px_per_mm, np.random.default_rng(0))) < 128
    return np.asarray(cv2.dilate(inked.astype(np.uint8), np.ones((7, 7), np.uint8)) > 0)


class _Forced:
    """A lookup that answers every QR with the page chosen by hand, and every 学籍号 grid with the
    student chosen (the teacher's word over what the grid says)."""

    def __init__(self, page: Page, address: PageAddress, lookup: BatchLookup) -> None:
        self.page, self.address, self.assignment_id, self.lookup = page, address, address.assignment_id, lookup
        self.student_id = address.student_id

    def students_ending(self, assignment_id: int, digits: str) -> list[int]:
        return [self.student_id]

    def __call__(self, address: PageAddress) -> Page:
        return self.page

    def printed(self, address: PageAddress) -> Mask | None:
        return self.lookup.printed(self.address)

    def items(self, assignment_id: int) -> dict[int, ItemInfo]:
        return self.lookup.items(self.assignment_id)

    def why(self, address: PageAddress) -> str:
        return ""


def _read_by_hand(image: Image, page: Page, address: PageAddress, lookup: BatchLookup, *, kind: str,
                  evidence: str, config: ScanConfig) -> PageReading:
    """With the QR when it reads, else by the four squares alone."""
    forced = _Forced(page, address, lookup)
    reading = page_reading(image, forced, kind=kind, evidence=evidence, config=config)  # type: ignore[arg-type]
    if reading.status == ScannedPage.Status.READ:
        return reading
    printed = lookup.printed(address)
    geometry = geometry_by_marks(image, page, config, printed)
    if geometry is None:
        return PageReading(ScannedPage.Status.QUARANTINED, "the four alignment squares could not be found")
    flat = page_rectify(image, page, geometry, config)
    result = PageResult(PageStatus.READ, "ok", address, items_read(flat, page, config, printed),
                        (StageReport("align", True, 1.0, "by hand: four squares, no QR"),))
    return readings_of(result, page, flat, student_id=address.student_id, items=lookup.items(address.assignment_id),
                       kind=kind, evidence=evidence, config=config)


def _image_of(scanned: ScannedPage) -> Image:
    data = scanned.upload.file.open("rb").read()
    scanned.upload.file.close()
    for source in file_pages(scanned.upload.name, data):
        if source.member == scanned.member and source.number == scanned.page_number and source.image is not None:
            return source.image
    raise AssignRefused("this page cannot be decoded from its file")


def page_assign(*, scanned: ScannedPage, assignment: Assignment, student: Student, sheet_page: int,
                actor: User | None, lookup: BatchLookup, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> ScannedPage:
    """Read a quarantined page again as ``student``'s ``sheet_page`` of ``assignment``."""
    if scanned.status not in (ScannedPage.Status.QUARANTINED, ScannedPage.Status.BLANK):
        raise AssignRefused("only a quarantined or blank page can be assigned by hand")
    page = lookup.page_for(assignment.pk, student.pk, sheet_page)
    if page is None:
        raise AssignRefused(lookup.known(assignment.pk).refused or
                            f"no sheet page {sheet_page} was printed for this homework and student")
    address = PageAddress(assignment.pk, student.pk, sheet_page, page.of)
    batch = scanned.batch
    kind = ReviewItem.Kind.PHOTO if batch.source == ScanBatch.Source.PHOTO else ReviewItem.Kind.SCAN
    reading = _read_by_hand(_image_of(scanned), page, address, lookup, kind=kind,
                            evidence=f"scan-page:{scanned.pk}", config=config)
    if reading.status == ScannedPage.Status.READ:
        reading = replace(reading, assignment_id=assignment.pk, student_id=student.pk, sheet_page=sheet_page)
        reading.responses = [replace(r, student_id=student.pk) for r in reading.responses]
        reading.reviews = [replace(r, student_id=student.pk, dedupe_key=f"{kind}:{r.assignment_item_id}:{student.pk}")
                           for r in reading.reviews]
    else:
        raise AssignRefused(f"the page still cannot be read: {reading.reason}")
    recorded, review = reading_store(reading, scanned, source=response_source(batch), actor=actor)
    scanned.assigned_by = actor
    scanned.save()
    batch_finish(batch=batch, recorded=batch.recorded + recorded, review=batch.review + review)
    return scanned
