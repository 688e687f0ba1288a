"""Teacher sheets: accounts by phone, teaching assignments this term, head teachers."""

from zuoye.accounts.models import User
from zuoye.rosters.services import roster_import
from zuoye.rosters.tests import books
from zuoye.schools import models as m


def _import(county, rows, **kwargs):
    return roster_import(file=books.teacher_book(rows), filename="教师.xlsx", school=county.school, actor=county.school_admin, **kwargs)


def _taught(user):
    return set(m.TeachingAssignment.objects.filter(teacher__user=user).values_list("school_class__number", "subject__code"))


def test_teacher_sheet_creates_teacher_assignments_and_head_teacher(county):
    record = _import(county, [
        ["赵老师", "13800000011", "七年级", "1班、2班", "英语", "否"],
        ["赵老师", "13800000011", "", "七年级(2)班", "生物", "否"],
        ["钱老师", "13800000012", "", "七年级(2)班", "数学", "是"],
    ])
    assert record.ok, record.problems
    assert record.counts["teachers"] == {"created": 2, "updated": 0, "unchanged": 0}
    zhao = User.objects.get(phone_digest__isnull=False, full_name="赵老师")
    assert zhao.username.startswith("js") and zhao.must_change_password
    assert _taught(zhao) == {(1, "english"), (2, "english"), (2, "biology")}
    county.class_7_2.refresh_from_db()
    assert county.class_7_2.head_teacher.user.full_name == "钱老师"
    assert m.TeachingAssignment.objects.filter(teacher__user=zhao, term=county.term).count() == 3


def test_teacher_sheet_import_is_idempotent(county):
    rows = [["王芳", "13800000001", "七年级", "1班", "数学", "否"], ["李军", "13800000002", "", "七年级(2)班", "语文", "否"],
            ["李军", "13800000002", "", "七年级(1)班", "", "是"]]
    record = _import(county, rows)
    assert record.counts["teachers"] == {"created": 0, "updated": 0, "unchanged": 2}, record.problems


def test_listed_teachers_get_exactly_the_listed_assignments_and_head_classes(county):
    record = _import(county, [["李军", "13800000002", "七年级", "1班", "语文", "否"]])
    assert record.counts["teachers"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert _taught(county.head_teacher_li) == {(1, "chinese")}
    county.class_7_1.refresh_from_db()
    assert county.class_7_1.head_teacher is None  # 李军 is no longer marked 是
    assert _taught(county.teacher_wang) == {(1, "math")}  # not listed: untouched


def test_a_teacher_who_is_a_parent_is_one_account(county):
    record = _import(county, [["张建国", "13900000001", "七年级", "2班", "数学", "否"]])
    assert record.ok, record.problems
    assert county.guardian_zhang.teacher.school == county.school
    assert User.objects.filter(full_name="张建国").count() == 1


def test_teacher_of_another_school_is_refused(county):
    other = User.objects.create(username="t_far", full_name="远方")
    other.assign_phone("13800000077")
    other.save()
    m.Teacher.objects.create(user=other, school=county.far_school)
    record = _import(county, [["远方", "13800000077", "七年级", "1班", "数学", "否"]])
    assert [(p["code"], p["row"], p["column"]) for p in record.problems] == [("teacher_other_school", 2, "B")]


def test_bad_teacher_rows_name_their_cells(county):
    record = _import(county, [
        ["赵老师", "13800000011", "七年级", "1班、2班", "数学", "是"],
        ["钱老师", "13800000012", "", "3班", "数学", ""],
        ["孙老师", "13800000013", "七年级", "1班", "体育", ""],
        ["李老师", "13800000014", "七年级", "1班", "物理", ""],
        ["周老师", "1380000", "七年级", "1班", "数学", "也许"],
    ])
    assert [(p["row"], p["column"], p["code"]) for p in record.problems] == [
        (2, "F", "head_many_classes"), (3, "D", "class_needs_grade"), (4, "E", "subject_unknown"),
        (5, "E", "subject_not_in_grade"), (6, "B", "phone_invalid"), (6, "F", "yes_no_invalid")]


def test_students_and_teachers_in_one_workbook(county):
    data = books.book({
        "学生": [books.STUDENT_HEADER, books.student(cls="七年级(2)班", name="冯宝", number="G3607312013000900", guardian="冯父", phone="13900000090")],
        "教师": [books.TEACHER_HEADER, ["冯父", "13900000090", "七年级", "2班", "数学", "否"]],
    })
    record = roster_import(file=data, filename="全校.xlsx", school=county.school, actor=county.school_admin)
    assert record.ok, record.problems
    person = User.objects.get(full_name="冯父")
    assert hasattr(person, "teacher") and hasattr(person, "guardian")
