"""Template context shared by every page: the acting person's roles and the navigation bar.

The menu offers only places the person may open (their school's pages for school staff,
the region pages for region staff, roster import for account admins), so nobody is shown a
link that ends in "access denied".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zuoye.schools.access import Scope, scope_for


def request_scope(request: HttpRequest) -> Scope:
    """The acting person's scope, computed once per request."""
    if not hasattr(request, "_zuoye_scope"):
        request._zuoye_scope = scope_for(request.user)  # type: ignore[attr-defined]
    return request._zuoye_scope  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def nav_items(scope: Scope) -> list[NavItem]:
    from zuoye.rosters.selectors import may_manage_rosters
    from zuoye.schools.models import School

    items = [NavItem(str(_("Home")), reverse("portal:home"))]
    if scope.region_paths or scope.is_platform_admin:
        items.append(NavItem(str(_("Regions")), reverse("schools:regions")))
    schools = School.objects.filter(pk__in=scope.school_ids).order_by("code").only("pk", "name") if scope.school_ids else []
    for school in schools:
        label = school.name if len(scope.school_ids) > 1 else str(_("My school"))
        items.append(NavItem(label, reverse("schools:school", args=[school.pk])))
        items.append(NavItem(str(_("Teachers")), reverse("schools:teachers", args=[school.pk])))
        if school.pk in scope.admin_school_ids:
            items.append(NavItem(str(_("Pens")), reverse("pens:school", args=[school.pk])))
    if scope.is_platform_admin or scope.roles & {"teacher", "head_teacher", "school_admin", "school_leader", "region_staff"}:
        items.append(NavItem(str(_("Item bank")), reverse("itembank:bank")))
    if scope.roles & {"teacher", "head_teacher", "school_leader"}:
        items.append(NavItem(str(_("Homework")), reverse("homework:list")))
    # capture (issue 4); msgids in capture's catalogue
    if scope.roles & {"teacher", "head_teacher"}:
        items.append(NavItem(str(_("Capture")), reverse("capture:scan")))
    if scope.roles & {"student", "guardian"}:
        items.append(NavItem(str(_("Send graded homework")), reverse("capture:home")))
    # learning (issue 6); msgids in learning's catalogue
    if scope.roles & {"student", "guardian"}:
        items.append(NavItem(str(_("Wrong-question notebook")), reverse("learning:home")))
    elif scope.roles & {"teacher", "head_teacher"}:
        items.append(NavItem(str(_("Class learning")), reverse("learning:home")))
    # booklets (issue 6); msgid in booklets' catalogue
    if scope.roles & {"teacher", "head_teacher", "school_admin", "school_leader"}:
        items.append(NavItem(str(_("Personal booklets")), reverse("booklets:index")))
    if may_manage_rosters(scope):
        items.append(NavItem(str(_("Rosters")), reverse("rosters:index")))
    # analytics (issue 7); msgids in analytics' catalogue
    if scope.roles & {"teacher", "head_teacher"}:
        items.append(NavItem(str(_("Class analytics")), reverse("analytics:teacher")))
    for school in schools:
        items.append(NavItem(str(_("School report")), reverse("analytics:school", args=[school.pk])))
    if scope.region_paths or scope.is_platform_admin:
        items.append(NavItem(str(_("Region report")), reverse("analytics:regions")))
        items.append(NavItem(str(_("Usage assessment")), reverse("analytics:regions") + "?page=assessment"))
        items.append(NavItem(str(_("Spot checks")), reverse("analytics:regions") + "?page=checks"))
    return items


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    scope = request_scope(request)
    return {"scope": scope, "nav": nav_items(scope)}
