"""``zuoye booklet --class … --week … --out DIR``: the class PDF, each student's PDF and sheet layout."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zuoye.homework.models import Response
from zuoye.homework.services.assignments import assignment_publish
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.homework.tests.factories import homework
from zuoye.itembank.tests.bank import small_bank


def test_the_command_writes_the_class_pdf_and_each_students_booklet(county, tmp_path, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    items = small_bank()
    assignment = homework(county, county.class_7_1, items=items[:2])
    assignment_publish(assignment=assignment, actor=county.teacher_wang)
    link = assignment.item_links.order_by("position").first()
    with django_capture_on_commit_callbacks(execute=True):
        responses_record(responses=[ResponseIn(link.pk, county.student_zhang.pk, "wrong")], source=Response.Source.TEACHER)
    out = StringIO()
    call_command("booklet", "--class", str(county.class_7_1.pk), "--week", "2026-W49", "--out", str(tmp_path / "b"),
                 "--base-url", "https://zuoye.example.cn", stdout=out)
    files = sorted(p.name for p in (tmp_path / "b").iterdir())
    assert files[0] == f"01-student-{county.student_zhang.pk}-2026-W49.pdf"
    assert f"class-{county.class_7_1.pk}-2026-W49.pdf" in files
    assert (tmp_path / "b" / files[0]).read_bytes().startswith(b"%PDF")
    assert "1 booklets" in out.getvalue() and "https://zuoye.example.cn" in out.getvalue()


def test_the_command_writes_the_sheet_layouts_scanning_reads(county, tmp_path):  # type: ignore[no-untyped-def]
    from unittest import mock

    from zuoye.booklets.tests.content import fixed_content

    items = small_bank()
    source = fixed_content({county.student_zhang.pk: {"extension": items[4:6]}})
    with mock.patch("zuoye.learning.selectors.booklet_content", source):  # read late by the printing service
        call_command("booklet", "--class", str(county.class_7_1.pk), "--week", "2026-W49", "--out", str(tmp_path),
                     stdout=StringIO())
    (layout,) = json.loads((tmp_path / f"01-student-{county.student_zhang.pk}-2026-W49-layout.json").read_text())
    assert layout["format"] == "zuoye.layout" and layout["sheets"][0]["student_id"] == county.student_zhang.pk


@pytest.mark.parametrize(("args", "message"), [
    (["--week", "2026-48"], "expected the form YYYY-Www"),
    (["--week", "2026-W54"], "has no ISO week 54"),
])
def test_a_bad_week_is_refused_with_the_form_expected(county, tmp_path, args, message):  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match=message):
        call_command("booklet", "--class", str(county.class_7_1.pk), *args, "--out", str(tmp_path))


def test_an_unknown_class_is_named(county, tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="--class 999999: no such class"):
        call_command("booklet", "--class", "999999", "--week", "2026-W49", "--out", str(tmp_path))
