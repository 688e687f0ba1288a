"""Reading a batch: files to pages, pages to results through the one door, the unsure to review."""

from __future__ import annotations

import dataclasses
import subprocess

import cv2
import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zuoye.capture.models import ReviewItem, ScanBatch, Upload
from zuoye.capture.selectors import batch_json
from zuoye.capture.services.reading import batch_read
from zuoye.capture.services.uploads import UploadRejected, batch_create, upload_store
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.report import MarkKind
from zuoye.core.scan.simulate import Degradation, PageWork, mark_draw, page_degrade, page_fill
from zuoye.homework.models import Response
from zuoye.homework.tests.factories import teacher_of

from .scans import OUTCOME, blank_page, encode, marks_for, print_raster, printed, scan_image, tiff, zipped

pytestmark = pytest.mark.django_db


def _read(files: dict[str, bytes], actor, **kw) -> ScanBatch:  # type: ignore[no-untyped-def]
    uploads = [upload_store(name=name, data=data, actor=actor) for name, data in files.items()]
    return batch_read(batch=batch_create(uploads=uploads, actor=actor), **kw)


def _assert_read_as_marked(county, p, marks, batch):  # type: ignore[no-untyped-def]
    """Every item is either recorded as the teacher marked it, or waiting in the review queue."""
    got = {r.assignment_item_id: r for r in Response.objects.filter(student=county.student_zhang)}
    queued = set(ReviewItem.objects.values_list("assignment_item_id", flat=True))
    for key, kind in marks.items():
        link = int(key)
        assert (link in got) != (link in queued), f"item {link}: recorded {link in got}, queued {link in queued}"
        if link in got:
            assert (got[link].outcome, got[link].source) == (OUTCOME[kind], "scan")
            assert got[link].evidence.startswith("scan-page:")
    assert batch.recorded == len(got) and batch.review == len(queued)


def test_a_scanned_png_records_each_item_as_the_teacher_marked_it(county):
    # given
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    marks = marks_for(page)
    # when
    batch = _read({"scan.png": encode(scan_image(page, marks))}, county.teacher_wang)
    # then
    assert (batch.status, batch.pages, batch.read, batch.quarantined) == ("done", 1, 1, 0)
    _assert_read_as_marked(county, p, marks, batch)
    assert batch.recorded >= 2  # clean colour ticks and crosses at 200 dpi are read surely


def test_the_scan_json_names_each_page_and_item(county):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    batch = _read({"a.jpg": encode(scan_image(page, marks_for(page), angle=180), ".jpg")}, None)
    report = batch_json(batch)
    (file,) = report["files"]
    (scanned,) = file["pages"]
    assert file["file"] == "a.jpg" and len(file["sha256"]) == 64
    assert (scanned["status"], scanned["assignment"], scanned["student"], scanned["sheet_page"]) == (
        "read", p.assignment.pk, county.student_zhang.pk, 1)
    assert {i["item"] for i in scanned["items"]} == set(p.link_ids())
    assert set(scanned["items"][0]) >= {"item", "position", "outcome", "score", "answer", "mark", "confidence",
                                        "status", "reason"}
    assert report["summary"]["pages"] == 1


def test_the_same_file_twice_is_one_upload_and_a_rescanned_page_is_not_counted_twice(county):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    marks = marks_for(page)
    data = encode(scan_image(page, marks, seed=1))
    first = _read({"scan.png": data}, county.teacher_wang)
    assert upload_store(name="again.png", data=data, actor=None).pk == Upload.objects.get().pk
    rows = Response.objects.count()
    # the same bytes again, and the same page scanned again (another image of it)
    again = _read({"scan.png": data, "rescan.png": encode(scan_image(page, marks, seed=2, angle=3))},
                  county.teacher_wang)
    assert (first.read, again.read, again.duplicates, again.pages) == (1, 0, 2, 2)
    assert Response.objects.count() == rows
    reasons = list(again.scanned_pages.values_list("reason", flat=True))
    assert all(r.startswith("scanned again") for r in reasons), reasons


def test_tiff_zip_blank_and_garbage_pages_are_each_accounted_for(county):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    image = scan_image(page, marks_for(page))
    archive = zipped({"b/blank.png": blank_page(), "b/notes.txt": b"hello", "b/broken.jpg": b"\xff\xd8 not really"})
    batch = _read({"pages.tif": tiff([image, cv2.cvtColor(blank_page_image(), cv2.COLOR_BGR2GRAY)]),
                   "more.zip": archive}, county.teacher_wang)
    pages = {(p.upload.name, p.member, p.page_number): p for p in batch.scanned_pages.select_related("upload")}
    assert pages[("pages.tif", "", 1)].status == "read"
    assert pages[("pages.tif", "", 2)].status == "blank"
    assert pages[("more.zip", "b/blank.png", 1)].status == "blank"
    assert "b/notes.txt: not a PDF or image file" in pages[("more.zip", "b/notes.txt", 1)].reason
    assert pages[("more.zip", "b/broken.jpg", 1)].reason.startswith("more.zip › b/broken.jpg") or \
        pages[("more.zip", "b/broken.jpg", 1)].reason.startswith("b/broken.jpg")
    assert (batch.pages, batch.read, batch.blank, batch.quarantined) == (5, 1, 2, 2)


def blank_page_image() -> np.ndarray:
    return cv2.imdecode(np.frombuffer(blank_page(), np.uint8), cv2.IMREAD_COLOR)


def test_a_file_of_another_kind_is_refused_by_name():
    with pytest.raises(UploadRejected, match="homework.docx: only"):
        upload_store(name="homework.docx", data=b"PK", actor=None)


def test_unsure_readings_go_to_the_review_queue_with_a_crop(county):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    unsure = dataclasses.replace(DEFAULT_SCAN_CONFIG, review_below=1.01)
    batch = _read({"scan.png": encode(scan_image(page, marks_for(page)))}, county.teacher_wang, config=unsure)
    assert (batch.read, batch.recorded, batch.review) == (1, 0, len(page.items))
    review = ReviewItem.objects.order_by("id").first()
    assert review.kind == "scan" and review.school_class_id == county.class_7_1.pk
    crop = cv2.imdecode(np.frombuffer(review.crop.read(), np.uint8), cv2.IMREAD_COLOR)
    assert crop is not None and crop.shape[1] > 100
    assert review.proposed["outcome"] in ("right", "wrong") and set(review.box) == {"x", "y", "w", "h"}
    # the same page again queues nothing new
    _read({"rescan.png": encode(scan_image(page, marks_for(page), seed=5))}, county.teacher_wang, config=unsure)
    assert ReviewItem.objects.count() == len(page.items)


def test_a_page_of_someone_elses_homework_is_quarantined_with_the_reason(county):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    other = teacher_of(county, county.class_7_2, county.math)
    batch = _read({"scan.png": encode(scan_image(page, marks_for(page)))}, other)
    scanned = batch.scanned_pages.get()
    assert scanned.status == "quarantined" and "not one you may record results for" in scanned.reason
    assert scanned.preview and not Response.objects.exists()


def test_a_generic_class_sheet_with_no_student_number_filled_waits_to_be_assigned_by_hand(county):
    p = printed(county, generic=True)
    layout_page = p.page(0)
    batch = _read({"generic.png": encode(scan_image(layout_page, marks_for(layout_page)))}, county.teacher_wang)
    scanned = batch.scanned_pages.get()
    assert scanned.status == "quarantined" and "student number" in scanned.reason and "by hand" in scanned.reason
    assert scanned.assignment_id == p.assignment.pk and not Response.objects.exists()


def _generic_scan(page, number: str) -> bytes:
    rng = np.random.default_rng(5)
    image = page_fill(page, PageWork(marks=marks_for(page), student_number=number), 200 / 25.4, rng)
    return encode(page_degrade(image, Degradation(angle=180.5, jpeg_quality=80), rng), ".jpg")


def test_a_generic_class_sheet_is_read_as_the_student_whose_number_ends_with_the_filled_digits(county):
    # given: the class sheet, 张小明's last digits filled in its 学籍号 grid, the teacher's ticks
    p = printed(county, generic=True)
    page = p.page(0)
    suffix = county.student_zhang.student_number[-page.student_grid.digits:]
    # when
    batch = _read({"generic.jpg": _generic_scan(page, suffix)}, county.teacher_wang)
    # then: recorded as his
    scanned = batch.scanned_pages.get()
    assert (scanned.status, scanned.student_id) == ("read", county.student_zhang.pk), scanned.reason
    assert set(Response.objects.values_list("student_id", flat=True)) == {county.student_zhang.pk}


def test_a_student_whose_number_ends_in_x_is_found_by_the_digits_before_it(county):
    """A 学籍号 from an ID-card number may end in X, which the grid has no bubble for: the sheet
    asks for the digits with the X dropped (``number_key``), and the reading looks them up so."""
    from zuoye.homework.services.sheets import number_key

    zhang = county.student_zhang
    zhang.student_number = zhang.student_number[:-1] + "X"
    zhang.save(update_fields=["student_number"])
    p = printed(county, generic=True)
    page = p.page(0)
    suffix = number_key(zhang.student_number)[-page.student_grid.digits:]
    batch = _read({"generic.jpg": _generic_scan(page, suffix)}, county.teacher_wang)
    scanned = batch.scanned_pages.get()
    assert (scanned.status, scanned.student_id) == ("read", zhang.pk), scanned.reason


def test_a_generic_sheet_naming_nobody_in_the_class_is_quarantined_with_the_digits(county):
    p = printed(county, generic=True)
    page = p.page(0)
    digits = page.student_grid.digits
    batch = _read({"generic.jpg": _generic_scan(page, "9" * digits)}, county.teacher_wang)
    scanned = batch.scanned_pages.get()
    assert scanned.status == "quarantined" and f"ending {'9' * digits}" in scanned.reason
    assert not Response.objects.exists()


def test_a_batch_reads_its_files_in_the_order_they_were_given(county):
    """The first copy of a page scanned twice is the one that counts, so the order matters: it
    must not follow the uploads' ids (``uploads.set`` added them in a set's order)."""
    from zuoye.capture.services.reading import batch_uploads

    uploads = [upload_store(name=f"{n}.png", data=encode(np.full((20, 20 + n, 3), 255, np.uint8)), actor=None)
               for n in range(12)]
    given = [uploads[i] for i in (7, 0, 11, 3, 3, 9, 1, 5, 10, 2, 8, 6, 4)]  # one given twice: read once
    batch = batch_create(uploads=given, actor=county.teacher_wang)
    assert batch_uploads(batch) == list(dict.fromkeys(given))


def test_the_printed_pdf_rasterised_and_marked_is_read_end_to_end(county, tmp_path):
    # given: the real sheet PDF, rasterised as a scanner would, with red ticks drawn on it
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    (tmp_path / "sheet.pdf").write_bytes(p.sheet_set.pdf.read())
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(tmp_path / "sheet.pdf"),
                    str(tmp_path / "p")], check=True, capture_output=True)
    image = cv2.imread(str(next(tmp_path.glob("p-*.png"))), cv2.IMREAD_COLOR)
    rng = np.random.default_rng(3)
    for item in page.items:
        mark_draw(image, item, MarkKind.TICK, 200 / 25.4, rng)
    # when: uploaded once as the PNG and once as the untouched PDF
    batch = _read({"marked.png": encode(image), "sheet.pdf": p.sheet_set.pdf.open("rb").read()}, county.teacher_wang)
    # then: the marked page is read; the unmarked print is the same page again, not recorded, and
    # each item it reads differently (no mark where the first had a tick) waits for the teacher
    statuses = list(batch.scanned_pages.order_by("id").values_list("status", flat=True))
    assert statuses == ["read", "duplicate"]
    recorded = Response.objects.filter(student=county.student_zhang)
    assert "right" in set(recorded.values_list("outcome", flat=True))
    first = dict(recorded.values_list("assignment_item_id", "outcome"))
    rescan = ReviewItem.objects.filter(reason__startswith="scanned again and read differently")
    assert rescan.exists() and len(first) == recorded.count()
    for review in rescan:
        assert review.proposed["outcome"] != first[review.assignment_item_id]


def test_a_phone_photo_in_perspective_is_read_for_that_child_only(county):
    from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_fill

    p = printed(county)
    page = p.page(county.student_zhang.pk)
    rng = np.random.default_rng(4)
    image = page_fill(page, PageWork({}, marks_for(page)), 160 / 25.4, rng)
    photo = page_degrade(image, Degradation(angle=-6, perspective=0.03, background=110, jpeg_quality=85), rng)
    upload = upload_store(name="IMG_0001.jpg", data=encode(photo, ".jpg"), actor=county.guardian_zhang)
    batch = batch_read(batch=batch_create(uploads=[upload], actor=county.guardian_zhang, source="photo",
                                          student=county.student_zhang))
    assert batch.read == 1, batch.scanned_pages.get().reason
    assert set(Response.objects.values_list("source", flat=True)) <= {"photo"}
    assert set(ReviewItem.objects.values_list("kind", flat=True)) <= {"photo"}
    # the same photo sent for another child is not read as theirs
    other = batch_read(batch=batch_create(uploads=[upload], actor=county.guardian_zhang, source="photo",
                                          student=county.student_other_class))
    assert "belongs to another student" in other.scanned_pages.get().reason


def _child_photo(county, data: bytes, child) -> ScanBatch:  # type: ignore[no-untyped-def]
    upload = upload_store(name="IMG_0002.jpg", data=data, actor=county.guardian_zhang)
    return batch_read(batch=batch_create(uploads=[upload], actor=county.guardian_zhang, source="photo",
                                         student=child))


def _bowed_photo(p, page, number: str, seed: int) -> bytes:  # type: ignore[no-untyped-def]
    """A phone photo of the printed class sheet lifted in the middle (3 mm), where the grid is."""
    rng = np.random.default_rng(seed)
    image = page_fill(page, PageWork(marks=marks_for(page), student_number=number), 200 / 25.4, rng, print_raster(p))
    photo = page_degrade(image, Degradation(angle=-4, perspective=0.04, curve=3.0, shadow=0.2, background=110,
                                            jpeg_quality=85), rng)
    return encode(photo, ".jpg")


def test_a_childs_photo_of_the_class_sheet_is_theirs_unless_its_grid_names_someone_else(county):
    """On a child's own photos the person uploading chose the child: a 学籍号 grid left blank does
    not send the page to be assigned by hand; one with the child's digits, photographed with the
    page bowed, is read; one naming another student refuses the page."""
    p = printed(county, generic=True)
    page = p.page(0)
    digits = page.student_grid.digits
    blank = _child_photo(county, _bowed_photo(p, page, " " * digits, 1), county.student_zhang)
    scanned = blank.scanned_pages.get()
    assert (scanned.status, scanned.student_id) == ("read", county.student_zhang.pk), scanned.reason
    assert set(Response.objects.values_list("student_id", flat=True)) == {county.student_zhang.pk}
    mine = county.student_zhang.student_number[-digits:]
    own = _child_photo(county, _bowed_photo(p, page, mine, 2), county.student_zhang).scanned_pages.get()
    assert own.status in ("read", "duplicate") and own.student_id == county.student_zhang.pk, own.reason
    other = "".join("1" if c != "1" else "2" for c in mine)  # every digit another
    refused = _child_photo(county, _bowed_photo(p, page, other, 3), county.student_zhang).scanned_pages.get()
    assert refused.status == "quarantined" and f"belongs to another student (student number ending {other})" \
        in refused.reason


def test_a_bowed_phone_photo_of_the_class_sheet_is_filed_by_its_grid(county):
    """A teacher's batch of phone photos of the class sheet: the grid, sagging with the page by
    most of a row, is found where it lies and names the student."""
    p = printed(county, generic=True)
    page = p.page(0)
    suffix = county.student_zhang.student_number[-page.student_grid.digits:]
    batch = _read({"IMG_0003.jpg": _bowed_photo(p, page, suffix, 4)}, county.teacher_wang)
    scanned = batch.scanned_pages.get()
    assert (scanned.status, scanned.student_id) == ("read", county.student_zhang.pk), scanned.reason


def test_a_score_written_in_the_score_box_decides_the_outcome_and_points():
    from decimal import Decimal

    from zuoye.capture.services.lookup import ItemInfo
    from zuoye.capture.services.reading import _item
    from zuoye.core.scan.pipeline import ItemResult
    from zuoye.core.scan.report import Status

    info = ItemInfo(link_id=7, position=3, item_type="short_answer", answer="x=2", full_score=Decimal(5))
    read = ItemResult("7", None, MarkKind.TICK, 0.95, Status.READ, "", score_text="-1")
    row, response = _item(read, info)
    assert (response.outcome, response.score, row["score"], row["score_text"]) == ("partial", Decimal(4), "4", "-1")


def test_an_option_hidden_under_a_sure_cross_is_recorded_unknown_not_guessed():
    from zuoye.capture.services.lookup import ItemInfo
    from zuoye.capture.services.reading import _item
    from zuoye.core.scan.bubbles import ChoiceReading
    from zuoye.core.scan.pipeline import ItemResult
    from zuoye.core.scan.report import Status

    from decimal import Decimal

    info = ItemInfo(link_id=7, position=1, item_type="single_choice", answer=["A"], full_score=Decimal(2))
    hidden = ChoiceReading(("B",), (), 0.0, "1 filled; unclear C")
    sure_cross = ItemResult("7", hidden, MarkKind.CROSS, 0.95, Status.READ, "mark cross")
    row, response = _item(sure_cross, info)
    assert (response.outcome, response.answer, row["answer"]) == ("wrong", "", "")
    # In review the visible fills are the proposal the teacher confirms.
    unsure = dataclasses.replace(sure_cross, mark=MarkKind.NOTHING, confidence=0.0, status=Status.REVIEW)
    row, response = _item(unsure, info)
    assert row["answer"] == "B"
    clear = dataclasses.replace(sure_cross, choice=ChoiceReading(("B",), (), 0.95, "1 filled"))
    assert _item(clear, info)[1].answer == "B"


def test_a_greyscale_scan_of_the_real_sheet_reads_no_print_as_pen(county):
    # given: the real sheet, printed and scanned in grey with nothing written on it
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    sheet = page_fill(page, PageWork({}, {}), 200 / 25.4, np.random.default_rng(2), print_raster(p))
    scan = page_degrade(sheet, Degradation(angle=1.5, grey=True), np.random.default_rng(2))
    # when
    batch = _read({"grey.png": encode(scan)}, county.teacher_wang)
    # then: the rule under the header, the letters in the bubbles, the labels: none is a mark
    assert (batch.read, batch.review) == (1, 0), list(ReviewItem.objects.values_list("reason", flat=True))
    (scanned,) = batch_json(batch)["files"][0]["pages"]
    assert {item["mark"] for item in scanned["items"]} == {"nothing"}


def test_a_greyscale_scan_of_the_real_sheet_with_ticks_is_never_read_wrong(county):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    marks = marks_for(page)
    rng = np.random.default_rng(5)
    sheet = page_fill(page, PageWork({}, marks), 200 / 25.4, rng, print_raster(p))
    batch = _read({"grey.jpg": encode(page_degrade(sheet, Degradation(grey=True), rng), ".jpg")},
                  county.teacher_wang)
    assert batch.read == 1
    _assert_read_as_marked(county, p, marks, batch)
    assert batch.recorded >= 1


def test_the_print_of_a_page_is_its_own_page_of_the_sheet_pdf(county, monkeypatch):
    from zuoye.capture.services import lookup as lookups
    from zuoye.core.layout import PageAddress
    from zuoye.core.scan.redpen import print_mask
    from zuoye.schools.tests.personas import _student

    monkeypatch.setattr(lookups, "PRINT_CHUNK", 1)  # each page its own chunk: the index must be right
    students = [county.student_zhang, _student("s7109", "李小红", "G360731201302010009", county.class_7_1)]
    p = printed(county, students=students)
    lookup = lookups.BatchLookup(scope=None)
    for number, student in enumerate(students, start=1):
        address = PageAddress(p.assignment.pk, student.pk, 1, 1)
        page = p.page(student.pk)
        fine = lookups.PRINT_FINER * DEFAULT_SCAN_CONFIG.px_per_mm * 25.4
        assert np.array_equal(lookup.printed(address), print_mask(print_raster(p, number, fine), page))
    other = lookup.printed(PageAddress(p.assignment.pk, students[0].pk, 1, 1))
    assert not np.array_equal(other, lookup.printed(PageAddress(p.assignment.pk, students[1].pk, 1, 1)))
    assert lookup.printed(PageAddress(p.assignment.pk, 999_999, 1, 1)) is None


def test_a_sheet_set_whose_pdf_is_gone_is_read_without_its_print(county, caplog):
    from zuoye.capture.services.lookup import BatchLookup
    from zuoye.core.layout import PageAddress

    p = printed(county)
    p.sheet_set.pdf.storage.delete(p.sheet_set.pdf.name)
    lookup = BatchLookup(scope=None)
    assert lookup.printed(PageAddress(p.assignment.pk, county.student_zhang.pk, 1, 1)) is None
    assert "PDF is missing" in caplog.text
    page = p.page(county.student_zhang.pk)
    batch = _read({"scan.png": encode(scan_image(page, marks_for(page)))}, county.teacher_wang)
    assert batch.read == 1


def test_print_masks_are_kept_beside_the_pdf_for_the_next_batch(county, monkeypatch):
    from zuoye.capture.services import lookup as lookups
    from zuoye.core.layout import PageAddress

    p = printed(county)
    address = PageAddress(p.assignment.pk, county.student_zhang.pk, 1, 1)
    first = lookups.BatchLookup(scope=None).printed(address)
    assert first is not None and first.any()

    def no_rasterising(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the PDF was rasterised again")

    monkeypatch.setattr(lookups, "pdf_rasters", no_rasterising)
    lookup = lookups.BatchLookup(scope=None)
    lookup.known(p.assignment.pk)  # the layouts: what every page asks for anyway
    with CaptureQueriesContext(connection) as asked:
        assert np.array_equal(lookup.printed(address), first)
    assert len(asked) == 0, "the sheet set was asked for again"


def test_a_damaged_print_mask_file_is_made_again(county, caplog):
    from django.core.files.base import ContentFile

    from zuoye.capture.services import lookup as lookups
    from zuoye.core.layout import PageAddress

    p = printed(county)
    address = PageAddress(p.assignment.pk, county.student_zhang.pk, 1, 1)
    first = lookups.BatchLookup(scope=None).printed(address)
    storage = p.sheet_set.pdf.storage
    folder = f"{p.sheet_set.pdf.name}.{lookups.PRINT_CACHE}-{DEFAULT_SCAN_CONFIG.px_per_mm:g}-" \
             f"{DEFAULT_SCAN_CONFIG.print_template_level}"
    (name,) = storage.listdir(folder)[1]
    with storage.open(f"{folder}/{name}", "rb") as handle:
        whole = handle.read()
    storage.delete(f"{folder}/{name}")
    storage.save(f"{folder}/{name}", ContentFile(whole[: len(whole) // 2]))  # cut off half way
    assert np.array_equal(lookups.BatchLookup(scope=None).printed(address), first)
    assert "unreadable, made again" in caplog.text
