"""Reads on capture: who sees which batch and review item, and the scan JSON of a batch.

A batch is seen by the person who uploaded it, by the staff of the uploader's school, and by a
platform admin; a teacher sees the review items of the classes whose sheets they may print
(``homework.selectors.may_print``): the teacher who set the homework, the class's head
teacher, the school's staff.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zuoye.capture.models import ReviewItem, ScanBatch, ScannedPage
from zuoye.homework.models import Assignment
from zuoye.schools.access import Scope


def batches_visible(scope: Scope) -> QuerySet[ScanBatch]:
    if scope.is_platform_admin:
        return ScanBatch.objects.all()
    q = Q(created_by_id=scope.user_id) if scope.user_id else Q(pk__in=[])
    if scope.school_ids:
        q |= Q(school_id__in=scope.school_ids)
    return ScanBatch.objects.filter(q)


def reviews_visible(scope: Scope) -> QuerySet[ReviewItem]:
    """Review items of classes the person may record results for (may_print, as a query)."""
    if scope.is_platform_admin:
        return ReviewItem.objects.all()
    q = Q(assignment__teacher__user_id=scope.user_id) if scope.user_id else Q(pk__in=[])
    if scope.head_class_ids:
        q |= Q(school_class_id__in=scope.head_class_ids)
    if scope.school_ids:
        q |= Q(school_class__school_id__in=scope.school_ids)
    return ReviewItem.objects.filter(q)


def review_queues(scope: Scope) -> list[dict[str, Any]]:
    """Open review items per (assignment, class) the person may resolve, newest homework first."""
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for review in (reviews_visible(scope).filter(status=ReviewItem.Status.OPEN)
                   .select_related("assignment", "school_class").order_by("-assignment__assigned_on", "id")):
        key = (review.assignment_id, review.school_class_id)
        row = rows.setdefault(key, {"assignment": review.assignment, "school_class": review.school_class, "open": 0})
        row["open"] += 1
    return list(rows.values())


def batch_summary(batch: ScanBatch) -> dict[str, int]:
    return {"pages": batch.pages, "read": batch.read, "review": batch.review, "quarantined": batch.quarantined,
            "duplicates": batch.duplicates, "recorded": batch.recorded, "blank": batch.blank}


def _page_json(page: ScannedPage) -> dict[str, Any]:
    return {"page": page.page_number, "member": page.member, "status": page.status, "reason": page.reason,
            "assignment": page.assignment_id, "student": page.student_id, "sheet_page": page.sheet_page,
            "items": page.items}


def batch_json(batch: ScanBatch) -> dict[str, Any]:
    """The scan JSON (README "The scan JSON"): per file its pages, per page its identity and items."""
    from zuoye.capture.services.reading import batch_uploads

    pages = list(batch.scanned_pages.order_by("id"))
    files = []
    for upload in batch_uploads(batch):
        files.append({"file": upload.name, "sha256": upload.sha256,
                      "pages": [_page_json(p) for p in pages if p.upload_id == upload.pk]})
    return {"batch": batch.pk, "files": files, "summary": batch_summary(batch)}


def class_assignments_with_sheets(scope: Scope) -> QuerySet[Assignment]:
    """Published homework the person may record results for (the manual-assignment form's choices)."""
    from zuoye.homework.selectors import assignments_visible

    return (assignments_visible(scope).filter(status=Assignment.Status.PUBLISHED, sheet_sets__isnull=False)
            .distinct().order_by("-assigned_on", "-id"))


def batch_classes(batch: ScanBatch) -> list[dict[str, Any]]:
    """The (homework, class) pairs a batch's pages belong to: links to their results and review queues."""
    from zuoye.schools.models import SchoolClass

    pairs = set(batch.scanned_pages.exclude(assignment=None).exclude(student=None)
                .values_list("assignment_id", "student__current_class_id"))
    assignments = Assignment.objects.in_bulk({a for a, _ in pairs})
    classes = SchoolClass.objects.in_bulk({c for _, c in pairs if c})
    return [{"assignment": assignments[a], "school_class": classes[c]} for a, c in sorted(pairs)
            if a in assignments and c in classes]


def review_items(scope: Scope, assignment_id: int, class_id: int) -> QuerySet[ReviewItem]:
    """One class's review queue for one homework: open first, each with its item and student."""
    return (reviews_visible(scope).filter(assignment_id=assignment_id, school_class_id=class_id)
            .select_related("assignment_item__item", "student__user", "resolved_by")
            .order_by("-status", "assignment_item__position", "student__student_number", "id"))


def children_of(scope: Scope) -> list[Any]:
    """The students whose homework this person may photograph or report: themselves, or their children."""
    from zuoye.schools.models import Student

    ids = scope.own_student_ids | scope.child_student_ids
    return list(Student.objects.filter(pk__in=ids, is_active=True).select_related("user", "current_class")
                .order_by("user__full_name"))


def child_assignments(student: Any, limit: int = 12) -> QuerySet[Assignment]:
    """The child's class's recent published homework, newest first."""
    return (Assignment.objects.filter(status=Assignment.Status.PUBLISHED, class_links__school_class_id=student.current_class_id,
                                      class_links__published=True)
            .select_related("subject").order_by("-assigned_on", "-id").distinct()[:limit])
