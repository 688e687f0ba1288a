"""The demo county plan: deterministic, valid and believable (no database)."""

import statistics
import subprocess
import sys
from collections import Counter

import pytest

from zuoye.core import identity
from zuoye.demo import names
from zuoye.demo.generate import DEMO_GRADES, H8_CURRICULUM, MAIN_SUBJECTS, SIZES, county_plan


@pytest.fixture(scope="module")
def plan():
    return county_plan(SIZES["full"])


def test_same_seed_gives_the_same_county_and_another_seed_another(plan):
    assert county_plan(SIZES["full"]) == plan
    assert county_plan(SIZES["small"], seed=7) != county_plan(SIZES["small"])


def test_county_has_the_promised_shape(plan):
    assert (plan.province.name, plan.city.name, plan.county.code) == ("江西省", "赣州市", "360731")
    assert 8 <= len(plan.schools) <= 12
    assert {school.kind for school in plan.schools} == {"primary", "junior", "nine_year"}
    for school in plan.schools:
        per_grade = Counter(c.grade for c in school.classes)
        assert set(per_grade) == set(DEMO_GRADES[school.kind])
        assert all(2 <= count <= 4 for count in per_grade.values())
    assert 6_000 < sum(1 for _ in plan.students()) < 10_000


def test_school_year_terms_cover_today_in_the_autumn(plan):
    assert plan.year.name == "2026-2027"
    assert plan.year.autumn_start.isoformat() <= "2026-11-22" <= plan.year.autumn_end.isoformat()
    assert plan.year.autumn_end < plan.year.spring_start < plan.year.spring_end


def test_classes_hold_forty_to_fifty_two_students_about_forty_five(plan):
    sizes = [len(c.students) for school in plan.schools for c in school.classes]
    assert min(sizes) >= 40 and max(sizes) <= 52
    assert 44 <= statistics.mean(sizes) <= 47.5


def test_student_numbers_are_g_plus_a_valid_id_card_matching_birth_grade_and_gender(plan):
    numbers = set()
    for _school, school_class, student in plan.students():
        id_card = student.student_number[1:]
        assert student.student_number[0] == "G" and identity.validate_id_card(id_card) == id_card
        assert identity.id_card_gender(id_card) == student.gender
        born = identity.id_card_birth_date(id_card)
        entry_year = 2026 - (school_class.grade - 1)
        assert f"{entry_year - 8}-09-01" <= born.isoformat() <= f"{entry_year - 6}-08-31"
        assert student.id_card in ("", id_card)
        numbers.add(student.student_number)
    assert len(numbers) == sum(1 for _ in plan.students())


def test_most_students_have_an_id_card_on_file_and_some_do_not(plan):
    shares = Counter(bool(student.id_card) for *_, student in plan.students())
    assert 0.02 < shares[False] / (shares[True] + shares[False]) < 0.10


def test_names_are_plausible_and_fit_the_gender(plan):
    table = names.name_table()
    for *_, student in plan.students():
        surname = next(s for s in sorted(table.surnames, key=len, reverse=True) if student.full_name.startswith(s))
        assert student.full_name[len(surname):] in table.given[("child", student.gender)]
    lengths = Counter(len(student.full_name) for *_, student in plan.students())
    assert lengths[3] > 0.7 * sum(lengths.values()) and lengths[2] > 0
    for school in plan.schools:
        for school_class in school.classes:
            class_names = [student.full_name for student in school_class.students]
            assert len(set(class_names)) == len(class_names), school_class.label


def test_every_student_has_one_or_two_guardians_and_some_siblings_share_them(plan):
    per_student = Counter(number for guardian in plan.guardians for number, _ in guardian.children)
    assert set(per_student.values()) <= {1, 2}
    assert len(per_student) == sum(1 for _ in plan.students())
    shared = [g for g in plan.guardians if len(g.children) == 2]
    assert 0.03 < len(shared) / len(plan.guardians) < 0.2
    surnames = {student.student_number: student.full_name for *_, student in plan.students()}
    for guardian in plan.guardians:
        if guardian.children[0][1] in ("父亲", "爷爷"):
            assert all(surnames[number][0] == guardian.full_name[0] for number, _ in guardian.children)


def test_phones_and_usernames_are_unique_across_the_county(plan):
    people = [*plan.guardians, *plan.region_staff,
              *(p for school in plan.schools for p in (*school.teachers, *school.staff))]
    phones = [p.phone for p in people]
    assert len(set(phones)) == len(phones) and all(identity.validate_phone(phone) for phone in phones)
    usernames = [p.username for p in people] + [student.username for *_, student in plan.students()]
    assert len(set(usernames)) == len(usernames)


def test_each_class_has_one_teacher_per_subject_of_its_grade_and_a_head_teacher_from_them(plan):
    for school in plan.schools:
        heads = [c.head_teacher for c in school.classes]
        assert None not in heads and len(set(heads)) == len(heads)
        for school_class in school.classes:
            place = (school_class.grade, school_class.number)
            subjects = Counter(t.subject for t in school.teachers if place in t.classes)
            expected = {code for code, (low, high) in H8_CURRICULUM.items() if low <= school_class.grade <= high}
            assert set(subjects) == expected and set(subjects.values()) == {1}
            head = next(t for t in school.teachers if t.username == school_class.head_teacher)
            assert place in head.classes


def test_teachers_teach_one_subject_to_two_or_three_classes(plan):
    teachers = [t for school in plan.schools for t in school.teachers]
    assert all(2 <= len(t.classes) <= 3 for t in teachers)
    for t in teachers:
        if t.subject in MAIN_SUBJECTS:
            assert len({grade for grade, _ in t.classes}) == 1


def test_curriculum_decides_which_grades_get_which_teachers():
    plan = county_plan(SIZES["small"], curriculum={"chinese": (1, 9), "physics": (8, 9)})
    junior = next(s for s in plan.schools if s.kind == "junior")
    assert {(t.subject, g) for t in junior.teachers for g, _ in t.classes} == {
        ("chinese", 7), ("chinese", 8), ("chinese", 9), ("physics", 8), ("physics", 9)}


def test_printed_logins_cover_every_role_around_one_class(plan):
    logins = {login.role: login for login in plan.logins}
    assert set(logins) == {"school_admin", "school_leader", "head_teacher", "subject_teacher", "student", "guardian",
                           "county_staff", "city_staff", "province_staff", "student_first_login"}
    school = next(s for s in plan.schools if s.kind == "junior")
    school_class = next(c for c in school.classes if c.grade == 8 and c.number == 1)
    assert logins["head_teacher"].username == school_class.head_teacher
    subject_teacher = next(t for t in school.teachers if t.username == logins["subject_teacher"].username)
    assert (8, 1) in subject_teacher.classes
    assert subject_teacher.username not in {c.head_teacher for c in school.classes}
    assert logins["student"].username == school_class.students[0].username
    guardian = next(g for g in plan.guardians if g.username == logins["guardian"].username)
    assert logins["guardian"].login == guardian.phone
    assert school_class.students[0].student_number in {number for number, _ in guardian.children}
    assert logins["student_first_login"].must_change
    assert plan.demo_password_usernames == {x.username for x in plan.logins if x.role != "student_first_login"}


def test_generator_runs_without_django():
    code = "import sys, zuoye.demo.generate, zuoye.demo.rosters; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
