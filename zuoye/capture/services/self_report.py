"""Self-collection (自主归集) without a photo: the student or guardian taps the items the teacher
marked wrong or partly right on the paper; every other item of the homework counts as right.

Recorded through the one door with source ``self``, the weakest: it never overwrites what a
scan, a pen or the teacher recorded, and the results grid outlines such cells so the teacher
sees they were reported from home.
"""

from __future__ import annotations

from collections.abc import Mapping

from zuoye.accounts.models import User
from zuoye.homework.models import Assignment, Response
from zuoye.homework.services.responses import Recorded, ResponseIn, responses_record
from zuoye.schools.models import Student

REPORTABLE = (Response.Outcome.WRONG, Response.Outcome.PARTIAL)


def self_report_record(*, assignment: Assignment, student: Student, marked: Mapping[int, str],
                       actor: User) -> Recorded:
    """``marked``: assignment-item id → ``wrong`` or ``partial``; items not named are right."""
    links = {link.pk: link for link in assignment.item_links.all()}
    unknown = [str(i) for i in marked if i not in links]
    if unknown:
        raise ValueError(f"items {', '.join(unknown)} are not part of “{assignment.title}”")
    bad = [f"{i}: {o}" for i, o in marked.items() if o not in REPORTABLE]
    if bad:
        raise ValueError(f"only wrong or partly right can be reported ({'; '.join(bad)})")
    rows = [ResponseIn(pk, student.pk, marked.get(pk, Response.Outcome.RIGHT), evidence=f"self:{actor.pk}")
            for pk in sorted(links)]
    return responses_record(responses=rows, source=Response.Source.SELF, recorded_by=actor)
