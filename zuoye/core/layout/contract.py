"""The layout JSON: how a sheet set's geometry leaves this package for scanners and pens.

The format is versioned (``"version": 1``) and described twice: in words in this package's
README and as a JSON Schema in ``data/layout.schema.json``; the tests check that what
:func:`layout_to_json` writes validates against that schema and reads back equal. Readers
must refuse a version they do not know: :func:`layout_from_json` does.

Rectangles are objects ``{"x", "y", "w", "h"}`` rather than arrays, so that a developer of
a scanner can read a layout file without this code at hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from zuoye.core.layout.geometry import (
    AlignmentMark, Bubble, Corner, GridColumn, ItemKind, ItemRegion, Page, QrBox, Rect, Sheet, SheetSet,
    StudentNumberGrid,
)

FORMAT = "zuoye.layout"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("data") / "layout.schema.json"
T = TypeVar("T")


class LayoutJsonError(ValueError):
    """The text is not a layout this version can read; the message says where."""


def _rect(r: Rect) -> dict[str, float]:
    return {"x": r.x, "y": r.y, "w": r.w, "h": r.h}


def _opt_rect(r: Rect | None) -> dict[str, float] | None:
    return None if r is None else _rect(r)


def _bubble(b: Bubble) -> dict[str, Any]:
    return {"value": b.value, "label": b.label, "cx": b.cx, "cy": b.cy, "r": b.r}


def _item(item: ItemRegion) -> dict[str, Any]:
    return {
        "key": item.key, "number": item.number, "kind": item.kind.value, "block": _rect(item.block),
        "stem": _opt_rect(item.stem), "answer": _rect(item.answer), "bubbles": [_bubble(b) for b in item.bubbles],
        "blanks": [_rect(r) for r in item.blanks], "grading": _rect(item.grading),
        "score_box": _opt_rect(item.score_box), "points": item.points,
    }


def _grid(grid: StudentNumberGrid | None) -> dict[str, Any] | None:
    if grid is None:
        return None
    columns = [{"position": c.position, "write_in": _rect(c.write_in), "bubbles": [_bubble(b) for b in c.bubbles]}
               for c in grid.columns]
    return {"rect": _rect(grid.rect), "digits": grid.digits, "columns": columns}


def _page(page: Page) -> dict[str, Any]:
    qr = page.qr
    return {
        "number": page.number, "of": page.of, "width": page.width, "height": page.height,
        "marks": [{"corner": m.corner.value, **_rect(m.rect)} for m in page.marks],
        "qr": {**_rect(qr.rect), "quiet": qr.quiet_mm, "payload": qr.payload, "modules": qr.modules,
               "text": qr.text, "text_box": _rect(qr.text_rect)},
        "header": _rect(page.header), "footer": _rect(page.footer),
        "items": [_item(item) for item in page.items], "student_grid": _grid(page.student_grid),
    }


def layout_to_dict(sheet_set: SheetSet) -> dict[str, Any]:
    return {
        "format": FORMAT, "version": VERSION, "unit": "mm", "origin": "top-left",
        "assignment_id": sheet_set.assignment_id, "answer_card": sheet_set.answer_card,
        "sheets": [{"student_id": s.student_id, "pages": [_page(p) for p in s.pages]} for s in sheet_set.sheets],
    }


def layout_to_json(sheet_set: SheetSet, *, indent: int | None = None) -> str:
    """The layout as JSON text (UTF-8 safe, Chinese kept readable)."""
    return json.dumps(layout_to_dict(sheet_set), ensure_ascii=False, indent=indent,
                      separators=None if indent else (",", ":"))


# --- reading ---------------------------------------------------------------------------


def _get(data: Any, key: str, kind: type[T], where: str) -> T:
    if not isinstance(data, dict) or key not in data:
        raise LayoutJsonError(f"{where}: missing {key!r}")
    value = data[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise LayoutJsonError(f"{where}.{key}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _read_rect(data: Any, where: str) -> Rect:
    return Rect(*(_get(data, k, float, where) for k in ("x", "y", "w", "h")))


def _read_opt_rect(data: Any, key: str, where: str) -> Rect | None:
    value = data.get(key) if isinstance(data, dict) else None
    return None if value is None else _read_rect(value, f"{where}.{key}")


def _read_list(data: Any, key: str, read: Callable[[Any, str], T], where: str) -> tuple[T, ...]:
    return tuple(read(entry, f"{where}.{key}[{i}]") for i, entry in enumerate(_get(data, key, list, where)))


def _read_bubble(data: Any, where: str) -> Bubble:
    return Bubble(_get(data, "value", str, where), _get(data, "label", str, where),
                  *(_get(data, k, float, where) for k in ("cx", "cy", "r")))


def _read_item(data: Any, where: str) -> ItemRegion:
    try:
        kind = ItemKind(_get(data, "kind", str, where))
    except ValueError as exc:
        raise LayoutJsonError(f"{where}.kind: {exc}") from exc
    points = data.get("points")
    if points is not None and not isinstance(points, int | float):
        raise LayoutJsonError(f"{where}.points: expected a number or null")
    return ItemRegion(
        _get(data, "key", str, where), _get(data, "number", str, where), kind,
        _read_rect(data.get("block"), f"{where}.block"), _read_opt_rect(data, "stem", where),
        _read_rect(data.get("answer"), f"{where}.answer"), _read_list(data, "bubbles", _read_bubble, where),
        _read_list(data, "blanks", _read_rect, where), _read_rect(data.get("grading"), f"{where}.grading"),
        _read_opt_rect(data, "score_box", where), None if points is None else float(points),
    )


def _read_column(data: Any, where: str) -> GridColumn:
    return GridColumn(_get(data, "position", int, where), _read_rect(data.get("write_in"), f"{where}.write_in"),
                      _read_list(data, "bubbles", _read_bubble, where))


def _read_grid(data: Any, where: str) -> StudentNumberGrid | None:
    if data is None:
        return None
    return StudentNumberGrid(_read_rect(data.get("rect"), f"{where}.rect"), _get(data, "digits", int, where),
                             _read_list(data, "columns", _read_column, where))


def _read_mark(data: Any, where: str) -> AlignmentMark:
    try:
        corner = Corner(_get(data, "corner", str, where))
    except ValueError as exc:
        raise LayoutJsonError(f"{where}.corner: {exc}") from exc
    return AlignmentMark(corner, _read_rect(data, where))


def _read_qr(data: Any, where: str) -> QrBox:
    return QrBox(_read_rect(data, where), _get(data, "quiet", float, where), _get(data, "payload", str, where),
                 _get(data, "modules", int, where), _get(data, "text", str, where),
                 _read_rect(data.get("text_box"), f"{where}.text_box"))


def _read_page(data: Any, where: str) -> Page:
    return Page(
        _get(data, "number", int, where), _get(data, "of", int, where), _get(data, "width", float, where),
        _get(data, "height", float, where), _read_list(data, "marks", _read_mark, where),
        _read_qr(data.get("qr"), f"{where}.qr"), _read_rect(data.get("header"), f"{where}.header"),
        _read_rect(data.get("footer"), f"{where}.footer"), _read_list(data, "items", _read_item, where),
        _read_grid(data.get("student_grid"), f"{where}.student_grid"),
    )


def _read_sheet(data: Any, where: str) -> Sheet:
    return Sheet(_get(data, "student_id", int, where), _read_list(data, "pages", _read_page, where))


def layout_from_dict(data: Any) -> SheetSet:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LayoutJsonError(f"not a Zuoye layout (format must be {FORMAT!r})")
    if data.get("version") != VERSION:
        raise LayoutJsonError(f"layout version {data.get('version')!r} is not supported (this reader knows {VERSION})")
    if data.get("unit") != "mm" or data.get("origin") != "top-left":
        raise LayoutJsonError("layout must be in mm from the top-left corner")
    return SheetSet(_get(data, "assignment_id", int, "layout"), _get(data, "answer_card", bool, "layout"),
                    _read_list(data, "sheets", _read_sheet, "layout"))


def layout_from_json(text: str | bytes) -> SheetSet:
    """Read a layout written by :func:`layout_to_json`; raise :class:`LayoutJsonError` if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LayoutJsonError(f"not JSON: {exc}") from exc
    return layout_from_dict(data)


def layout_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the layout file."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema
