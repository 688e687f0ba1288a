"""A class's page (roster, guardians, history, admin actions) and its credential slips."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.core import slips
from zuoye.portal.context import request_scope
from zuoye.schools import capabilities, services
from zuoye.schools.access import require
from zuoye.schools.forms import HeadTeacherForm, StudentMoveForm
from zuoye.schools.selectors import people as people_selectors
from zuoye.schools.selectors import region as region_selectors
from zuoye.schools.selectors import school as school_selectors
from zuoye.schools.selectors.slips import class_slips, slip_texts
from zuoye.schools.templatetags.school_names import class_name
from zuoye.schools.views.common import now, safe_next

log = logging.getLogger("zuoye.schools")


@login_required
def class_page(request: HttpRequest, class_id: int) -> HttpResponse:
    scope = request_scope(request)
    school_class = school_selectors.class_get(scope, class_id)
    term, _year = now()
    manage = capabilities.may_manage_school(scope, school_class.school_id)
    teachers = school_selectors.teachers_of(school_class.school)
    return render(request, "schools/class.html", {
        "school_class": school_class, "school": school_class.school, "term": term,
        "subjects": school_selectors.class_subject_teachers(school_class, term),
        "students": school_selectors.class_students(school_class),
        "crumbs": region_selectors.crumbs_for(scope, school_class.school.region.path),
        "can_manage": manage,
        "can_print": capabilities.may_print_slips(scope, school_class),
        "show_contacts": capabilities.may_see_contacts(scope, school_class),
        "show_activation": capabilities.may_see_activation(scope, school_class),
        "full_numbers": capabilities.may_see_full_student_number(scope, school_class.school_id),
        "see_school": scope.is_platform_admin or school_class.school_id in scope.school_ids or bool(scope.region_paths),
        "head_form": HeadTeacherForm(teachers=teachers, initial={"teacher": school_class.head_teacher}) if manage else None,
        "move_targets": list(school_selectors.move_targets(school_class)) if manage else [],
    })


@login_required
@require_POST
def head_teacher_set(request: HttpRequest, class_id: int) -> HttpResponse:
    scope = request_scope(request)
    school_class = school_selectors.class_get(scope, class_id)
    require(capabilities.may_manage_school(scope, school_class.school_id), scope=scope, what=f"head teacher of {class_id}")
    form = HeadTeacherForm(request.POST, teachers=school_selectors.teachers_of(school_class.school))
    if form.is_valid():
        services.head_teacher_set(school_class=school_class, teacher=form.cleaned_data["teacher"])
        messages.success(request, _("Head teacher saved."))
    else:
        messages.error(request, _("Choose one of the school's teachers."))
    return redirect("schools:class", class_id=school_class.pk)


@login_required
@require_POST
def student_move(request: HttpRequest, student_id: int) -> HttpResponse:
    scope = request_scope(request)
    student = people_selectors.movable_student(scope, student_id)
    origin = student.current_class
    form = StudentMoveForm(request.POST, targets=school_selectors.move_targets_for(student))
    if form.is_valid():
        target = form.cleaned_data["to_class"]
        services.student_move(student=student, to_class=target, source=f"admin:{request.user.get_username()}")
        messages.success(request, _("%(name)s moved to %(class)s.") % {"name": student.user.full_name, "class": class_name(target)})
    else:
        messages.error(request, _("Choose a class of the same school and year."))
    fallback = reverse("schools:class", args=[origin.pk]) if origin else reverse("portal:home")
    return redirect(safe_next(request, fallback))


def _slips_for(request: HttpRequest, class_id: int):  # type: ignore[no-untyped-def]
    scope = request_scope(request)
    school_class = school_selectors.class_get(scope, class_id)
    require(capabilities.may_print_slips(scope, school_class), scope=scope, what=f"credential slips of class {class_id}")
    log.info("credential slips of class %s exported by user %s", class_id, request.user.pk)
    return school_class, class_slips(school_class), slip_texts(), request.build_absolute_uri("/")


def _download(data: bytes, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Cache-Control"] = "no-store"  # first passwords: never kept in a shared cache
    return response


@login_required
def slips_pdf(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class, rows, texts, site = _slips_for(request, class_id)
    pdf = slips.slips_pdf(rows, texts=texts, site=site)
    return _download(pdf, "application/pdf", f"{school_class.school.name}-{school_class.name}-{texts.sheet}.pdf", inline=True)


@login_required
def slips_xlsx(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class, rows, texts, site = _slips_for(request, class_id)
    data = slips.slips_xlsx(rows, texts=texts, site=site)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(data, content_type, f"{school_class.school.name}-{school_class.name}-{texts.sheet}.xlsx", inline=False)
