"""Writes on the school data model. Importers and admin pages both come through here."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from zuoye.accounts.models import User
from zuoye.schools import models as m
from zuoye.schools.terms import today


def region_create(*, code: str, name: str, level: str, parent: m.Region | None = None) -> m.Region:
    """A region with its materialised path (``/36/3607/360731/``) for prefix look-ups below it."""
    path = (parent.path if parent else "/") + code + "/"
    return m.Region.objects.create(code=code, name=name, level=level, parent=parent, path=path)


def school_create(*, code: str, name: str, kind: str, region: m.Region) -> m.School:
    if region.level != m.Region.Level.COUNTY:
        raise ValueError(f"a school belongs to a county, not to the {region.level} {region.name}")
    return m.School.objects.create(code=code, name=name, kind=kind, region=region)


@transaction.atomic
def school_year_create(
    *, start_year: int, autumn_start: date, spring_start: date, spring_end: date, autumn_end: date | None = None
) -> m.SchoolYear:
    """A school year with its two terms (第一学期 autumn, 第二学期 spring).

    Without ``autumn_end`` the autumn term runs to the first of the spring term's month (the
    winter holiday is then counted in it, which only matters for week counts).
    """
    year = m.SchoolYear.objects.create(
        name=f"{start_year}-{start_year + 1}", start_date=autumn_start, end_date=spring_end
    )
    m.Term.objects.create(
        school_year=year, number=1, start_date=autumn_start, end_date=autumn_end or spring_start.replace(day=1)
    )
    m.Term.objects.create(school_year=year, number=2, start_date=spring_start, end_date=spring_end)
    return year


def classes_ensure(*, school: m.School, school_year: m.SchoolYear, grade: int, count: int) -> list[m.SchoolClass]:
    """Make sure classes 1…count exist in a grade (the admin's "七年级 has 4 classes")."""
    if grade not in school.grade_range:
        raise ValueError(f"{school.name} has no grade {grade}")
    existing = set(
        m.SchoolClass.objects.filter(school=school, school_year=school_year, grade=grade).values_list("number", flat=True)
    )
    m.SchoolClass.objects.bulk_create(
        [
            m.SchoolClass(school=school, school_year=school_year, grade=grade, number=number)
            for number in range(1, count + 1)
            if number not in existing
        ]
    )
    return list(m.SchoolClass.objects.filter(school=school, school_year=school_year, grade=grade, number__lte=count))


def teacher_add(*, user: User, school: m.School) -> m.Teacher:
    teacher, _ = m.Teacher.objects.get_or_create(user=user, defaults={"school": school})
    return teacher


def teaching_assign(*, teacher: m.Teacher, school_class: m.SchoolClass, subject: m.Subject, term: m.Term) -> m.TeachingAssignment:
    if school_class.school_id != teacher.school_id:
        raise ValueError(f"{teacher} does not teach at {school_class.school}")
    assignment, _ = m.TeachingAssignment.objects.get_or_create(
        teacher=teacher, school_class=school_class, subject=subject, term=term
    )
    return assignment


def head_teacher_set(*, school_class: m.SchoolClass, teacher: m.Teacher | None) -> None:
    school_class.head_teacher = teacher
    school_class.save(update_fields=["head_teacher"])


@transaction.atomic
def student_move(*, student: m.Student, to_class: m.SchoolClass | None, on: date | None = None, source: str = "") -> None:
    """Move a student: the current stay ends, a new one starts. History is never overwritten."""
    day = on or today()
    if student.current_class_id == (to_class.pk if to_class else None):
        return
    m.ClassMembership.objects.filter(student=student, ended_on__isnull=True).update(ended_on=day)
    if to_class is not None:
        m.ClassMembership.objects.create(student=student, school_class=to_class, started_on=day, source=source)
    student.current_class = to_class
    student.save(update_fields=["current_class"])


def guardian_link(*, guardian: m.Guardian, student: m.Student, relation: str = "") -> m.GuardianLink:
    link, _ = m.GuardianLink.objects.get_or_create(guardian=guardian, student=student, defaults={"relation": relation})
    return link


def staff_role_grant(
    *, user: User, kind: str, school: m.School | None = None, region: m.Region | None = None, title: str = ""
) -> m.StaffRole:
    role, _ = m.StaffRole.objects.get_or_create(
        user=user, kind=kind, school=school, region=region, defaults={"title": title}
    )
    return role


def subject_set(*, code: str, name: str, name_en: str, min_grade: int, max_grade: int) -> m.Subject:
    """Add a subject or change one; a region configures what it teaches beyond H8's list."""
    subject, _ = m.Subject.objects.update_or_create(
        code=code,
        defaults={"name": name, "name_en": name_en, "min_grade": min_grade, "max_grade": max_grade, "is_active": True},
    )
    return subject


@transaction.atomic
def teaching_assignment_add(
    *, teacher: m.Teacher, school_class: m.SchoolClass, subject: m.Subject, term: m.Term
) -> m.TeachingAssignment:
    """Assign a teacher to a class and subject for a term, refusing what cannot be right.

    Raises ``ValidationError`` (with a message for the admin) when the subject is not taught
    in that grade, the teacher works at another school, the same assignment exists, or
    another teacher already teaches that subject in that class (remove that one first).
    """
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if school_class.school_id != teacher.school_id:
        raise ValidationError(
            _("%(teacher)s does not teach at %(school)s.") % {"teacher": teacher, "school": school_class.school}
        )
    if not (subject.is_active and subject.min_grade <= school_class.grade <= subject.max_grade):
        raise ValidationError(
            _("%(subject)s is taught in grades %(low)s–%(high)s, not in %(class)s.")
            % {"subject": subject.name, "low": subject.min_grade, "high": subject.max_grade, "class": school_class.name}
        )
    taken = m.TeachingAssignment.objects.filter(school_class=school_class, subject=subject, term=term)
    for existing in taken.select_related("teacher__user"):
        names = {"teacher": teacher, "subject": subject.name, "class": school_class.name}
        if existing.teacher_id == teacher.pk:
            raise ValidationError(_("%(teacher)s already teaches %(subject)s in %(class)s.") % names)
        raise ValidationError(
            _("%(subject)s in %(class)s is taught by %(other)s; remove that assignment first.")
            % {"subject": subject.name, "class": school_class.name, "other": existing.teacher}
        )
    return m.TeachingAssignment.objects.create(teacher=teacher, school_class=school_class, subject=subject, term=term)


def teaching_assignment_remove(*, assignment: m.TeachingAssignment) -> None:
    """Remove an assignment (results already captured keep their own record of who taught)."""
    assignment.delete()
