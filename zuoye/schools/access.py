"""Who may see what: the one place where access is decided.

Every selector that returns people, classes, schools or regions takes the acting user and
narrows its query through :func:`scope_for`. The rules (DESIGN "Privacy"):

- teacher → the classes they teach this term (and the subjects they teach there);
- head teacher → their own class, all subjects;
- school admin / school leader → their school;
- region staff → their region and every region and school below it;
- guardian → their own children;
- student → themselves.

A person holding several roles sees the union. Nobody sees anything by default.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from zuoye.accounts.models import User
from zuoye.schools import models as m
from zuoye.schools.terms import term_current

log = logging.getLogger("zuoye.access")


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    is_platform_admin: bool = False
    own_student_ids: frozenset[int] = frozenset()
    child_student_ids: frozenset[int] = frozenset()
    taught: frozenset[tuple[int, int]] = frozenset()  # (class id, subject id) this term
    head_class_ids: frozenset[int] = frozenset()
    admin_school_ids: frozenset[int] = frozenset()
    leader_school_ids: frozenset[int] = frozenset()
    region_paths: tuple[str, ...] = field(default_factory=tuple)

    @property
    def taught_class_ids(self) -> frozenset[int]:
        return frozenset(class_id for class_id, _ in self.taught)

    @property
    def class_ids(self) -> frozenset[int]:
        """Classes seen whole through a class role (teaching or head teacher)."""
        return self.taught_class_ids | self.head_class_ids

    @property
    def school_ids(self) -> frozenset[int]:
        return self.admin_school_ids | self.leader_school_ids

    @property
    def roles(self) -> frozenset[str]:
        names = {
            "student": self.own_student_ids,
            "guardian": self.child_student_ids,
            "teacher": self.taught,
            "head_teacher": self.head_class_ids,
            "school_admin": self.admin_school_ids,
            "school_leader": self.leader_school_ids,
            "region_staff": self.region_paths,
        }
        return frozenset(name for name, held in names.items() if held)

    def _place_q(self, school_field: str, class_field: str | None, region_path_field: str) -> Q:
        q = Q(pk__in=[])
        if self.school_ids:
            q |= Q(**{f"{school_field}__in": self.school_ids})
        for path in self.region_paths:
            q |= Q(**{f"{region_path_field}__startswith": path})
        if class_field and self.class_ids:
            q |= Q(**{f"{class_field}__in": self.class_ids})
        return q


def scope_for(user: User) -> Scope:
    """Read every role the person holds, once per request (a handful of small queries)."""
    if not user.is_authenticated:
        return Scope(user_id=None)
    term = term_current()
    taught: frozenset[tuple[int, int]] = frozenset()
    head: frozenset[int] = frozenset()
    if hasattr(user, "teacher") and user.teacher.is_active:
        assignments = m.TeachingAssignment.objects.filter(teacher=user.teacher)
        if term is not None:
            assignments = assignments.filter(term=term)
        taught = frozenset(assignments.values_list("school_class_id", "subject_id"))
        head = frozenset(m.SchoolClass.objects.filter(head_teacher=user.teacher).values_list("id", flat=True))
    roles = list(user.staff_roles.select_related("region").all())
    return Scope(
        user_id=user.pk,
        is_platform_admin=user.is_superuser,
        own_student_ids=frozenset(m.Student.objects.filter(user=user, is_active=True).values_list("id", flat=True)),
        child_student_ids=frozenset(
            m.GuardianLink.objects.filter(guardian__user=user).values_list("student_id", flat=True)
        ),
        taught=taught,
        head_class_ids=head,
        admin_school_ids=frozenset(r.school_id for r in roles if r.kind == m.StaffRole.Kind.SCHOOL_ADMIN),
        leader_school_ids=frozenset(r.school_id for r in roles if r.kind == m.StaffRole.Kind.SCHOOL_LEADER),
        region_paths=tuple(sorted({r.region.path for r in roles if r.kind == m.StaffRole.Kind.REGION_STAFF})),
    )


def regions_visible(scope: Scope) -> QuerySet[m.Region]:
    if scope.is_platform_admin:
        return m.Region.objects.all()
    q = Q(pk__in=[])
    for path in scope.region_paths:
        q |= Q(path__startswith=path)
    return m.Region.objects.filter(q)


def schools_visible(scope: Scope) -> QuerySet[m.School]:
    if scope.is_platform_admin:
        return m.School.objects.all()
    return m.School.objects.filter(scope._place_q("pk", None, "region__path"))


def classes_visible(scope: Scope) -> QuerySet[m.SchoolClass]:
    if scope.is_platform_admin:
        return m.SchoolClass.objects.all()
    return m.SchoolClass.objects.filter(scope._place_q("school", "pk", "school__region__path"))


def students_visible(scope: Scope) -> QuerySet[m.Student]:
    if scope.is_platform_admin:
        return m.Student.objects.all()
    q = scope._place_q("school", "current_class", "school__region__path")
    people = scope.own_student_ids | scope.child_student_ids
    if people:
        q |= Q(pk__in=people)
    return m.Student.objects.filter(q)


def teachers_visible(scope: Scope) -> QuerySet[m.Teacher]:
    """Teachers are visible to those who manage their school or region (not to students or guardians)."""
    if scope.is_platform_admin:
        return m.Teacher.objects.all()
    return m.Teacher.objects.filter(scope._place_q("school", None, "school__region__path"))


def subjects_taught_in(scope: Scope, school_class: m.SchoolClass) -> frozenset[int] | None:
    """Subjects the person may act on in a class; ``None`` means all (head teacher and above)."""
    if (
        scope.is_platform_admin
        or school_class.pk in scope.head_class_ids
        or school_class.school_id in scope.school_ids
        or any(school_class.school.region.path.startswith(path) for path in scope.region_paths)
    ):
        return None
    return frozenset(subject for taught_class, subject in scope.taught if taught_class == school_class.pk)


def require(allowed: bool, *, scope: Scope, what: str) -> None:
    """Deny (403) and log an attempt to reach something outside the person's scope."""
    if not allowed:
        log.warning("access denied: user=%s roles=%s wanted=%s", scope.user_id, sorted(scope.roles), what)
        raise PermissionDenied(what)
