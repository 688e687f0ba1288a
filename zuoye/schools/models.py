"""The school data model: who is where, in which class, teaching what, this term.

Regions form a tree (province → city → county) stored with a materialised ``path`` so "this
region and everything below it" is one indexed prefix query, whatever the depth. Classes
belong to a school year; a student's class moves are kept as :class:`ClassMembership` rows,
never by overwriting, so last term's reports still know who sat where.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zuoye.accounts import crypto
from zuoye.core import grades, identity


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("city")
        COUNTY = "county", _("county")

    code = models.CharField(max_length=12, unique=True, help_text="行政区划代码")
    name = models.CharField(max_length=64)
    level = models.CharField(max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("primary school")
        JUNIOR = "junior", _("junior secondary school")
        NINE_YEAR = "nine_year", _("nine-year school")

    GRADES = {Kind.PRIMARY: range(1, 7), Kind.JUNIOR: range(7, 10), Kind.NINE_YEAR: range(1, 10)}

    code = models.CharField(max_length=20, unique=True, help_text="学校标识码")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="schools")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def grade_range(self) -> range:
        return self.GRADES[self.Kind(self.kind)]


class SchoolYear(models.Model):
    name = models.CharField(max_length=20, unique=True, help_text="e.g. 2026-2027")
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(help_text="1 = 第一学期 (autumn), 2 = 第二学期 (spring)")
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["-start_date"]
        constraints = [models.UniqueConstraint(fields=["school_year", "number"], name="term_unique_in_year")]

    def __str__(self) -> str:
        return f"{self.school_year.name} 第{'一二'[self.number - 1]}学期"


class Subject(models.Model):
    """A subject taught; H8's list is seeded, a region may add or retire others."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=20, unique=True, help_text="Chinese name, as on rosters")
    name_en = models.CharField(max_length=40)
    min_grade = models.PositiveSmallIntegerField(default=1)
    max_grade = models.PositiveSmallIntegerField(default=9)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class SchoolClass(models.Model):
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="classes")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="classes")
    grade = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField()
    head_teacher = models.ForeignKey(
        "Teacher", null=True, blank=True, on_delete=models.SET_NULL, related_name="head_of_classes"
    )

    class Meta:
        ordering = ["grade", "number"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year", "grade", "number"], name="class_unique_in_year")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return grades.class_label(self.grade, self.number)


class Teacher(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="teacher")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="teachers")
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return str(self.user)


class TeachingAssignment(models.Model):
    """Teacher × class × subject × term: what a teacher sees and may act on."""

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="assignments")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="teaching_assignments")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT)
    term = models.ForeignKey(Term, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "school_class", "subject", "term"], name="teaching_assignment_unique"
            )
        ]
        indexes = [models.Index(fields=["school_class", "subject", "term"])]


class Student(models.Model):
    class Gender(models.TextChoices):
        MALE = "M", _("male")
        FEMALE = "F", _("female")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="student")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="students")
    student_number = models.CharField(max_length=30, unique=True, help_text="学籍号")
    gender = models.CharField(max_length=1, choices=Gender.choices)
    id_card = crypto.EncryptedTextField(blank=True, default="")
    id_card_digest = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    current_class = models.ForeignKey(
        SchoolClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="students"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["school", "current_class"])]

    def __str__(self) -> str:
        return str(self.user)

    def assign_id_card(self, number: str) -> None:
        self.id_card = number
        self.id_card_digest = crypto.digest(number) if number else None

    @property
    def masked_id_card(self) -> str:
        return identity.mask_id_card(self.id_card) if self.id_card else ""


class ClassMembership(models.Model):
    """One stay of a student in a class; ``ended_on`` is set when they move on."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="memberships")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="memberships")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="what recorded the move (import file, admin)")

    class Meta:
        ordering = ["started_on", "id"]
        indexes = [models.Index(fields=["school_class", "ended_on"]), models.Index(fields=["student", "ended_on"])]


class Guardian(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardian")
    students = models.ManyToManyField(Student, through="GuardianLink", related_name="guardians")

    def __str__(self) -> str:
        return str(self.user)


class GuardianLink(models.Model):
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="links")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardian_links")
    relation = models.CharField(max_length=20, blank=True, help_text="父亲, 母亲, 祖父 …")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["guardian", "student"], name="guardian_link_unique")]


class StaffRole(models.Model):
    """An administrative role: at a school (admin, leader) or over a region (county/city/province staff)."""

    class Kind(models.TextChoices):
        SCHOOL_ADMIN = "school_admin", _("school account admin")
        SCHOOL_LEADER = "school_leader", _("school leader")
        REGION_STAFF = "region_staff", _("region staff")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="staff_roles")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="staff_roles")
    title = models.CharField(max_length=40, blank=True, help_text="校长, 教务主任, 教研员 …")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="region_staff", region__isnull=False, school__isnull=True)
                    | (~models.Q(kind="region_staff") & models.Q(school__isnull=False, region__isnull=True))
                ),
                name="staff_role_has_its_place",
            ),
            models.UniqueConstraint(fields=["user", "kind", "school", "region"], name="staff_role_unique"),
        ]
