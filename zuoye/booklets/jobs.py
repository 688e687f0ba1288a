"""Background job: a whole class's booklets for a week (a few seconds for 50 students).

Takes ids and the week, calls :func:`booklets_print` once, and says where the downloads are.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from zuoye.booklets.services.printing import booklets_print
from zuoye.booklets.weeks import week_parse
from zuoye.jobs.registry import Progress, handler
from zuoye.schools.models import SchoolClass


@handler("booklets.class")
def class_booklets(*, progress: Progress, class_id: int, week: str, base_url: str,
                   actor_id: int | None = None) -> dict[str, Any]:
    school_class = SchoolClass.objects.select_related("school").get(pk=class_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    printed = booklets_print(school_class=school_class, week=week_parse(week), base_url=base_url, actor=actor,
                             progress=progress)
    batch = printed.booklets[0].batch
    return {
        "batch_id": batch.pk, "pages": printed.pages, "students": len(printed.booklets),
        "seconds": round(printed.seconds, 2),
        "pdf_url": reverse("booklets:batch_pdf", args=[batch.pk]),
        "class_url": reverse("booklets:class", args=[class_id]) + f"?week={week}#students",
    }
