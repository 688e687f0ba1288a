"""The ingest service: addresses, bad lines, unknown pages, unregistered pens, replays, late dots, crossings."""

from __future__ import annotations

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from zuoye.capture.models import ReviewItem
from zuoye.core.ink import Dot, DotType, NcodeAddress, dots_to_lines, mm_to_ncode
from zuoye.homework.models import Response
from zuoye.homework.services.sheets import sheets_print
from zuoye.pens.models import DotChunk, DotUpload, PenPage
from zuoye.pens.selectors import unknown_pages
from zuoye.pens.services.addresses import pen_print_create
from zuoye.pens.services.ingest import dots_ingest
from zuoye.pens.services.registry import paper_batch_create, pen_register
from zuoye.pens.simulate import grading_session
from zuoye.pens.tests.printed import printed


def _body(dots: list[Dot]) -> bytes:
    return dots_to_lines(dots).encode()


def test_printed_pages_take_the_next_free_addresses_and_a_full_batch_refuses(county):
    # given sheets printed on a 500-page batch
    p = printed(county)
    assert [pp.address for pp in p.pen_pages] == [f"3.27.168.{n}" for n in range(1, len(p.pen_pages) + 1)]
    assert all(pp.student_id == county.student_zhang.pk and pp.assignment_id == p.assignment.pk for pp in p.pen_pages)
    # when they are printed again on the same batch, then the next pages are used
    again = pen_print_create(sheet_set=p.sheet_set, batch=p.batch, actor=None)
    assert again.first_page == len(p.pen_pages) + 1
    # and a batch without enough free pages refuses, naming the counts
    small = paper_batch_create(school=county.school, section=3, owner=27, book=169, first_page=1, page_count=0 + 1)
    p.sheet_set.layout["sheets"].append(p.sheet_set.layout["sheets"][0])
    with pytest.raises(ValidationError, match="has 1 free pages"):
        pen_print_create(sheet_set=p.sheet_set, batch=small, actor=None)


def test_overlapping_paper_batches_and_generic_sheets_are_refused(county):
    p = printed(county)
    with pytest.raises(ValidationError, match="overlap"):
        paper_batch_create(school=county.school, section=3, owner=27, book=168, first_page=400, page_count=200)
    generic = sheets_print(assignment=p.assignment, school_class=county.class_7_1, actor=None, generic=True)
    with pytest.raises(ValidationError, match="generic class sheet"):
        pen_print_create(sheet_set=generic, batch=p.batch, actor=None)


def test_a_graded_page_is_recorded_and_a_replay_adds_nothing(county):
    p = printed(county)
    session = grading_session(p.pages, p.pen.serial, seed=3)
    body = _body(session.dots)

    first = dots_ingest(body=body, source=DotUpload.Source.FILE)

    assert first.accepted > 200 and not first.problems and not first.unknown_pages and not first.refused_pens
    page = first.pages[0]
    assert page.status == "read" and page.student == county.student_zhang.pk
    recorded = {i.item: i for i in page.items if i.status == "recorded"}
    assert first.recorded == len(recorded) == Response.objects.filter(source="pen").count() > 0
    assert first.review == ReviewItem.objects.filter(kind="pen").count() == len(page.items) - len(recorded)
    truth = {(t.item_key, t.kind.value): t.value for t in session.truth}
    for item in recorded.values():  # what was recorded is what the teacher drew
        assert item.mark == {"half_tick": "half"}.get(truth[(str(item.item), "grading")],
                                                      truth[(str(item.item), "grading")])
    chunks = DotChunk.objects.count()

    again = dots_ingest(body=body, source=DotUpload.Source.FILE)

    assert again.repeated and again.accepted == 0 and again.duplicates == first.accepted + first.duplicates
    assert again.recorded == 0 and again.review == 0
    assert DotChunk.objects.count() == chunks and DotUpload.objects.get().received == 2
    assert Response.objects.filter(source="pen").count() == first.recorded


def test_late_and_out_of_order_dots_re_read_the_page_to_the_same_result(county):
    p = printed(county)
    dots = grading_session(p.pages, p.pen.serial, seed=5).dots
    late, early = dots[: len(dots) // 2], dots[len(dots) // 2:]  # the second half arrives first

    dots_ingest(body=_body(early), source=DotUpload.Source.HTTP)
    dots_ingest(body=_body(late), source=DotUpload.Source.HTTP)
    in_parts = sorted(Response.objects.values_list("assignment_item_id", "outcome", "mark"))
    Response.objects.all().delete()
    whole = dots_ingest(body=_body(dots), source=DotUpload.Source.FILE, read_all=True)

    assert whole.accepted == 0  # every dot was already stored
    assert sorted((i.item, i.outcome, i.mark) for i in whole.pages[0].items if i.status == "recorded") == in_parts


def test_bad_lines_are_reported_by_number_and_the_good_ones_kept(county):
    p = printed(county)
    lines = _body(grading_session(p.pages, p.pen.serial, seed=3).dots).decode().splitlines()
    lines.insert(2, "{not json")
    lines.insert(5, '{"pen":"X","sec":3}')
    lines.insert(9, '{"pen":"NWP-F130-T0001","sec":3,"own":27,"book":168,"page":1,"x":1,"y":1,"f":1,"t":1,"type":"jump"}')

    result = dots_ingest(body="\n".join(lines).encode(), source=DotUpload.Source.FILE)

    assert [(problem.line, problem.reason.split(":")[0]) for problem in result.problems] == [
        (3, "not JSON"), (6, "field 'own' must be a non-negative integer"), (10, "unknown dot type 'jump'")]
    assert result.accepted > 200 and result.recorded > 0


def test_an_unregistered_pen_is_refused_by_name(county):
    p = printed(county)
    dots = grading_session(p.pages, "NWP-UNKNOWN-9", seed=3).dots

    result = dots_ingest(body=_body(dots), source=DotUpload.Source.HTTP, gateway=p.gateway)

    assert result.accepted == 0 and result.recorded == 0
    assert result.refused_pens == [{"pen": "NWP-UNKNOWN-9", "reason": result.refused_pens[0]["reason"]}]
    assert "NWP-UNKNOWN-9 is not registered" in result.refused_pens[0]["reason"]
    assert [page.status for page in result.pages] == ["refused"]
    assert not DotChunk.objects.exists()


def test_a_pen_of_another_school_is_refused_at_this_schools_gateway(county):
    p = printed(county)
    other_teacher = county.student_other_school.user
    pen_register(serial="NWP-OTHER-1", school=county.student_other_school.school, holder=other_teacher)
    result = dots_ingest(body=_body(grading_session(p.pages, "NWP-OTHER-1", seed=3).dots),
                         source=DotUpload.Source.HTTP, gateway=p.gateway)
    assert "belongs to another school" in result.refused_pens[0]["reason"]


def test_an_unknown_page_address_is_kept_and_listed(county):
    p = printed(county)
    somewhere = NcodeAddress(3, 27, 999, 4)
    dots = grading_session({somewhere: p.pages[NcodeAddress(3, 27, 168, 1)]}, p.pen.serial, seed=3).dots

    result = dots_ingest(body=_body(dots), source=DotUpload.Source.HTTP, gateway=p.gateway)

    assert result.unknown_pages == ["3.27.999.4"] and result.recorded == 0
    assert [(page.page, page.status) for page in result.pages] == [("3.27.999.4", "unknown")]
    listed = unknown_pages(county.school)
    assert [(u.address, u.pens) for u in listed] == [("3.27.999.4", p.pen.serial)]
    assert listed[0].dots == result.accepted


def _line(pen: str, address: NcodeAddress, points: np.ndarray, t0: int) -> list[Dot]:
    """One straight stroke through ``points`` (mm), a dot every 8 ms."""
    dots = []
    for k, (x, y) in enumerate(points):
        kind = DotType.DOWN if k == 0 else DotType.UP if k == len(points) - 1 else DotType.MOVE
        dots.append(Dot(pen, address, round(float(mm_to_ncode(x)), 2), round(float(mm_to_ncode(y)), 2), 400,
                        t0 + 8 * k, kind))
    return dots


def test_a_stroke_crossing_two_items_is_assigned_by_majority_and_sent_to_review(county):
    p = printed(county)
    address = NcodeAddress(3, 27, 168, 1)
    first, second = p.pages[address].items[:2]
    # a long cross stroke from the middle of item 1 down to the middle of item 2, and its partner
    a = np.linspace(first.grading.centre, second.grading.centre, 60)
    a = a[: int(len(a) * 0.75)]  # most of it in item 1
    b = np.linspace((a[-1][0], a[0][1]), (a[0][0], a[-1][1]), 40)
    dots = _line(p.pen.serial, address, a, 1_763_800_000_000) + _line(p.pen.serial, address, b, 1_763_800_000_800)

    result = dots_ingest(body=_body(dots), source=DotUpload.Source.FILE)

    review = ReviewItem.objects.get()
    assert review.assignment_item_id == int(first.key) and review.kind == "pen"
    assert "crosses into another item" in review.reason and len(review.strokes) == 2
    assert set(review.box) == {"x", "y", "w", "h"} and result.review == 1 and result.recorded == 0
    assert not Response.objects.exists()
    dots_ingest(body=_body(dots[::-1]), source=DotUpload.Source.FILE)  # the same dots again, reversed
    assert ReviewItem.objects.count() == 1
    assert PenPage.objects.count() == len(p.pen_pages)


def test_an_unknown_page_assigned_by_hand_is_read_at_once(county):
    from zuoye.pens.services.addresses import page_assign
    from zuoye.pens.services.reading import pages_read

    p = printed(county)
    somewhere = NcodeAddress(3, 27, 999, 4)
    dots = grading_session({somewhere: p.pages[NcodeAddress(3, 27, 168, 1)]}, p.pen.serial, seed=3).dots
    dots_ingest(body=_body(dots), source=DotUpload.Source.HTTP, gateway=p.gateway)
    with pytest.raises(ValidationError, match="pages 1 to 1"):
        page_assign(address="3.27.999.4", sheet_set=p.sheet_set, page_number=2)
    with pytest.raises(ValidationError, match="already belongs"):
        page_assign(address="3.27.168.1", sheet_set=p.sheet_set, page_number=1)

    read = pages_read([page_assign(address="3.27.999.4", sheet_set=p.sheet_set, page_number=1)])

    assert read.recorded > 0 and read.pages[0].student == county.student_zhang.pk
    assert unknown_pages(county.school) == []
