"""Background jobs of homework: a whole class's personal answer sheets (a few seconds for 50 students).

The job takes ids, calls :func:`sheets_print` once, and reports where the PDF and layout are;
the jobs app runs each job once even if it is delivered twice.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from zuoye.homework.models import Assignment
from zuoye.homework.services.sheets import sheets_print
from zuoye.jobs.registry import Progress, handler
from zuoye.schools.models import SchoolClass


@handler("homework.sheets")
def sheets(*, progress: Progress, assignment_id: int, class_id: int, actor_id: int | None = None) -> dict[str, Any]:
    assignment = Assignment.objects.select_related("subject").get(pk=assignment_id)
    school_class = SchoolClass.objects.select_related("school").get(pk=class_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    sheet_set = sheets_print(assignment=assignment, school_class=school_class, actor=actor, progress=progress)
    return {
        "sheet_set_id": sheet_set.pk, "pages": sheet_set.pages, "students": len(sheet_set.student_ids),
        "pdf_url": reverse("homework:sheet_pdf", args=[sheet_set.pk]),
        "layout_url": reverse("homework:sheet_layout", args=[sheet_set.pk]),
    }
