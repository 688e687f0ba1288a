"""The daily load calendar: a class's days × subjects with each day's total against the limit.

A head teacher sees their own class, a school leader any class of the school. A week by
default; ``?span=month`` shows the month; ``?day=YYYY-MM-DD`` picks which week or month.
"""

from __future__ import annotations

import calendar as months
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zuoye.homework import selectors
from zuoye.portal.context import request_scope
from zuoye.schools.access import require
from zuoye.schools.terms import today


def period(day: date, span: str) -> tuple[date, date, date, date]:
    """(first, last, previous period's day, next period's day) of the week or month holding ``day``."""
    if span == "month":
        first = day.replace(day=1)
        last = first.replace(day=months.monthrange(first.year, first.month)[1])
        return first, last, first - timedelta(days=1), last + timedelta(days=1)
    first = day - timedelta(days=day.weekday())
    return first, first + timedelta(days=6), first - timedelta(days=7), first + timedelta(days=7)


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return today()


@login_required
def calendar_index(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    classes = list(selectors.calendar_classes(scope))
    require(bool(classes), scope=scope, what="load calendar")
    if len(classes) == 1:
        return redirect("homework:calendar", class_id=classes[0].pk)
    return render(request, "homework/calendar_index.html", {"classes": classes})


@login_required
def class_calendar(request: HttpRequest, class_id: int) -> HttpResponse:
    scope = request_scope(request)
    school_class = selectors.calendar_class_get(scope, class_id)
    span = "month" if request.GET.get("span") == "month" else "week"
    first, last, before, after = period(_day(request.GET.get("day")), span)
    return render(request, "homework/calendar.html", {
        "calendar": selectors.class_calendar(school_class, first, last), "span": span, "first": first, "last": last,
        "before": before, "after": after, "today": today(), "near_share": int(selectors.NEAR_SHARE * 100),
    })
