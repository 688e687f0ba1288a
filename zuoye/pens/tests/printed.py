"""Test set-up: Wang's homework for 七年级(1)班 printed on dot-pattern paper, with registered pens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zuoye.accounts.services import user_create
from zuoye.core.ink import NcodeAddress
from zuoye.core.layout import Page
from zuoye.homework.models import Assignment, SheetSet
from zuoye.homework.services.sheets import sheets_print
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank
from zuoye.pens.models import Gateway, PaperBatch, Pen, PenPage
from zuoye.pens.services.addresses import pen_print_create
from zuoye.pens.services.reading import layout_pages, parse_address
from zuoye.pens.services.registry import gateway_create, paper_batch_create, pen_register
from zuoye.schools.models import Student
from zuoye.schools.services import student_move
from zuoye.schools.tests.personas import PASSWORD, County

TEACHER_PEN = "NWP-F130-T0001"


@dataclass
class Printed:
    assignment: Assignment
    sheet_set: SheetSet
    batch: PaperBatch
    pen: Pen
    gateway: Gateway
    token: str
    pen_pages: list[PenPage]

    @property
    def pages(self) -> dict[NcodeAddress, Page]:
        return {parse_address(a): page for a, page in layout_pages(self.pen_pages).items()}


def classmates(county: County, count: int) -> None:
    """``count`` more students in 七年级(1)班 (the test county has one), so a class session has pages."""
    for n in range(count):
        user = user_create(username=f"s_pen_{n}", full_name=f"学生{n + 1:02d}", password=PASSWORD)
        student = Student.objects.create(user=user, school=county.school, student_number=f"G36073120130201{n:04d}",
                                         gender="F")
        student_move(student=student, to_class=county.class_7_1, on=date(2026, 9, 1), source="test")


def printed(county: County, *, per_template: int = 2) -> Printed:
    """A choice-and-worked homework, its personal sheets on batch 3.27.168.1–500, Wang's pen, a gateway."""
    assignment = homework(county, county.class_7_1, items=small_bank(per_template=per_template))
    sheet_set = sheets_print(assignment=assignment, school_class=county.class_7_1, actor=county.teacher_wang)
    batch = paper_batch_create(school=county.school, section=3, owner=27, book=168, first_page=1, page_count=500)
    pen_print = pen_print_create(sheet_set=sheet_set, batch=batch, actor=county.teacher_wang)
    pen, _ = pen_register(serial=TEACHER_PEN, school=county.school, holder=county.teacher_wang)
    gateway, token = gateway_create(name="七年级(1)班教室", school=county.school, actor=county.school_admin)
    return Printed(assignment, sheet_set, batch, pen, gateway, token, list(pen_print.pages.order_by("page_index")))
