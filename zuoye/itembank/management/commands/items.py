"""``zuoye items``: the item bank from the command line.

    zuoye items import FILE [--subject CODE --grade N] [--dry-run]   # problems with file/item/line; exit 1 on any
    zuoye items export OUT.zip [--subject CODE] [--grade N]          # QTI 3.0 content package
    zuoye items sync-curriculum                                      # knowledge points from the shipped trees
    zuoye items demo                                                 # the demo bank (loading twice changes nothing)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zuoye.itembank import selectors
from zuoye.itembank.selectors import ItemFilter
from zuoye.itembank.services.curriculum import curriculum_sync
from zuoye.itembank.services.demo import demo_bank_load
from zuoye.itembank.services.imports import items_import
from zuoye.itembank.services.items import Placement
from zuoye.schools.models import Subject


class Command(BaseCommand):
    help = "Import, export and seed the item bank."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a QTI package/item, Moodle XML or GIFT file (all or nothing)")
        imp.add_argument("file", type=Path)
        imp.add_argument("--subject", help="subject code for items that name no knowledge point (e.g. math)")
        imp.add_argument("--grade", type=int, help="grade for those items (1-9)")
        imp.add_argument("--dry-run", action="store_true", help="check only, write no item")
        exp = sub.add_parser("export", help="export items as a QTI 3.0 content package")
        exp.add_argument("out", type=Path)
        exp.add_argument("--subject", default="")
        exp.add_argument("--grade", type=int)
        sub.add_parser("sync-curriculum", help="update knowledge points from the shipped curriculum trees")
        sub.add_parser("demo", help="load the demo item bank")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(options)
        elif action == "export":
            self._export(options)
        elif action == "sync-curriculum":
            counts = curriculum_sync()
            self.stdout.write(
                f"knowledge points: {counts['total']} ({counts['created']} new, {counts['retired']} retired)")
        else:
            counts = demo_bank_load()
            self.stdout.write(f"demo bank: {counts['created']} new items; math {counts['math']}, "
                              f"chinese {counts['chinese']}, english {counts['english']}")

    def _fallback(self, options: dict[str, Any]) -> Placement | None:
        if bool(options["subject"]) != bool(options["grade"]):
            raise CommandError("give both --subject and --grade, or neither")
        if not options["subject"]:
            return None
        subject = Subject.objects.filter(code=options["subject"]).first()
        if subject is None:
            raise CommandError(f"unknown subject {options['subject']!r}")
        return Placement(subject, options["grade"])

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        report = items_import(data=path.read_bytes(), filename=path.name, actor=None,
                              fallback=self._fallback(options), dry_run=options["dry_run"])
        for problem in report.problems:
            where = ":".join(str(part) for part in (problem.file, problem.line) if part)
            self.stderr.write(f"{where}: item {problem.item_id or '-'}: {problem.reason}")
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problem(s); nothing was imported (record {report.record.pk})")
        verb = "would add" if options["dry_run"] else "added"
        self.stdout.write(f"{path.name}: {verb} {report.created} items, {report.unchanged} already in the bank")

    def _export(self, options: dict[str, Any]) -> None:
        items = list(selectors.items_filtered(ItemFilter(subject=options["subject"], grade=options["grade"]))
                     [: selectors.EXPORT_LIMIT])
        if not items:
            raise CommandError("no items match")
        options["out"].write_bytes(selectors.items_qti_package(items))
        self.stdout.write(f"{options['out']}: {len(items)} items (QTI 3.0)")
