"""Objects for the role × URL table (tests/test_role_pages.py): Wang's scan batch and review item
for 七年级(1)班, and 张小明's phone photos. Cheap: no typesetting, no image reading."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from zuoye.capture.models import ReviewItem, ScanBatch, ScannedPage
from zuoye.capture.services.review import ReviewIn, review_enqueue
from zuoye.capture.services.uploads import batch_create, upload_store
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank
from zuoye.schools.tests.personas import County

PNG = b"\x89PNG\r\n\x1a\n role-test"


def _published(c: County) -> Any:
    assignment = homework(c, c.class_7_1, items=small_bank(per_template=1)[:2])
    assignment_publish(assignment=assignment, actor=c.teacher_wang)
    return assignment


def _batch(c: County, actor: Any, source: str = ScanBatch.Source.SCAN) -> ScanBatch:
    upload = upload_store(name="scan.png", data=PNG + source.encode(), actor=actor)
    student = c.student_zhang if source == ScanBatch.Source.PHOTO else None
    return batch_create(uploads=[upload], actor=actor, source=source, student=student)


def batch(c: County) -> dict[str, Any]:
    return {"batch_id": _batch(c, c.teacher_wang).pk}


def page(c: County) -> dict[str, Any]:
    scanned = ScannedPage(batch=_batch(c, c.teacher_wang), upload=upload_store(name="scan.png", data=PNG, actor=None),
                          page_number=1, status=ScannedPage.Status.QUARANTINED, reason="no QR code")
    scanned.preview.save("role-test.jpg", ContentFile(b"\xff\xd8 jpeg"), save=True)
    return {"page_id": scanned.pk}


def queue(c: County) -> dict[str, Any]:
    return {"assignment_id": _published(c).pk, "class_id": c.class_7_1.pk}


def review(c: County) -> dict[str, Any]:
    link = _published(c).item_links.first()
    review_enqueue(items=[ReviewIn("scan", f"scan:{link.pk}:{c.student_zhang.pk}", link.pk, c.student_zhang.pk,
                                   {"outcome": "right", "mark": "tick", "answer": ""}, 0.5, "tick or half?",
                                   crop_png=PNG)])
    return {"review_id": ReviewItem.objects.get().pk}


def photos(c: County) -> dict[str, Any]:
    return {"batch_id": _batch(c, c.student_zhang.user, ScanBatch.Source.PHOTO).pk}


def homework_of_zhang(c: County) -> dict[str, Any]:
    return {"assignment_id": _published(c).pk}
