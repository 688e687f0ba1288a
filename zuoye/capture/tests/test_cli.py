"""``zuoye scan``: files in, results recorded, a summary out, the JSON written; ``--watch`` polls a folder."""

from __future__ import annotations

import json
import os
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zuoye.capture.management.commands.scan import Command
from zuoye.capture.models import ScanBatch
from zuoye.homework.models import Response

from .scans import blank_page, encode, marks_for, printed, scan_image

pytestmark = pytest.mark.django_db


def test_scan_files_prints_a_summary_and_writes_the_json(county, tmp_path):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    (tmp_path / "a.png").write_bytes(encode(scan_image(page, marks_for(page))))
    (tmp_path / "back.png").write_bytes(blank_page())
    out, err = StringIO(), StringIO()
    call_command("scan", str(tmp_path / "a.png"), str(tmp_path / "back.png"), "--json", str(tmp_path / "r.json"),
                 "--as", county.teacher_wang.username, stdout=out, stderr=err)
    assert "2 pages · 1 read" in out.getvalue() and "1 blank" in out.getvalue()
    assert "2/2" in err.getvalue()  # the progress bar
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in report["files"]] == ["a.png", "back.png"]
    assert report["files"][0]["pages"][0]["student"] == county.student_zhang.pk
    assert report["summary"]["recorded"] == Response.objects.count() > 0
    assert Response.objects.first().recorded_by == county.teacher_wang


def test_scan_names_a_missing_file_and_an_unknown_user(tmp_path):
    with pytest.raises(CommandError, match="nope.png: no such file"):
        call_command("scan", str(tmp_path / "nope.png"))
    with pytest.raises(CommandError, match="--as ghost: no such user"):
        call_command("scan", "x.png", "--as", "ghost")


def test_one_poll_of_a_watched_folder_reads_settled_files_once_and_moves_them(county, tmp_path):
    p = printed(county)
    page = p.page(county.student_zhang.pk)
    settled = tmp_path / "scan-001.png"
    settled.write_bytes(encode(scan_image(page, marks_for(page))))
    old = time.time() - 60
    os.utime(settled, (old, old))
    (tmp_path / "writing.jpg").write_bytes(b"\xff\xd8 half written")  # just now: waits for the next poll
    (tmp_path / "readme.txt").write_text("not a scan")
    command = Command(stdout=StringIO(), stderr=StringIO())
    assert command.poll(tmp_path, None, quiet=True) == 1
    assert not settled.exists() and (tmp_path / "done" / "scan-001.png").exists()
    report = json.loads((tmp_path / "done" / "scan-001.png.json").read_text(encoding="utf-8"))
    assert report["summary"]["read"] == 1
    assert (tmp_path / "writing.jpg").exists() and (tmp_path / "readme.txt").exists()
    assert command.poll(tmp_path, None, quiet=True) == 0  # nothing new
    assert ScanBatch.objects.count() == 1


def test_watch_once_through_the_command(county, tmp_path):
    out = StringIO()
    call_command("scan", "--watch", str(tmp_path), "--once", stdout=out)
    assert f"watching {tmp_path}" in out.getvalue()


def test_simulated_scans_of_a_class_read_back_with_one_page_twice_and_a_blank_back(county, tmp_path):
    p = printed(county)
    out = StringIO()
    call_command("scan", "--simulate", str(p.assignment.pk), "--out", str(tmp_path / "s.zip"), stdout=out)
    assert "3 simulated scans" in out.getvalue()
    call_command("scan", str(tmp_path / "s.zip"), "--json", str(tmp_path / "r.json"), "--quiet", stdout=StringIO())
    summary = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]
    assert (summary["pages"], summary["read"], summary["duplicates"], summary["blank"]) == (3, 1, 1, 1)


def test_simulated_greyscale_scans_read_back_too(county, tmp_path):
    p = printed(county)
    out = StringIO()
    call_command("scan", "--simulate", str(p.assignment.pk), "--out", str(tmp_path / "s.zip"), "--grey", stdout=out)
    assert "3 simulated greyscale scans" in out.getvalue()
    call_command("scan", str(tmp_path / "s.zip"), "--json", str(tmp_path / "r.json"), "--quiet", stdout=StringIO())
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (report["summary"]["pages"], report["summary"]["read"]) == (3, 1)


def test_simulated_phone_photos_of_the_class_sheet_are_filed_by_each_students_grid(county, tmp_path):
    """Every student of the class fills a copy of the generic sheet with their 学籍号; photographed
    by phone (bowed pages, perspective), each copy is read as that student's."""
    from zuoye.schools.models import Student

    p = printed(county, generic=True)
    students = set(Student.objects.filter(current_class=p.sheet_set.school_class, is_active=True)
                   .values_list("pk", flat=True))
    out = StringIO()
    call_command("scan", "--simulate", str(p.assignment.pk), "--generic", "--phone", "--seed", "3",
                 "--out", str(tmp_path / "s.zip"), stdout=out)
    assert f"{len(students) + 1} simulated phone photos (one page twice)" in out.getvalue()
    call_command("scan", str(tmp_path / "s.zip"), "--json", str(tmp_path / "r.json"), "--quiet", stdout=StringIO())
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    summary = report["summary"]
    assert (summary["pages"], summary["read"], summary["duplicates"], summary["quarantined"]) == (
        len(students) + 1, len(students), 1, 0), report
    assert set(Response.objects.values_list("student_id", flat=True)) == students


def test_one_students_simulated_photos_are_theirs_only(county, tmp_path):
    from zuoye.capture.models import ScannedPage

    p = printed(county)
    out = StringIO()
    call_command("scan", "--simulate", str(p.assignment.pk), "--phone", "--student",
                 county.student_zhang.student_number, "--out", str(tmp_path / "s.zip"), stdout=out)
    assert "2 simulated phone photos" in out.getvalue()
    call_command("scan", str(tmp_path / "s.zip"), "--quiet", stdout=StringIO())
    assert set(ScannedPage.objects.exclude(student=None).values_list("student_id", flat=True)) == {
        county.student_zhang.pk}
    with pytest.raises(CommandError, match="no student has this 学籍号"):
        call_command("scan", "--simulate", str(p.assignment.pk), "--student", "nobody", "--out",
                     str(tmp_path / "t.zip"), stdout=StringIO())


def test_the_simulated_teacher_writes_points_that_follow_the_mark():
    import numpy as np

    from zuoye.capture.services.simulate import _points
    from zuoye.core.scan.report import MarkKind
    from zuoye.core.scan.tests.personas import sheet_set

    page = sheet_set().sheets[0].pages[0]
    boxed = next(r for r in page.items if r.score_box is not None and r.points)
    plain = next(r for r in page.items if r.score_box is None)
    full, rng = int(boxed.points), np.random.default_rng(0)
    assert _points(boxed, MarkKind.TICK, rng) == str(full)
    assert _points(boxed, MarkKind.CROSS, rng) == _points(boxed, MarkKind.CIRCLE, rng) == "0"
    off = _points(boxed, MarkKind.HALF, rng)
    assert off.startswith("-") and 0 < int(off[1:]) < full
    assert _points(plain, MarkKind.TICK, rng) == ""
