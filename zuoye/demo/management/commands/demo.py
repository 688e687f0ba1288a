"""``zuoye demo``: migrate, build the demo county once, print a login per role, and serve it.

A second run finds the demo and reuses it (nothing is written); ``--rebuild`` wipes the demo and
builds it again, identical. ``--no-serve`` stops after printing the logins (scripts and CI use
it). The server is Django's own, without auto-reload, serving the static files itself so that
it works with DEBUG off, as the demo runs.
"""

from __future__ import annotations

import time
import unicodedata
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from zuoye.demo.build import DemoConflict, curriculum_current, demo_ensure
from zuoye.demo.generate import SIZES, county_plan
from zuoye.demo.plan import CountyPlan

ADDRESS = "127.0.0.1"
ROLE_LABELS = {
    "school_admin": pgettext_lazy("demo role", "school account admin"),
    "school_leader": pgettext_lazy("demo role", "school leader"),
    "head_teacher": pgettext_lazy("demo role", "head teacher"),
    "subject_teacher": pgettext_lazy("demo role", "subject teacher"),
    "student": pgettext_lazy("demo role", "student"),
    "guardian": pgettext_lazy("demo role", "guardian (logs in with the phone)"),
    "county_staff": pgettext_lazy("demo role", "county bureau staff"),
    "city_staff": pgettext_lazy("demo role", "city bureau staff"),
    "province_staff": pgettext_lazy("demo role", "province staff"),
    "student_first_login": pgettext_lazy("demo role", "student, first login (must change the password)"),
}


class Command(BaseCommand):
    help = "Build the demo county (once) and serve it on http://127.0.0.1:8000, printing a login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="build the demo, print the logins and exit")
        parser.add_argument("--rebuild", action="store_true", help="wipe the demo data and build it again")
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
        parser.add_argument("--size", choices=sorted(SIZES), default="full",
                            help="full: the demo county; small: two schools, one class a grade (tests)")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(_("Preparing the database …"))
        call_command("migrate", interactive=False, verbosity=0)
        started = time.monotonic()
        plan = county_plan(SIZES[options["size"]], curriculum=curriculum_current())
        self.stdout.write(_("Demo county %(county)s, school year %(year)s") % {"county": plan.county.name,
                                                                            "year": plan.year.name})
        try:
            built = demo_ensure(plan=plan, rebuild=options["rebuild"],
                                progress=lambda line: self.stdout.write("  " + line))
        except DemoConflict as exc:
            raise CommandError(str(exc)) from exc
        if built:
            self.stdout.write(self.style.SUCCESS(_("Demo county built in %(seconds).1f s.") % {
                "seconds": time.monotonic() - started}))
        else:
            self.stdout.write(_("The demo county is already in the database; nothing was changed "
                                "(--rebuild builds it again)."))
        self.item_bank()
        from zuoye.demo.steps import demo_steps_run

        demo_steps_run(lambda line: self.stdout.write("  " + line))
        self.stdout.write(logins_table(plan, port=options["port"]))
        if not options["no_serve"]:
            self.serve(options["port"])

    def item_bank(self) -> None:
        """The demo item bank (curriculum, hand-written items, math variants); loaded once."""
        from zuoye.itembank.models import Item
        from zuoye.itembank.services.demo import demo_bank_load

        if Item.objects.filter(template_code="").exists() and Item.objects.exclude(template_code="").exists():
            return
        counts = demo_bank_load()
        self.stdout.write(_("Item bank loaded: %(math)d math, %(chinese)d Chinese, %(english)d English items.") % counts)

    def serve(self, port: int) -> None:
        call_command("runserver", f"{ADDRESS}:{port}", use_reloader=False, insecure_serving=True)


def logins_table(plan: CountyPlan, *, port: int) -> str:
    # Login and password first: on a narrow terminal only the descriptive columns wrap.
    rows = [(str(ROLE_LABELS[login.role]), login.login, login.password, login.full_name, login.where)
            for login in plan.logins]
    header = (pgettext("demo logins", "role"), pgettext("demo logins", "login"),
              pgettext("demo logins", "password"), pgettext("demo logins", "name"),
              pgettext("demo logins", "where"))
    widths = [max(_width(row[column]) for row in (header, *rows)) for column in range(len(header))]
    lines = ["", _("Log in at http://%(address)s:%(port)d/ as any of these:") % {"address": ADDRESS, "port": port}]
    for row in (header, *rows):
        lines.append("  " + "  ".join(_pad(cell, width) for cell, width in zip(row, widths)).rstrip())
    lines.append(_("Every other student, guardian and teacher has a generated first password, printed on the "
                   "credential slips of their class (school admin's pages)."))
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Columns a terminal gives the text: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
