"""JSON API of the schools app (mounted under /api/v1/ by :mod:`zuoye.portal.api`).

The same scoping as the pages: every list is narrowed by :mod:`zuoye.schools.access`, one
object outside the person's scope answers 403 and an unknown one 404. Phones, ID-card
numbers and (except for the school's admin) 学籍号 are masked. Lists are paginated
(``limit``/``offset``) because a province has thousands of schools and classes.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from zuoye.core import identity
from zuoye.portal.context import request_scope
from zuoye.schools import access, capabilities
from zuoye.schools import models as m
from zuoye.schools.selectors import school as school_selectors
from zuoye.schools.terms import school_year_current

router = Router(tags=["schools"])


class Page(LimitOffsetPagination):
    """``limit`` (1–500, default 100) and ``offset``: no caller pulls a province in one response."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0)


class PlaceOut(Schema):
    id: int
    name: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    masked_phone: str
    must_change_password: bool
    roles: list[str]
    schools: list[PlaceOut]
    regions: list[PlaceOut]
    class_ids: list[int]
    student_ids: list[int]


class SchoolOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    region_id: int
    region_name: str

    @staticmethod
    def resolve_region_name(school: m.School) -> str:
        return school.region.name


class ClassOut(Schema):
    id: int
    school_id: int
    school_year: str
    grade: int
    number: int
    name: str
    head_teacher: str | None
    student_count: int

    @staticmethod
    def resolve_school_year(school_class: m.SchoolClass) -> str:
        return school_class.school_year.name

    @staticmethod
    def resolve_head_teacher(school_class: m.SchoolClass) -> str | None:
        teacher = school_class.head_teacher
        return teacher.user.full_name if teacher is not None else None


class GuardianOut(Schema):
    name: str
    relation: str
    masked_phone: str


class StudentOut(Schema):
    id: int
    name: str
    gender: str
    student_number: str
    masked_id_card: str
    activated: bool | None
    guardians: list[GuardianOut]  # empty for region staff, who see names only


@router.get("/me", response=MeOut, url_name="me")
def me(request: HttpRequest) -> MeOut:
    scope = request_scope(request)
    user = request.user
    schools = m.School.objects.filter(pk__in=scope.school_ids).order_by("code")
    regions = m.Region.objects.filter(path__in=scope.region_paths).order_by("path")
    return MeOut(
        id=user.pk, username=user.get_username(), full_name=user.full_name, masked_phone=user.masked_phone,
        must_change_password=user.must_change_password, roles=sorted(scope.roles),
        schools=[PlaceOut(id=s.pk, name=s.name) for s in schools],
        regions=[PlaceOut(id=r.pk, name=r.name) for r in regions],
        class_ids=sorted(scope.class_ids), student_ids=sorted(scope.own_student_ids | scope.child_student_ids),
    )


@router.get("/schools", response=list[SchoolOut], url_name="schools")
@paginate(Page)
def schools(request: HttpRequest, region_id: int | None = None):  # type: ignore[no-untyped-def]
    visible = access.schools_visible(request_scope(request)).select_related("region").order_by("code")
    if region_id is not None:
        region = m.Region.objects.filter(pk=region_id).first()
        visible = visible.filter(region__path__startswith=region.path) if region else visible.none()
    return visible


@router.get("/classes", response=list[ClassOut], url_name="classes")
@paginate(Page)
def classes(request: HttpRequest, school_id: int | None = None, grade: int | None = None):  # type: ignore[no-untyped-def]
    """Classes of the current school year the person may see."""
    visible = (
        access.classes_visible(request_scope(request))
        .filter(school_year=school_year_current())
        .select_related("school_year", "head_teacher__user")
        .annotate(student_count=Count("students", filter=Q(students__is_active=True)))
        .order_by("school_id", "grade", "number")
    )
    if school_id is not None:
        visible = visible.filter(school_id=school_id)
    if grade is not None:
        visible = visible.filter(grade=grade)
    return visible


@router.get("/classes/{class_id}/students", response=list[StudentOut], url_name="class_students")
def class_students(request: HttpRequest, class_id: int) -> list[StudentOut]:
    scope = request_scope(request)
    school_class = school_selectors.class_get(scope, class_id)
    contacts = capabilities.may_see_contacts(scope, school_class)
    activation = capabilities.may_see_activation(scope, school_class)
    full_number = capabilities.may_see_full_student_number(scope, school_class.school_id)
    return [
        StudentOut(
            id=s.pk, name=s.user.full_name, gender=s.gender,
            student_number=s.student_number if full_number else identity.mask_id_card(s.student_number),
            masked_id_card=s.masked_id_card,
            activated=(not s.user.must_change_password) if activation else None,
            guardians=[
                GuardianOut(name=link.guardian.user.full_name, relation=link.relation, masked_phone=link.guardian.user.masked_phone)
                for link in s.guardian_links.all()
            ] if contacts else [],
        )
        for s in school_selectors.class_students(school_class)
    ]
