"""The daily homework-load budget of a class (H9), as the rules in ``core.policy`` define it.

The region's own limits are read from the region and its ancestors (county over city over
province over the national rule); the class's day total counts every published assignment of
every subject for that class and day.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Sum

from zuoye.core.policy import homework_load as policy
from zuoye.homework.models import AssignmentClass, RegionLoadLimit
from zuoye.schools.models import Region, SchoolClass


def limits_for_region(region: Region) -> policy.LoadLimits:
    codes = [code for code in region.path.strip("/").split("/") if code]
    rows = RegionLoadLimit.objects.filter(region__code__in=codes).select_related("region")
    overrides = [
        policy.RegionOverride(
            depth=codes.index(row.region.code) + 1, grade_from=row.grade_from, grade_to=row.grade_to,
            minutes=row.minutes, source=row.source,
        )
        for row in rows
    ]
    return policy.limits_for_region(overrides)


def class_day_minutes(*, school_class: SchoolClass, day: date, excluding_assignment: int | None = None) -> dict[str, int]:
    """Published minutes for a class on a day, by subject name."""
    links = AssignmentClass.objects.filter(school_class=school_class, assigned_on=day, published=True)
    if excluding_assignment is not None:
        links = links.exclude(assignment_id=excluding_assignment)
    rows = links.values("assignment__subject__name").annotate(minutes=Sum("minutes"))
    return {row["assignment__subject__name"]: int(row["minutes"]) for row in rows}


def load_check(
    *, school_class: SchoolClass, day: date, adding: int, excluding_assignment: int | None = None
) -> policy.LoadCheck:
    by_subject = class_day_minutes(school_class=school_class, day=day, excluding_assignment=excluding_assignment)
    return policy.check_load(
        limits=limits_for_region(school_class.school.region), grade=school_class.grade,
        already=sum(by_subject.values()), adding=adding, by_subject=by_subject,
    )
