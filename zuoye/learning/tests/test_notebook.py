"""The notebook from stored responses: the listener keeps it current; a rebuild gives the same;
the booklet content reads it."""

from __future__ import annotations

from datetime import date

import pytest

from zuoye.learning.models import NotebookEntry
from zuoye.learning.selectors import booklet_content
from zuoye.learning.services.notebook import notebook_rebuild
from zuoye.learning.tests.helpers import published, record
from zuoye.itembank.models import MicroLesson
from zuoye.itembank.tests.bank import small_bank

pytestmark = pytest.mark.django_db

MON, WED, FRI = date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 4)


def _snapshot(student):
    return sorted(NotebookEntry.objects.filter(student=student).values_list(
        "item_id", "assignment_id", "assigned_on", "first_wrong_on", "outcome", "answer", "wrong_count", "status",
        "status_on"))


@pytest.fixture
def bank(db):
    return small_bank(per_template=3)  # 3 templates × 3 variants: items 0-2, 3-5, 6-8


def test_results_fill_the_notebook_within_the_commit_and_later_rights_master_it(
        county, bank, django_capture_on_commit_callbacks):
    zhang = county.student_zhang
    first = published(county, [bank[0], bank[3], bank[6]], day=MON, title="周一作业")
    with django_capture_on_commit_callbacks(execute=True):
        record(first, zhang, ["wrong", "partial", "right"], answers={0: "B"})
    entries = {e.item_id: e for e in NotebookEntry.objects.filter(student=zhang)}
    assert set(entries) == {bank[0].pk, bank[3].pk}
    assert entries[bank[0].pk].status == "open" and entries[bank[0].pk].answer == "B"
    assert entries[bank[3].pk].outcome == "partial"

    # a later homework: a fresh variant of the first item right, the second's variant wrong
    second = published(county, [bank[1], bank[4]], day=WED)
    with django_capture_on_commit_callbacks(execute=True):
        record(second, zhang, ["right", "wrong"])
    entries = {e.item_id: e for e in NotebookEntry.objects.filter(student=zhang)}
    assert entries[bank[0].pk].status == "mastered" and entries[bank[0].pk].status_on == WED
    assert entries[bank[3].pk].status == "practised"
    assert entries[bank[4].pk].status == "open"


def test_rebuild_from_responses_equals_the_incremental_notebook(county, bank, django_capture_on_commit_callbacks):
    zhang = county.student_zhang
    for day, outcomes in ((MON, ["wrong", "wrong", "right"]), (WED, ["right", "partial", "wrong"]),
                          (FRI, ["right", "right", "right"])):
        hw = published(county, [bank[day.day % 3], bank[3 + day.day % 3], bank[6 + day.day % 3]], day=day)
        with django_capture_on_commit_callbacks(execute=True):
            record(hw, zhang, outcomes)
    incremental = _snapshot(zhang)
    assert incremental
    NotebookEntry.objects.all().delete()
    notebook_rebuild(student_ids=[zhang.pk])
    assert _snapshot(zhang) == incremental


def test_a_teachers_correction_updates_the_entry(county, bank, django_capture_on_commit_callbacks):
    zhang = county.student_zhang
    hw = published(county, [bank[0]], day=MON)
    with django_capture_on_commit_callbacks(execute=True):
        record(hw, zhang, ["wrong"])
    assert NotebookEntry.objects.filter(student=zhang).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        record(hw, zhang, ["right"], source="teacher")
    assert NotebookEntry.objects.filter(student=zhang).count() == 0


def test_booklet_content_holds_the_weeks_wrong_items_extension_and_lessons(
        county, bank, django_capture_on_commit_callbacks):
    zhang = county.student_zhang
    hw = published(county, [bank[0], bank[3]], day=WED, title="第十三周作业")
    old = published(county, [bank[6]], day=date(2026, 11, 2))
    with django_capture_on_commit_callbacks(execute=True):
        record(hw, zhang, ["wrong", "right"], answers={0: "7"})
        record(old, zhang, ["wrong"])
    point = bank[0].knowledge_points.first()
    lesson = MicroLesson.objects.create(title="有理数的加减", url="https://example.org/v.mp4", duration_seconds=300)
    lesson.knowledge_points.add(point)

    content = booklet_content(student_id=zhang.pk, start=MON, end=date(2026, 12, 6))
    assert [w.item for w in content.wrong] == [bank[0]]
    wrong = content.wrong[0]
    assert (wrong.assignment_title, wrong.assigned_on, wrong.outcome, wrong.answer, wrong.status) == (
        "第十三周作业", WED, "wrong", "7", "open")
    assert point.title in wrong.knowledge_points
    assert [(l.lesson_id, l.knowledge_point) for l in content.lessons] == [(lesson.pk, point.title)]
    assert content.lessons[0].url_path == f"/learning/lessons/{lesson.pk}/?student={zhang.pk}"
    assert content.extension == ()


def test_a_student_with_no_responses_has_an_empty_booklet(county):
    content = booklet_content(student_id=county.student_zhang.pk, start=MON, end=FRI)
    assert (content.wrong, content.extension, content.lessons) == ((), (), ())


def test_a_big_batch_goes_to_a_job_that_brings_the_notebook_up_to_date(county, bank, monkeypatch):
    from zuoye.jobs.models import Job
    from zuoye.jobs.services import job_run
    from zuoye.learning.services import listener

    monkeypatch.setattr(listener, "INLINE_MAX_STUDENTS", 0)
    monkeypatch.setattr("zuoye.jobs.runner.dispatch", lambda job_id: None)  # run it below, in this thread
    hw = published(county, [bank[0]], day=MON)
    result = record(hw, county.student_zhang, ["wrong"])
    listener.on_responses(result)
    job = Job.objects.get(kind="learning.refresh")
    assert job.params == {"student_ids": [county.student_zhang.pk], "subject_ids": [county.math.pk]}
    assert not NotebookEntry.objects.exists()
    assert job_run(job_id=str(job.pk)).status == "succeeded"
    assert NotebookEntry.objects.filter(student=county.student_zhang, item=bank[0]).exists()


def test_the_command_rebuilds_notebooks_and_refits(county, bank, capsys):
    from django.core.management import call_command

    hw = published(county, [bank[0], bank[3]], day=MON)
    record(hw, county.student_zhang, ["wrong", "right"])  # no commit callbacks here: the listener did not run
    assert not NotebookEntry.objects.exists()
    call_command("learning", "rebuild", "--school", county.school.code)
    assert NotebookEntry.objects.filter(student=county.student_zhang).count() == 1
    call_command("learning", "fit", "--subject", "math")
    assert "数学" in capsys.readouterr().out
