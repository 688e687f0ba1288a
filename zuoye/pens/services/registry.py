"""Registering a school's pens, gateways and dot-pattern paper.

Device tokens are random (256 bits) and stored only as their sha256: a stolen database does
not let anyone post dots. The token is returned once, at creation, for the person who sets up
the gateway to copy into it. A pen holder must belong to the pen's school (a teacher of it, or a
student of it), so a pen never writes results for another school's pupils.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from zuoye.accounts.models import User
from zuoye.pens.models import Gateway, PaperBatch, Pen
from zuoye.schools.models import School, Student, Teacher

TOKEN_PREFIX = "zpen_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_new() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def pen_register(*, serial: str, school: School, holder: User, role: str = "", with_token: bool = False
                 ) -> tuple[Pen, str]:
    """Register (or move to a new holder) the pen ``serial``; ``role`` defaults to what the holder is.

    Returns the pen and its own device token when ``with_token`` (shown once), else ""."""
    serial = serial.strip()
    if not serial or len(serial) > 40:
        raise ValidationError(f"pen serial {serial!r}: 1 to 40 characters")
    is_teacher = Teacher.objects.filter(user=holder, school=school).exists()
    is_student = Student.objects.filter(user=holder, school=school, is_active=True).exists()
    role = role or (Pen.Role.TEACHER if is_teacher else Pen.Role.STUDENT if is_student else "")
    if role == Pen.Role.TEACHER and not is_teacher:
        raise ValidationError(f"{holder.username} is not a teacher of {school.name}")
    if role == Pen.Role.STUDENT and not is_student:
        raise ValidationError(f"{holder.username} is not a student of {school.name}")
    if role not in Pen.Role.values:
        raise ValidationError(f"{holder.username} is neither a teacher nor a student of {school.name}")
    other = Pen.objects.filter(serial=serial).exclude(school=school).first()
    if other is not None:
        raise ValidationError(f"pen {serial} is registered to another school")
    token = token_new() if with_token else ""
    pen, _ = Pen.objects.update_or_create(serial=serial, defaults={
        "school": school, "holder": holder, "role": role, "active": True,
        **({"token_hash": token_hash(token)} if token else {})})
    return pen, token


def pen_deactivate(*, pen: Pen) -> Pen:
    pen.active = False
    pen.save(update_fields=["active"])
    return pen


def gateway_create(*, name: str, school: School, actor: User | None, token: str = "") -> tuple[Gateway, str]:
    """A gateway and its token (shown once). ``token`` is for the demo only (a published constant)."""
    name = name.strip()
    if not name:
        raise ValidationError("a gateway needs a name, e.g. the classroom it stands in")
    token = token or token_new()
    gateway = Gateway.objects.create(name=name[:60], school=school, token_hash=token_hash(token),
                                     token_hint=token[:len(TOKEN_PREFIX) + 4], created_by=actor)
    return gateway, token


def gateway_deactivate(*, gateway: Gateway) -> Gateway:
    gateway.active = False
    gateway.save(update_fields=["active"])
    return gateway


@transaction.atomic
def paper_batch_create(*, school: School, section: int, owner: int, book: int, first_page: int, page_count: int,
                       label: str = "") -> PaperBatch:
    """Record a batch of dot-pattern paper; refused when its pages overlap a batch already recorded."""
    if min(section, owner, book, first_page) < 0 or page_count < 1:
        raise ValidationError("section, owner, book and first page must be ≥ 0 and the page count ≥ 1")
    last = first_page + page_count - 1
    clash = PaperBatch.objects.select_for_update().filter(
        Q(section=section, owner=owner, book=book), Q(first_page__lte=last)).select_related("school")
    for batch in clash:
        if batch.last_page >= first_page:
            raise ValidationError(
                f"pages {section}.{owner}.{book}.{first_page}–{last} overlap batch {batch} of {batch.school.name}")
    return PaperBatch.objects.create(school=school, section=section, owner=owner, book=book, first_page=first_page,
                                     page_count=page_count, label=label[:60])
