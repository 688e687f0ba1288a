"""The streaming xlsx reader: values, formulas, errors, merged ranges, hidden sheets, odd writers."""

import io
import zipfile

import pytest

from zuoye.core.roster import xlsx
from zuoye.core.roster.tests.helpers import xlsx as book


def test_values_formulas_merges_and_hidden_sheets():
    data = book({"名册": [["标题"], ["姓名", "号码", "小数", "公式"], ["张三", 13800000001, 1.5, "=A3"]], "列表": [["下拉"]]},
                merged={"名册": ["A1:D1"]}, hidden=("列表",))
    first, second = xlsx.read(data)
    assert (first.name, first.hidden, second.hidden) == ("名册", False, True)
    assert first.rows[2] == (3, ["张三", 13800000001, 1.5])  # the formula has no cached value
    assert first.formulas == {(3, 3)} and first.merged == [(1, 0, 1, 3)]


def _handmade(sheet_xml: str, shared: str | None = None) -> bytes:
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", f'<workbook {ns} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = '<Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/s.xml"/>'
        if shared is not None:
            rels += '<Relationship Id="rId2" Type="http://x/sharedStrings" Target="sharedStrings.xml"/>'
            archive.writestr("xl/sharedStrings.xml", f"<sst {ns}>{shared}</sst>")
        archive.writestr("xl/_rels/workbook.xml.rels",
                         f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        archive.writestr("xl/worksheets/s.xml", f"<worksheet {ns}><sheetData>{sheet_xml}</sheetData></worksheet>")
    return buffer.getvalue()


def test_shared_rich_text_errors_booleans_and_cells_without_references():
    shared = "<si><t>张三</t></si><si><r><t>王</t></r><r><t>芳</t></r><rPh><t>wang</t></rPh></si><si><t>a_x000D_b</t></si>"
    sheet = ('<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="b"><v>1</v></c></row>'
             '<row r="5"><c r="C5" t="s"><v>2</v></c><c r="D5"><v>13800000001</v></c></row>')
    (read,) = xlsx.read(_handmade(sheet, shared))
    assert read.rows == [(1, ["张三", "王芳", "#N/A", True]), (5, [None, None, "a\rb", 13800000001])]
    assert read.errors == {(1, 2): "#N/A"}


@pytest.mark.parametrize("data", [b"PK\x03\x04broken", _handmade("<row><c><v>1</c></row>")])
def test_damaged_workbooks_raise_a_problem_code(data):
    with pytest.raises(xlsx.XlsxError) as failure:
        xlsx.read(data)
    assert failure.value.code == "file_damaged"


def test_column_letters():
    assert [xlsx.column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
    assert xlsx.column_index("AA") == 26
