"""A school's page (classes by grade, creating classes) and its teachers page (assignments)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.portal.context import request_scope
from zuoye.schools import capabilities, services
from zuoye.schools import models as m
from zuoye.schools.access import require
from zuoye.schools.forms import AssignmentForm, ClassesEnsureForm
from zuoye.schools.selectors import region as region_selectors
from zuoye.schools.selectors import school as school_selectors
from zuoye.schools.templatetags.school_names import grade_name
from zuoye.schools.views.common import now


def _school_page(request: HttpRequest, school: m.School, form: ClassesEnsureForm | None) -> HttpResponse:
    scope = request_scope(request)
    term, year = now()
    can_manage = capabilities.may_manage_school(scope, school.pk)
    return render(request, "schools/school.html", {
        "school": school, "term": term, "year": year, "can_manage": can_manage,
        "grades": school_selectors.classes_by_grade(school, year),
        "numbers": school_selectors.school_numbers(school, year),
        "crumbs": region_selectors.crumbs_for(scope, school.region.path),
        "form": (form or ClassesEnsureForm(school=school)) if can_manage else None,
    })


@login_required
def school_page(request: HttpRequest, school_id: int) -> HttpResponse:
    return _school_page(request, school_selectors.school_get(request_scope(request), school_id), None)


@login_required
@require_POST
def classes_create(request: HttpRequest, school_id: int) -> HttpResponse:
    scope = request_scope(request)
    school = school_selectors.school_get(scope, school_id)
    require(capabilities.may_manage_school(scope, school.pk), scope=scope, what=f"create classes at school {school_id}")
    form = ClassesEnsureForm(request.POST, school=school)
    _term, year = now()
    if year is None:
        form.add_error(None, _("No school year is set up yet, so classes cannot be created."))
    if not form.is_valid():
        return _school_page(request, school, form)
    grade, count = form.cleaned_data["grade"], form.cleaned_data["count"]
    services.classes_ensure(school=school, school_year=year, grade=grade, count=count)
    messages.success(request, _("%(grade)s now has classes 1 to %(count)s.") % {"grade": grade_name(grade), "count": count})
    return redirect("schools:school", school_id=school.pk)


@login_required
def teachers_page(request: HttpRequest, school_id: int) -> HttpResponse:
    scope = request_scope(request)
    school = school_selectors.school_get(scope, school_id)
    term, year = now()
    can_manage = capabilities.may_manage_school(scope, school.pk)
    form = AssignmentForm(
        request.POST or None, teachers=school_selectors.teachers_of(school), classes=school_selectors.classes_of(school, year)
    )
    if request.method == "POST":
        require(can_manage, scope=scope, what=f"assign teachers at school {school_id}")
        if term is None:
            form.add_error(None, _("No term is set up yet, so teachers cannot be assigned."))
        elif form.is_valid():
            try:
                services.teaching_assignment_add(term=term, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Assignment added."))
                return redirect("schools:teachers", school_id=school.pk)
    return render(request, "schools/teachers.html", {
        "school": school, "term": term, "can_manage": can_manage, "form": form if can_manage else None,
        "teachers": school_selectors.teachers_with_assignments(school, term, year),
        "crumbs": region_selectors.crumbs_for(scope, school.region.path),
    })


@login_required
@require_POST
def assignment_delete(request: HttpRequest, assignment_id: int) -> HttpResponse:
    scope = request_scope(request)
    assignment = get_object_or_404(m.TeachingAssignment.objects.select_related("school_class"), pk=assignment_id)
    school_id = assignment.school_class.school_id
    require(capabilities.may_manage_school(scope, school_id), scope=scope, what=f"remove assignment {assignment_id}")
    services.teaching_assignment_remove(assignment=assignment)
    messages.success(request, _("Assignment removed."))
    return redirect("schools:teachers", school_id=school_id)
