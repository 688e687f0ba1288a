"""The home page: one section per role the person holds, in a fixed order.

A parent who is also a teacher sees both sections; someone with no role yet is told whom to
ask. Each section's data comes from :mod:`zuoye.schools.selectors.home`, read within the
person's scope.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zuoye.portal.context import request_scope
from zuoye.schools.selectors import home
from zuoye.schools.terms import school_year_current, term_current


@login_required
def home_page(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    term = term_current()
    year = term.school_year if term is not None else school_year_current()
    roles = scope.roles
    return render(request, "portal/home.html", {
        "scope": scope, "term": term, "year": year,
        "students": home.student_homes(scope, term) if "student" in roles else [],
        "children": home.guardian_children(scope) if "guardian" in roles else [],
        "taught": home.teacher_classes(scope, year) if roles & {"teacher", "head_teacher"} else [],
        "admin_schools": home.school_admin_homes(scope, year) if "school_admin" in roles else [],
        "leader_schools": home.school_leader_homes(scope, term, year) if "school_leader" in roles else [],
        "regions": home.region_homes(scope, year) if "region_staff" in roles else [],
        "platform_admin": scope.is_platform_admin,
    })
