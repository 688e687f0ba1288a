"""Names of grades, classes, subjects and terms in the reader's language.

The data model keeps the Chinese forms that rosters and reports use (七年级(2)班, 数学,
2026-2027 第一学期); a person who switched to English reads "Grade 7 Class 2", "Mathematics".
Also masks a 学籍号, which embeds the student's ID-card number.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from zuoye.core import grades, identity
from zuoye.schools import models as m

register = template.Library()


def _english() -> bool:
    return (get_language() or "").startswith("en")


@register.filter
def grade_name(grade: int) -> str:
    return grades.GRADE_NAMES_EN[grade] if _english() else grades.GRADE_NAMES[grade]


@register.filter
def class_name(school_class: m.SchoolClass) -> str:
    if _english():
        return f"Grade {school_class.grade} Class {school_class.number}"
    return school_class.name


@register.filter
def subject_name(subject: m.Subject) -> str:
    return subject.name_en if _english() and subject.name_en else subject.name


@register.filter
def term_name(term: m.Term | None) -> str:
    if term is None:
        return ""
    if _english():
        return f"{term.school_year.name} term {term.number}"
    return str(term)


@register.filter
def masked_number(student_number: str) -> str:
    """G3607**********0011: the school code part and the last four, as for an ID-card number."""
    return identity.mask_id_card(student_number)


@register.filter
def person_name(user: object) -> str:
    return getattr(user, "full_name", "") or getattr(user, "username", "") or ""
