"""Which printed page a QR names, from the sheet sets stored by homework: one lookup per batch.

The scan core asks ``lookup(address) -> Page | None`` for every page. This answers from the
``SheetSet`` layouts of the QR's assignment, loaded once per assignment per batch (so a
500-page batch of one class costs a handful of queries, not one per page), and only from
sheets the batch's owner may record results for (``homework.selectors.may_print``: the
teacher who set the homework, the head teacher, the school's staff). When it answers None,
``why(address)`` says why, in words a teacher can act on.

The core also asks where the page's print is (``printed``: the letters in the bubbles, and on
greyscale scans all the print, which is as grey as red pen there). The sheet PDF is
rasterised at twice the reading scale, ``PRINT_CHUNK`` pages at a time, when a page of the chunk
first turns up (about 50-80 ms a page), and the packed print masks (an eighth of a byte a
pixel) are kept beside the PDF in storage: later batches of the same sheets load them.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.core.files.base import ContentFile

from zuoye.core.pdf_raster import PdfUnreadable, pdf_rasters
from zuoye.core.layout import Page, PageAddress
from zuoye.core.layout.contract import LayoutJsonError, layout_from_dict
from zuoye.core.scan import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.redpen import Mask, print_mask
from zuoye.homework import selectors as homework
from zuoye.homework.models import Assignment, SheetSet
from zuoye.homework.services.sheets import number_key
from zuoye.schools.access import Scope
from zuoye.schools.models import Student


@dataclass(frozen=True)
class ItemInfo:
    """What outcome rules need of an assignment item: its kind, key and full score."""

    link_id: int
    position: int
    item_type: str
    answer: object
    full_score: Decimal


log = logging.getLogger(__name__)
PRINT_CHUNK = 16
"""Sheet PDF pages rasterised at a time for print masks (pdftoppm costs ~40 ms to start)."""
PRINT_CACHE = "print-v1"
"""Names the stored print masks of a sheet set (beside its PDF); a change of how masks are made
changes the name."""
PRINT_FINER = 2
"""...at this many times the reading scale (``print_mask``: small text needs the finer pixels)."""
Packed = tuple[np.ndarray, tuple[int, int]]


@dataclass
class _Known:
    pages: dict[tuple[int, int], Page]  # (student id or 0 for generic, page number) -> page
    items: dict[int, ItemInfo]
    refused: str = ""
    printed_at: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """(student id or 0, page number) -> (sheet set id, index of the page in its PDF)."""
    print_order: dict[int, list[Page]] = field(default_factory=dict)
    """Sheet set id -> its pages in PDF order."""


class BatchLookup:
    """A ``PageLookup`` over stored layouts, cached per assignment.

    ``scope`` None: no scoping (the command line run by an operator). ``student_id``: only
    that student's pages (a child's phone photos).
    """

    def __init__(self, *, scope: Scope | None, student_id: int | None = None,
                 config: ScanConfig = DEFAULT_SCAN_CONFIG) -> None:
        self.scope, self.student_id, self.config = scope, student_id, config
        self._known: dict[int, _Known] = {}
        self._numbers: dict[int, list[tuple[int, str]]] = {}
        self._prints: dict[tuple[int, int], Packed | None] = {}  # (sheet set id, PDF index) -> mask
        self._sheet_sets: dict[int, SheetSet | None] = {}

    def _load(self, assignment_id: int) -> _Known:
        assignment = Assignment.objects.filter(pk=assignment_id).select_related("teacher").first()
        if assignment is None:
            return _Known({}, {}, f"unknown assignment {assignment_id} (deleted, or a sheet from another system)")
        sets = list(SheetSet.objects.filter(assignment=assignment).select_related("school_class").order_by("-created_at"))
        if self.scope is not None:
            sets = [s for s in sets if homework.may_print(self.scope, assignment, s.school_class)]
            if not sets:
                return _Known({}, {}, f"assignment {assignment_id} “{assignment.title}” is not one you may record "
                                      "results for")
        pages: dict[tuple[int, int], Page] = {}
        printed_at: dict[tuple[int, int], tuple[int, int]] = {}
        print_order: dict[int, list[Page]] = {}
        for stored in sets:  # newest first: a reprint's layout wins over an older one's
            self._sheet_sets[stored.pk] = stored  # its PDF, for the print masks, without asking again
            try:
                layout = layout_from_dict(stored.layout)
            except LayoutJsonError:
                continue
            print_order[stored.pk] = [page for sheet in layout.sheets for page in sheet.pages]
            index = 0
            for sheet in layout.sheets:
                for page in sheet.pages:  # the PDF holds the pages in this order (``sheet_set_typst``)
                    if (sheet.student_id, page.number) not in pages:
                        pages[sheet.student_id, page.number] = page
                        printed_at[sheet.student_id, page.number] = (stored.pk, index)
                    index += 1
        items = {link.pk: ItemInfo(link.pk, link.position, link.item.type, link.item.answer, link.score or Decimal(1))
                 for link in assignment.item_links.select_related("item")}
        return _Known(pages, items, "" if pages else f"no answer sheets were printed for assignment {assignment_id}",
                      printed_at, print_order)

    def known(self, assignment_id: int) -> _Known:
        if assignment_id not in self._known:
            self._known[assignment_id] = self._load(assignment_id)
        return self._known[assignment_id]

    def __call__(self, address: PageAddress) -> Page | None:
        if address.generic:  # the class's generic sheet: the student is read from its 学籍号 grid
            return self.known(address.assignment_id).pages.get((0, address.page))
        if self.student_id is not None and address.student_id != self.student_id:
            return None
        return self.known(address.assignment_id).pages.get((address.student_id, address.page))

    def printed(self, address: PageAddress) -> Mask | None:
        """Where the page's sheet PDF prints ink (``core.scan.redpen.print_mask``); None when the
        PDF is missing or unreadable (the reader then masks the layout's boxes only)."""
        printed_at = self.known(address.assignment_id).printed_at
        student = 0 if address.generic else address.student_id
        at = printed_at.get((student, address.page)) or printed_at.get((0, address.page))  # as ``page_for``
        if at is None:
            return None
        if at not in self._prints:
            self._print_chunk(*at, self.known(address.assignment_id).print_order.get(at[0], []))
        packed = self._prints.get(at)
        if packed is None:
            return None
        bits, shape = packed
        return np.asarray(np.unpackbits(bits, count=shape[0] * shape[1]).reshape(shape) * 255, np.uint8)

    def _print_chunk(self, sheet_set_id: int, index: int, pages: list[Page]) -> None:
        """The print masks of the ``PRINT_CHUNK`` pages round ``index``: from the sheet set's cache
        file in storage, or rasterised from its PDF and written there (a sheet set's PDF never
        changes; a reprint is a new sheet set). Every page of the chunk is answered, None where
        there is no print to give."""
        first = index - index % PRINT_CHUNK
        last = min(len(pages), first + PRINT_CHUNK)
        self._prints.update({(sheet_set_id, i): None for i in range(first, last)})
        stored = self._sheet_set(sheet_set_id)
        if stored is None or not stored.pdf:
            return
        name = f"{stored.pdf.name}.{PRINT_CACHE}-{self.config.px_per_mm:g}-{self.config.print_template_level}/{first:05d}.npz"
        masks = self._chunk_cached(stored, name)
        if masks is None:
            masks = self._chunk_rasterised(stored, first, last, pages)
            if masks:
                self._chunk_keep(stored, name, masks)
        for i, packed in enumerate(masks or [], start=first):
            self._prints[sheet_set_id, i] = packed

    def _chunk_rasterised(self, stored: SheetSet, first: int, last: int, pages: list[Page]) -> list[Packed | None]:
        try:
            with stored.pdf.open("rb") as handle:
                data = handle.read()
            rasters = pdf_rasters(data, PRINT_FINER * self.config.px_per_mm * 25.4, gray=True, pages=(first + 1, last))
            masks: list[Packed | None] = []
            for i, raster in zip(range(first, last), rasters, strict=False):
                mask = None if raster is None else print_mask(raster, pages[i], self.config)
                masks.append(None if mask is None else (np.packbits(mask > 0), (mask.shape[0], mask.shape[1])))
            return masks
        except (OSError, PdfUnreadable) as exc:
            log.warning("sheet set %s: its PDF is missing or did not rasterise for print masks: %s", stored.pk, exc)
            return []

    @staticmethod
    def _chunk_cached(stored: SheetSet, name: str) -> list[Packed | None] | None:
        storage = stored.pdf.storage
        try:
            if not storage.exists(name):
                return None
            with storage.open(name, "rb") as handle, np.load(io.BytesIO(handle.read())) as saved:
                return [(saved[f"bits{i}"], (int(saved[f"shape{i}"][0]), int(saved[f"shape{i}"][1])))
                        if f"bits{i}" in saved else None for i in range(int(saved["count"]))]
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:  # a damaged cache file is made again
            log.warning("print masks %s unreadable, made again: %s", name, exc)
            return None

    @staticmethod
    def _chunk_keep(stored: SheetSet, name: str, masks: list[Packed | None]) -> None:
        arrays: dict[str, np.ndarray] = {"count": np.array(len(masks))}
        for i, packed in enumerate(masks):
            if packed is not None:
                arrays[f"bits{i}"], arrays[f"shape{i}"] = packed[0], np.array(packed[1])
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)  # type: ignore[arg-type]
        try:
            stored.pdf.storage.save(name, ContentFile(buffer.getvalue()))
        except OSError as exc:  # the masks still serve this batch
            log.warning("print masks %s not kept: %s", name, exc)

    def _sheet_set(self, sheet_set_id: int) -> SheetSet | None:
        if sheet_set_id not in self._sheet_sets:
            self._sheet_sets[sheet_set_id] = SheetSet.objects.filter(pk=sheet_set_id).only("pdf").first()
        return self._sheet_sets[sheet_set_id]

    def students_ending(self, assignment_id: int, digits: str) -> list[int]:
        """Students of the assignment's classes whose 学籍号 ends with ``digits`` (a generic sheet's
        grid; ``?``, a column not read, stands for any digit), as the sheet asks for it to be
        filled in (``number_key``: the digits, a final X dropped). Loaded once per assignment, so
        a stack of generic sheets costs one query."""
        if assignment_id not in self._numbers:
            classes = Assignment.classes.through.objects.filter(assignment_id=assignment_id).values_list(
                "school_class_id", flat=True)
            self._numbers[assignment_id] = list(Student.objects.filter(
                current_class_id__in=list(classes), is_active=True).values_list("pk", "student_number"))
        return [pk for pk, number in self._numbers[assignment_id]
                if digits and _ends_like(number_key(number), digits)]

    def allows(self, assignment_id: int | None, student_id: int | None, number: int | None) -> bool:
        """Would this lookup read a page with this identity (scope and child included)?"""
        if assignment_id is None or student_id is None or number is None:
            return False
        if self.student_id is not None and student_id != self.student_id:
            return False
        known = self.known(assignment_id)
        return not known.refused and (student_id, number) in known.pages

    def page_for(self, assignment_id: int, student_id: int, number: int) -> Page | None:
        """A page by hand: the student's own sheet, or else the class's generic sheet."""
        pages = self.known(assignment_id).pages
        return pages.get((student_id, number)) or pages.get((0, number))

    def items(self, assignment_id: int) -> dict[int, ItemInfo]:
        return self.known(assignment_id).items

    def why(self, address: PageAddress) -> str:
        """Why ``address`` has no page, for the quarantine list."""
        if self.student_id is not None and address.student_id != self.student_id:
            return f"this page belongs to another student (student {address.student_id})"
        known = self.known(address.assignment_id)
        if known.refused:
            return known.refused
        if address.generic:
            return (f"no generic class sheet was printed for page {address.page} of assignment "
                    f"{address.assignment_id}; assign the page to a student by hand")
        return (f"no printed sheet for student {address.student_id}, page {address.page} "
                f"of assignment {address.assignment_id}")


def _ends_like(number: str, digits: str) -> bool:
    tail = number[-len(digits):]
    return len(tail) == len(digits) and all(d in ("?", n) for d, n in zip(digits, tail, strict=True))
