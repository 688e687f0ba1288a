"""The demo county as a plan: every region, school, class, person and role, as plain data.

江西省 → 赣州市 → 于都县 (行政区划代码 360731), school year 2026-2027, grades 3–9 (MISSION H8:
grades 1–2 get no written homework, so the demo leaves them out). Each school has 2–4 classes a
grade of 40–52 students, a teacher per subject and group of 2–3 classes, a head teacher (班主任)
per class, a school account admin, a principal (校长) and a dean of studies (教务主任); the county
bureau (教育局, 教研室), the city and the province have staff. Students have 1–2 guardians; about
one family in ten has two children in the county, who then share their guardians.

The plan is drawn from ``random.Random(seed)`` in a fixed order, so the same seed gives the same
county on every machine: tests can name its people, and a rebuilt demo is identical to the last.
Nothing here touches Django (``build.py`` writes the plan; ``rosters.py`` turns it into Excel).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from zuoye.core import grades as grade_labels
from zuoye.demo import names as n
from zuoye.demo.names import Gender
from zuoye.demo.plan import (
    CITY, COUNTY, PROVINCE, YEAR, ClassPlan, CountyPlan, GuardianPlan, Login, SchoolPlan, SchoolSpec, Size,
    StaffPlan, StudentPlan, TeacherPlan,
)

SEED = 2026
DEMO_PASSWORD = "demo2026"  # the printed demo logins only; everyone else has a generated first password

DEMO_GRADES: dict[str, range] = {"primary": range(3, 7), "junior": range(7, 10), "nine_year": range(3, 10)}
# The seeded Subject rows (schools migration 0002); ``build.py`` passes the live rows instead.
H8_CURRICULUM: dict[str, tuple[int, int]] = {
    "chinese": (1, 9), "math": (1, 9), "english": (3, 9), "physics": (8, 9),
    "chemistry": (9, 9), "biology": (7, 9), "history": (7, 9), "geography": (7, 9),
}
# Daily subjects: their teachers stay within one grade. Other subjects' teachers span grades.
MAIN_SUBJECTS = frozenset({"chinese", "math", "english"})
FEMALE_TEACHER_SHARE = {"primary": 0.75, "nine_year": 0.65, "junior": 0.55}
MALE_STUDENT_SHARE = 0.53
MALE_STAFF_SHARE = 0.6  # principals and bureau posts
SIBLING_SHARE = 0.12  # chance that a student joins a family already in the county
ID_CARD_MISSING_SHARE = 0.06  # the roster column is optional; some families never filled it in
OLDER_THAN_GRADE_SHARE = 0.04  # started school a year late or repeated one
# ID-card region codes of the county's children: mostly born here, some in neighbouring places.
BIRTHPLACES = (("360731", 90.0), ("360702", 2.0), ("360781", 2.0), ("360732", 2.0),
               ("360733", 1.5), ("360730", 1.5), ("360704", 1.0))
# Who looks after the child day to day (many parents in 赣南 work in the coastal provinces).
GUARDIAN_MIXES = ((0.50, ("父亲", "母亲")), (0.72, ("母亲",)), (0.84, ("父亲",)),
                  (0.94, ("爷爷", "奶奶")), (0.97, ("奶奶",)), (1.00, ("外婆",)))
_RELATION_PERSON: dict[str, tuple[n.Generation, Gender, bool]] = {  # generation, gender, has the child's surname
    "父亲": ("adult", "M", True), "母亲": ("adult", "F", False), "爷爷": ("elder", "M", True),
    "奶奶": ("elder", "F", False), "外婆": ("elder", "F", False),
}
COUNTY_STAFF_TITLES = ("教育局基础教育股股长", "教育局电教站站长", "教研室主任", "教研室语文教研员",
                       "教研室数学教研员", "教研室英语教研员")
CITY_STAFF_TITLES = ("市教育局基础教育科科长", "市电化教育馆馆长")
PROVINCE_STAFF_TITLES = ("省教育厅基础教育处处长",)


DEMO_SCHOOLS = (
    SchoolSpec(1, "于都县实验小学", "primary", "贡江镇", 4),
    SchoolSpec(2, "于都县城关第一小学", "primary", "贡江镇", 4),
    SchoolSpec(3, "于都县城关第二小学", "primary", "贡江镇", 4),
    SchoolSpec(4, "于都县长征源小学", "primary", "贡江镇", 3),
    SchoolSpec(5, "罗坳镇中心小学", "primary", "罗坳镇", 3),
    SchoolSpec(6, "岭背镇中心小学", "primary", "岭背镇", 2),
    SchoolSpec(7, "仙下乡中心小学", "primary", "仙下乡", 2),
    SchoolSpec(8, "于都县第三中学", "junior", "贡江镇", 4),
    SchoolSpec(9, "于都县实验中学", "junior", "贡江镇", 4),
    SchoolSpec(10, "于都县第五中学", "junior", "贡江镇", 3),
    SchoolSpec(11, "银坑镇九年一贯制学校", "nine_year", "银坑镇", 2),
    SchoolSpec(12, "梓山镇九年一贯制学校", "nine_year", "梓山镇", 3),
)
SIZES = {
    "full": Size("full", DEMO_SCHOOLS, (40, 52, 45)),
    # For tests: a primary and a junior school, one class a grade, ten students a class.
    "small": Size("small", (DEMO_SCHOOLS[0], DEMO_SCHOOLS[7]), (10, 10, 10), classes_per_grade=1),
}


def county_plan(
    size: Size, *, curriculum: Mapping[str, tuple[int, int]] = H8_CURRICULUM, seed: int = SEED
) -> CountyPlan:
    """The whole county for ``size``; ``curriculum`` maps subject code → (first grade, last grade)."""
    return _Generator(size, curriculum, seed).plan()


@dataclass
class _GuardianDraft:
    username: str
    full_name: str
    phone: str
    first_password: str
    relation: str
    children: list[str] = field(default_factory=list)


@dataclass
class _Family:
    surname: str
    guardians: list[_GuardianDraft]
    grades: list[int]
    children: set[str] = field(default_factory=set)  # names already given: siblings never share one


class _Generator:
    def __init__(self, size: Size, curriculum: Mapping[str, tuple[int, int]], seed: int) -> None:
        self.size = size
        self.curriculum = dict(curriculum)
        self.rng = random.Random(seed)
        self.names = n.name_table()
        self.phones: set[str] = set()
        self.id_cards: set[str] = set()
        self.guardians: list[_GuardianDraft] = []
        self.single_child_families: dict[str, list[_Family]] = {}  # per town
        self.students_left = size.student_limit

    def plan(self) -> CountyPlan:
        schools = tuple(school for spec in self.size.schools if (school := self._school(spec)) is not None)
        region_staff = tuple(
            self._staff(f"{prefix}{number:02d}", "region_staff", title, region.code)
            for prefix, region, titles in (("county", COUNTY, COUNTY_STAFF_TITLES), ("city", CITY, CITY_STAFF_TITLES),
                                           ("province", PROVINCE, PROVINCE_STAFF_TITLES))
            for number, title in enumerate(titles, start=1)
        )
        guardians = tuple(
            GuardianPlan(g.username, g.full_name, g.phone, g.first_password, tuple((c, g.relation) for c in g.children))
            for g in self.guardians
        )
        return CountyPlan(self.size.name, PROVINCE, CITY, COUNTY, YEAR, schools, guardians, region_staff,
                          _logins(schools, guardians, region_staff))

    # -- schools -------------------------------------------------------------------------------
    def _school(self, spec: SchoolSpec) -> SchoolPlan | None:
        code = f"{COUNTY.code}{spec.number:04d}"
        per_grade = self.size.classes_per_grade or spec.classes_per_grade
        rosters: list[tuple[int, int, tuple[StudentPlan, ...]]] = []
        for grade in DEMO_GRADES[spec.kind]:
            for number in range(1, per_grade + 1):
                if self.students_left is not None and self.students_left <= 0:
                    break
                rosters.append((grade, number, self._class_students(spec, grade)))
        if not rosters:
            return None
        teachers = self._teachers(spec, [(grade, number) for grade, number, _ in rosters])
        heads = self._head_teachers(teachers, [(grade, number) for grade, number, _ in rosters])
        classes = tuple(ClassPlan(g, c, heads.get((g, c)), students) for g, c, students in rosters)
        staff = (
            self._staff(f"admin{spec.number:02d}", "school_admin", "信息技术教师", code),
            self._staff(f"principal{spec.number:02d}", "school_leader", "校长", code),
            self._staff(f"dean{spec.number:02d}", "school_leader", "教务主任", code),
        )
        return SchoolPlan(code, spec.name, spec.kind, spec.town, classes, teachers, staff)

    def _teachers(self, spec: SchoolSpec, classes: list[tuple[int, int]]) -> tuple[TeacherPlan, ...]:
        """One teacher per subject and group of 2–3 classes (a group of one only in a one-class grade)."""
        teachers: list[TeacherPlan] = []
        for subject, (low, high) in self.curriculum.items():
            taught = [place for place in classes if low <= place[0] <= high]
            for group in self._teaching_groups(subject, taught):
                gender: Gender = "F" if self.rng.random() < FEMALE_TEACHER_SHARE[spec.kind] else "M"
                teachers.append(TeacherPlan(
                    f"t{spec.number:02d}{len(teachers) + 1:03d}", self.names.full_name(self.rng, "adult", gender),
                    gender, n.mobile_number(self.rng, self.phones), n.first_password(self.rng), subject, tuple(group),
                ))
        return tuple(teachers)

    def _teaching_groups(self, subject: str, taught: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        if subject not in MAIN_SUBJECTS:
            return _chunks(self.rng, taught)
        grades = sorted({grade for grade, _ in taught})
        return [group for grade in grades for group in _chunks(self.rng, [p for p in taught if p[0] == grade])]

    def _head_teachers(
        self, teachers: tuple[TeacherPlan, ...], classes: list[tuple[int, int]]
    ) -> dict[tuple[int, int], str]:
        """A 班主任 per class: one of its own teachers, usually of a daily subject, head of one class only."""
        heads: dict[tuple[int, int], str] = {}
        for place in classes:
            free = [t for t in teachers if place in t.classes and t.username not in heads.values()]
            preferred = [t for t in free if t.subject in MAIN_SUBJECTS] or free
            if preferred:
                heads[place] = self.rng.choice(preferred).username
        return heads

    def _staff(self, username: str, kind: str, title: str, place: str) -> StaffPlan:
        gender: Gender = "M" if self.rng.random() < MALE_STAFF_SHARE else "F"
        return StaffPlan(username, self.names.full_name(self.rng, "adult", gender),
                         n.mobile_number(self.rng, self.phones), n.first_password(self.rng), kind, title, place)

    # -- students and families -----------------------------------------------------------------
    def _class_students(self, spec: SchoolSpec, grade: int) -> tuple[StudentPlan, ...]:
        low, high, usual = self.size.class_size
        count = round(self.rng.triangular(low, high, usual))
        if self.students_left is not None:
            count = min(count, self.students_left)
            self.students_left -= count
        taken: set[str] = set()
        return tuple(self._student(spec.town, grade, taken) for _ in range(count))

    def _student(self, town: str, grade: int, names_in_class: set[str]) -> StudentPlan:
        gender: Gender = "M" if self.rng.random() < MALE_STUDENT_SHARE else "F"
        family = self._family(town, grade)
        full_name = self.names.full_name(self.rng, "child", gender, family.surname)
        for _ in range(20):  # a class rarely has two children of the same name; the roll-call would stumble
            if full_name not in names_in_class and full_name not in family.children:
                break
            full_name = self.names.full_name(self.rng, "child", gender, family.surname)
        names_in_class.add(full_name)
        family.children.add(full_name)
        born = self._birth_date(grade)
        region = self.rng.choices([code for code, _ in BIRTHPLACES], weights=[w for _, w in BIRTHPLACES])[0]
        id_card = n.id_card_number(self.rng, region=region, born=born, gender=gender, used=self.id_cards)
        student_number = "G" + id_card
        for guardian in family.guardians:
            guardian.children.append(student_number)
        shown_id = "" if self.rng.random() < ID_CARD_MISSING_SHARE else id_card
        return StudentPlan(student_number, full_name, gender, student_number, shown_id, n.first_password(self.rng))

    def _birth_date(self, grade: int) -> date:
        """Children start grade 1 in the September after they turn six (born Sept 1 … Aug 31)."""
        entry_year = YEAR.start_year - (grade - 1)
        if self.rng.random() < OLDER_THAN_GRADE_SHARE:
            entry_year -= 1
        return n.birth_date_between(self.rng, date(entry_year - 7, 9, 1), date(entry_year - 6, 8, 31))

    def _family(self, town: str, grade: int) -> _Family:
        """An existing one-child family of the town (an elder or younger sibling) or a new family."""
        pool = self.single_child_families.setdefault(town, [])
        if pool and self.rng.random() < SIBLING_SHARE:
            index = self.rng.randrange(len(pool))
            family = pool[index]
            if grade not in family.grades:
                pool[index] = pool[-1]
                pool.pop()
                family.grades.append(grade)
                return family
        surname = self.names.surname(self.rng)
        roll = self.rng.random()
        relations = next(mix for limit, mix in GUARDIAN_MIXES if roll < limit)
        family = _Family(surname, [self._guardian(relation, surname) for relation in relations], [grade])
        pool.append(family)
        return family

    def _guardian(self, relation: str, surname: str) -> _GuardianDraft:
        generation, gender, same_surname = _RELATION_PERSON[relation]
        full_name = self.names.full_name(self.rng, generation, gender, surname if same_surname else "")
        draft = _GuardianDraft(f"p{len(self.guardians) + 1:06d}", full_name, n.mobile_number(self.rng, self.phones),
                               n.first_password(self.rng), relation)
        self.guardians.append(draft)
        return draft


def _chunks(rng: random.Random, items: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split classes into consecutive groups of 2 or 3 (never leaving one alone unless there is one)."""
    groups, start = [], 0
    while start < len(items):
        left = len(items) - start
        take = left if left <= 3 else 2 if left == 4 else rng.choice((2, 3))
        groups.append(items[start:start + take])
        start += take
    return groups


def _logins(schools: tuple[SchoolPlan, ...], guardians: tuple[GuardianPlan, ...],
            region_staff: tuple[StaffPlan, ...]) -> tuple[Login, ...]:
    """One login per role, all around one class (八年级(1)班 of the first junior school) so they meet."""
    if not schools:
        return ()
    school = next((s for s in schools if s.kind == "junior"), schools[0])
    school_class = next((c for c in school.classes if c.grade == 8), school.classes[0])
    here = f"{school.name} {school_class.label}"
    heads = {c.head_teacher for c in school.classes}
    teachers_here = [t for t in school.teachers if (school_class.grade, school_class.number) in t.classes]
    head = next(t for t in teachers_here if t.username == school_class.head_teacher)
    subject = next((t for t in teachers_here if t.username not in heads), head)
    subject_classes = "、".join(grade_labels.class_label(grade, number) for grade, number in subject.classes)
    admin, leader = (next(p for p in school.staff if p.kind == kind) for kind in ("school_admin", "school_leader"))
    student = school_class.students[0]
    guardian = next(g for g in guardians if any(number == student.student_number for number, _ in g.children))
    relation = next(relation for number, relation in guardian.children if number == student.student_number)
    logins = [
        Login("school_admin", *_who(admin), school.name),
        Login("school_leader", *_who(leader), f"{school.name} {leader.title}"),
        Login("head_teacher", *_who(head), here),
        Login("subject_teacher", *_who(subject), f"{school.name} {subject_classes}"),
        Login("student", student.full_name, student.username, student.username, DEMO_PASSWORD, False, here),
        Login("guardian", guardian.full_name, guardian.username, guardian.phone, DEMO_PASSWORD, False,
              f"{student.full_name} {relation}"),
    ]
    regions = {region.code: region.name for region in (PROVINCE, CITY, COUNTY)}
    for prefix, role in (("county", "county_staff"), ("city", "city_staff"), ("province", "province_staff")):
        staff = next(p for p in region_staff if p.username.startswith(prefix))
        logins.append(Login(role, *_who(staff), f"{regions[staff.place]} {staff.title}"))
    if len(school_class.students) > 1:  # shows the slip-and-change flow every other student goes through
        fresh = school_class.students[1]
        logins.append(Login("student_first_login", fresh.full_name, fresh.username, fresh.username,
                            fresh.first_password, True, here))
    return tuple(logins)


def _who(person: TeacherPlan | StaffPlan) -> tuple[str, str, str, str, bool]:
    return person.full_name, person.username, person.username, DEMO_PASSWORD, False
