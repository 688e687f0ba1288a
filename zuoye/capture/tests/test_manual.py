"""Quarantined pages given their identity by hand are read with it; self-reports enter as ``self``."""

from __future__ import annotations

import numpy as np
import pytest

from zuoye.capture.models import ScannedPage
from zuoye.capture.services.lookup import BatchLookup
from zuoye.capture.services.manual import AssignRefused, page_assign
from zuoye.capture.services.reading import batch_read
from zuoye.capture.services.self_report import self_report_record
from zuoye.capture.services.uploads import batch_create, upload_store
from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_fill
from zuoye.homework.models import Response
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.schools.access import scope_for

from .scans import encode, marks_for, print_raster, printed, scan_image

pytestmark = pytest.mark.django_db


def _quarantined(county, image) -> ScannedPage:  # type: ignore[no-untyped-def]
    upload = upload_store(name="q.png", data=encode(image), actor=county.teacher_wang)
    batch = batch_read(batch=batch_create(uploads=[upload], actor=county.teacher_wang))
    scanned = batch.scanned_pages.get()
    assert scanned.status == "quarantined", scanned.reason
    return scanned


def _assign(county, scanned, p, sheet_page=1):  # type: ignore[no-untyped-def]
    return page_assign(scanned=scanned, assignment=p.assignment, student=county.student_zhang, sheet_page=sheet_page,
                       actor=county.teacher_wang, lookup=BatchLookup(scope=scope_for(county.teacher_wang)))


def test_a_generic_sheet_assigned_to_a_student_is_read_as_theirs(county):
    p = printed(county, generic=True)
    page = p.page(0)
    scanned = _quarantined(county, scan_image(page, marks_for(page)))
    scanned = _assign(county, scanned, p)
    assert (scanned.status, scanned.student_id, scanned.assigned_by) == ("read", county.student_zhang.pk,
                                                                         county.teacher_wang)
    rows = Response.objects.filter(student=county.student_zhang)
    assert rows.exists() and set(rows.values_list("outcome", flat=True)) <= {"right"}
    assert scanned.batch.read == 1 and scanned.batch.quarantined == 0


def test_a_generic_sheet_whose_grid_names_nobody_in_the_class_is_the_student_the_teacher_chose(county):
    """The teacher's word over the grid's: a 学籍号 filled in wrong (naming nobody here) sends the
    page to quarantine, and assigning it by hand reads it, with its QR, as the chosen student's."""
    p = printed(county, generic=True)
    page = p.page(0)
    nobody = "9" * page.student_grid.digits
    rng = np.random.default_rng(5)
    image = page_fill(page, PageWork(marks=marks_for(page), student_number=nobody), 200 / 25.4, rng,
                      print_raster(p))
    scanned = _quarantined(county, image)
    assert f"ending {nobody}" in scanned.reason
    scanned = _assign(county, scanned, p)
    assert (scanned.status, scanned.student_id) == ("read", county.student_zhang.pk), scanned.reason
    assert set(Response.objects.values_list("student_id", flat=True)) == {county.student_zhang.pk}


def test_a_page_whose_qr_is_torn_off_is_read_by_its_four_squares(county):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    image = scan_image(page, marks_for(page), angle=180)
    qr = page.qr.quiet_rect
    k = 200 / 25.4
    h, w = image.shape[:2]  # upside down: the QR sits bottom-left
    image[h - int(qr.bottom * k) - 2:h - int(qr.y * k) + 2, w - int(qr.right * k) - 2:w - int(qr.x * k) + 2] = 255
    scanned = _quarantined(county, image)
    assert "QR" in scanned.reason or "code" in scanned.reason
    image_ok = _assign(county, scanned, p)
    assert image_ok.status == "read"
    got = set(Response.objects.filter(student=county.student_zhang).values_list("outcome", flat=True))
    assert got <= {"right"} and (got or image_ok.batch.review)


def test_assigning_to_a_page_that_was_never_printed_is_refused(county):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    image = scan_image(page, marks_for(page))
    image[:, :] = 255
    image[100:140, 100:140] = 0
    scanned = ScannedPage.objects.create(batch=batch_create(uploads=[upload_store(name="x.png", data=encode(image),
                                                                                  actor=None)], actor=None),
                                         upload=upload_store(name="x.png", data=encode(image), actor=None),
                                         page_number=1, status="quarantined", reason="no QR code")
    with pytest.raises(AssignRefused, match="no sheet page 7"):
        _assign(county, scanned, p, sheet_page=7)
    with pytest.raises(AssignRefused, match="alignment squares"):
        _assign(county, scanned, p)


def test_a_self_report_marks_the_tapped_items_and_the_rest_right(county):
    p = printed(county)
    first, *rest = p.link_ids()
    self_report_record(assignment=p.assignment, student=county.student_zhang, marked={first: "wrong"},
                       actor=county.guardian_zhang)
    rows = dict(Response.objects.values_list("assignment_item_id", "outcome"))
    assert rows == {first: "wrong", **{pk: "right" for pk in rest}}
    assert set(Response.objects.values_list("source", flat=True)) == {"self"}


def test_a_self_report_never_overwrites_a_scan(county):
    p = printed(county)
    first = p.link_ids()[0]
    responses_record(responses=[ResponseIn(first, county.student_zhang.pk, "right")], source="scan")
    recorded = self_report_record(assignment=p.assignment, student=county.student_zhang, marked={first: "wrong"},
                                  actor=county.guardian_zhang)
    assert recorded.kept == 1 and Response.objects.get(assignment_item_id=first).outcome == "right"


def test_a_self_report_names_what_it_refuses(county):
    p = printed(county)
    with pytest.raises(ValueError, match="only wrong or partly right"):
        self_report_record(assignment=p.assignment, student=county.student_zhang, marked={p.link_ids()[0]: "right"},
                           actor=county.guardian_zhang)
    with pytest.raises(ValueError, match="items 999999 are not part of"):
        self_report_record(assignment=p.assignment, student=county.student_zhang, marked={999999: "wrong"},
                           actor=county.guardian_zhang)


def test_a_real_print_whose_qr_is_torn_off_is_turned_the_right_way_by_its_print(county):
    # given: the real sheet PDF printed, ticked, scanned upside down, the QR torn off
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    rng = np.random.default_rng(6)
    sheet = page_fill(page, PageWork({}, marks_for(page)), 200 / 25.4, rng, print_raster(p))
    image = page_degrade(sheet, Degradation(angle=180), rng)
    qr = page.qr.quiet_rect
    k = 200 / 25.4
    h, w = image.shape[:2]
    image[h - int(qr.bottom * k) - 2:h - int(qr.y * k) + 2, w - int(qr.right * k) - 2:w - int(qr.x * k) + 2] = 255
    scanned = _quarantined(county, image)
    # when: the teacher says whose page it is
    read = _assign(county, scanned, p)
    # then: it is read the right way up, against its own print
    assert read.status == "read"
    got = set(Response.objects.filter(student=county.student_zhang).values_list("outcome", flat=True))
    assert got <= {"right"} and (got or read.batch.review)
