"""Answer-sheet layout (答题卡): geometry in millimetres, QR page codes, typst rendering.

The ``homework`` app hands a :class:`SheetSpec` and its students to :func:`sheets_build` and
gets a PDF plus a :class:`SheetSet`, the exact geometry of every printed page, which it
stores and exports with :func:`layout_to_json`. Scanning (``core.scan``) and the smart pen
(``core.ink``) read that geometry back with :func:`layout_from_json` and identify pages with
:func:`payload_decode`. No Django here: see README.md beside this file.
"""

from zuoye.core.layout.config import DEFAULT_CONFIG, LayoutConfig
from zuoye.core.layout.contract import LayoutJsonError, layout_from_json, layout_schema, layout_to_json
from zuoye.core.layout.engine import LayoutError, StemMeasurer, sheet_set_layout
from zuoye.core.layout.geometry import (
    AlignmentMark, Bubble, Corner, GridColumn, ItemKind, ItemRegion, Page, QrBox, Rect, Sheet, SheetSet,
    StudentNumberGrid,
)
from zuoye.core.layout.invariants import page_problems
from zuoye.core.layout.qr import PageAddress, PayloadError, human_line, payload_decode, payload_encode
from zuoye.core.layout.render import SheetTexts, sheet_set_typst
from zuoye.core.layout.sheets import PrintedSheets, sheets_build
from zuoye.core.layout.spec import (
    ItemSpec, MarkupConverter, SheetHeader, SheetSpec, SpecError, Stem, StudentRef, plain_text, typst_passthrough,
)
from zuoye.core.layout.typeset import StemError, Typesetter, default_typesetter

__all__ = [
    "DEFAULT_CONFIG", "AlignmentMark", "Bubble", "Corner", "GridColumn", "ItemKind", "ItemRegion", "ItemSpec",
    "LayoutConfig", "LayoutError", "LayoutJsonError", "MarkupConverter", "Page", "PageAddress", "PayloadError",
    "PrintedSheets", "QrBox", "Rect", "Sheet", "SheetHeader", "SheetSet", "SheetSpec", "SheetTexts", "SpecError",
    "Stem", "StemError", "StemMeasurer", "StudentNumberGrid", "StudentRef", "Typesetter", "default_typesetter",
    "human_line", "layout_from_json", "layout_schema", "layout_to_json", "page_problems", "payload_decode",
    "payload_encode", "plain_text", "sheet_set_layout", "sheet_set_typst", "sheets_build", "typst_passthrough",
]
