"""Page addresses for sheets printed on dot-pattern paper.

A pen knows nothing but the Ncode address printed in the paper's dot pattern. When a teacher
prints a sheet set "on dot-pattern paper", every page of it takes the next free address of
one of the school's paper batches, in print order: the paper goes into the printer in page
order, and page k of the PDF lands on address ``first + k``. Each address is recorded with
the page's place in the stored layout, its assignment and its student, so a dot maps to
(assignment, student, page) and, through ``ncode_to_mm``, to millimetres on that layout.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from zuoye.accounts.models import User
from zuoye.core.ink import NcodeAddress
from zuoye.homework.models import SheetSet
from zuoye.pens.models import PaperBatch, PenPage, PenPrint


def batch_address(batch: PaperBatch, page: int) -> NcodeAddress:
    return NcodeAddress(batch.section, batch.owner, batch.book, page)


@transaction.atomic
def pen_print_create(*, sheet_set: SheetSet, batch: PaperBatch, actor: User | None) -> PenPrint:
    """Give every page of ``sheet_set`` the next free address of ``batch`` (all or nothing)."""
    batch = PaperBatch.objects.select_for_update().get(pk=batch.pk)
    school_id = sheet_set.school_class.school_id
    if batch.school_id != school_id:
        raise ValidationError(f"paper batch {batch} belongs to another school")
    if sheet_set.kind != SheetSet.Kind.PERSONAL:
        raise ValidationError("a generic class sheet names no student, so a pen cannot tell whose page it is: "
                              "print personal sheets on dot-pattern paper")
    sheets = sheet_set.layout.get("sheets", [])
    pages = [(sheet["student_id"], n) for sheet in sheets for n in range(1, len(sheet["pages"]) + 1)]
    if len(pages) > batch.free:
        raise ValidationError(f"paper batch {batch} has {batch.free} free pages; the sheets need {len(pages)}")
    first = batch.first_page + batch.used
    pen_print = PenPrint.objects.create(sheet_set=sheet_set, batch=batch, first_page=first, page_count=len(pages),
                                        created_by=actor)
    PenPage.objects.bulk_create([
        PenPage(address=str(batch_address(batch, first + k)), pen_print=pen_print, sheet_set=sheet_set, page_index=k,
                sheet_page=sheet_page, assignment_id=sheet_set.assignment_id, student_id=student_id)
        for k, (student_id, sheet_page) in enumerate(pages)])
    batch.used += len(pages)
    batch.save(update_fields=["used"])
    return pen_print


@transaction.atomic
def page_assign(*, address: str, sheet_set: SheetSet, page_number: int) -> PenPage:
    """Give an unknown address by hand to page ``page_number`` (1-based, PDF order) of ``sheet_set``.

    For paper a pen wrote on before its printing was recorded (or printed outside the system).
    The caller then reads the page (``reading.pages_read``)."""
    if PenPage.objects.filter(address=address).exists():
        raise ValidationError(f"page address {address} already belongs to a printed page")
    if sheet_set.kind != SheetSet.Kind.PERSONAL:
        raise ValidationError("only personal sheets can be read with a pen")
    pages = [(sheet["student_id"], n) for sheet in sheet_set.layout.get("sheets", [])
             for n in range(1, len(sheet["pages"]) + 1)]
    if not 1 <= page_number <= len(pages):
        raise ValidationError(f"the printing has pages 1 to {len(pages)}, not {page_number}")
    student_id, sheet_page = pages[page_number - 1]
    return PenPage.objects.create(address=address, pen_print=None, sheet_set=sheet_set, page_index=page_number - 1,
                                  sheet_page=sheet_page, assignment_id=sheet_set.assignment_id, student_id=student_id)
