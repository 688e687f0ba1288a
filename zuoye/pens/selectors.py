"""Reads of the pens app: who a device token belongs to, a school's registry, unknown pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Min, QuerySet, Sum

from zuoye.homework.models import SheetSet
from zuoye.pens.models import DotChunk, Gateway, PaperBatch, Pen, PenPage, PenPrint
from zuoye.pens.services.registry import token_hash
from zuoye.schools.models import School


def token_owner(authorization: str) -> tuple[Gateway | None, Pen | None]:
    """The active gateway, or the active pen, whose token is in ``Authorization: Bearer …``."""
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None, None
    digest = token_hash(token)
    gateway = Gateway.objects.filter(token_hash=digest, active=True).select_related("school").first()
    if gateway is not None:
        return gateway, None
    return None, Pen.objects.filter(token_hash=digest, active=True).first()


def pens_of(school: School) -> QuerySet[Pen]:
    return Pen.objects.filter(school=school).select_related("holder").order_by("-active", "serial")


def gateways_of(school: School) -> QuerySet[Gateway]:
    return Gateway.objects.filter(school=school).order_by("-active", "name")


def batches_of(school: School) -> QuerySet[PaperBatch]:
    return PaperBatch.objects.filter(school=school)


@dataclass(frozen=True)
class UnknownPage:
    address: str
    pens: str
    dots: int
    first: int
    last: int


def unknown_pages(school: School, limit: int = 200) -> list[UnknownPage]:
    """Page addresses the school's pens wrote on that no printed page has (one grouped query)."""
    rows = (DotChunk.objects.filter(pen__school=school).exclude(address__in=PenPage.objects.values("address"))
            .values("address").annotate(dots=Sum("count"), first=Min("t_first"), last=Max("t_last"),
                                        chunks=Count("id")).order_by("-last")[:limit])
    serials: dict[str, set[str]] = {}
    for address, serial in DotChunk.objects.filter(address__in=[r["address"] for r in rows]).values_list(
            "address", "pen__serial").distinct():
        serials.setdefault(address, set()).add(serial)
    return [UnknownPage(r["address"], ", ".join(sorted(serials.get(r["address"], ()))), r["dots"], r["first"],
                        r["last"]) for r in rows]


def prints_of(sheet_sets: list[SheetSet]) -> QuerySet[PenPrint]:
    return PenPrint.objects.filter(sheet_set__in=sheet_sets).select_related("batch", "sheet_set")


def sheet_sets_of_school(school: School) -> QuerySet[SheetSet]:
    """Personal sheet sets of the school, for assigning an unknown address by hand."""
    return (SheetSet.objects.filter(school_class__school=school, kind=SheetSet.Kind.PERSONAL)
            .select_related("assignment", "school_class").order_by("-created_at"))


def printed_pages(assignment_id: int, class_id: int) -> list[PenPage]:
    """The pages of the latest printing of this assignment for this class on dot-pattern paper."""
    latest = (PenPrint.objects.filter(sheet_set__assignment_id=assignment_id, sheet_set__school_class_id=class_id)
              .order_by("-created_at", "-id").first())
    return list(latest.pages.order_by("page_index")) if latest else []
