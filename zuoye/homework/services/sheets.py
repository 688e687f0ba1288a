"""Printing answer sheets (答题卡) for an assignment, and keeping their geometry.

The layout core lays out and typesets; this module turns an assignment into a sheet spec
(items in order, stems converted from the bank's LaTeX subset), picks the students, and
stores the PDF with its layout JSON so a scan or a pen stroke can later be mapped back to
(assignment, student, item).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from zuoye.accounts.models import User
from zuoye.core import identity, layout
from zuoye.core.mathtext import stem_to_typst
from zuoye.homework.models import Assignment, AssignmentItem, SheetSet
from zuoye.itembank.models import Item
from zuoye.schools.models import SchoolClass, Student

_KIND = {
    Item.Type.SINGLE_CHOICE: layout.ItemKind.SINGLE_CHOICE,
    Item.Type.MULTIPLE_CHOICE: layout.ItemKind.MULTIPLE_CHOICE,
    Item.Type.TRUE_FALSE: layout.ItemKind.TRUE_FALSE,
    Item.Type.FILL_BLANK: layout.ItemKind.FILL_IN,
    Item.Type.SHORT_ANSWER: layout.ItemKind.WORKED,
}
MIN_SUFFIX_DIGITS = 4
# A worked problem's answer box grows with its estimated minutes, within these bounds (mm).
WORKED_MM_PER_MINUTE, WORKED_MIN_MM, WORKED_MAX_MM = 9.0, 30.0, 120.0


def _item_spec(link: AssignmentItem, answer_card: bool) -> layout.ItemSpec:
    item = link.item
    kind = _KIND[item.Type(item.type)]
    blanks = max(1, len(item.answer)) if kind is layout.ItemKind.FILL_IN and isinstance(item.answer, list) else 1
    height = None
    if kind is layout.ItemKind.WORKED:
        height = min(WORKED_MAX_MM, max(WORKED_MIN_MM, float(item.minutes) * WORKED_MM_PER_MINUTE))
    return layout.ItemSpec(
        key=str(link.pk), number=str(link.position), kind=kind,
        stem="" if answer_card else item.stem,
        options=() if answer_card else tuple(option["text"] for option in item.options),
        option_count=len(item.options) if kind in (layout.ItemKind.SINGLE_CHOICE, layout.ItemKind.MULTIPLE_CHOICE) else 0,
        blanks=min(blanks, 8), answer_height_mm=height, points=float(link.score or Decimal(0)),
    )


def sheet_spec(*, assignment: Assignment, school_class: SchoolClass, suffix_digits: int = 8) -> layout.SheetSpec:
    links = assignment.item_links.select_related("item").order_by("position")
    return layout.SheetSpec(
        assignment_id=assignment.pk,
        header=layout.SheetHeader(
            school=school_class.school.name, class_label=school_class.name, title=assignment.title,
            subject=assignment.subject.name, date=_chinese_date(assignment.assigned_on),
        ),
        items=tuple(_item_spec(link, assignment.answer_card_only) for link in links),
        answer_card=assignment.answer_card_only,
        student_number_digits=suffix_digits,
    )


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def printed_number(student_number: str) -> str:
    """The 学籍号 as printed on a sheet classmates may see: masked, since it holds the ID-card number.

    The QR identifies the student; the printed number only reassures the child it is theirs.
    """
    return identity.mask_id_card(student_number)


def number_key(student_number: str) -> str:
    """The digits a student fills in on a generic sheet: the 学籍号's digits, a final X dropped."""
    return "".join(ch for ch in student_number.rstrip("Xx") if ch.isdigit())


def suffix_digits_for(numbers: Sequence[str]) -> int:
    """The fewest trailing digits (at least four) that tell every student of the class apart."""
    keys = [number_key(n) for n in numbers]
    longest = max((len(k) for k in keys), default=MIN_SUFFIX_DIGITS)
    for digits in range(MIN_SUFFIX_DIGITS, longest + 1):
        if len({k[-digits:] for k in keys}) == len(keys):
            return digits
    return longest


def _convert(grade: int) -> layout.MarkupConverter:
    return (lambda s: stem_to_typst(s, full_size_fractions=True)) if grade <= 6 else stem_to_typst


@transaction.atomic
def sheets_print(
    *, assignment: Assignment, school_class: SchoolClass, actor: User | None,
    students: Sequence[Student] | None = None, generic: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> SheetSet:
    """Personal sheets for ``students`` (default: the whole class), or one generic class sheet.

    ``progress(done, total, message)`` hears of the three steps (spec, typesetting, storing),
    for a background job's progress bar.
    """
    report = progress or (lambda done, total, message: None)
    if not assignment.class_links.filter(school_class=school_class).exists():
        raise ValueError(f"{assignment} is not set for {school_class}")
    class_students = list(
        Student.objects.filter(current_class=school_class, is_active=True).select_related("user").order_by("student_number")
    )
    chosen = [] if generic else list(students if students is not None else class_students)
    if not generic and not chosen:
        raise ValueError(f"{school_class} has no students to print sheets for")
    if any(student.current_class_id != school_class.pk for student in chosen):
        raise ValueError(f"only students of {school_class} can get its sheets")
    digits = suffix_digits_for([s.student_number for s in class_students]) if generic else 0
    spec = sheet_spec(assignment=assignment, school_class=school_class, suffix_digits=digits or 8)
    refs: list[layout.StudentRef | None] = (
        [None] if generic else [layout.StudentRef(s.pk, s.user.full_name, printed_number(s.student_number)) for s in chosen]
    )
    report(1, 3, "typesetting")
    printed = layout.sheets_build(spec, refs, convert=_convert(school_class.grade))
    report(2, 3, "storing")
    sheet_set = SheetSet(
        assignment=assignment, school_class=school_class,
        kind=SheetSet.Kind.GENERIC if generic else SheetSet.Kind.PERSONAL,
        student_ids=[s.pk for s in chosen], number_suffix_digits=digits,
        pages=sum(len(sheet.pages) for sheet in printed.layout.sheets),
        layout=json.loads(layout.layout_to_json(printed.layout)), created_by=actor,
    )
    sheet_set.pdf.save(f"assignment-{assignment.pk}-{school_class.pk}.pdf", ContentFile(printed.pdf), save=False)
    sheet_set.save()
    report(3, 3, "done")
    return sheet_set
