"""Which printed page a QR names, from the sheet sets stored by homework: one lookup per batch.

The scan core asks ``lookup(address) -> Page | None`` for every page. This answers from the
``SheetSet`` layouts of the QR's assignment, loaded once per assignment per batch (so a
500-page batch of one class costs a handful of queries, not one per page), and only from
sheets the batch's owner may record results for (``homework.selectors.may_print``: the
teacher who set the homework, the head teacher, the school's staff). When it answers None,
``why(address)`` says why, in words a teacher can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zuoye.core.layout import Page, PageAddress
from zuoye.core.layout.contract import LayoutJsonError, layout_from_dict
from zuoye.homework import selectors as homework
from zuoye.homework.models import Assignment, SheetSet
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


@dataclass
class _Known:
    pages: dict[tuple[int, int], Page]  # (student id or 0 for generic, page number) -> page
    items: dict[int, ItemInfo]
    refused: str = ""


class BatchLookup:
    """A ``PageLookup`` over stored layouts, cached per assignment.

    ``scope`` None: no scoping (the command line run by an operator). ``student_id``: only
    that student's pages (a child's phone photos).
    """

    def __init__(self, *, scope: Scope | None, student_id: int | None = None) -> None:
        self.scope, self.student_id = scope, student_id
        self._known: dict[int, _Known] = {}
        self._numbers: dict[int, list[tuple[int, str]]] = {}

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
        for stored in sets:  # newest first: a reprint's layout wins over an older one's
            try:
                layout = layout_from_dict(stored.layout)
            except LayoutJsonError:
                continue
            for sheet in layout.sheets:
                for page in sheet.pages:
                    pages.setdefault((sheet.student_id, page.number), page)
        items = {link.pk: ItemInfo(link.pk, link.position, link.item.type, link.item.answer, link.score or Decimal(1))
                 for link in assignment.item_links.select_related("item")}
        return _Known(pages, items, "" if pages else f"no answer sheets were printed for assignment {assignment_id}")

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

    def students_ending(self, assignment_id: int, digits: str) -> list[int]:
        """Students of the assignment's classes whose 学籍号 ends with ``digits`` (a generic sheet's
        grid). Loaded once per assignment, so a stack of generic sheets costs one query."""
        if assignment_id not in self._numbers:
            classes = Assignment.classes.through.objects.filter(assignment_id=assignment_id).values_list(
                "school_class_id", flat=True)
            self._numbers[assignment_id] = list(Student.objects.filter(
                current_class_id__in=list(classes), is_active=True).values_list("pk", "student_number"))
        return [pk for pk, number in self._numbers[assignment_id] if digits and number.endswith(digits)]

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
