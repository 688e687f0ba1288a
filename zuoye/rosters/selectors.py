"""Reads for the rosters pages: whose rosters a person may manage, past imports, export data.

Access is decided by :mod:`zuoye.schools.access`. Managing rosters is narrower than seeing a
school: a school leader sees the school's results but does not run its accounts, and teachers,
students and guardians never do. :func:`roster_scope` is the person's scope without those
roles; what it still reaches (own school as school admin, schools of the region as region
staff, everything as platform admin) is what they may import and export.
"""

from __future__ import annotations

import dataclasses

from django.db.models import QuerySet

from zuoye.rosters.models import RosterImport
from zuoye.schools import access
from zuoye.schools import models as m


def roster_scope(scope: access.Scope) -> access.Scope:
    return dataclasses.replace(
        scope, leader_school_ids=frozenset(), taught=frozenset(), head_class_ids=frozenset(),
        own_student_ids=frozenset(), child_student_ids=frozenset(),
    )


def may_manage_rosters(scope: access.Scope) -> bool:
    return scope.is_platform_admin or bool(scope.admin_school_ids or scope.region_paths)


def roster_schools(scope: access.Scope) -> QuerySet[m.School]:
    return access.schools_visible(roster_scope(scope)).select_related("region").order_by("region__code", "code")


def roster_regions(scope: access.Scope) -> QuerySet[m.Region]:
    """Regions whose whole roster the person may export (region staff and platform admins)."""
    return access.regions_visible(roster_scope(scope)).order_by("path")


def imports_of(scope: access.Scope, school: m.School, limit: int = 50) -> list[RosterImport]:
    access.require(roster_schools(scope).filter(pk=school.pk).exists(), scope=scope, what=f"roster imports of school {school.pk}")
    return list(RosterImport.objects.filter(school=school).select_related("actor")[:limit])


def import_visible(scope: access.Scope, pk: int) -> RosterImport | None:
    record = RosterImport.objects.select_related("school", "actor").filter(pk=pk).first()
    if record is None:
        return None
    if record.school is None:
        allowed = scope.is_platform_admin
    else:
        allowed = roster_schools(scope).filter(pk=record.school_id).exists()
    access.require(allowed, scope=scope, what=f"roster import {pk}")
    return record
