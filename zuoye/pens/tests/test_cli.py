"""``zuoye pen``: registering, reading dot files with --json, simulating a session."""

from __future__ import annotations

import gzip
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zuoye.core.ink import dots_to_lines
from zuoye.homework.models import Response
from zuoye.pens.models import Gateway, PaperBatch, Pen
from zuoye.pens.selectors import token_owner
from zuoye.pens.simulate import grading_session
from zuoye.pens.tests.printed import printed


def _run(*args: str) -> str:
    out = StringIO()
    call_command("pen", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_register_a_pen_a_gateway_and_paper_from_the_command_line(county):
    code = county.school.code
    said = _run("register", "NWP-CLI-1", "--school", code, "--holder", county.teacher_wang.username)
    assert "NWP-CLI-1" in said and Pen.objects.get().role == "teacher"
    said = _run("gateway", "七年级(1)班", "--school", code)
    token = said.rsplit(" ", 1)[-1].strip()
    assert token_owner(f"Bearer {token}")[0] == Gateway.objects.get()  # the token printed works, once
    _run("batch", "--school", code, "--section", "3", "--owner", "27", "--book", "170", "--first-page", "1",
         "--pages", "200")
    assert PaperBatch.objects.get().free == 200
    with pytest.raises(CommandError, match="is neither a teacher nor a student"):
        _run("register", "NWP-CLI-2", "--school", code, "--holder", county.county_staff.username)
    with pytest.raises(CommandError, match="no school with code"):
        _run("gateway", "x", "--school", "nope")


def test_read_dot_files_with_json_in_the_shape_of_scan(county, tmp_path):
    p = printed(county)
    session = grading_session(p.pages, p.pen.serial, seed=3)
    good = tmp_path / "session.jsonl.gz"
    good.write_bytes(gzip.compress(dots_to_lines(session.dots).encode()))
    stranger = tmp_path / "stranger.jsonl"
    stranger.write_text(dots_to_lines(grading_session(p.pages, "NWP-NOBODY", seed=4).dots) + "garbage\n")

    _run(str(good), str(stranger), "--json", str(tmp_path / "out.json"))

    out = json.loads((tmp_path / "out.json").read_text())
    first, second = out["files"]
    assert first["file"] == str(good) and len(first["sha256"]) == 64
    page = first["pages"][0]
    assert (page["page"], page["status"], page["student"], page["sheet_page"]) == (
        "3.27.168.1", "read", county.student_zhang.pk, 1)
    assert set(page["items"][0]) == {"item", "position", "outcome", "score", "answer", "mark", "confidence",
                                     "status", "reason"}
    assert second["pages"][0]["status"] == "refused" and "NWP-NOBODY" in second["pages"][0]["reason"]
    assert second["problems"][0]["reason"].startswith("not JSON")
    summary = out["summary"]
    assert summary["recorded"] == Response.objects.count() > 0
    assert summary["pages"] == 2 and summary["read"] == 1 and summary["quarantined"] == 1
    assert summary["review"] == sum(i["status"] == "review" for i in page["items"])


def test_simulate_writes_a_session_for_the_printed_pages(county, tmp_path):
    p = printed(county)
    out = tmp_path / "sim.jsonl"
    _run("simulate", "--assignment", str(p.assignment.pk), "--class", str(county.class_7_1.pk), "--out", str(out),
         "--seed", "7")
    said = _run(str(out))
    assert "results recorded" in said and Response.objects.filter(source="pen").exists()
    with pytest.raises(CommandError, match="not printed on dot-pattern paper|no sheets"):
        _run("simulate", "--assignment", str(p.assignment.pk), "--class", str(county.class_7_2.pk))
    with pytest.raises(CommandError, match="only in the demo"):
        _run("gateway-token")
