"""What bureaus send upward: workbooks with Chinese headers (one row per school, or per teacher
with the credits of H12) and the monthly report as PDF (typst, through ``core.typst_pdf``).

The headers are the bureaus' own words, in Chinese whatever the reader's language, like the
forms of seed 002's 附件 (序号, 姓名, 工作单位, 所属县（市、区）, 任教学科 …).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from zuoye.analytics.selectors.assessment import CREDITS, TeacherLine
from zuoye.analytics.selectors.region import RegionReport
from zuoye.core.policy import usage
from zuoye.core.typst_pdf import FontPreference, available, compile_pdf, typst_font_list, typst_string

LEVEL_ZH = {usage.EXCELLENT: "优秀", usage.QUALIFIED: "合格", usage.UNQUALIFIED: "不合格", usage.NOT_ASSESSED: "不参评"}
HEADER_FILL = PatternFill("solid", fgColor="FCE4E4")

SCHOOL_HEADERS = ("排名", "学校", "学校标识码", "所属区域", "考核等次", "任课教师覆盖率", "班级使用率", "使用班级数",
                  "考核班级数", "布置作业次数", "使用次数", "作业正确率", "参评教师数", "合格以上教师数", "待核查线索")
TEACHER_HEADERS = ("序号", "姓名", "工作单位", "所属县（市、区）", "任教学科", "上学期考核等次", "上学期学分",
                   "下学期考核等次", "下学期学分", "学年学分合计", "本学期计入周数", "本学期达标周数", "本学期使用次数")


def _pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}%"


def _book(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], note: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, Alignment(horizontal="center")
    for row in rows:
        sheet.append(list(row))
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, 2.2 * len(header))
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    notes.append([note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def schools_xlsx(report: RegionReport) -> bytes:
    rows = [(r.rank, r.line.school.name, r.line.school.code, r.line.school.region.name,
             LEVEL_ZH[r.line.rating.level], _pct(r.line.rating.coverage), _pct(r.line.rating.class_rate),
             r.line.using, r.line.classes, r.homework, r.uses, _pct(r.rate), r.teachers, r.teachers_qualified,
             r.open_flags) for r in report.schools]
    note = (f"{report.region.name} {report.year.name} 学校“智慧作业”应用考核（依据：{usage.SEED_002}）。"
            f"统计学期：{report.term}。")
    return _book("学校应用考核", SCHOOL_HEADERS, rows, note)


def teachers_xlsx(*, region_name: str, terms: Sequence[tuple[int, Sequence[TeacherLine]]],
                  current: Sequence[TeacherLine]) -> bytes:
    """``terms``: (term number, its lines) for the year's terms; credits 0.5 per qualified term."""
    by_term = {number: {line.teacher.pk: line for line in lines} for number, lines in terms}
    now = {line.teacher.pk: line for line in current}
    teachers = {line.teacher.pk: line for _, lines in terms for line in lines}
    rows = []
    for n, (pk, line) in enumerate(sorted(teachers.items(), key=lambda kv: (kv[1].teacher.school.code,
                                                                             kv[1].teacher.user.full_name)), 1):
        first, second = by_term.get(1, {}).get(pk), by_term.get(2, {}).get(pk)
        credits = [CREDITS.credits(x.rating.level) if x else Decimal(0) for x in (first, second)]
        cur = now.get(pk)
        rows.append((n, line.teacher.user.full_name, line.teacher.school.name, line.teacher.school.region.name,
                     line.teaches, LEVEL_ZH[first.rating.level] if first else "", float(credits[0]),
                     LEVEL_ZH[second.rating.level] if second else "", float(credits[1]), float(sum(credits)),
                     cur.rating.weeks_counted if cur else "", cur.rating.weeks_qualified if cur else "",
                     cur.rating.uses if cur else ""))
    note = (f"{region_name} 教师“智慧作业”应用考核与学分：应用考核合格等次以上的教师每学期计{CREDITS.per_term}学分"
            f"（依据：{CREDITS.source}）。")
    return _book("教师应用考核与学分", TEACHER_HEADERS, rows, note)


def monthly_typst(report: RegionReport, *, month: date, refreshed: str) -> str:
    fonts = FontPreference()
    sans = typst_font_list(available(fonts.sans))
    head = ("排名", "学校", "等次", "覆盖率", "班级使用率", "本月使用次数", "正确率", "合格以上教师", "待核查")
    cells = []
    for r in report.schools:
        cells.extend([str(r.rank), r.line.school.name, LEVEL_ZH[r.line.rating.level], _pct(r.line.rating.coverage),
                      _pct(r.line.rating.class_rate), str(r.uses), _pct(r.rate),
                      f"{r.teachers_qualified}/{r.teachers}", str(r.open_flags)])
    levels = report.levels
    summary = (f"学校 {len(report.schools)} 所：优秀 {levels[usage.EXCELLENT]}，合格 {levels[usage.QUALIFIED]}，"
               f"不合格 {levels[usage.UNQUALIFIED]}，不参评 {levels[usage.NOT_ASSESSED]}。")
    title = f"{report.region.name} “智慧作业”应用情况月报（{month.year}年{month.month}月）"
    table = ", ".join(typst_string(c) for c in [*head, *cells])
    return f"""
#set document(title: {typst_string(title)})
#set page(paper: "a4", flipped: true, margin: 14mm, footer: context align(center, text(size: 8pt, counter(page).display())))
#set text(font: {sans}, size: 9.5pt, lang: "zh", region: "cn")
#align(center, text(size: 16pt, weight: "bold", {typst_string(title)}))
#v(2mm)
#text({typst_string(f"学年：{report.year.name}　学期：{report.term}　数据更新：{refreshed}")})
#v(1mm)
#text({typst_string(summary)})
#v(1mm)
#text(size: 8.5pt, fill: rgb("#52606d"), {typst_string("考核依据：" + usage.SEED_002 + "。使用次数为本月数据，等次按学年计。")})
#v(3mm)
#table(columns: (auto, 1fr, auto, auto, auto, auto, auto, auto, auto), inset: 4pt, align: (x, y) => if x == 1 {{ left }} else {{ center }},
  fill: (x, y) => if y == 0 {{ rgb("#fce4e4") }},
  {table})
"""


def monthly_pdf(report: RegionReport, *, month: date, refreshed: str) -> bytes:
    return compile_pdf(monthly_typst(report, month=month, refreshed=refreshed))
