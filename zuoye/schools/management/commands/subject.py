"""``zuoye subject``: list, add, change or retire the subjects a region teaches (H8 is seeded)."""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zuoye.schools import services
from zuoye.schools.models import Subject


def _grades(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"([1-9])-([1-9])", text)
    if not match or int(match[1]) > int(match[2]):
        raise CommandError(f"--grades must look like 3-9, got {text!r}")
    return int(match[1]), int(match[2])


class Command(BaseCommand):
    help = "List, add, change or retire subjects (学科)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="list subjects")
        for name in ("set", "retire"):
            p = sub.add_parser(name, help=f"{name} a subject")
            p.add_argument("code", help="short code, e.g. morality")
            if name == "set":
                p.add_argument("--name", required=True, help="Chinese name as rosters spell it, e.g. 道德与法治")
                p.add_argument("--name-en", required=True, help="English name")
                p.add_argument("--grades", default="1-9", help="grade range, e.g. 7-9")

    def handle(self, *args: object, **options: object) -> None:
        action = options["action"]
        if action == "set":
            low, high = _grades(str(options["grades"]))
            subject = services.subject_set(
                code=str(options["code"]), name=str(options["name"]), name_en=str(options["name_en"]),
                min_grade=low, max_grade=high,
            )
            self.stdout.write(f"saved {subject.code} {subject.name} grades {low}-{high}")
        elif action == "retire":
            if not Subject.objects.filter(code=options["code"]).update(is_active=False):
                raise CommandError(f"no subject with code {options['code']!r}")
            self.stdout.write(f"retired {options['code']}")
        for subject in Subject.objects.all():
            state = "" if subject.is_active else "  (retired)"
            self.stdout.write(
                f"{subject.code:<12} {subject.name:<8} {subject.name_en:<14} grades {subject.min_grade}-{subject.max_grade}{state}"
            )
