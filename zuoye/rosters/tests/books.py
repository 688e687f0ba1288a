"""Build roster workbooks in tests (no binary fixtures in the repository).

``student_book([...rows...])`` gives the bytes of an xlsx with the standard student header
(optionally a title row above it), ``teacher_book`` likewise; rows are lists in header order.
"""

from __future__ import annotations

import io
from typing import Iterable

import openpyxl

STUDENT_HEADER = ["班级", "姓名", "性别", "学籍号", "身份证号码", "家长姓名", "家长手机"]
TEACHER_HEADER = ["姓名", "手机", "任教年级", "任教班级", "任教学科", "是否班主任"]

# Valid ID-card numbers (check digits computed) for test children born 2013.
ID_ZHANG = "360731201301010014"  # 17th digit 1 (odd): male


def id_card(birth: str = "20130101", serial: str = "001", region: str = "360731") -> str:
    from zuoye.core.identity import id_card_check_char

    first17 = region + birth + serial
    return first17 + id_card_check_char(first17)


def book(sheets: dict[str, Iterable[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def student_book(rows: list[list[object]], *, title: str | None = None, header: list[str] | None = None,
                 sheet: str = "学生") -> bytes:
    lines = ([[title]] if title else []) + [header or STUDENT_HEADER] + rows
    return book({sheet: lines})


def teacher_book(rows: list[list[object]], *, sheet: str = "教师") -> bytes:
    return book({sheet: [TEACHER_HEADER, *rows]})


def student(cls: str = "七年级(1)班", name: str = "张小明", gender: str = "男", number: str = "G360731201301010011",
            card: str = "", guardian: str = "张建国", phone: str = "13900000001") -> list[object]:
    return [cls, name, gender, number, card, guardian, phone]
