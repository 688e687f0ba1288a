"""The credential slips of a class: each student followed by their guardians.

A child takes home their own slip and their parents' slips together, so a guardian's slip
follows the child's. Guardians with a mobile number log in with it (they always know it);
the slip shows the number masked, enough to hand the right slip to the right parent.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zuoye.accounts.models import User
from zuoye.core.slips import Slip, SlipTexts
from zuoye.schools import models as m
from zuoye.schools.selectors.school import class_students


def slip_texts() -> SlipTexts:
    """The slip's wording in the active language (Chinese unless the person chose English)."""
    return SlipTexts(
        title=_("Zuoye smart homework · first login"),
        name=_("Name"),
        class_label=_("Class"),
        login=_("Log in as"),
        phone_login=_("your mobile number {phone}"),
        password=_("First password"),
        site=_("Website"),
        note=_("You must choose your own password at first login. Keep this slip safe and show it to no one."),
        none_pending=_("Every account in this class has been activated: there is nothing to print."),
        role=_("Role"),
        status=_("Status"),
        activated=_("activated (own password set)"),
        pending=_("not yet activated"),
        sheet=_("First logins"),
    )


def _first_password(user: User) -> str:
    return user.initial_password if user.must_change_password else ""


def _slip(user: User, *, role: str, school_class: m.SchoolClass) -> Slip:
    by_phone = bool(user.phone)
    return Slip(
        name=user.full_name or user.username,
        role=role,
        school=school_class.school.name,
        class_label=school_class.name,
        login=user.masked_phone if by_phone else user.username,
        by_phone=by_phone,
        password=_first_password(user),
    )


def class_slips(school_class: m.SchoolClass) -> list[Slip]:
    slips: list[Slip] = []
    for student in class_students(school_class):
        slips.append(_slip(student.user, role=_("Student"), school_class=school_class))
        for link in student.guardian_links.all():
            role = _("Parent of %(child)s") % {"child": student.user.full_name}
            slips.append(_slip(link.guardian.user, role=role, school_class=school_class))
    return slips
