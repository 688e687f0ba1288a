"""``zuoye booklet --class CLASS_ID --week YYYY-Www --out DIR [--base-url URL]``.

Prints a class's personal booklets (一人一册) for a week, stored like a print from the web page
(the booklet assignment, each student's sheet layout for scanning), and writes into DIR the
class PDF (students in order), one PDF per student, and the layout JSON of each student's
answer sheets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zuoye.booklets.services.printing import booklet_pdf_ensure, booklets_print
from zuoye.booklets.weeks import WeekError, week_parse
from zuoye.schools.models import SchoolClass

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Print a class's personal booklets for a week (PDFs and answer-sheet layouts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--class", dest="class_id", type=int, required=True, help="the class id")
        parser.add_argument("--week", required=True, help="ISO week, e.g. 2026-W48")
        parser.add_argument("--out", type=Path, required=True, help="folder for the PDFs and layouts")
        parser.add_argument("--base-url", default="", help="where the micro-lesson QR codes point "
                            f"(default: the SITE_URL setting, else {DEFAULT_BASE_URL})")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            week = week_parse(options["week"])
        except WeekError as exc:
            raise CommandError(str(exc)) from None
        school_class = SchoolClass.objects.select_related("school").filter(pk=options["class_id"]).first()
        if school_class is None:
            raise CommandError(f"--class {options['class_id']}: no such class")
        out: Path = options["out"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out}: exists and is not a folder")
        base_url = options["base_url"] or getattr(settings, "SITE_URL", "") or DEFAULT_BASE_URL
        try:
            printed = booklets_print(school_class=school_class, week=week, base_url=base_url, actor=None)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        out.mkdir(parents=True, exist_ok=True)
        (out / f"class-{school_class.pk}-{week.label}.pdf").write_bytes(printed.pdf)
        for n, booklet in enumerate(printed.booklets, start=1):
            stem = f"{n:02d}-student-{booklet.student_id}-{week.label}"
            with booklet_pdf_ensure(booklet=booklet).pdf.open("rb") as pdf:
                (out / f"{stem}.pdf").write_bytes(pdf.read())
            layouts = [s.layout for s in printed.sheet_sets[booklet.student_id]]
            if layouts:
                (out / f"{stem}-layout.json").write_text(json.dumps(layouts, ensure_ascii=False, indent=1),
                                                         encoding="utf-8")
        self.stdout.write(f"{out}: {len(printed.booklets)} booklets, {printed.pages} pages in the class PDF, "
                          f"{printed.seconds:.1f} s ({school_class}, {week.label}); micro-lessons at {base_url}")
