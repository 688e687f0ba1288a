"""Reports on real rows: a teacher's homework analysis, the school and region reports, exports,
spot checks, the rollup's job and command, and the bad inputs of issue 7."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from zuoye.analytics.checks import flag_decide, flag_explain
from zuoye.analytics.models import AssignmentStat, Flag, RollupRun
from zuoye.analytics.rollup import rollup_refresh
from zuoye.analytics.selectors import assessment, school as school_sel, teacher as teacher_sel
from zuoye.analytics.tests.factories import used
from zuoye.homework.models import Response
from zuoye.schools import services as s
from zuoye.schools.models import Student
from zuoye.schools.tests.personas import PASSWORD, _student

TODAY = date(2026, 9, 28)


@pytest.fixture
def county_with_results(county, monkeypatch):
    monkeypatch.setattr(assessment, "today", lambda: TODAY)
    for n in range(3):  # three more students in 七年级(1)班: four in all
        _student(f"s_more{n}", f"学生{n}", f"G3607312013010100{n}9", county.class_7_1)
    return county


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_assignment_report_rates_options_weak_points_and_attention(county_with_results):
    c = county_with_results
    homework = used(c, c.class_7_1, date(2026, 9, 8), outcomes=["right", "wrong", "right"])
    # one student gets everything right on a second look
    best = Student.objects.get(student_number="G36073120130101000 9".replace(" ", ""))
    from zuoye.homework.services.responses import ResponseIn, responses_record

    link = homework.item_links.get(position=2)
    responses_record(responses=[ResponseIn(assignment_item_id=link.pk, student_id=best.pk, outcome="right", answer="A",
                                           evidence="scan-page:9")], source="scan")
    report = teacher_sel.assignment_report(homework, c.class_7_1)
    item2 = report.items[1]
    assert (item2.right, item2.wrong) == (1, 3) and item2.rate == 0.25
    assert {o.label: o.count for o in item2.options} == {"A": 1, "B": 3, "C": 0, "D": 0}
    assert [o.label for o in item2.options if o.correct] == ["A"]
    assert report.recorded_students == 4
    assert [p.title for p in report.weak_points] == [] or all(p.rate < 0.6 for p in report.weak_points)
    assert {line.student.pk for line in report.attention} == set()  # 2/3 right is above 60 %
    low = used(c, c.class_7_1, date(2026, 9, 9), outcomes=["wrong", "wrong", "right"])
    report = teacher_sel.assignment_report(low, c.class_7_1)
    assert len(report.attention) == 4 and report.weak_points and report.weak_points[0].rate == pytest.approx(1 / 3)


def test_pages_show_charts_and_numbers(county_with_results):
    c = county_with_results
    first = used(c, c.class_7_1, date(2026, 9, 8))
    used(c, c.class_7_2, date(2026, 9, 9), subject=c.chinese)
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    teacher = _client(c.teacher_wang).get("/analytics/")
    assert teacher.status_code == 200 and b"<svg" in teacher.content
    page = _client(c.teacher_wang).get(f"/analytics/homework/{first.pk}/class/{c.class_7_1.pk}/").content.decode()
    assert "<svg" in page and "67%" in page
    school = _client(c.school_leader).get(f"/analytics/school/{c.school.pk}/").content.decode()
    assert "<svg" in school and "七年级(1)班" in school
    region = _client(c.county_staff).get(f"/analytics/region/{c.county.pk}/").content.decode()
    assert "于都县城关中学" in region and "<svg" in region
    city = _client(c.city_staff).get(f"/analytics/region/{c.city.pk}/").content.decode()
    assert "于都县" in city and "兴国县" in city  # the regions below, to drill down


def test_school_report_daily_load_and_shared_weak_points(county_with_results):
    c = county_with_results
    used(c, c.class_7_1, date(2026, 9, 8), outcomes=["wrong", "wrong", "right"])
    s.teaching_assign(teacher=c.teacher_wang.teacher, school_class=c.class_7_2, subject=c.math, term=c.term)
    used(c, c.class_7_2, date(2026, 9, 8), outcomes=["wrong", "wrong", "wrong"])
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    report = school_sel.school_report(c.school, c.term)
    by_class = {g.label: g for g in report.by_class}
    assert by_class["七年级(1)班"].max_day == 6 and by_class["七年级(1)班"].limit == 90
    assert [p.point.code for p in report.shared] == ["math.g7b.u5.kp01"]
    assert len(report.shared[0].classes) == 2


def test_a_term_without_data_says_so(county_with_results):
    c = county_with_results
    page = _client(c.school_leader).get(f"/analytics/school/{c.school.pk}/").content.decode()
    assert "本学期还没有已布置的作业" in page or "No published homework" in page
    region = _client(c.county_staff).get(f"/analytics/region/{c.county.pk}/").content.decode()
    assert "本学期还没有已布置的作业" in region or "No published homework" in region


def test_a_teacher_with_no_classes_is_told(county_with_results):
    from zuoye.accounts.services import user_create

    user = user_create(username="t_none", full_name="钱老师", password=PASSWORD)
    s.teacher_add(user=user, school=county_with_results.school)
    page = _client(user).get("/analytics/").content.decode()
    assert "本学期没有任教班级" in page or "You teach no class" in page


def test_a_region_out_of_reach_is_denied_and_logged(county_with_results, caplog):
    c = county_with_results
    with caplog.at_level("WARNING", logger="zuoye.access"):
        response = _client(c.other_county_staff).get(f"/analytics/region/{c.county.pk}/")
    assert response.status_code == 403
    assert any("region report" in r.getMessage() for r in caplog.records)


def test_exports_open_with_chinese_headers(county_with_results):
    c = county_with_results
    used(c, c.class_7_1, date(2026, 9, 8))
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    staff = _client(c.county_staff)
    schools = load_workbook(io.BytesIO(staff.get(f"/analytics/region/{c.county.pk}/schools.xlsx").content))
    sheet = schools.active
    assert [cell.value for cell in sheet[1]][:5] == ["排名", "学校", "学校标识码", "所属区域", "考核等次"]
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"于都县城关中学", "于都县实验小学"}
    teachers = load_workbook(io.BytesIO(staff.get(f"/analytics/region/{c.county.pk}/teachers.xlsx").content)).active
    header = [cell.value for cell in teachers[1]]
    assert header[:5] == ["序号", "姓名", "工作单位", "所属县（市、区）", "任教学科"] and "学年学分合计" in header
    rows = {row[1]: row for row in teachers.iter_rows(min_row=2, values_only=True)}
    assert rows["王芳"][header.index("上学期考核等次")] == "不合格"  # one use in four weeks


def test_monthly_report_pdf(county_with_results):
    c = county_with_results
    used(c, c.class_7_1, date(2026, 9, 8))
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    response = _client(c.county_staff).get(f"/analytics/region/{c.county.pk}/monthly.pdf?month=2026-09")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert _client(c.county_staff).get(f"/analytics/region/{c.county.pk}/monthly.pdf?month=2026-9x").status_code == 400


def test_spot_checks_flag_planted_cases_and_not_honest_ones(county_with_results):
    c = county_with_results
    for n in range(6):  # ten students in 七年级(1)班
        _student(f"s_ten{n}", f"学生十{n}", f"G3607312013010200{n}9", c.class_7_1)
    for day in (8, 9, 10):  # everything right, every time
        used(c, c.class_7_1, date(2026, 9, day), outcomes=["right", "right", "right"])
    used(c, c.class_7_2, date(2026, 9, 8), subject=c.chinese)  # an honest class
    used(c, c.class_7_2, date(2026, 9, 9), subject=c.chinese, outcomes=["right", "right", "right"])
    run = rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    flags = list(Flag.objects.all())
    assert [(f.kind, f.teacher_id) for f in flags] == [("all_correct", c.teacher_wang.teacher.pk)]
    assert run.flags == 1 and flag_explain(flags[0]) == "3 个批次中有 3 个批次全体学生全部答对。" or \
        "3 of 3" in flag_explain(flags[0])


def test_verdicts_survive_the_next_run(county_with_results):
    c = county_with_results
    for day in (8, 9, 10):
        used(c, c.class_7_1, date(2026, 9, day), evidence="")
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    flags = list(Flag.objects.filter(kind="no_evidence"))
    assert len(flags) == 3
    assert "12" in flag_explain(flags[0])
    flag_decide(flag=flags[0], verdict="fabricated", note="答题卡不存在", actor=c.county_staff)
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    assert Flag.objects.filter(kind="no_evidence").count() == 3
    assert Flag.objects.get(pk=flags[0].pk).verdict == "fabricated"


def test_a_fabrication_verdict_needs_a_note(county_with_results):
    from django.core.exceptions import ValidationError

    c = county_with_results
    flag = Flag.objects.create(key="x", kind="self_only", teacher=c.teacher_wang.teacher, school=c.school,
                               region_path=c.county.path, day=TODAY, details={"batches": 3, "rows": 9, "self_rows": 9})
    with pytest.raises(ValidationError):
        flag_decide(flag=flag, verdict="fabricated", note=" ", actor=c.county_staff)


def test_rollup_command_job_and_listener(county_with_results, django_capture_on_commit_callbacks):
    c = county_with_results
    with django_capture_on_commit_callbacks(execute=True):
        assignment = used(c, c.class_7_1, date(2026, 9, 8))
    # the listener keeps the row current right after recording, before any daily run
    stat = AssignmentStat.objects.get(assignment=assignment)
    assert (stat.students, stat.captured_students, stat.is_use) == (4, 4, True)
    out = io.StringIO()
    call_command("analytics", "rollup", "--since", "2026-08-31", "--until", "2026-09-28", stdout=out)
    assert "1 homework × class rows" in out.getvalue()
    from zuoye.analytics.jobs import rollup

    result = rollup(progress=lambda *a: None, since="2026-08-31", until="2026-09-28")
    assert result["batches"] == 1 and RollupRun.objects.count() == 2
    assert Response.objects.filter(assignment=assignment).count() == 12


def test_drill_down_region_school_class(county_with_results):
    c = county_with_results
    homework = used(c, c.class_7_1, date(2026, 9, 8))
    rollup_refresh(since=date(2026, 8, 31), until=TODAY, trigger="test")
    staff = _client(c.county_staff)
    term = f"?term={c.term.pk}"
    assert f"/analytics/school/{c.school.pk}/{term}" in staff.get(f"/analytics/region/{c.county.pk}/").content.decode()
    assert f"/analytics/class/{c.class_7_1.pk}/{term}" in staff.get(f"/analytics/school/{c.school.pk}/").content.decode()
    page = staff.get(f"/analytics/class/{c.class_7_1.pk}/").content.decode()
    assert homework.title in page and "<svg" in page
    # region staff see the class's numbers, not the students' answers: no link to the homework analysis
    assert f"/analytics/homework/{homework.pk}/" not in page
    assert f"/analytics/homework/{homework.pk}/" in _client(c.teacher_wang).get(
        f"/analytics/class/{c.class_7_1.pk}/").content.decode()
