"""Student rosters from workbooks: create, update, move, re-import, and the all-or-nothing rule."""

from datetime import date

from zuoye.accounts.models import User
from zuoye.rosters.models import RosterImport
from zuoye.rosters.services import roster_import
from zuoye.rosters.tests import books
from zuoye.schools import models as m
from zuoye.schools.terms import today

NEW_A = books.student(cls="七年级(2)班", name="王小红", gender="女", number="G3607312013000100", guardian="王大海", phone="13900000009")
NEW_B = books.student(cls="七年级(2)班", name="王小刚", gender="男", number="G3607312013000101", guardian="王大海", phone="13900000009")


def _import(county, data, **kwargs):
    kwargs.setdefault("actor", county.school_admin)
    return roster_import(file=data, filename=kwargs.pop("filename", "名册.xlsx"), school=county.school, **kwargs)


def test_one_sheet_roster_creates_students_guardians_and_accounts(county):
    record = _import(county, books.student_book([NEW_A, NEW_B], title="于都县城关中学 2026 级学生名册"))
    assert record.status == RosterImport.Status.APPLIED, record.problems
    assert record.counts["students"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert record.counts["guardians"] == {"created": 1, "updated": 0, "unchanged": 0}
    student = m.Student.objects.get(student_number="G3607312013000100")
    assert student.user.username == "G3607312013000100" and student.user.must_change_password
    assert len(student.user.initial_password) == 8 and not student.user.has_usable_password()
    assert student.current_class == county.class_7_2 and student.gender == "F"
    assert student.memberships.get().started_on == today()
    guardian = User.objects.get(username="jzG3607312013000100")
    assert guardian.phone == "13900000009" and guardian.must_change_password
    # siblings: one phone, one guardian, two children
    assert set(guardian.guardian.students.values_list("student_number", flat=True)) == {"G3607312013000100", "G3607312013000101"}


def test_one_sheet_per_class_takes_the_class_from_the_sheet_name(county):
    header = ["姓名", "性别", "学籍号", "家长姓名", "家长手机"]
    data = books.book({
        "七年级(1)班": [header, ["李雷", "男", "G3607312013000200", "李爸", "13900000021"]],
        "七年级(2)班": [header, ["韩梅梅", "女", "G3607312013000201", "韩妈", "13900000022"]],
        "说明": [["这是说明页"]],
    })
    record = _import(county, data)
    assert record.ok, record.problems
    assert m.Student.objects.get(student_number="G3607312013000200").current_class == county.class_7_1
    assert m.Student.objects.get(student_number="G3607312013000201").current_class == county.class_7_2


def test_importing_the_same_file_twice_changes_nothing(county):
    data = books.student_book([NEW_A, NEW_B])
    _import(county, data)
    users = User.objects.count()
    again = _import(county, data)
    assert again.counts["students"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert again.counts["guardians"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert User.objects.count() == users
    assert [n["code"] for n in again.notices] == ["same_file_before"]
    assert again.same_as is not None and again.sha256 == again.same_as.sha256
    assert again.file.name == again.same_as.file.name  # stored once


def test_a_changed_row_updates_the_student_never_creates_another(county):
    _import(county, books.student_book([NEW_A]))
    renamed = list(NEW_A)
    renamed[1], renamed[4] = "王晓红", books.id_card("20130305", "002")
    record = _import(county, books.student_book([renamed]))
    assert record.counts["students"] == {"created": 0, "updated": 1, "unchanged": 0}
    student = m.Student.objects.get(student_number="G3607312013000100")
    assert student.user.full_name == "王晓红" and student.id_card == renamed[4]
    assert m.Student.objects.filter(user__full_name__startswith="王").count() == 1


def test_a_changed_class_is_a_move_that_keeps_the_history(county):
    zhang = county.student_zhang
    row = books.student(cls="七年级(2)班", name="张小明", number=zhang.student_number, guardian="张建国", phone="13900000001")
    record = _import(county, books.student_book([row]))
    assert record.counts["students"] == {"created": 0, "updated": 1, "unchanged": 0}
    zhang.refresh_from_db()
    assert zhang.current_class == county.class_7_2
    stays = list(zhang.memberships.order_by("started_on", "id").values_list("school_class_id", "started_on", "ended_on"))
    assert stays == [(county.class_7_1.pk, date(2026, 9, 1), today()), (county.class_7_2.pk, today(), None)]
    assert "roster import" in zhang.memberships.last().source


def test_a_file_with_one_bad_row_writes_nothing(county):
    bad = books.student(cls="七年级(2)班", name="错误9", number="G3607312013000102", phone="13900000010")
    before = (User.objects.count(), m.Student.objects.count(), m.Guardian.objects.count(), m.ClassMembership.objects.count())
    record = _import(county, books.student_book([NEW_A, NEW_B, bad]))
    assert record.status == RosterImport.Status.FAILED
    assert [(p["row"], p["column"], p["code"]) for p in record.problems] == [(4, "B", "name_has_digits")]
    assert (User.objects.count(), m.Student.objects.count(), m.Guardian.objects.count(), m.ClassMembership.objects.count()) == before


def test_check_only_reports_what_would_change_and_writes_nothing(county):
    record = _import(county, books.student_book([NEW_A]), dry_run=True)
    assert record.status == RosterImport.Status.CHECKED
    assert record.counts["students"]["created"] == 1
    assert not m.Student.objects.filter(student_number="G3607312013000100").exists()


def test_unknown_class_is_an_error_naming_the_class_once_with_its_row_count(county):
    rows = [books.student(cls="七年级(5)班", number=f"G36073120130003{i:02d}", name=n, phone=f"1390000030{i}")
            for i, n in enumerate(["赵一", "赵二"])]
    record = _import(county, books.student_book(rows))
    assert [(p["code"], p["row"], p["column"], p["params"]["rows"]) for p in record.problems] == [("unknown_class", 2, "A", 2)]


def test_create_classes_makes_missing_classes_within_the_schools_grades(county):
    rows = [books.student(cls="八年级(3)班", number="G3607312012000400", name="孙悟", phone="13900000040"),
            books.student(cls="三年级(1)班", number="G3607312017000401", name="孙空", phone="13900000041")]
    record = _import(county, books.student_book(rows), create_classes=True)
    assert [p["code"] for p in record.problems] == ["class_grade_out_of_range"]  # a junior school has no grade 3
    record = _import(county, books.student_book(rows[:1]), create_classes=True)
    assert record.ok and record.counts["classes"] == {"created": 1}
    assert m.SchoolClass.objects.filter(school=county.school, grade=8, number=3).exists()


def test_student_number_of_another_school_and_id_card_of_another_student_are_refused(county):
    other = county.student_other_school
    card = books.id_card("20130101", "011")
    county.student_other_class.assign_id_card(card)
    county.student_other_class.save()
    rows = [books.student(number=other.student_number, name="刘洋"), books.student(number="G3607312013000500", name="钱多", card=card, phone="13900000050")]
    record = _import(county, books.student_book(rows))
    assert {(p["code"], p["row"], p["column"]) for p in record.problems} == {
        ("student_number_other_school", 2, "D"), ("id_card_other_student", 3, "E")}


def test_guardian_who_is_a_teacher_of_the_school_is_one_person_with_two_roles(county):
    row = books.student(cls="七年级(2)班", name="王小明", number="G3607312013000600", guardian="王芳", phone="13800000001")
    record = _import(county, books.student_book([row]))
    assert record.ok, record.problems
    assert county.teacher_wang.guardian.students.get().student_number == "G3607312013000600"


def test_a_phone_of_someone_with_another_name_is_refused(county):
    row = books.student(name="李小明", number="G3607312013000700", guardian="李四", phone="13800000002")  # 李军's phone
    record = _import(county, books.student_book([row]))
    assert [(p["code"], p["params"]["other"]) for p in record.problems] == [("phone_other_person", "李*")]


def test_gbk_csv_is_detected_read_and_reported(county):
    text = "班级,姓名,性别,学籍号,家长姓名,家长手机\n七年级(2)班,周杰,男,G3607312013000800,周爸,13900000080\n"
    record = _import(county, text.encode("gbk"), filename="名册.csv")
    assert record.ok and record.format == "csv"
    assert [n["code"] for n in record.notices] == ["encoding_gb18030"]
    assert m.Student.objects.get(student_number="G3607312013000800").user.full_name == "周杰"


def test_utf8_csv_with_byte_order_mark_is_read_without_note(county):
    text = "\ufeff班级,姓名,性别,学籍号,家长姓名,家长手机\n七年级(2)班,吴倩,女,G3607312013000801,吴妈,13900000081\n"
    record = _import(county, text.encode("utf-8"), filename="名册.csv")
    assert record.ok and record.notices == []
