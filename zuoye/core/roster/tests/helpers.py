"""Workbooks for the core's tests, built with openpyxl (no binary fixtures)."""

from __future__ import annotations

import io

import openpyxl

STUDENT_HEADER = ["班级", "姓名", "性别", "学籍号", "身份证号码", "家长姓名", "家长手机"]


def xlsx(sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None, hidden: tuple[str, ...] = ()) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(name, []):
            sheet.merge_cells(cells)
        if name in hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
