"""Teacher pages (学情): a class's most-missed items and who is behind each, items with no
knowledge point, the mastery spread, the extension exercises to review, lesson completion."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.learning import classroom
from zuoye.learning.models import Recommendation
from zuoye.learning.services.recommendations import (
    recommendation_decide, recommendations_approve_all, recommendations_propose,
)
from zuoye.learning.views.common import class_visible
from zuoye.schools.access import require
from zuoye.schools.models import Student


def _subject(request: HttpRequest, subjects):  # type: ignore[no-untyped-def]
    return next((s for s in subjects if str(s.pk) == request.GET.get("subject")), subjects[0] if subjects else None)


@login_required
def class_page(request: HttpRequest, class_id: int) -> HttpResponse:
    scope, school_class, subjects = class_visible(request, class_id)
    subject = _subject(request, subjects)
    days = request.GET.get("days", "28")
    start = timezone.localdate() - timedelta(days=int(days)) if days.isdigit() else None
    context = {"school_class": school_class, "subjects": subjects, "subject": subject, "days": days}
    if subject is not None:
        context.update(
            missed=classroom.most_missed(school_class=school_class, subject_id=subject.pk, start=start),
            no_point=classroom.items_without_point(school_class=school_class, subject_id=subject.pk),
            spread=classroom.mastery_spread(school_class=school_class, subject_id=subject.pk),
        )
    return render(request, "learning/class.html", context)


def _day(request: HttpRequest, school_class=None) -> date:  # type: ignore[no-untyped-def]
    """The day asked for; else the first day from today with proposals for the class; else the
    next school day (extension work is for the coming evening)."""
    raw = request.GET.get("day") or request.POST.get("day") or ""
    if parse_date(raw):
        return parse_date(raw)  # type: ignore[return-value]
    today = timezone.localdate()
    if school_class is not None:
        first = Recommendation.objects.filter(student__current_class=school_class, for_date__gte=today).order_by(
            "for_date").values_list("for_date", flat=True).first()
        if first:
            return first
    day = today + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@login_required
def recommendations(request: HttpRequest, class_id: int) -> HttpResponse:
    scope, school_class, subjects = class_visible(request, class_id)
    subject = _subject(request, subjects)
    day = _day(request, school_class)
    recs = Recommendation.objects.filter(student__current_class=school_class, for_date=day,
                                         subject_id=subject.pk if subject else 0).select_related(
        "student__user", "item", "knowledge_point", "variant_of").order_by("student__user__full_name", "id")
    return render(request, "learning/recommendations.html", {
        "school_class": school_class, "subjects": subjects, "subject": subject, "day": day, "recs": recs,
        "proposed": sum(r.status == "proposed" for r in recs),
    })


@login_required
@require_POST
def recommendations_act(request: HttpRequest, class_id: int) -> HttpResponse:
    """Propose for the whole class, approve all proposals, or decide one (approve / remove / replace)."""
    scope, school_class, subjects = class_visible(request, class_id)
    # only the class's own teachers decide what goes out to it (not staff who may only look)
    require(school_class.pk in scope.class_ids, scope=scope, what=f"decide recommendations of class {class_id}")
    subject = next((s for s in subjects if str(s.pk) == request.POST.get("subject")), None)
    require(subject is not None, scope=scope, what=f"recommendations of class {class_id} in that subject")
    assert subject is not None
    day = _day(request)
    action = request.POST.get("action", "")
    students = list(Student.objects.filter(current_class=school_class, is_active=True).select_related("current_class"))
    if action == "propose":
        made = [recommendations_propose(student=s, subject_id=subject.pk, for_date=day) for s in students]
        messages.success(request, _("%(n)d extension exercises proposed for %(s)d students.") % {
            "n": sum(p.proposed for p in made), "s": sum(1 for p in made if p.proposed)})
    elif action == "approve_all":
        n = recommendations_approve_all(student_ids=[s.pk for s in students], for_date=day, actor=request.user)
        messages.success(request, _("%(n)d extension exercises approved.") % {"n": n})
    else:
        rec = get_object_or_404(Recommendation, pk=request.POST.get("recommendation") or 0,
                                student__current_class=school_class, subject=subject)
        try:
            recommendation_decide(recommendation=rec, action=action, actor=request.user)
        except ValueError as error:
            messages.error(request, str(error))
    return redirect(f"{request.path.rsplit('act/', 1)[0]}?subject={subject.pk}&day={day.isoformat()}")


@login_required
def lessons(request: HttpRequest, class_id: int) -> HttpResponse:
    scope, school_class, subjects = class_visible(request, class_id)
    return render(request, "learning/class_lessons.html", {
        "school_class": school_class, "rates": classroom.lesson_completion(school_class=school_class)})
