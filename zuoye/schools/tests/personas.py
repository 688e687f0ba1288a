"""A small named county for tests: every role, and someone just outside each role's reach.

Use the ``county`` fixture (root conftest). Names are the personas tests talk about:
``county.teacher_wang`` teaches maths in 七年级(1)班 of 城关中学 and nothing else;
``county.student_other_class`` sits in 七年级(2)班, which Wang does not teach, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zuoye.accounts.models import User
from zuoye.accounts.services import user_create
from zuoye.schools import models as m
from zuoye.schools import services as s

PASSWORD = "Zuoye-test-2026"


@dataclass
class County:
    province: m.Region
    city: m.Region
    county: m.Region
    other_county: m.Region
    school: m.School
    other_school: m.School
    far_school: m.School
    year: m.SchoolYear
    term: m.Term
    class_7_1: m.SchoolClass
    class_7_2: m.SchoolClass
    other_school_class: m.SchoolClass
    far_class: m.SchoolClass
    math: m.Subject
    chinese: m.Subject
    teacher_wang: User  # maths in 7(1)
    head_teacher_li: User  # head teacher of 7(1), teaches Chinese in 7(2)
    student_zhang: m.Student  # in 7(1)
    student_other_class: m.Student  # in 7(2)
    student_other_school: m.Student
    student_far: m.Student  # in the other county
    guardian_zhang: User  # parent of student_zhang only
    school_admin: User
    school_leader: User
    county_staff: User
    city_staff: User
    province_staff: User
    other_county_staff: User
    stranger: User  # an account with no role at all


def _person(username: str, name: str, phone: str = "") -> User:
    return user_create(username=username, full_name=name, phone=phone, password=PASSWORD)


def _student(username: str, name: str, number: str, school_class: m.SchoolClass) -> m.Student:
    user = _person(username, name)
    student = m.Student.objects.create(user=user, school=school_class.school, student_number=number, gender="M")
    s.student_move(student=student, to_class=school_class, on=date(2026, 9, 1), source="test")
    return student


def build_county() -> County:
    province = s.region_create(code="36", name="江西省", level="province")
    city = s.region_create(code="3607", name="赣州市", level="city", parent=province)
    county = s.region_create(code="360731", name="于都县", level="county", parent=city)
    other_county = s.region_create(code="360732", name="兴国县", level="county", parent=city)
    school = s.school_create(code="3636000001", name="于都县城关中学", kind="junior", region=county)
    other_school = s.school_create(code="3636000002", name="于都县实验小学", kind="primary", region=county)
    far_school = s.school_create(code="3636000003", name="兴国县第一中学", kind="junior", region=other_county)
    year = s.school_year_create(
        start_year=2026, autumn_start=date(2026, 9, 1), spring_start=date(2027, 2, 20), spring_end=date(2027, 7, 10)
    )
    term = year.terms.get(number=1)
    class_7_1, class_7_2 = s.classes_ensure(school=school, school_year=year, grade=7, count=2)
    (other_school_class,) = s.classes_ensure(school=other_school, school_year=year, grade=5, count=1)
    (far_class,) = s.classes_ensure(school=far_school, school_year=year, grade=7, count=1)
    math = m.Subject.objects.get(code="math")
    chinese = m.Subject.objects.get(code="chinese")

    wang = _person("wangfang", "王芳", "13800000001")
    li = _person("lijun", "李军", "13800000002")
    t_wang = s.teacher_add(user=wang, school=school)
    t_li = s.teacher_add(user=li, school=school)
    s.teaching_assign(teacher=t_wang, school_class=class_7_1, subject=math, term=term)
    s.teaching_assign(teacher=t_li, school_class=class_7_2, subject=chinese, term=term)
    s.head_teacher_set(school_class=class_7_1, teacher=t_li)

    zhang = _student("s_zhang", "张小明", "G360731201301010011", class_7_1)
    other_class = _student("s_chen", "陈雨", "G360731201301010022", class_7_2)
    other_school_student = _student("s_liu", "刘洋", "G360731201501010033", other_school_class)
    far = _student("s_zhao", "赵磊", "G360732201301010044", far_class)
    parent = _person("p_zhang", "张建国", "13900000001")
    s.guardian_link(guardian=m.Guardian.objects.create(user=parent), student=zhang, relation="父亲")

    def staff(username: str, name: str, kind: str, **where: object) -> User:
        user = _person(username, name)
        s.staff_role_grant(user=user, kind=kind, **where)  # type: ignore[arg-type]
        return user

    return County(
        province=province, city=city, county=county, other_county=other_county,
        school=school, other_school=other_school, far_school=far_school, year=year, term=term,
        class_7_1=class_7_1, class_7_2=class_7_2, other_school_class=other_school_class, far_class=far_class,
        math=math, chinese=chinese, teacher_wang=wang, head_teacher_li=li,
        student_zhang=zhang, student_other_class=other_class, student_other_school=other_school_student,
        student_far=far, guardian_zhang=parent,
        school_admin=staff("admin_cg", "周敏", "school_admin", school=school),
        school_leader=staff("leader_cg", "吴校长", "school_leader", school=school, title="校长"),
        county_staff=staff("county_yd", "孙主任", "region_staff", region=county),
        city_staff=staff("city_gz", "郑科长", "region_staff", region=city),
        province_staff=staff("prov_jx", "冯处长", "region_staff", region=province),
        other_county_staff=staff("county_xg", "何主任", "region_staff", region=other_county),
        stranger=_person("nobody", "路人"),
    )
