"""One call from a sheet spec to a printable PDF and its layout: what the ``homework`` app uses.

The steps are separate functions elsewhere (markup, measurement, layout, typst source,
compile) so each can be tested alone; this module only chains them and keeps the order
right: stems are measured with the very markup that is later printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from zuoye.core.layout.config import DEFAULT_CONFIG, LayoutConfig
from zuoye.core.layout.engine import sheet_set_layout
from zuoye.core.layout.geometry import SheetSet
from zuoye.core.layout.markup import stem_markups
from zuoye.core.layout.render import SheetTexts, sheet_set_typst
from zuoye.core.layout.spec import MarkupConverter, SheetSpec, SpecError, StudentRef, typst_passthrough
from zuoye.core.layout.typeset import Typesetter, default_typesetter


@dataclass(frozen=True)
class PrintedSheets:
    """The PDF to print and the geometry of every page in it, in the same order."""

    pdf: bytes
    layout: SheetSet
    source: str  # the typst document, kept for debugging a print


def sheets_build(spec: SheetSpec, students: Sequence[StudentRef | None], *,
                 convert: MarkupConverter = typst_passthrough, config: LayoutConfig = DEFAULT_CONFIG,
                 texts: SheetTexts | None = None, typesetter: Typesetter | None = None) -> PrintedSheets:
    """Sheets for ``students`` in order (``None``: a generic sheet with a 学籍号 grid), one PDF.

    Raises :class:`~zuoye.core.layout.spec.SpecError` for a request that cannot be laid out
    and :class:`~zuoye.core.typst_pdf.PdfError` (a :class:`StemError` naming the item for
    broken stem markup) when typst fails or warns.
    """
    ids = [0 if student is None else student.id for student in students]
    if len({i for i in ids if i}) != len([i for i in ids if i]):
        raise SpecError("a student appears twice in the sheet set")
    typesetter = typesetter or default_typesetter()
    stems = stem_markups(spec, convert, config)
    layout = sheet_set_layout(spec, ids, markup=stems, measure=partial(typesetter.measure, config=config),
                              config=config)
    by_id = {student.id: student for student in students if student is not None}
    source = sheet_set_typst(layout, header=spec.header, students=by_id, stems=stems, config=config, texts=texts)
    return PrintedSheets(typesetter.pdf(source), layout, source)
