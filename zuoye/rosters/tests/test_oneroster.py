"""OneRoster 1.2: export, import into an empty database, export again: the same files."""

import csv
import io
import zipfile

from zuoye.accounts.models import User
from zuoye.rosters.models import ExternalId
from zuoye.rosters.services import roster_import
from zuoye.rosters.services.oneroster_out import roster_export_oneroster
from zuoye.rosters.tests import books
from zuoye.schools import models as m
from zuoye.schools.access import scope_for


def files(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def package(tables: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def wipe() -> None:
    """Empty the database of everything rosters describe (subjects stay: they are seeded)."""
    for model in (m.GuardianLink, m.Guardian, m.ClassMembership, m.TeachingAssignment, m.StaffRole, ExternalId):
        model.objects.all().delete()
    m.SchoolClass.objects.update(head_teacher=None)
    for model in (m.Student, m.Teacher, m.SchoolClass, m.Term, m.SchoolYear, m.School):
        model.objects.all().delete()
    for region in m.Region.objects.order_by("-path"):
        region.delete()
    User.objects.all().delete()


def _richer_county(county):
    """The test county plus a class move, siblings with a guardian, an ID card and a teacher who is a parent."""
    card = books.id_card("20130101", "031")
    data = books.book({
        "学生": [books.STUDENT_HEADER + ["家长关系"],
                 ["七年级(2)班", "王小红", "女", "G3607312013002000", card[:16] + "2" + card[17:] if False else "", "王大海", "13900000200", "母亲"],
                 ["七年级(2)班", "王小刚", "男", "G3607312013002001", card, "王大海", "13900000200", "母亲"],
                 ["七年级(2)班", "张小明", "男", "G360731201301010011", "", "张建国", "13900000001", "父亲"]],
        "教师": [books.TEACHER_HEADER, ["王大海", "13900000200", "七年级", "1班、2班", "英语", "否"]],
    })
    record = roster_import(file=data, filename="rich.xlsx", school=county.school, actor=county.school_admin)
    assert record.ok, record.problems


def test_export_import_into_an_empty_database_export_again_gives_the_same_files(county):
    _richer_county(county)
    first = roster_export_oneroster(scope=None)
    wipe()
    record = roster_import(file=first, filename="oneroster.zip")
    assert record.ok, record.problems
    assert record.counts["students"]["created"] == 6 and record.counts["schools"] == {"created": 3}
    second = roster_export_oneroster(scope=None)
    assert files(second) == files(first)
    assert second == first  # fixed zip timestamps: byte for byte
    moved = m.Student.objects.get(student_number="G360731201301010011")
    assert [(n, end is None) for n, end in moved.memberships.values_list("school_class__number", "ended_on")] == [(1, False), (2, True)]


def test_importing_an_export_again_changes_nothing(county):
    _richer_county(county)
    data = roster_export_oneroster(scope=None)
    record = roster_import(file=data, filename="oneroster.zip")
    assert record.ok, record.problems
    assert {k: v for k, v in record.counts.items()} == {
        "students": {"created": 0, "updated": 0, "unchanged": 6},
        "teachers": {"created": 0, "updated": 0, "unchanged": 3},
        "guardians": {"created": 0, "updated": 0, "unchanged": 2},
        "staff_roles": {"created": 0, "unchanged": 6},
    }


def test_export_follows_the_spec_columns_and_formats(county):
    _richer_county(county)
    tables = files(roster_export_oneroster(scope=scope_for(county.county_staff), region=county.county))
    assert tables["users.csv"].splitlines()[0].startswith(
        "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier")
    assert rows(tables["manifest.csv"])[1] == {"propertyName": "oneroster.version", "value": "1.2"}
    users = {u["username"]: u for u in rows(tables["users.csv"])}
    assert users["G3607312013002001"]["userIds"].startswith("{idCard:360731")
    assert users["G3607312013002001"]["grades"] == "07" and users["G3607312013002001"]["status"] == ""
    roles = {(r["userSourcedId"], r["role"]) for r in rows(tables["roles.csv"])}
    assert ("user-jzG3607312013002000", "teacher") in roles and ("user-jzG3607312013002000", "parent") in roles
    assert "兴国县第一中学" not in tables["orgs.csv"]  # another county: not this person's to see
    sexes = {d["sourcedId"]: (d["sex"], d["birthDate"]) for d in rows(tables["demographics.csv"])}
    assert sexes["user-G3607312013002001"] == ("male", "2013-01-01")
    heads = [e for e in rows(tables["enrollments.csv"]) if e["role"] == "teacher" and e["classSourcedId"].endswith("-7-1")]
    assert [(e["userSourcedId"], e["primary"]) for e in heads] == [("user-lijun", "true")]


def test_a_package_from_another_system_keeps_its_own_ids(county):
    tables = {
        "manifest.csv": "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\n"
                        "file.roles,bulk\nfile.classes,bulk\nfile.courses,bulk\nfile.enrollments,bulk\nfile.academicSessions,bulk\n",
        "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nX-SCH-1,,,于都县城关中学,school,3636000001,\n",
        "academicSessions.csv": "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
                                "X-Y,,,2026-2027,schoolYear,2026-09-01,2027-07-10,,2027\n",
        "courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n"
                       "X-C7,,,X-Y,Grade 7,,07,X-SCH-1,,\n",
        "classes.csv": "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
                       "X-CL-2,,,七年级(2)班,07,X-C7,,homeroom,,X-SCH-1,X-Y,,,\n",
        "users.csv": "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
                     "X-U-1,,,true,,,一,马,,G3607312013003000,,,,X-P-1,07,\nX-P-1,,,true,,,二,马,,,,13900000300,,X-U-1,,\n",
        "roles.csv": "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\n"
                     "X-R-1,,,X-U-1,primary,student,,,X-SCH-1,\nX-R-2,,,X-P-1,primary,parent,,,X-SCH-1,\n",
        "enrollments.csv": "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n"
                           "X-E-1,,,X-CL-2,X-SCH-1,X-U-1,student,false,2026-09-01,\n",
        "demographics.csv": "sourcedId,status,dateLastModified,birthDate,sex\nX-U-1,,,2013-01-01,female\n",
    }
    record = roster_import(file=package(tables), filename="other.zip", school=county.school, actor=county.school_admin)
    assert record.ok, record.problems
    student = m.Student.objects.get(student_number="G3607312013003000")
    assert student.current_class == county.class_7_2 and student.gender == "F" and student.user.full_name == "马一"
    assert student.guardians.get().user.phone == "13900000300"
    out = files(roster_export_oneroster(scope=scope_for(county.school_admin), school=county.school))
    assert {"X-SCH-1", "X-Y", "X-C7", "X-CL-2", "X-U-1", "X-P-1", "X-R-1", "X-E-1"} <= {
        r["sourcedId"] for name in ("orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "users.csv", "roles.csv", "enrollments.csv")
        for r in rows(out[name])}
    again = roster_import(file=package(tables), filename="other.zip", school=county.school, actor=county.school_admin)
    assert again.counts["students"] == {"created": 0, "updated": 0, "unchanged": 1}


def test_package_problems_are_reported_with_file_row_and_column(county):
    tables = {
        "manifest.csv": "propertyName,value\noneroster.version,1.2\nfile.enrollments,delta\n",
        "orgs.csv": "sourcedId,name\nA,学校\n",
        "users.csv": "sourcedId,status,dateLastModified,enabledUser,givenName,familyName,agentSourcedIds\nU1,,,true,一,马,NOPE\nU1,,,true,二,马,\n",
    }
    record = roster_import(file=package(tables), filename="bad.zip", school=county.school, actor=county.school_admin)
    assert [(p["file"], p["row"], p["column"], p["code"]) for p in record.problems] == [
        ("manifest.csv", None, "", "or_delta"), ("orgs.csv", 1, "", "or_columns_missing"),
        ("users.csv", 2, "agentSourcedIds", "or_reference_missing"), ("users.csv", 3, "sourcedId", "or_duplicate_id")]


def test_a_school_admin_may_not_import_another_schools_data(county):
    data = roster_export_oneroster(scope=None, school=county.other_school)
    record = roster_import(file=data, filename="other.zip", school=county.school, actor=county.school_admin)
    assert "school_not_allowed" in {p["code"] for p in record.problems}


def test_gbk_encoded_package_files_are_read_and_noted(county):
    data = files(roster_export_oneroster(scope=None, school=county.school))
    encoded = {name: text.encode("gb18030") if name == "users.csv" else text.encode() for name, text in data.items()}
    record = roster_import(file=package(encoded), filename="gbk.zip", school=county.school, actor=county.school_admin)
    assert record.ok, record.problems
    assert [(n["file"], n["code"]) for n in record.notices] == [("users.csv", "encoding_gb18030")]
