"""Credential slips: layout, escaping and the two file formats, without a database."""

import io
import re

import pytest
from openpyxl import load_workbook

from zuoye.core import slips, typst_pdf

TEXTS = slips.SlipTexts(
    title="智慧作业 · 初始账号", name="姓名", class_label="班级", login="登录账号",
    phone_login="用本人手机号 {phone} 登录", password="初始密码", site="网址",
    note="首次登录后须修改密码。", none_pending="本班账号均已激活。", role="身份", status="状态",
    activated="已激活", pending="未激活", sheet="初始账号",
)
SITE = "https://zuoye.example.cn/"


def _student(n: int, password: str = "ab3k9xyz") -> slips.Slip:
    return slips.Slip(name=f"学生{n}", role="学生", school="城关中学", class_label="七年级(1)班",
                      login=f"s{n}", by_phone=False, password=password)


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_eight_slips_fill_a_page_and_the_ninth_starts_another():
    layout = slips.SlipLayout()
    assert [len(page) for page in slips.pages([_student(n) for n in range(9)], layout)] == [8, 1]


def test_activated_accounts_get_no_slip():
    people = [_student(1), _student(2, password=""), _student(3)]
    (page,) = slips.pages(people, slips.SlipLayout())
    assert [slip.name for slip in page] == ["学生1", "学生3"]
    assert people[1].activated


def test_names_cannot_inject_typst_markup():
    sneaky = slips.Slip(name='A "#pagebreak()" \\ [x]', role="学生", school="s", class_label="c",
                        login="u", by_phone=False, password="p")
    source = slips.slips_typst([sneaky], texts=TEXTS, site=SITE)
    assert 'name: "A \\"#pagebreak()\\" \\\\ [x]"' in source
    assert "#pagebreak()\n" not in source  # one page: the name's text stayed a string
    assert _pdf_pages(slips.slips_pdf([sneaky], texts=TEXTS, site=SITE)) == 1


def test_guardian_slip_says_to_log_in_with_the_phone():
    guardian = slips.Slip(name="张建国", role="家长（张小明）", school="s", class_label="c",
                          login="139****0001", by_phone=True, password="pq7mn4tr")
    source = slips.slips_typst([guardian], texts=TEXTS, site=SITE)
    assert "用本人手机号 139****0001 登录" in source
    assert "by_phone: true" in source


def test_pdf_compiles_without_warnings_and_has_one_page_per_eight_slips():
    pdf = slips.slips_pdf([_student(n) for n in range(17)], texts=TEXTS, site=SITE)
    assert pdf.startswith(b"%PDF")
    assert _pdf_pages(pdf) == 3


def test_a_class_with_everyone_activated_prints_one_page_saying_so():
    source = slips.slips_typst([_student(1, password="")], texts=TEXTS, site=SITE)
    assert "本班账号均已激活。" in source
    assert 'slip(role: "学生"' not in source


def test_xlsx_lists_everyone_with_their_status():
    data = slips.slips_xlsx([_student(1), _student(2, password="")], texts=TEXTS, site=SITE)
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "初始账号"
    assert rows[0] == ("班级", "姓名", "身份", "登录账号", "初始密码", "状态", "网址")
    assert rows[1] == ("七年级(1)班", "学生1", "学生", "s1", "ab3k9xyz", "未激活", SITE)
    assert rows[2][4] in (None, "") and rows[2][5] == "已激活"


def test_missing_fonts_fail_loudly_instead_of_printing_boxes():
    with pytest.raises(typst_pdf.PdfError, match="none of the fonts"):
        typst_pdf.available(("No Such Font SC",))


def test_any_typst_warning_is_an_error():
    with pytest.raises(typst_pdf.PdfError, match="unknown font family"):
        typst_pdf.compile_pdf('#set text(font: "No Such Font SC")\n你好')
