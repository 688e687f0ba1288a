"""Which school year and term it is: school days are counted in the school's time zone."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from zuoye.schools.models import SchoolYear, Term


def today() -> date:
    return timezone.localdate()


def term_current(on: date | None = None) -> Term | None:
    """The term containing ``on`` (today by default); between terms, the one that ended last."""
    day = on or today()
    term = Term.objects.filter(start_date__lte=day, end_date__gte=day).select_related("school_year").first()
    if term is None:
        term = Term.objects.filter(start_date__lte=day).select_related("school_year").order_by("-start_date").first()
    return term


def school_year_current(on: date | None = None) -> SchoolYear | None:
    day = on or today()
    year = SchoolYear.objects.filter(start_date__lte=day, end_date__gte=day).first()
    return year or SchoolYear.objects.filter(start_date__lte=day).order_by("-start_date").first()
