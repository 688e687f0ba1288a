"""A booklet printed from the real notebook: a wrong answer recorded through the one door shows up."""

from __future__ import annotations

import subprocess

from zuoye.booklets.services.printing import booklets_print
from zuoye.booklets.weeks import week_of
from zuoye.homework.models import Response
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.homework.tests.factories import DAY, homework
from zuoye.itembank.tests.bank import small_bank


def test_a_wrong_answer_recorded_this_week_is_in_the_booklet(county, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    items = small_bank()
    assignment = homework(county, county.class_7_1, items=items[:2], title="有理数练习")
    assignment_publish(assignment=assignment, actor=county.teacher_wang)
    first, second = assignment.item_links.order_by("position")
    zhang = county.student_zhang
    with django_capture_on_commit_callbacks(execute=True):
        responses_record(responses=[ResponseIn(first.pk, zhang.pk, "wrong", answer="-8"),
                                    ResponseIn(second.pk, zhang.pk, "right")], source=Response.Source.TEACHER)

    printed = booklets_print(school_class=county.class_7_1, week=week_of(DAY), base_url="https://x.cn", actor=None)

    (booklet,) = printed.booklets
    assert booklet.wrong_count == 1
    text = subprocess.run(["pdftotext", "-", "-"], input=printed.pdf, capture_output=True, check=True).stdout.decode()
    assert "有理数练习" in text and "-8" in text
