"""Credential slips (初始账号): the paper a teacher cuts up and hands to students and parents.

Each account created from a roster starts with a generated first password that must be
changed at first login. The school prints one slip per person: who it is for, their class,
how to log in (a username, or "your own mobile number" for parents), the first password and
the site address. This module turns plain :class:`Slip` rows into a typst document (A4,
several dashed cut-out slips per page) and into an xlsx list, with no Django involved: the
caller supplies the rows and the already-translated wording (:class:`SlipTexts`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from zuoye.core.typst_pdf import FontPreference, available, compile_pdf, typst_font_list, typst_string


@dataclass(frozen=True)
class Slip:
    """One person's first login. ``password`` is empty once they have chosen their own."""

    name: str
    role: str  # translated, e.g. "学生" or "家长（张小明）"
    school: str
    class_label: str
    login: str  # a username, or a masked phone when ``by_phone``
    by_phone: bool
    password: str

    @property
    def activated(self) -> bool:
        return not self.password


@dataclass(frozen=True)
class SlipTexts:
    """Every word printed, in the reader's language. ``phone_login`` takes ``{phone}``."""

    title: str
    name: str
    class_label: str
    login: str
    phone_login: str
    password: str
    site: str
    note: str
    none_pending: str
    role: str
    status: str
    activated: str
    pending: str
    sheet: str


@dataclass(frozen=True)
class SlipLayout:
    """A4 with ``columns`` × ``rows`` slips: 2 × 4 leaves room for large type (69 mm a slip)."""

    columns: int = 2
    rows: int = 4
    margin_mm: float = 10.0
    body_pt: float = 11.0
    name_pt: float = 16.0
    password_pt: float = 20.0
    fonts: FontPreference = field(default_factory=FontPreference)

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def slip_height_mm(self) -> float:
        return (297.0 - 2 * self.margin_mm) / self.rows - 0.5  # 0.5 mm spare: rounding never spills a page


def pages(slips: list[Slip], layout: SlipLayout) -> list[list[Slip]]:
    """The slips still to hand out (not yet activated), in page-sized groups."""
    pending = [slip for slip in slips if not slip.activated]
    return [pending[start : start + layout.per_page] for start in range(0, len(pending), layout.per_page)]


def _slip_source(slip: Slip, texts: SlipTexts) -> str:
    login = texts.phone_login.format(phone=slip.login) if slip.by_phone else slip.login
    return (
        "slip("
        f"role: {typst_string(slip.role)}, "
        f"where: {typst_string(f'{slip.school}  {slip.class_label}')}, "
        f"name: {typst_string(slip.name)}, "
        f"login: {typst_string(login)}, "
        f"by_phone: {'true' if slip.by_phone else 'false'}, "
        f"password: {typst_string(slip.password)})"
    )


def _preamble(texts: SlipTexts, layout: SlipLayout, site: str) -> str:
    sans = typst_font_list(available(layout.fonts.sans))
    mono = typst_font_list(available(layout.fonts.mono) + available(layout.fonts.sans))
    return f"""
#set document(title: {typst_string(texts.title)})
#set page(paper: "a4", margin: {layout.margin_mm}mm)
#set text(font: {sans}, size: {layout.body_pt}pt, lang: "zh", region: "cn")
#set par(leading: 0.55em)
#let mono = {mono}
#let label(t) = text(fill: rgb("#52606d"), t)
#let slip(role: "", where: "", name: "", login: "", by_phone: false, password: "") = block(
  width: 100%, height: {layout.slip_height_mm}mm, inset: (x: 5mm, y: 4mm), breakable: false,
  stroke: (paint: rgb("#7b8794"), thickness: 0.6pt, dash: "dashed"),
)[
  #grid(columns: (1fr, auto),
    text(weight: "bold", {typst_string(texts.title)}),
    box(fill: rgb("#c62828"), inset: (x: 2mm, y: 1mm), radius: 1mm, text(fill: white, size: 9pt, role)),
  )
  #v(0.5mm)
  #text(size: 9.5pt, label(where))
  #v(2mm)
  #grid(columns: (auto, 1fr), row-gutter: 2.6mm, column-gutter: 1mm, align: (right + horizon, left + horizon),
    label({typst_string(texts.name + "：")}), text(size: {layout.name_pt}pt, weight: "bold", name),
    label({typst_string(texts.login + "：")}), if by_phone {{ text(weight: "bold", login) }} else {{ text(font: mono, size: 13pt, weight: "bold", login) }},
    label({typst_string(texts.password + "：")}), text(font: mono, size: {layout.password_pt}pt, weight: "bold", tracking: 1.5pt, password),
    label({typst_string(texts.site + "：")}), text(font: mono, size: 10pt, {typst_string(site)}),
  )
  #v(1fr)
  #text(size: 9pt, {typst_string(texts.note)})
]
"""


def slips_typst(slips: list[Slip], *, texts: SlipTexts, site: str, layout: SlipLayout | None = None) -> str:
    """The typst document: one grid of cut-out slips per page, activated accounts left out."""
    layout = layout or SlipLayout()
    parts = [_preamble(texts, layout, site)]
    groups = pages(slips, layout)
    if not groups:
        parts.append(f"#align(center + horizon, text(size: 16pt, {typst_string(texts.none_pending)}))\n")
    for index, group in enumerate(groups):
        if index:
            parts.append("#pagebreak()\n")
        cells = ",\n  ".join(_slip_source(slip, texts) for slip in group)
        parts.append(f"#grid(columns: {layout.columns}, column-gutter: 0mm, row-gutter: 0mm,\n  {cells},\n)\n")
    return "".join(parts)


def slips_pdf(slips: list[Slip], *, texts: SlipTexts, site: str, layout: SlipLayout | None = None) -> bytes:
    return compile_pdf(slips_typst(slips, texts=texts, site=site, layout=layout))


_XLSX_WIDTHS = (16, 14, 22, 26, 14, 12, 36)


def slips_xlsx(slips: list[Slip], *, texts: SlipTexts, site: str) -> bytes:
    """The same accounts as a list, activated ones included (shown as such, without a password)."""
    book = Workbook()
    sheet = book.active
    sheet.title = texts.sheet[:31]
    header = (texts.class_label, texts.name, texts.role, texts.login, texts.password, texts.status, texts.site)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F7")
    for slip in slips:
        login = texts.phone_login.format(phone=slip.login) if slip.by_phone else slip.login
        status = texts.activated if slip.activated else texts.pending
        sheet.append((slip.class_label, slip.name, slip.role, login, slip.password, status, site))
    for column, width in zip("ABCDEFG", _XLSX_WIDTHS):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        row[4].font = Font(name="DejaVu Sans Mono", bold=True)
        row[4].alignment = Alignment(horizontal="left")
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
