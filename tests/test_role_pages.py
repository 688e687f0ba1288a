"""Role × page: every URL of the project, opened by every persona, is allowed or denied as the table says.

The URL patterns are read from the resolver, so a page or API endpoint added later without
a row in ``CASES`` fails :func:`test_every_url_pattern_has_a_row_in_the_table`. Each row
names the persons allowed; everyone else must be denied (403/404), and an anonymous
visitor must be sent to the login page (or get 401 from the API). Rows marked "outside"
point at objects beyond the allowed persons' reach (a class in another county, a school
in another county) to prove that scoping holds for objects, not only for pages.

Each persona's request runs inside a savepoint that is rolled back, so a POST by one persona
(moving a student, resetting a password) does not change what the next persona meets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zuoye.schools.tests.personas import County

# ---------------------------------------------------------------------------------------------
# Who is who: persona name → the account in the test county (None: not logged in).
PERSONAS: dict[str, Callable[[County], Any]] = {
    "anonymous": lambda c: None,
    "student": lambda c: c.student_zhang.user,
    "guardian": lambda c: c.guardian_zhang,
    "teacher": lambda c: c.teacher_wang,
    "head_teacher": lambda c: c.head_teacher_li,
    "school_admin": lambda c: c.school_admin,
    "school_leader": lambda c: c.school_leader,
    "county_staff": lambda c: c.county_staff,
    "city_staff": lambda c: c.city_staff,
    "province_staff": lambda c: c.province_staff,
    "other_county_staff": lambda c: c.other_county_staff,
    "stranger": lambda c: c.stranger,
}
LOGGED_IN = frozenset(PERSONAS) - {"anonymous"}
EVERYONE = frozenset(PERSONAS)
NOBODY: frozenset[str] = frozenset()
ABOVE_COUNTY = frozenset({"city_staff", "province_staff"})
REGION_OF_SCHOOL = frozenset({"county_staff"}) | ABOVE_COUNTY
REGION_STAFF = REGION_OF_SCHOOL | {"other_county_staff"}
SCHOOL = frozenset({"school_admin", "school_leader"}) | REGION_OF_SCHOOL  # may see 城关中学
FAR = frozenset({"other_county_staff"}) | ABOVE_COUNTY  # may see 兴国县第一中学
ADMIN = frozenset({"school_admin"})


@dataclass(frozen=True)
class Case:
    name: str  # the URL pattern's name, with its namespace
    label: str  # what this row shows
    allowed: frozenset[str]
    kwargs: Callable[[County], dict[str, Any]] = lambda c: {}
    method: str = "get"
    data: Callable[[County], dict[str, Any]] = lambda c: {}
    ok: tuple[int, ...] = ()  # statuses that mean "allowed"; default 200 for GET, 302 for POST
    anonymous: str = "login"  # what an anonymous visitor gets: "login", "allowed" or "denied"

    @property
    def ok_statuses(self) -> tuple[int, ...]:
        return self.ok or ((200,) if self.method == "get" else (302,))


def _assignment(c: County) -> dict[str, Any]:
    return {"assignment_id": c.teacher_wang.teacher.assignments.get().pk}


def _roster_import(school: str) -> Callable[[County], dict[str, Any]]:
    """An import whose check failed, at 城关中学 ("school") or in the other county ("far_school")."""

    def make(c: County) -> dict[str, Any]:
        from zuoye.rosters.models import RosterImport

        record = RosterImport.objects.create(
            school=getattr(c, school), actor=c.school_admin, filename="名单.xlsx", status=RosterImport.Status.FAILED
        )
        return {"pk": record.pk}

    return make


def _job(c: County) -> dict[str, Any]:
    from zuoye.jobs.models import Job

    return {"job_id": Job.objects.create(kind="test.noop", created_by=c.school_admin).pk}


# item bank and homework (issue 3) ---------------------------------------------------------------
STAFF = frozenset({"teacher", "head_teacher", "school_admin", "school_leader"}) | REGION_STAFF
TEACHERS = frozenset({"teacher", "head_teacher"})
HOMEWORK_READERS = TEACHERS | {"school_admin", "school_leader"}  # of Wang's homework for 七年级(1)班
OWNER = frozenset({"teacher"})


def _bank(c: County) -> dict[str, Any]:
    from zuoye.itembank.tests.bank import small_bank

    small_bank(per_template=1)
    return {}


def _item(c: County) -> dict[str, Any]:
    from zuoye.itembank.tests.bank import small_bank

    return {"item_id": small_bank(per_template=1)[0].pk}


def _figure(c: County) -> dict[str, Any]:
    from zuoye.itembank.services.curriculum import curriculum_sync
    from zuoye.itembank.tests.bank import item_with_figure

    curriculum_sync()
    return {"item_id": item_with_figure().pk}


def _item_import(c: County) -> dict[str, Any]:
    from zuoye.itembank.models import ItemImport

    return {"import_id": ItemImport.objects.create(filename="题.gift", sha256="0" * 64, created_by=c.teacher_wang).pk}


def _homework(extra: Callable[[County, Any], dict[str, Any]] = lambda c, a: {}) -> Callable[[County], dict[str, Any]]:
    """A draft of Wang's for 七年级(1)班 with two items; ``extra`` adds more URL arguments."""

    def make(c: County) -> dict[str, Any]:
        from zuoye.homework.tests.factories import homework
        from zuoye.itembank.tests.bank import small_bank

        assignment = homework(c, c.class_7_1, items=small_bank(per_template=1)[:2])
        return {"assignment_id": assignment.pk, **extra(c, assignment)}

    return make


def _sheet_set(c: County) -> dict[str, Any]:
    from zuoye.homework.services.sheets import sheets_print

    assignment_id = _homework()(c)["assignment_id"]
    from zuoye.homework.models import Assignment

    sheet_set = sheets_print(assignment=Assignment.objects.get(pk=assignment_id), school_class=c.class_7_1, actor=None)
    return {"sheet_set_id": sheet_set.pk}


def _flag(school: str) -> Callable[[County], dict[str, Any]]:
    """A spot-check flag on a teacher at 城关中学 ("school") or in the other county ("far_school")."""

    def make(c: County) -> dict[str, Any]:
        from datetime import date

        from zuoye.accounts.services import user_create
        from zuoye.analytics.models import Flag
        from zuoye.schools.services import teacher_add

        where = getattr(c, school)
        teacher = (c.teacher_wang.teacher if school == "school" else
                   teacher_add(user=user_create(username="t_far", full_name="钱老师", password="x-2026-long"),
                               school=where))
        flag = Flag.objects.create(key=f"self_only:{teacher.pk}:::{school}", kind="self_only", teacher=teacher,
                                   school=where, region_path=where.region.path, day=date(2026, 11, 2),
                                   details={"batches": 3, "rows": 90, "self_rows": 90})
        return {"flag_id": flag.pk}

    return make


_LINK = _homework(lambda c, a: {"link_id": a.item_links.order_by("position").first().pk})
_CLASS = _homework(lambda c, a: {"class_id": c.class_7_1.pk})


# booklets: the teachers of 七年级(1)班 and the school's staff print; 张小明 and his guardian read his own.
_BOOKLET_PRINTERS = frozenset({"teacher", "head_teacher", "school_admin", "school_leader"})
_BOOKLET_READERS = _BOOKLET_PRINTERS | {"student", "guardian"}


def _booklet_rows(name: str) -> Callable[[County], dict[str, Any]]:
    def make(c: County) -> dict[str, Any]:
        from zuoye.booklets.tests import rows

        return getattr(rows, name)(c)  # type: ignore[no-any-return]

    return make


# learning: 张小明 himself, his guardian, his class's teachers, his school and region.
_LEARNING_OF_ZHANG = frozenset({"student", "guardian", "teacher", "head_teacher"}) | SCHOOL
_LEARNING_OF_CHEN = frozenset({"head_teacher"}) | SCHOOL


def _lesson(c: County) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from zuoye.itembank.models import MicroLesson

    lesson = MicroLesson(title="有理数的加法", duration_seconds=12)
    lesson.video.save("role-test.webm", ContentFile(b"\x1aE\xdf\xa3 not really a video"), save=True)
    return {"lesson_id": lesson.pk}


def _pen(c: County) -> dict[str, Any]:
    from zuoye.pens.services.registry import pen_register

    return {"pen_id": pen_register(serial="NWP-ROLE-2", school=c.school, holder=c.teacher_wang)[0].pk}


def _gateway(c: County) -> dict[str, Any]:
    from zuoye.pens.services.registry import gateway_create

    return {"gateway_id": gateway_create(name="网关", school=c.school, actor=None)[0].pk}


# capture: Wang's scan batch and 七年级(1)班's review queue; 张小明's photos and self-report.
_SCANNERS = frozenset({"teacher", "head_teacher", "school_admin", "school_leader"})
_BATCH_READERS = frozenset({"teacher", "school_admin", "school_leader"})  # Wang uploaded it; his school's staff
_HOME = frozenset({"student", "guardian"})


def _capture_rows(name: str) -> Callable[[County], dict[str, Any]]:
    def make(c: County) -> dict[str, Any]:
        from zuoye.capture.tests import rows

        return getattr(rows, name)(c)  # type: ignore[no-any-return]

    return make


CASES: list[Case] = [
    # the shell: home, login, logout, password, language
    Case("portal:home", "home page of each role", LOGGED_IN),
    Case("accounts:login", "login page (a logged-in person is sent home)", EVERYONE, ok=(200, 302), anonymous="allowed"),
    Case("accounts:logout", "log out", EVERYONE, method="post", anonymous="allowed"),
    Case("accounts:password_change", "change own password", LOGGED_IN),
    Case("set_language", "switch language", EVERYONE, method="post", data=lambda c: {"language": "en", "next": "/"},
         anonymous="allowed"),
    # region drill-down
    Case("schools:regions", "regions the person oversees", REGION_STAFF, ok=(302,)),
    Case("schools:region", "own county", REGION_OF_SCHOOL, lambda c: {"region_id": c.county.pk}),
    Case("schools:region", "city above the county", ABOVE_COUNTY, lambda c: {"region_id": c.city.pk}),
    Case("schools:region", "outside: the other county", FAR, lambda c: {"region_id": c.other_county.pk}),
    # a school and its teachers
    Case("schools:school", "城关中学", SCHOOL, lambda c: {"school_id": c.school.pk}),
    Case("schools:school", "outside: school in the other county", FAR, lambda c: {"school_id": c.far_school.pk}),
    Case("schools:classes_create", "create classes at 城关中学", ADMIN, lambda c: {"school_id": c.school.pk},
         method="post", data=lambda c: {"grade": 8, "count": 2}),
    Case("schools:classes_create", "outside: create classes in the other county", NOBODY,
         lambda c: {"school_id": c.far_school.pk}, method="post", data=lambda c: {"grade": 8, "count": 2}),
    Case("schools:teachers", "teachers of 城关中学", SCHOOL, lambda c: {"school_id": c.school.pk}),
    Case("schools:teachers", "outside: teachers in the other county", FAR, lambda c: {"school_id": c.far_school.pk}),
    Case("schools:teachers", "add an assignment", ADMIN, lambda c: {"school_id": c.school.pk}, method="post",
         data=lambda c: {"teacher": c.teacher_wang.teacher.pk, "school_class": c.class_7_2.pk,
                         "subject": c.math.pk}),
    Case("schools:assignment_delete", "remove Wang's maths assignment", ADMIN, _assignment, method="post"),
    # a class
    Case("schools:class", "七年级(1)班: Wang teaches it, Li heads it", SCHOOL | {"teacher", "head_teacher"},
         lambda c: {"class_id": c.class_7_1.pk}),
    Case("schools:class", "七年级(2)班: only Li teaches it", SCHOOL | {"head_teacher"},
         lambda c: {"class_id": c.class_7_2.pk}),
    Case("schools:class", "outside: class in the other county", FAR, lambda c: {"class_id": c.far_class.pk}),
    Case("schools:head_teacher_set", "set the head teacher", ADMIN, lambda c: {"class_id": c.class_7_1.pk},
         method="post", data=lambda c: {"teacher": c.teacher_wang.teacher.pk}),
    Case("schools:slips_pdf", "slips of the head teacher's class", ADMIN | {"head_teacher"},
         lambda c: {"class_id": c.class_7_1.pk}),
    Case("schools:slips_pdf", "slips of a class Li only teaches", ADMIN, lambda c: {"class_id": c.class_7_2.pk}),
    Case("schools:slips_pdf", "outside: slips in the other county", NOBODY, lambda c: {"class_id": c.far_class.pk}),
    Case("schools:slips_xlsx", "slip list of the head teacher's class", ADMIN | {"head_teacher"},
         lambda c: {"class_id": c.class_7_1.pk}),
    Case("schools:student_move", "move 张小明 to 七年级(2)班", ADMIN, lambda c: {"student_id": c.student_zhang.pk},
         method="post", data=lambda c: {"to_class": c.class_7_2.pk}),
    Case("schools:student_move", "outside: move a student of the other county", NOBODY,
         lambda c: {"student_id": c.student_far.pk}, method="post", data=lambda c: {"to_class": c.class_7_2.pk}),
    Case("schools:password_reset", "new first password for a student", ADMIN,
         lambda c: {"user_id": c.student_zhang.user.pk}, method="post", ok=(200,)),
    Case("schools:password_reset", "new first password for a parent", ADMIN,
         lambda c: {"user_id": c.guardian_zhang.pk}, method="post", ok=(200,)),
    Case("schools:password_reset", "new first password for a teacher", ADMIN,
         lambda c: {"user_id": c.teacher_wang.pk}, method="post", ok=(200,)),
    Case("schools:password_reset", "never for region staff", NOBODY, lambda c: {"user_id": c.county_staff.pk},
         method="post"),
    Case("schools:password_reset", "outside: a student of the other county", NOBODY,
         lambda c: {"user_id": c.student_far.user.pk}, method="post"),
    # JSON API (lists are scoped, not refused: a stranger gets an empty list)
    Case("api:api-root", "the bare API prefix is no page", NOBODY, anonymous="denied"),
    Case("api:openapi-json", "API schema", LOGGED_IN),
    Case("api:me", "who am I", LOGGED_IN),
    Case("api:schools", "schools I may see", LOGGED_IN),
    Case("api:classes", "classes I may see", LOGGED_IN),
    Case("api:class_students", "students of 七年级(1)班", SCHOOL | {"teacher", "head_teacher"},
         lambda c: {"class_id": c.class_7_1.pk}),
    Case("api:class_students", "outside: students of a class in the other county", FAR,
         lambda c: {"class_id": c.far_class.pk}),
    # rosters: the school's account admin and region staff manage them, nobody else
    Case("rosters:index", "roster import page", ADMIN | REGION_STAFF),
    Case("rosters:upload", "upload without a file: the form answers 400", ADMIN | REGION_STAFF, method="post", ok=(400,)),
    Case("rosters:result", "an import at 城关中学", ADMIN | REGION_OF_SCHOOL, _roster_import("school")),
    Case("rosters:result", "outside: an import in the other county", FAR, _roster_import("far_school")),
    Case("rosters:apply", "a failed check cannot be applied (404); outsiders get 403", ADMIN | REGION_OF_SCHOOL,
         _roster_import("school"), method="post", ok=(404,)),
    Case("rosters:problems", "problem list of an import at 城关中学", ADMIN | REGION_OF_SCHOOL, _roster_import("school")),
    Case("rosters:template", "the student roster template", ADMIN | REGION_STAFF, lambda c: {"kind": "students"}),
    Case("rosters:export_school", "export 城关中学 as xlsx", ADMIN | REGION_OF_SCHOOL,
         lambda c: {"pk": c.school.pk, "fmt": "xlsx"}),
    Case("rosters:export_school", "outside: export a school of the other county", FAR,
         lambda c: {"pk": c.far_school.pk, "fmt": "zip"}),
    Case("rosters:export_region", "export the county as OneRoster", REGION_OF_SCHOOL, lambda c: {"pk": c.county.pk}),
    Case("rosters:export_region", "outside: export the other county", FAR, lambda c: {"pk": c.other_county.pk}),
    # background jobs: only the person who started one sees it
    Case("jobs:status", "a job the school admin started", ADMIN, _job),
    # item bank: staff browse it; teachers and school admins import; teachers upload micro-lessons
    Case("itembank:bank", "the item bank", STAFF, _bank),
    Case("itembank:item", "an item with its answer", STAFF, _item),
    Case("itembank:item_image", "an item's figure", STAFF, _figure),
    Case("itembank:export", "QTI export of one's own subject (or back to the bank when it has none)", STAFF, _bank,
         ok=(200, 302)),
    Case("itembank:import", "the import page", TEACHERS | ADMIN),
    Case("itembank:import", "upload without a file: the form answers 400", TEACHERS | ADMIN, method="post", ok=(400,)),
    Case("itembank:import_result", "Wang's own import", OWNER, _item_import),
    Case("itembank:lessons", "micro-lessons", STAFF),
    Case("itembank:lesson_new", "upload a micro-lesson", TEACHERS),
    # homework: Wang's draft for 七年级(1)班; Li heads that class; the school's staff read it
    Case("homework:list", "homework list", HOMEWORK_READERS),
    Case("homework:new", "new homework (a teacher of something)", TEACHERS),
    Case("homework:compose", "Wang's draft", HOMEWORK_READERS, _homework()),
    Case("homework:delete", "delete Wang's draft", OWNER, _homework(), method="post"),
    Case("homework:items_add", "add items", OWNER, _homework(), method="post"),
    Case("homework:item_remove", "remove an item", OWNER, _LINK, method="post"),
    Case("homework:item_move", "move an item", OWNER, _LINK, method="post", data=lambda c: {"to": "down"}),
    Case("homework:generate", "generate fresh items", OWNER, _homework(), method="post",
         data=lambda c: {"template": "math.g7.linear_equation", "count": 1}),
    Case("homework:minutes", "set the minutes", OWNER, _homework(), method="post", data=lambda c: {"minutes": 30}),
    Case("homework:load", "the live load panel", HOMEWORK_READERS, _homework()),
    Case("homework:publish", "publish", OWNER, _homework(), method="post"),
    Case("homework:publish", "publish with a reason: the owner, or a leader's override", OWNER | {"school_leader"},
         _homework(), method="post", data=lambda c: {"reason": "单元复习"}),
    Case("homework:sheets", "answer sheets page", HOMEWORK_READERS, _homework()),
    Case("homework:sheets_class", "whole-class sheets (a job)", HOMEWORK_READERS, _CLASS, method="post"),
    Case("homework:sheets_generic", "generic class sheet", HOMEWORK_READERS, _CLASS, method="post"),
    Case("homework:sheets_student", "one student's sheet", HOMEWORK_READERS, _CLASS, method="post",
         data=lambda c: {"student": c.student_zhang.pk}),
    Case("homework:sheet_pdf", "a printed PDF (students' names)", HOMEWORK_READERS, _sheet_set),
    Case("homework:sheet_layout", "its layout JSON", HOMEWORK_READERS, _sheet_set),
    Case("homework:calendar_index", "load calendars I may open", frozenset({"head_teacher", "school_leader"}), ok=(200, 302)),
    Case("homework:calendar", "七年级(1)班's load calendar", frozenset({"head_teacher", "school_leader"}),
         lambda c: {"class_id": c.class_7_1.pk}),
    Case("homework:calendar", "outside: a class in the other county", NOBODY, lambda c: {"class_id": c.far_class.pk}),
    Case("homework:results", "results grid of an assignment", HOMEWORK_READERS, _homework()),
    Case("homework:results_live", "its live changes (JSON)", HOMEWORK_READERS, _CLASS),
    # capture (issues 4 and 5): scans, phone photos, self-report, review queue, pens
    Case("capture:scan", "scan upload page", _SCANNERS),
    Case("capture:upload", "upload without files: 400", _SCANNERS, method="post", ok=(400,)),
    Case("capture:batch", "Wang's scan batch", _BATCH_READERS, _capture_rows("batch")),
    Case("capture:batch_json", "its readings as JSON", _BATCH_READERS, _capture_rows("batch")),
    Case("capture:page_preview", "a quarantined page's preview", _BATCH_READERS, _capture_rows("page")),
    Case("capture:page_assign", "assign it by hand (an empty form goes back)", _BATCH_READERS, _capture_rows("page"),
         method="post"),
    Case("capture:review", "review queue of 七年级(1)班", HOMEWORK_READERS, _capture_rows("queue")),
    Case("capture:review_decide", "resolve a review item", HOMEWORK_READERS, _capture_rows("review"), method="post",
         data=lambda c: {"outcome": "right"}),
    Case("capture:review_crop", "its crop", HOMEWORK_READERS, _capture_rows("review")),
    Case("capture:home", "photos and self-report, mobile", _HOME),
    Case("capture:photos", "send photos without a file: back to the form", _HOME, method="post"),
    Case("capture:photos_result", "张小明's own photos", frozenset({"student"}), _capture_rows("photos")),
    Case("capture:self_report", "self-report form of 张小明's homework", _HOME, _capture_rows("homework_of_zhang")),
    # pens (issue 5): pen registry, paper batches, gateway endpoint
    Case("pens:api_dots", "gateway endpoint: a device token, never a login (401 / 403)", NOBODY, method="post"),
    Case("pens:school", "pens, gateways and paper of 城关中学", ADMIN, lambda c: {"school_id": c.school.pk}),
    Case("pens:school", "outside: pens of a school in the other county", NOBODY,
         lambda c: {"school_id": c.far_school.pk}),
    Case("pens:pen_add", "register Wang's pen", ADMIN, lambda c: {"school_id": c.school.pk}, method="post",
         data=lambda c: {"serial": "NWP-ROLE-1", "holder": c.teacher_wang.username}),
    Case("pens:pen_add", "outside: register a pen in the other county", NOBODY,
         lambda c: {"school_id": c.far_school.pk}, method="post",
         data=lambda c: {"serial": "NWP-ROLE-1", "holder": c.teacher_wang.username}),
    Case("pens:gateway_add", "create a gateway (its token shown once)", ADMIN, lambda c: {"school_id": c.school.pk},
         method="post", data=lambda c: {"name": "七年级(1)班教室"}, ok=(200,)),
    Case("pens:batch_add", "record dot-pattern paper", ADMIN, lambda c: {"school_id": c.school.pk}, method="post",
         data=lambda c: {"section": 3, "owner": 27, "book": 168, "first_page": 1, "page_count": 100}),
    Case("pens:unknown_assign", "assign an unknown page (an empty form answers 400)", ADMIN,
         lambda c: {"school_id": c.school.pk}, method="post", ok=(400,)),
    Case("pens:pen_deactivate", "deactivate a pen of 城关中学", ADMIN, _pen, method="post"),
    Case("pens:gateway_deactivate", "deactivate a gateway of 城关中学", ADMIN, _gateway, method="post"),
    Case("pens:print", "print Wang's sheets on dot-pattern paper", HOMEWORK_READERS, _CLASS),
    # learning (issue 6): notebook, mastery, recommendations, lessons
    Case("learning:home", "learning: own child / self, or the classes taught", LOGGED_IN, ok=(200, 302)),
    Case("learning:care", "switch the care mode (a cookie)", EVERYONE, method="post", data=lambda c: {"care": "1"},
         anonymous="allowed"),
    Case("learning:student", "张小明's learning page", _LEARNING_OF_ZHANG, lambda c: {"student_id": c.student_zhang.pk}),
    Case("learning:student", "陈雨 (7(2)): not Wang's class, not the guardian's child", _LEARNING_OF_CHEN,
         lambda c: {"student_id": c.student_other_class.pk}),
    Case("learning:student", "outside: a student in the other county", FAR, lambda c: {"student_id": c.student_far.pk}),
    Case("learning:notebook", "张小明's wrong-question notebook", _LEARNING_OF_ZHANG,
         lambda c: {"student_id": c.student_zhang.pk}),
    Case("learning:notebook", "outside: a student in the other county", FAR, lambda c: {"student_id": c.student_far.pk}),
    Case("learning:lesson", "a lesson page for oneself or one's only child", frozenset({"student", "guardian"}), _lesson),
    Case("learning:video", "a lesson's video file", LOGGED_IN, _lesson),
    Case("learning:statements", "a watch statement (an empty one is refused: 400)", frozenset({"student", "guardian"}),
         _lesson, method="post", ok=(400,)),
    Case("learning:class", "七年级(1)班's most-missed items", SCHOOL | {"teacher", "head_teacher"},
         lambda c: {"class_id": c.class_7_1.pk}),
    Case("learning:class", "outside: a class in the other county", FAR, lambda c: {"class_id": c.far_class.pk}),
    Case("learning:recommendations", "extension exercises to review", SCHOOL | {"teacher", "head_teacher"},
         lambda c: {"class_id": c.class_7_1.pk}),
    Case("learning:recommendations_act", "approve all (the class's own teachers only)", frozenset({"teacher", "head_teacher"}),
         lambda c: {"class_id": c.class_7_1.pk}, method="post",
         data=lambda c: {"subject": c.math.pk, "action": "approve_all", "day": "2026-12-03"}),
    Case("learning:recommendations_act", "outside: a class in the other county", NOBODY,
         lambda c: {"class_id": c.far_class.pk}, method="post",
         data=lambda c: {"subject": c.math.pk, "action": "approve_all", "day": "2026-12-03"}),
    Case("learning:class_lessons", "completion rates of 七年级(1)班", SCHOOL | {"teacher", "head_teacher"},
         lambda c: {"class_id": c.class_7_1.pk}),
    # booklets (issue 6): personal booklets
    Case("booklets:index", "classes I may print booklets for", _BOOKLET_PRINTERS),
    Case("booklets:class", "七年级(1)班's booklets of a week", _BOOKLET_PRINTERS, lambda c: {"class_id": c.class_7_1.pk}),
    Case("booklets:class", "outside: a class in the other county", NOBODY, lambda c: {"class_id": c.far_class.pk}),
    Case("booklets:class_print", "print the class (a job)", _BOOKLET_PRINTERS, lambda c: {"class_id": c.class_7_1.pk},
         method="post", data=lambda c: {"week": "2026-W48"}),
    Case("booklets:batch_pdf", "the class PDF (children's names)", _BOOKLET_PRINTERS, _booklet_rows("batch_kwargs")),
    Case("booklets:student", "张小明's booklets", _BOOKLET_READERS, lambda c: {"student_id": c.student_zhang.pk}),
    Case("booklets:student", "outside: a student in the other county", NOBODY, lambda c: {"student_id": c.student_far.pk}),
    Case("booklets:student_print", "make 张小明's booklet", _BOOKLET_READERS,
         lambda c: {"student_id": c.student_zhang.pk}, method="post", data=lambda c: {"week": "2026-W48"}),
    Case("booklets:booklet_pdf", "张小明's booklet PDF", _BOOKLET_READERS, _booklet_rows("booklet_kwargs")),
    # analytics (issue 7): reports, usage assessment, credits, spot checks
    Case("analytics:teacher", "a teacher's class analytics", TEACHERS),
    Case("analytics:assignment", "analysis of Wang's homework for 七年级(1)班", HOMEWORK_READERS, _CLASS),
    Case("analytics:school", "school report of 城关中学", SCHOOL, lambda c: {"school_id": c.school.pk}),
    Case("analytics:school", "outside: school report in the other county", FAR,
         lambda c: {"school_id": c.far_school.pk}),
    Case("analytics:class", "七年级(1)班 over the term", SCHOOL | {"teacher", "head_teacher"},
         lambda c: {"class_id": c.class_7_1.pk}),
    Case("analytics:class", "outside: a class in the other county", FAR, lambda c: {"class_id": c.far_class.pk}),
    Case("analytics:regions", "region reports I oversee", REGION_STAFF, ok=(302,)),
    Case("analytics:region", "own county's report", REGION_OF_SCHOOL, lambda c: {"region_id": c.county.pk}),
    Case("analytics:region", "the city's report", ABOVE_COUNTY, lambda c: {"region_id": c.city.pk}),
    Case("analytics:region", "outside: the other county's report", FAR, lambda c: {"region_id": c.other_county.pk}),
    Case("analytics:assessment", "usage assessment of the county", REGION_OF_SCHOOL,
         lambda c: {"region_id": c.county.pk}),
    Case("analytics:assessment", "outside: assessment of the other county", FAR,
         lambda c: {"region_id": c.other_county.pk}),
    Case("analytics:schools_xlsx", "schools workbook of the county", REGION_OF_SCHOOL,
         lambda c: {"region_id": c.county.pk}),
    Case("analytics:teachers_xlsx", "teachers and credits of the county", REGION_OF_SCHOOL,
         lambda c: {"region_id": c.county.pk}),
    Case("analytics:teachers_xlsx", "outside: teachers of the other county", FAR,
         lambda c: {"region_id": c.other_county.pk}),
    Case("analytics:monthly_pdf", "monthly report of the county", REGION_OF_SCHOOL,
         lambda c: {"region_id": c.county.pk}),
    Case("analytics:checks", "spot checks in the county", REGION_OF_SCHOOL, lambda c: {"region_id": c.county.pk}),
    Case("analytics:checks", "outside: spot checks in the other county", FAR,
         lambda c: {"region_id": c.other_county.pk}),
    Case("analytics:flag_verdict", "a verdict on a flag at 城关中学", REGION_OF_SCHOOL, _flag("school"), method="post",
         data=lambda c: {"verdict": "genuine", "note": "看过答题卡"}),
    Case("analytics:flag_verdict", "outside: a flag in the other county", FAR, _flag("far_school"), method="post",
         data=lambda c: {"verdict": "genuine"}),
]


# ---------------------------------------------------------------------------------------------
def url_pattern_names(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    """Every named URL pattern of the project, with its namespace; unnamed ones by their route."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from url_pattern_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            yield f"{namespace}:{name}" if namespace else name


def _outcome(response: Any, case: Case) -> str:
    location = response.get("Location", "")
    if response.status_code == 401 or (response.status_code == 302 and "/accounts/login/?next=" in location):
        return "login"
    if response.status_code in case.ok_statuses:
        return "allowed"
    if response.status_code in (403, 404):
        return "denied"
    return f"status {response.status_code}"


def _expected(case: Case, persona: str) -> str:
    if persona == "anonymous":
        return case.anonymous
    return "allowed" if persona in case.allowed else "denied"


def _visit(client: Client, case: Case, url: str, data: dict[str, Any]) -> Any:
    with transaction.atomic():
        response = client.post(url, data) if case.method == "post" else client.get(url)
        transaction.set_rollback(True)
    return response


# ---------------------------------------------------------------------------------------------
def test_every_url_pattern_has_a_row_in_the_table():
    patterns = set(url_pattern_names())
    in_table = {case.name for case in CASES}
    assert not patterns - in_table, f"URL patterns without a row in CASES: {sorted(patterns - in_table)}"
    assert not in_table - patterns, f"rows in CASES for URL patterns that no longer exist: {sorted(in_table - patterns)}"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.name} · {c.label}" for c in CASES])
def test_each_role_is_allowed_or_denied_as_the_table_says(county, case):
    url = reverse(case.name, kwargs=case.kwargs(county))
    data = case.data(county)
    wrong = []
    for persona, who in PERSONAS.items():
        client = Client()
        user = who(county)
        if user is not None:
            client.force_login(user)
        got = _outcome(_visit(client, case, url, data), case)
        if got != _expected(case, persona):
            wrong.append(f"  {persona:<20} expected {_expected(case, persona):<8} got {got}")
    assert not wrong, f"{case.method.upper()} {url} ({case.label}):\n" + "\n".join(wrong)
