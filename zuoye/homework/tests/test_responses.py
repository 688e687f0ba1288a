"""The one door: responses_record stores results all or nothing, idempotently, strongest source wins."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from zuoye.homework.models import Response
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.services.responses import (
    Recorded, ResponseIn, ResponsesRejected, responses_listen, responses_record,
)
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(county):
    assignment = homework(county, county.class_7_1, items=small_bank(per_template=1)[:3])
    assignment_publish(assignment=assignment, actor=county.teacher_wang)
    return assignment


def _rows(assignment, student, outcomes, **extra):
    links = list(assignment.item_links.order_by("position"))
    return [ResponseIn(link.pk, student.pk, outcome, **extra) for link, outcome in zip(links, outcomes)]


def test_results_are_stored_with_the_assignment_copied_on_each_row(county, published):
    done = responses_record(responses=_rows(published, county.student_zhang, ["right", "wrong", "partial"]),
                            source="scan")
    assert (done.created, done.updated) == (3, 0)
    row = Response.objects.get(assignment_item=published.item_links.first(), student=county.student_zhang)
    assert (row.school_class_id, row.subject_id, row.assigned_on) == (
        county.class_7_1.pk, published.subject_id, published.assigned_on)
    assert row.item_id == published.item_links.first().item_id


def test_sending_the_same_results_again_changes_nothing(county, published):
    rows = _rows(published, county.student_zhang, ["right", "wrong", "right"])
    responses_record(responses=rows, source="pen")
    again = responses_record(responses=rows, source="pen")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Response.objects.count() == 3


def test_a_correction_updates_the_row_and_bumps_its_revision(county, published):
    responses_record(responses=_rows(published, county.student_zhang, ["wrong"]), source="scan")
    done = responses_record(responses=_rows(published, county.student_zhang, ["right"]), source="teacher")
    row = Response.objects.get()
    assert (done.updated, row.outcome, row.source, row.revision) == (1, "right", "teacher", 2)


def test_a_self_report_does_not_overwrite_the_teachers_marks(county, published):
    responses_record(responses=_rows(published, county.student_zhang, ["wrong"]), source="scan")
    done = responses_record(responses=_rows(published, county.student_zhang, ["right"]), source="self")
    assert done.kept == 1
    assert Response.objects.get().outcome == "wrong"


def test_a_student_outside_the_assignments_classes_is_refused_and_nothing_is_stored(county, published):
    rows = _rows(published, county.student_zhang, ["right"]) + _rows(published, county.student_other_class, ["right"])
    with pytest.raises(ResponsesRejected) as refused:
        responses_record(responses=rows, source="scan")
    assert "row 1" in str(refused.value) and "not in a class" in str(refused.value)
    assert not Response.objects.exists()


def test_unknown_items_outcomes_and_sources_are_refused(county, published):
    with pytest.raises(ResponsesRejected, match="no assignment item"):
        responses_record(responses=[ResponseIn(999999, county.student_zhang.pk, "right")], source="scan")
    with pytest.raises(ResponsesRejected, match="unknown outcome"):
        responses_record(responses=_rows(published, county.student_zhang, ["great"]), source="scan")
    with pytest.raises(ResponsesRejected, match="unknown source"):
        responses_record(responses=_rows(published, county.student_zhang, ["right"]), source="fax")


def test_listeners_hear_after_commit_and_a_failing_one_does_not_lose_results(county, published, monkeypatch,
                                                                              django_capture_on_commit_callbacks):
    from zuoye.homework.services import responses as door

    monkeypatch.setattr(door, "_listeners", list(door._listeners))  # this test's listeners leave with it
    heard: list[Recorded] = []

    def broken(_: Recorded) -> None:
        raise RuntimeError("derived view down")

    responses_listen(broken)
    responses_listen(heard.append)
    with django_capture_on_commit_callbacks(execute=True):
        responses_record(responses=_rows(published, county.student_zhang, ["right", "wrong"]), source="pen")
    assert heard and heard[-1].student_ids == {county.student_zhang.pk}
    assert Response.objects.count() == 2


def test_results_page_shows_the_grid_and_the_live_feed_gives_new_cells(client, county, published):
    responses_record(responses=_rows(published, county.student_zhang, ["right", "wrong", "partial"],
                                     score=Decimal(1)), source="scan")
    client.force_login(county.teacher_wang)
    page = client.get(reverse("homework:results", args=[published.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "张小明" in html and "✗" in html and "50%" in html
    live = client.get(reverse("homework:results_live", args=[published.pk, county.class_7_1.pk])).json()
    assert {c["outcome"] for c in live["cells"]} == {"right", "wrong", "partial"}
    later = client.get(reverse("homework:results_live", args=[published.pk, county.class_7_1.pk]),
                       {"since": "2100-01-01T00:00:00+00:00"}).json()
    assert later["cells"] == []
