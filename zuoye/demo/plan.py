"""The shape of a demo county plan: frozen dataclasses, no behaviour beyond simple views.

``generate.py`` fills them from a seeded random generator; ``build.py`` writes them to the
database; ``rosters.py`` writes them as Excel rosters. No Django here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from zuoye.core import grades as grade_labels
from zuoye.demo.names import Gender

SchoolKind = Literal["primary", "junior", "nine_year"]


@dataclass(frozen=True)
class RegionPlan:
    code: str
    name: str
    level: str


PROVINCE = RegionPlan("36", "江西省", "province")
CITY = RegionPlan("3607", "赣州市", "city")
COUNTY = RegionPlan("360731", "于都县", "county")


@dataclass(frozen=True)
class YearPlan:
    start_year: int
    autumn_start: date
    autumn_end: date
    spring_start: date
    spring_end: date

    @property
    def name(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"


YEAR = YearPlan(2026, date(2026, 9, 1), date(2027, 1, 25), date(2027, 2, 20), date(2027, 7, 10))


@dataclass(frozen=True)
class SchoolSpec:
    number: int
    name: str
    kind: SchoolKind
    town: str
    classes_per_grade: int


@dataclass(frozen=True)
class Size:
    name: str
    schools: tuple[SchoolSpec, ...]
    class_size: tuple[int, int, int]  # fewest, most, most usual
    classes_per_grade: int | None = None  # overrides the schools' own counts
    student_limit: int | None = None  # stop once this many students exist (roster files of an exact size)


@dataclass(frozen=True)
class StudentPlan:
    username: str
    full_name: str
    gender: Gender
    student_number: str  # 学籍号: "G" + the ID-card number, as the national register writes it
    id_card: str  # "" where the family never gave it
    first_password: str


@dataclass(frozen=True)
class GuardianPlan:
    username: str
    full_name: str
    phone: str
    first_password: str
    children: tuple[tuple[str, str], ...]  # (student number, relation such as 母亲)


@dataclass(frozen=True)
class TeacherPlan:
    username: str
    full_name: str
    gender: Gender
    phone: str
    first_password: str
    subject: str  # Subject.code
    classes: tuple[tuple[int, int], ...]  # (grade, class number)


@dataclass(frozen=True)
class StaffPlan:
    username: str
    full_name: str
    phone: str
    first_password: str
    kind: str  # StaffRole.Kind value
    title: str
    place: str  # school code, or region code for region staff


@dataclass(frozen=True)
class ClassPlan:
    grade: int
    number: int
    head_teacher: str | None  # teacher username
    students: tuple[StudentPlan, ...]

    @property
    def label(self) -> str:
        return grade_labels.class_label(self.grade, self.number)


@dataclass(frozen=True)
class SchoolPlan:
    code: str
    name: str
    kind: SchoolKind
    town: str
    classes: tuple[ClassPlan, ...]
    teachers: tuple[TeacherPlan, ...]
    staff: tuple[StaffPlan, ...]


@dataclass(frozen=True)
class Login:
    """A printed demo login: ``login`` is what is typed (a guardian types the phone)."""

    role: str
    full_name: str
    username: str
    login: str
    password: str
    must_change: bool
    where: str  # school and class, or region and post, as the table shows them


@dataclass(frozen=True)
class CountyPlan:
    size: str
    province: RegionPlan
    city: RegionPlan
    county: RegionPlan
    year: YearPlan
    schools: tuple[SchoolPlan, ...]
    guardians: tuple[GuardianPlan, ...]
    region_staff: tuple[StaffPlan, ...]
    logins: tuple[Login, ...]

    def students(self) -> Iterator[tuple[SchoolPlan, ClassPlan, StudentPlan]]:
        for school in self.schools:
            for school_class in school.classes:
                for student in school_class.students:
                    yield school, school_class, student

    def first_guardians(self) -> dict[str, GuardianPlan]:
        """Each student's first guardian (the roster's 家长姓名 / 家长手机)."""
        first: dict[str, GuardianPlan] = {}
        for guardian in self.guardians:
            for student_number, _ in guardian.children:
                first.setdefault(student_number, guardian)
        return first

    @property
    def demo_password_usernames(self) -> frozenset[str]:
        return frozenset(login.username for login in self.logins if not login.must_change)
