"""What kind of file is this, and what encoding is this CSV in."""

import codecs
import io
import zipfile

from zuoye.core.roster import csvfile, sniff
from zuoye.core.roster.problems import Place
from zuoye.core.roster.tests.helpers import xlsx


def _zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def test_kinds_are_told_from_the_bytes_not_the_name():
    assert sniff.detect(xlsx({"a": [["x"]]}), "a.csv") == (sniff.XLSX, [])
    assert sniff.detect(_zip(["manifest.csv", "users.csv"]), "a.xlsx") == (sniff.ONEROSTER, [])
    assert sniff.detect("班级,姓名\n".encode("gbk"), "a.xlsx") == (sniff.CSV, [])


def test_not_a_roster_each_say_what_they_are():
    cases = {b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest": "file_xls", _zip(["word/document.xml"]): "file_word",
             _zip(["readme.txt"]): "file_zip_unknown", xlsx({"a": [["x"]]})[:-200]: "file_damaged", b"%PDF-1.4": "file_pdf",
             b"": "file_empty", b"\x00\x01\x02binary": "file_binary"}
    for data, code in cases.items():
        kind, problems = sniff.detect(data, "f")
        assert kind is None and [p.code for p in problems] == [code]


def test_a_zip_bomb_is_refused_from_its_declared_sizes():
    limits = sniff.Limits(max_unpacked_bytes=10)
    assert [p.code for p in sniff.detect(_zip(["users.csv", "orgs.csv"]), "f", limits)[1]] == []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.csv", "0" * 1000)
    assert [p.code for p in sniff.detect(buffer.getvalue(), "f", limits)[1]] == ["file_zip_bomb"]


def test_csv_encodings_utf8_bom_gbk_and_utf16():
    text = "班级,姓名\n七年级(1)班,张三\n"
    assert csvfile.decode(text.encode(), Place())[:2] == (text, csvfile.UTF8)
    assert csvfile.decode(codecs.BOM_UTF8 + text.encode(), Place())[:2] == (text, csvfile.UTF8_BOM)
    decoded, encoding, notes = csvfile.decode(text.encode("gbk"), Place(file="a.csv"))
    assert (decoded, encoding, [n.code for n in notes]) == (text, csvfile.GB18030, ["encoding_gb18030"])
    assert csvfile.decode(text.encode("utf-16"), Place())[1] == csvfile.UTF16
    assert csvfile.decode(b"\x81", Place())[2][0].code == "file_encoding"


def test_tab_separated_unicode_text_is_split_on_tabs():
    assert csvfile.rows("班级\t姓名\n七年级(1)班\t张三\n") == [(1, ["班级", "姓名"]), (2, ["七年级(1)班", "张三"])]
