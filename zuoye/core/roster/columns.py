"""The columns of the two roster sheets, and finding the header row among titles and notes.

Offices put a title (``城关中学2026级七年级学生名册``) and sometimes a date line above the
header, write headers as ``学籍号（必填）``, ``* 姓名`` or ``家长手机号``, and add columns of
their own (序号, 备注). A header cell is normalised (full-width to half-width, spaces, stars
and bracketed notes removed) and matched against each column's name and aliases; the header row
is the row among the first few that matches most columns. Columns can be in any order; extra
columns are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from zuoye.core.roster import values
from zuoye.core.roster.xlsx import Value

STUDENTS = "students"
TEACHERS = "teachers"


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # the name written by our templates and exports
    aliases: tuple[str, ...] = ()
    required: bool = True
    width: int = 14  # template column width, in characters
    note: str = ""  # explanation on the template's 说明 sheet

    def names(self) -> tuple[str, ...]:
        return (normalize(self.title), *(normalize(alias) for alias in self.aliases))


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    columns: tuple[Column, ...]
    marker: str  # the key whose presence says "this is this kind of sheet"

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


@dataclass(frozen=True)
class HeaderRules:
    search_rows: int = 6  # the header must be within the first rows with any content
    min_matches: int = 2


HEADER_RULES = HeaderRules()

STUDENT_SPEC = SheetSpec(
    kind=STUDENTS,
    marker="student_number",
    columns=(
        Column("class", "班级", ("班级名称", "所在班级", "班别", "班级全称"), required=False, width=14,
               note="如 七年级(1)班、初一1班、701班。每班一张工作表时可不填，工作表名即班级。"),
        Column("name", "姓名", ("学生姓名", "学生名字"), width=12, note="2–20 个字，不含数字和符号；少数民族姓名可用“·”。"),
        Column("gender", "性别", ("学生性别",), width=8, note="男 或 女；填写身份证号码时须与之相符。"),
        Column("student_number", "学籍号", ("全国学籍号", "学籍号码", "学籍编号", "学生学籍号"), width=24,
               note="全国学籍号，在全县唯一，也是学生的登录账号。请将该列设为“文本”格式。"),
        Column("id_card", "身份证号码", ("身份证号", "身份证", "身份证件号码", "证件号码", "学生身份证号码", "学生身份证号"),
               required=False, width=22, note="选填。18 位，末位可为 X；会核对校验位。请设为“文本”格式，否则 Excel 会丢失末几位。"),
        Column("guardian_name", "家长姓名", ("监护人姓名", "监护人", "家长", "联系人姓名"), width=12,
               note="家长账号的姓名。同一家长手机的各行须写同一姓名。"),
        Column("guardian_phone", "家长手机", ("家长手机号", "家长手机号码", "家长电话", "家长联系电话", "监护人手机",
                                              "监护人电话", "监护人手机号", "联系电话", "手机号码", "手机号"),
               width=16, note="11 位手机号，家长用它登录。兄弟姐妹填同一号码即为同一家长。"),
        Column("guardian_relation", "家长关系", ("与学生关系", "监护人关系", "家长身份", "关系"), required=False, width=10,
               note="选填，如 父亲、母亲、祖父、外婆。"),
    ),
)

TEACHER_SPEC = SheetSpec(
    kind=TEACHERS,
    marker="subject",
    columns=(
        Column("name", "姓名", ("教师姓名", "老师姓名"), width=12, note="2–20 个字。"),
        Column("phone", "手机", ("手机号", "手机号码", "联系电话", "电话", "教师手机"), width=16,
               note="11 位手机号：用于识别教师，也是登录账号。同一教师的多行填同一号码。"),
        Column("grade", "任教年级", ("年级",), required=False, width=10,
               note="如 七年级、初一、7。任教班级只写“1班”时用它确定年级。"),
        Column("classes", "任教班级", ("班级", "任教班别"), width=24,
               note="一个或多个班级，用顿号或逗号分隔：1班、2班 或 七年级(1)班,七年级(2)班。"),
        Column("subject", "任教学科", ("学科", "科目", "任教科目", "任课学科"), width=10, note="语文、数学、英语、物理、化学、生物、历史、地理等。"),
        Column("head", "是否班主任", ("班主任",), required=False, width=12,
               note="是 或 否（空白即否）。填“是”的行只能写一个班级，即其任班主任的班级。"),
    ),
)

SPECS = (STUDENT_SPEC, TEACHER_SPEC)

# The example rows of the templates. A row equal to one of them is refused: it is the template's
# sample, left in by mistake, not a child or a teacher of the school.
STUDENT_EXAMPLE = ("七年级(1)班", "张小明", "男", "G360000201301010000", "", "张建国", "13800000000", "父亲")
TEACHER_EXAMPLE = ("王芳", "13800000000", "七年级", "1班、2班", "数学", "是")


def normalize(header: str) -> str:
    """``学籍号（必填）`` → ``学籍号``; ``* 姓 名`` → ``姓名``; full-width letters and brackets → half-width."""
    text = unicodedata.normalize("NFKC", header)
    text = re.sub(r"\(.*?\)|\[.*?\]|【.*?】|<.*?>", "", text)
    text = re.sub(r"[\s*:：]+", "", text)
    return text.lower()


@dataclass
class Header:
    spec: SheetSpec
    row: int  # 1-based
    columns: dict[str, int]  # key -> 0-based column index
    texts: dict[str, str]  # key -> header text as written
    missing: list[Column] = field(default_factory=list)
    duplicates: list[tuple[Column, int, int]] = field(default_factory=list)  # (column, first index, second index)


def _match(spec: SheetSpec, cells: list[Value]) -> Header:
    lookup = {name: column for column in spec.columns for name in column.names()}
    header = Header(spec=spec, row=0, columns={}, texts={})
    for index, cell in enumerate(cells):
        column = lookup.get(normalize(values.text(cell))) if cell is not None else None
        if column is None:
            continue
        if column.key in header.columns:
            header.duplicates.append((column, header.columns[column.key], index))
            continue
        header.columns[column.key] = index
        header.texts[column.key] = values.text(cell)
    header.missing = [column for column in spec.columns if column.required and column.key not in header.columns]
    return header


def find_header(rows: list[tuple[int, list[Value]]], rules: HeaderRules = HEADER_RULES) -> Header | None:
    """The best-matching header among the first rows with content; None when nothing looks like one."""
    best: Header | None = None
    for number, cells in rows[: rules.search_rows]:
        for spec in SPECS:
            header = _match(spec, cells)
            header.row = number
            score = (spec.marker in header.columns, len(header.columns))
            if len(header.columns) >= rules.min_matches and (
                best is None or score > (best.spec.marker in best.columns, len(best.columns))
            ):
                best = header
    return best
