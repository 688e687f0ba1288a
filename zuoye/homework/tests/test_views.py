"""Homework pages as each role meets them: setting homework, composing, the load panel, publishing
(refused with the numbers, or a leader's override), answer sheets through a job, downloads."""

from __future__ import annotations

import pytest
from django.test import Client

from zuoye.homework.models import Assignment, LoadOverride, SheetSet
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.services.sheets import sheets_print
from zuoye.homework.tests.factories import DAY, homework
from zuoye.itembank.tests.bank import small_bank
from zuoye.jobs.models import Job
from zuoye.jobs.services import job_run

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def bank(county):
    return small_bank()


def test_the_new_homework_form_offers_only_what_the_teacher_teaches(county, bank):
    client = client_for(county.teacher_wang)
    html = client.get("/homework/new/").content.decode()
    assert "七年级(1)班" in html and "七年级(2)班" not in html and "语文" not in html
    refused = client.post("/homework/new/", {"subject": county.math.pk, "classes": [county.class_7_2.pk],
                                             "title": "x", "assigned_on": "2026-12-03"})
    assert refused.status_code == 400 and not Assignment.objects.exists()


def test_a_teacher_composes_and_publishes_homework(county, bank):
    client = client_for(county.teacher_wang)
    made = client.post("/homework/new/", {"subject": county.math.pk, "classes": [county.class_7_1.pk],
                                          "title": "一元一次方程", "assigned_on": "2026-12-03"})
    assignment = Assignment.objects.get()
    assert made["Location"] == f"/homework/{assignment.pk}/"
    page = client.get(made["Location"], {"node": "math.g7a.u3"})
    offered = list(page.context["bank_page"].object_list)
    assert offered and "<math" in page.content.decode()
    client.post(f"/homework/{assignment.pk}/items/add/", {"items": [offered[1].pk, offered[0].pk]})
    assert list(assignment.item_links.values_list("item_id", flat=True).order_by("position")) == [offered[1].pk, offered[0].pk]
    client.post(f"/homework/{assignment.pk}/generate/", {"template": "math.g7.combine_like_terms", "count": 2})
    assert assignment.item_links.count() == 4
    page = client.get(f"/homework/{assignment.pk}/")
    (row, _sentence), = page.context["panel"]
    assert (row.state, row.check.limit) == ("ok", 90)
    answer = client.post(f"/homework/{assignment.pk}/publish/", follow=True)
    assert "作业已发布。" in messages_of(answer)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.PUBLISHED
    assert "批准超量并发布" not in answer.content.decode()


def test_publishing_over_the_limit_is_refused_with_the_numbers_in_chinese(county, bank):
    chinese = homework(county, county.class_7_1, minutes=40, subject=county.chinese)
    assignment_publish(assignment=chinese, actor=chinese.teacher.user)
    earlier = homework(county, county.class_7_1, minutes=30)
    assignment_publish(assignment=earlier, actor=county.teacher_wang)
    draft = homework(county, county.class_7_1, minutes=25, title="再练一练")
    answer = client_for(county.teacher_wang).post(f"/homework/{draft.pk}/publish/", follow=True)
    shown = messages_of(answer)
    assert "未发布：会超出每日作业总量上限。" in shown
    assert "七年级(1)班 12月3日 已有 70 分钟（数学 30、语文 40），本次 25 分钟，合计 95 分钟，超出上限 90 分钟 5 分钟" in shown
    draft.refresh_from_db()
    assert draft.status == Assignment.Status.DRAFT
    assert "超出上限" in answer.content.decode()  # the panel says so too


def test_the_live_panel_shows_other_minutes_without_saving_them(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:2])
    html = client_for(county.teacher_wang).get(f"/homework/{draft.pk}/load/", {"minutes": 120}).content.decode()
    assert "超出上限" in html and "120" in html
    draft.refresh_from_db()
    assert draft.minutes != 120


def test_minutes_are_set_by_hand_and_reset_to_the_sum(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:2])
    client = client_for(county.teacher_wang)
    client.post(f"/homework/{draft.pk}/minutes/", {"minutes": 33})
    draft.refresh_from_db()
    assert (draft.minutes, draft.minutes_edited) == (33, True)
    client.post(f"/homework/{draft.pk}/minutes/", {"reset": "on"})
    draft.refresh_from_db()
    assert not draft.minutes_edited and draft.minutes == sum(i.minutes for i in bank[:2])


def test_a_school_leader_approves_going_over_and_it_is_recorded(county, bank):
    earlier = homework(county, county.class_7_1, minutes=80)
    assignment_publish(assignment=earlier, actor=county.teacher_wang)
    draft = homework(county, county.class_7_1, minutes=20)
    leader = client_for(county.school_leader)
    page = leader.get(f"/homework/{draft.pk}/")
    assert "批准超量并发布" in page.content.decode() and "发布作业" not in page.content.decode()
    assert leader.post(f"/homework/{draft.pk}/publish/").status_code == 403  # no reason, no override
    answer = leader.post(f"/homework/{draft.pk}/publish/", {"reason": "单元复习"}, follow=True)
    assert "经学校领导批准超量发布，理由已记录。" in messages_of(answer)
    record = LoadOverride.objects.get()
    assert (record.approved_by, record.total, record.limit, record.reason) == (county.school_leader, 100, 90, "单元复习")
    assert "吴校长 批准" in answer.content.decode()


def test_the_head_teacher_reads_but_cannot_change_a_colleagues_homework(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:2])
    li = client_for(county.head_teacher_li)
    page = li.get(f"/homework/{draft.pk}/")
    assert page.status_code == 200 and not page.context["editing"]
    assert li.post(f"/homework/{draft.pk}/items/add/", {"items": [bank[3].pk]}).status_code == 403
    assert li.post(f"/homework/{draft.pk}/publish/").status_code == 403
    assert client_for(county.county_staff).get(f"/homework/{draft.pk}/").status_code == 403


def test_whole_class_sheets_run_as_a_job_and_are_downloaded_through_scoped_views(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:3])
    client = client_for(county.teacher_wang)
    answer = client.post(f"/homework/{draft.pk}/sheets/{county.class_7_1.pk}/class/")
    job = Job.objects.get(kind="homework.sheets")
    assert answer["Location"] == f"/homework/{draft.pk}/sheets/?job={job.pk}#class-{county.class_7_1.pk}"
    page = client.get(answer["Location"])
    assert f'data-job-url="/jobs/{job.pk}/"' in page.content.decode()
    job = job_run(job_id=str(job.pk))
    status = client.get(f"/jobs/{job.pk}/").json()
    assert status["status"] == "succeeded" and status["result"]["pdf_url"].endswith(".pdf")
    pdf = client.get(status["result"]["pdf_url"])
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "no-store" in pdf["Cache-Control"]
    layout = client.get(status["result"]["layout_url"])
    assert layout.json()["format"] == "zuoye.layout" and "attachment" in layout["Content-Disposition"]
    for outsider in (county.county_staff, county.student_zhang.user, county.guardian_zhang):
        assert client_for(outsider).get(status["result"]["pdf_url"]).status_code in (403, 404)


def test_a_generic_sheet_and_one_students_sheet_are_made_at_once(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:2])
    li = client_for(county.head_teacher_li)  # the class's head teacher may print too
    li.post(f"/homework/{draft.pk}/sheets/{county.class_7_1.pk}/generic/")
    li.post(f"/homework/{draft.pk}/sheets/{county.class_7_1.pk}/student/", {"student": county.student_zhang.pk})
    kinds = sorted(SheetSet.objects.values_list("kind", flat=True))
    assert kinds == ["generic", "personal"]
    refused = li.post(f"/homework/{draft.pk}/sheets/{county.class_7_1.pk}/student/", {"student": county.student_other_class.pk})
    assert refused.status_code == 302 and SheetSet.objects.count() == 2


def test_the_sheets_page_is_closed_to_who_may_not_see_the_names(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:2])
    sheet_set = sheets_print(assignment=draft, school_class=county.class_7_1, actor=None)
    assert client_for(county.school_admin).get(f"/homework/{draft.pk}/sheets/").status_code == 200
    for outsider in (county.county_staff, county.stranger):
        client = client_for(outsider)
        assert client.get(f"/homework/{draft.pk}/sheets/").status_code == 403
        assert client.get(f"/homework/sheets/{sheet_set.pk}.json").status_code == 403


def test_the_list_shows_own_homework_and_the_schools_to_its_leaders(county, bank):
    homework(county, county.class_7_1, items=bank[:2], title="王老师的作业")
    assert "王老师的作业" in client_for(county.teacher_wang).get("/homework/").content.decode()
    assert "王老师的作业" in client_for(county.school_leader).get("/homework/").content.decode()
    assert client_for(county.county_staff).get("/homework/").status_code == 403


def test_a_draft_is_deleted_by_its_teacher_only(county, bank):
    draft = homework(county, county.class_7_1, items=bank[:2])
    assert client_for(county.school_admin).post(f"/homework/{draft.pk}/delete/").status_code == 403
    assert client_for(county.teacher_wang).post(f"/homework/{draft.pk}/delete/").status_code == 302
    assert not Assignment.objects.exists()


def test_calendar_shows_each_days_minutes_by_subject_against_the_limit(county, bank):
    for minutes, subject in ((50, county.chinese), (35, county.math)):
        done = homework(county, county.class_7_1, minutes=minutes, subject=subject)
        assignment_publish(assignment=done, actor=done.teacher.user)
    page = client_for(county.head_teacher_li).get(f"/homework/calendar/{county.class_7_1.pk}/", {"day": DAY.isoformat()})
    calendar = page.context["calendar"]
    day = next(d for d in calendar.days if d.day == DAY)
    assert [s.code for s in calendar.subjects] == ["chinese", "math"]
    assert (day.minutes, day.total, day.state, calendar.limit) == ((50, 35), 85, "near", 90)
    assert len(calendar.days) == 7 and calendar.days[0].day.weekday() == 0
    month = client_for(county.school_leader).get(f"/homework/calendar/{county.class_7_1.pk}/",
                                                 {"day": DAY.isoformat(), "span": "month"})
    assert len(month.context["calendar"].days) == 31


def test_calendar_is_for_the_head_teacher_and_school_leaders(county):
    assert client_for(county.teacher_wang).get(f"/homework/calendar/{county.class_7_1.pk}/").status_code == 403
    assert client_for(county.head_teacher_li).get(f"/homework/calendar/{county.class_7_2.pk}/").status_code == 403
    assert client_for(county.school_leader).get(f"/homework/calendar/{county.class_7_2.pk}/").status_code == 200
    assert client_for(county.school_leader).get(f"/homework/calendar/{county.far_class.pk}/").status_code == 403
    assert client_for(county.head_teacher_li).get("/homework/calendar/")["Location"] == \
        f"/homework/calendar/{county.class_7_1.pk}/"
