"""Student and guardian pages: mobile first, large type; the care mode (关怀版) for elderly guardians."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zuoye.learning import selectors
from zuoye.learning.models import NotebookEntry
from zuoye.learning.views.common import CARE_COOKIE, care_mode, student_visible, subjects_for
from zuoye.portal.context import request_scope
from zuoye.schools.access import classes_visible, students_visible


def _week():  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    start = today - timedelta(days=today.weekday())
    return start, start + timedelta(days=6)


def booklet_url(student_id: int) -> str:
    """The week's booklet page, once the booklets app offers one (its URL name is ``booklets:student``)."""
    for args in ([student_id], []):
        try:
            url = reverse("booklets:student", args=args)
        except NoReverseMatch:
            continue
        return url if args else f"{url}?student={student_id}"
    return ""


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where "错题本" / "学情" in the menu lead: straight to the one student, else a short chooser."""
    scope = request_scope(request)
    people = sorted(scope.own_student_ids | scope.child_student_ids)
    if len(people) == 1 and not scope.class_ids:
        return redirect("learning:student", student_id=people[0])
    if not people and len(scope.class_ids) == 1:
        return redirect("learning:class", class_id=next(iter(scope.class_ids)))
    students = students_visible(scope).filter(pk__in=people).select_related("user", "current_class")
    classes = classes_visible(scope).filter(pk__in=scope.class_ids).select_related("school") if scope.class_ids else []
    return render(request, "learning/home.html", {"students": students, "classes": classes, "care": care_mode(request)})


@login_required
def student(request: HttpRequest, student_id: int) -> HttpResponse:
    scope, person = student_visible(request, student_id)
    subjects = subjects_for(scope, person)
    allowed = {s.pk for s in subjects}
    start, end = _week()
    week = [e for e in selectors.notebook_entries(student_id=person.pk, start=start, end=end) if e.subject_id in allowed]
    last_week = not week  # early in the week (or after a holiday) last week's are the ones to look at
    if last_week:
        ws, we = start - timedelta(days=7), start - timedelta(days=1)
        week = [e for e in selectors.notebook_entries(student_id=person.pk, start=ws, end=we) if e.subject_id in allowed]
        shown = (ws, we) if week else (start, end)
    else:
        shown = (start, end)
    open_entries = list(NotebookEntry.objects.filter(student=person, subject_id__in=allowed).exclude(
        status=NotebookEntry.Status.MASTERED).select_related("item")[:200])
    lessons, no_lesson = selectors.lessons_to_watch(student_id=person.pk, entries=open_entries)
    counts = {s.pk: 0 for s in subjects}
    for subject_id in NotebookEntry.objects.filter(student=person, subject_id__in=allowed, status="open").values_list(
            "subject_id", flat=True):
        counts[subject_id] += 1
    return render(request, "learning/student.html", {
        "person": person, "care": care_mode(request), "week_start": shown[0], "week_end": shown[1], "last_week": last_week and bool(week),
        "week_entries": week, "lessons": lessons[:8], "no_lesson": no_lesson,
        "subjects": [(s, counts[s.pk]) for s in subjects],
        "mastery": selectors.mastery_for(student_id=person.pk, subjects=subjects),
        "extension": [r for r in selectors.extension_for(student_id=person.pk, start=start, end=end)
                      if r.status == "approved" and r.subject_id in allowed],
        "booklet_url": booklet_url(person.pk), "is_self": person.pk in scope.own_student_ids,
    })


@login_required
def notebook(request: HttpRequest, student_id: int) -> HttpResponse:
    scope, person = student_visible(request, student_id)
    subjects = subjects_for(scope, person)
    chosen = next((s for s in subjects if str(s.pk) == request.GET.get("subject")), None)
    status = request.GET.get("status", "")
    entries = selectors.notebook_entries(student_id=person.pk, subject_id=chosen.pk if chosen else None).filter(
        subject_id__in=[s.pk for s in subjects])
    if status in NotebookEntry.Status.values:
        entries = entries.filter(status=status)
    entries = list(entries.prefetch_related("item__knowledge_points")[:300])
    points = selectors.item_point_titles(e.item_id for e in entries)
    lessons = selectors.lessons_for_points({p.pk for ps in points.values() for p in ps})
    rows = [(e, [(p, lessons.get(p.pk, [])) for p in points.get(e.item_id, [])]) for e in entries]
    return render(request, "learning/notebook.html", {
        "person": person, "care": care_mode(request), "subjects": subjects, "chosen": chosen, "status": status,
        "rows": rows, "statuses": NotebookEntry.Status.choices,
    })


@require_POST
def care(request: HttpRequest) -> HttpResponse:
    """Switch the care mode (关怀版) on or off for this browser, and go back."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("learning:home")
    response = redirect(back)
    if request.POST.get("care") == "1":
        response.set_cookie(CARE_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(CARE_COOKIE)
    return response
