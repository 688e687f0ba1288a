"""The review queue: unsure readings are queued once and resolved through the one door."""

from __future__ import annotations

import pytest

from zuoye.capture.models import ReviewItem
from zuoye.capture.services.review import ReviewIn, review_enqueue, review_resolve
from zuoye.homework.models import Response
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank

pytestmark = pytest.mark.django_db


@pytest.fixture
def unsure(county):
    assignment = homework(county, county.class_7_1, items=small_bank(per_template=1)[:2])
    assignment_publish(assignment=assignment, actor=county.teacher_wang)
    link = assignment.item_links.first()
    return ReviewIn("scan", f"scan-page:abc:{link.pk}", link.pk, county.student_zhang.pk,
                    {"outcome": "right", "mark": "tick", "answer": ""}, 0.55, "tick or half tick?",
                    crop_png=b"\x89PNG fake", box={"x": 10, "y": 20, "w": 80, "h": 30})


def test_an_unsure_reading_is_queued_once_however_often_it_is_sent(county, unsure):
    assert review_enqueue(items=[unsure]) == 1
    assert review_enqueue(items=[unsure, unsure]) == 0
    review = ReviewItem.objects.get()
    assert (review.school_class_id, review.status, review.crop.read()) == (county.class_7_1.pk, "open", b"\x89PNG fake")


def test_confirming_records_the_result_as_the_teachers(county, unsure):
    review_enqueue(items=[unsure])
    review = review_resolve(review=ReviewItem.objects.get(), outcome="right", actor=county.teacher_wang)
    assert review.status == "confirmed"
    row = Response.objects.get()
    assert (row.outcome, row.source, row.recorded_by) == ("right", "teacher", county.teacher_wang)


def test_correcting_records_the_teachers_outcome(county, unsure):
    review_enqueue(items=[unsure])
    review = review_resolve(review=ReviewItem.objects.get(), outcome="partial", actor=county.teacher_wang)
    assert (review.status, Response.objects.get().outcome) == ("corrected", "partial")
