"""``zuoye demo``: migrate, build once, print the logins, hand over to the server."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from zuoye.demo.build import curriculum_current
from zuoye.demo.generate import SIZES, county_plan
from zuoye.demo.management.commands import demo as demo_command
from zuoye.schools import models as m

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("demo", "--size", "small", *args, stdout=out)
    return out.getvalue()


def test_no_serve_builds_prints_every_login_and_exits():
    output = run("--no-serve")
    plan = county_plan(SIZES["small"], curriculum=curriculum_current())
    for login in plan.logins:
        assert login.login in output and login.password in output
    assert m.Student.objects.count() == 70


def test_output_is_in_chinese_by_default():
    output = run("--no-serve")
    assert "班主任" in output and "家长" in output and "密码" in output


def test_second_run_reuses_the_demo_and_rebuild_builds_it_again():
    run("--no-serve")
    with translation.override("en"):
        assert "nothing was changed" in run("--no-serve")
        assert "built in" in run("--no-serve", "--rebuild")
    assert m.Student.objects.count() == 70


def test_a_different_demo_is_refused_with_advice():
    run("--no-serve")
    with translation.override("en"), pytest.raises(CommandError, match="--rebuild"):
        call_command("demo", "--no-serve", "--size", "full", stdout=StringIO())


def test_serving_uses_runserver_without_reload_serving_static_files_on_the_chosen_port(monkeypatch):
    calls = []
    real = demo_command.call_command

    def record(name, *args, **options):
        if name == "runserver":
            calls.append((args, options))
        else:
            real(name, *args, **options)

    monkeypatch.setattr(demo_command, "call_command", record)
    run("--port", "8123")
    assert calls == [(("127.0.0.1:8123",), {"use_reloader": False, "insecure_serving": True})]


def test_logins_table_lines_up_chinese_columns():
    plan = county_plan(SIZES["small"])
    lines = [line for line in demo_command.logins_table(plan, port=8000).splitlines() if line.startswith("  ")]
    starts = {demo_command._width(line[: line.index(login.login)]) for line, login in zip(lines[1:], plan.logins)}
    assert len(starts) == 1
