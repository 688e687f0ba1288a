"""Printing booklets: the pages a family gets, the booklet assignment, and the sheet layouts stored."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from zuoye.booklets.models import Booklet, BookletAssignment, BookletBatch
from zuoye.booklets.services.printing import booklets_print
from zuoye.booklets.tests.content import fixed_content, lesson_for
from zuoye.booklets.weeks import week_parse
from zuoye.homework.models import Assignment, AssignmentClass, SheetSet
from zuoye.itembank.tests.bank import small_bank

WEEK = week_parse("2026-W48")
BASE = "https://zuoye.example.cn"
OUT = Path(__file__).resolve().parents[3] / "var" / "test-shots" / "booklets"


def _text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.fixture
def printed(county):  # type: ignore[no-untyped-def]
    items = small_bank()
    lesson = lesson_for(items[0])
    zhang = county.student_zhang
    # wrong: two fill-in items and a choice; extension: two worked problems and two choices
    source = fixed_content({zhang.pk: {"wrong": [*items[:2], items[8]], "extension": items[6:10], "lessons": [lesson]}})
    result = booklets_print(school_class=county.class_7_1, week=WEEK, base_url=BASE, actor=None,
                            content_source=source)
    return county, items, lesson, result


def test_a_class_booklet_has_cover_wrong_questions_lessons_sheet_and_answers(printed):  # type: ignore[no-untyped-def]
    county, items, lesson, result = printed
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "class.pdf").write_bytes(result.pdf)
    text = _text(result.pdf)
    flat = "".join(text.split())
    assert "一人一册" in text and "张小明" in text and "2026年第48周" in flat
    assert "本周错题" in text and "你的答案" in text and "正确答案" in text and "解析" in text
    assert lesson.title in text and f"{BASE}/learning/lessons/{lesson.pk}/" in flat
    assert "参考答案" in text
    assert result.pages == 3  # first page: title block and wrong questions; the sheet; the answers


def test_the_extension_items_become_a_published_booklet_assignment_of_no_minutes(printed):  # type: ignore[no-untyped-def]
    county, items, _, _ = printed
    link = BookletAssignment.objects.get(school_class=county.class_7_1, week="2026-W48", subject=county.math)
    assignment = link.assignment
    assert assignment.kind == Assignment.Kind.BOOKLET and assignment.minutes == 0
    assert assignment.status == Assignment.Status.PUBLISHED
    assert [li.item_id for li in assignment.item_links.order_by("position")] == [i.pk for i in items[6:10]]
    row = AssignmentClass.objects.get(assignment=assignment)
    assert row.school_class == county.class_7_1 and row.minutes == 0 and row.published


def test_each_student_gets_a_booklet_and_a_personal_sheet_set_with_their_items(printed):  # type: ignore[no-untyped-def]
    county, items, _, result = printed
    booklet = Booklet.objects.get(student=county.student_zhang)
    assert (booklet.week, booklet.wrong_count, booklet.lesson_count, booklet.extension_count) == ("2026-W48", 3, 1, 4)
    batch = BookletBatch.objects.get()
    assert batch.students == 1 and batch.pages == result.pages and booklet.batch == batch
    assert booklet.pdf.name == batch.pdf.name and booklet.pages == result.pages  # one student: their PDF is the print's
    sheet_set = SheetSet.objects.get(assignment__kind=Assignment.Kind.BOOKLET)
    assert sheet_set.kind == SheetSet.Kind.PERSONAL and sheet_set.student_ids == [county.student_zhang.pk]
    (sheet,) = sheet_set.layout["sheets"]
    keys = [entry["key"] for page in sheet["pages"] for entry in page["items"]]
    links = {str(li.pk): li.item_id for li in sheet_set.assignment.item_links.all()}
    assert [links[k] for k in keys] == [i.pk for i in items[6:10]]
    kinds = [entry["kind"] for page in sheet["pages"] for entry in page["items"]]
    assert kinds == ["worked", "worked", "single_choice", "single_choice"]
    assert sheet["pages"][0]["qr"]["payload"].startswith(f"ZY1|A{sheet_set.assignment_id}|S{county.student_zhang.pk}|P1/")


def test_printing_again_reuses_the_assignment_and_only_adds_new_items(county):  # type: ignore[no-untyped-def]
    items = small_bank()
    zhang = county.student_zhang
    first = fixed_content({zhang.pk: {"extension": items[4:6]}})
    again = fixed_content({zhang.pk: {"extension": [items[5], items[8]]}})
    booklets_print(school_class=county.class_7_1, week=WEEK, base_url=BASE, actor=None, content_source=first)
    before = {li.item_id: li.pk for li in Assignment.objects.get(kind="booklet").item_links.all()}
    booklets_print(school_class=county.class_7_1, week=WEEK, base_url=BASE, actor=None, content_source=again)
    after = {li.item_id: li.pk for li in Assignment.objects.get(kind="booklet").item_links.all()}
    assert Assignment.objects.filter(kind="booklet").count() == 1
    assert after == before | {items[8].pk: after[items[8].pk]}


def test_a_student_with_nothing_this_week_gets_a_booklet_that_says_so(county):  # type: ignore[no-untyped-def]
    result = booklets_print(school_class=county.class_7_1, week=WEEK, base_url=BASE, actor=None,
                            content_source=fixed_content({}))
    text = "".join(_text(result.pdf).split())
    assert "本周没有错题" in text and "本周没有需要观看的微课" in text and "本周没有拓展练习" in text
    assert not Assignment.objects.filter(kind="booklet").exists() and not SheetSet.objects.exists()


def test_a_class_without_students_is_refused_with_its_name(county):  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="no students"):
        booklets_print(school_class=county.far_class, week=WEEK, base_url=BASE, actor=None,
                       students=[], content_source=fixed_content({}))


def test_a_students_own_pdf_is_made_when_first_opened_and_matches_their_part_of_the_class_pdf(county):  # type: ignore[no-untyped-def]
    from zuoye.booklets.services.printing import booklet_pdf_ensure
    from zuoye.schools.tests.personas import _student

    items = small_bank()
    li = _student("s_li", "李雨涵", "G360731201301010099", county.class_7_1)
    zhang = county.student_zhang
    source = fixed_content({zhang.pk: {"wrong": items[:2], "extension": items[4:6]},
                            li.pk: {"wrong": items[2:3], "extension": items[6:9]}})
    result = booklets_print(school_class=county.class_7_1, week=WEEK, base_url=BASE, actor=None, content_source=source)
    assert [b.student_id for b in result.booklets] == [zhang.pk, li.pk]  # student-number order
    assert all(not b.pdf and b.pages is None for b in result.booklets)
    own = [booklet_pdf_ensure(booklet=b) for b in result.booklets]
    assert sum(b.pages for b in own) == result.pages
    assert "李雨涵" not in _text(own[0].pdf.read()) and "李雨涵" in _text(own[1].pdf.read())
    again = booklet_pdf_ensure(booklet=Booklet.objects.get(pk=own[0].pk))
    assert again.pdf.name == own[0].pdf.name  # made once


def test_the_printed_qr_codes_scan_to_the_lesson_page_and_the_sheet_page_code(printed, tmp_path):  # type: ignore[no-untyped-def]
    import cv2
    import zxingcpp

    county, _, lesson, result = printed
    (tmp_path / "b.pdf").write_bytes(result.pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "b.pdf"), str(tmp_path / "p")], check=True)
    found = {}
    for png in sorted(tmp_path.glob("p-*.png")):
        image = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
        found[png.stem] = [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    sheet = SheetSet.objects.get(assignment__kind="booklet")
    assert found["p-1"] == [f"{BASE}/learning/lessons/{lesson.pk}/?student={county.student_zhang.pk}"]
    assert found["p-2"] == [sheet.layout["sheets"][0]["pages"][0]["qr"]["payload"]]
    assert found["p-3"] == []  # the answers at the back


def test_an_explanation_whose_formula_does_not_parse_stops_the_print_naming_the_item(county):  # type: ignore[no-untyped-def]
    from zuoye.booklets.document import BookletTextError
    from zuoye.itembank.models import Item

    items = small_bank()
    Item.objects.filter(pk=items[0].pk).update(explanation="先通分：$\\frac{1}{2$")
    items[0].refresh_from_db()
    source = fixed_content({county.student_zhang.pk: {"wrong": items[:1]}})
    with pytest.raises(BookletTextError, match=f"item {items[0].pk} \\(explanation\\)"):
        booklets_print(school_class=county.class_7_1, week=WEEK, base_url=BASE, actor=None, content_source=source)
    assert not BookletBatch.objects.exists()
