"""``zuoye roster import|export|template``: rosters from the command line.

    zuoye roster import FILE [--school CODE] [--dry-run] [--create-classes]
    zuoye roster export --format xlsx|oneroster OUT [--school CODE | --region CODE]
    zuoye roster template students|teachers OUT

The command acts as the platform itself (no person's scope applies). ``import`` prints every
problem as a table (file, sheet, row, column, reason) and exits with status 1 if there is any,
having written nothing; otherwise it prints the counts.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from zuoye.rosters import problems as words
from zuoye.rosters.services import roster_import
from zuoye.rosters.services.oneroster_out import roster_export_oneroster
from zuoye.rosters.services.workbooks import roster_export_xlsx, roster_template
from zuoye.schools import models as m


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: list[list[str]]) -> str:
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    widths[-1] = 0  # the reason is last and not padded
    lines = []
    for row in rows:
        lines.append("  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Import, export and get templates of rosters (xlsx, CSV, IMS OneRoster 1.2)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--lang", default="", help="language of the messages (zh-hans or en; default the site's)")
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a roster file (xlsx, CSV, OneRoster zip or folder)")
        imp.add_argument("file")
        imp.add_argument("--school", help="school code (学校标识码); required for xlsx and CSV")
        imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        imp.add_argument("--create-classes", action="store_true", help="create missing classes (first-time set-up)")
        exp = sub.add_parser("export", help="export rosters")
        exp.add_argument("out")
        exp.add_argument("--format", choices=["xlsx", "oneroster"], required=True)
        exp.add_argument("--school", help="school code")
        exp.add_argument("--region", help="region code (OneRoster only)")
        tpl = sub.add_parser("template", help="write an empty template")
        tpl.add_argument("kind", choices=["students", "teachers"])
        tpl.add_argument("out")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["lang"] or settings.LANGUAGE_CODE):
            getattr(self, "_" + options["action"])(options)

    def _school(self, code: str | None) -> m.School | None:
        if not code:
            return None
        school = m.School.objects.filter(code=code).first()
        if school is None:
            raise CommandError(_("No school with code %(code)s.") % {"code": code})
        return school

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        record = roster_import(file=path, school=self._school(options["school"]), dry_run=options["dry_run"],
                               create_classes=options["create_classes"])
        for item in record.notices:
            self.stdout.write(_("Note: %(text)s") % {"text": words.render(item)})
        if record.problems:
            rows = [[_("File"), _("Sheet"), _("Row"), _("Column"), _("Problem")]]
            rows += [[str(p.get("file") or ""), str(p.get("sheet") or ""), str(p.get("row") or ""), words.column_text(p),
                      words.render(p)] for p in record.problems]
            self.stdout.write(table(rows))
            raise CommandError(_("%(count)s problems; nothing was written (import #%(number)s).")
                               % {"count": record.problem_total, "number": record.pk}, returncode=1)
        self.stdout.write(self._counts(record))

    @staticmethod
    def _counts(record: Any) -> str:
        head = _("Checked, nothing written") if record.dry_run else _("Imported")
        parts = [f"{words.kind_name(kind)}: " + _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged") % {
                 "created": c.get("created", 0), "updated": c.get("updated", 0), "unchanged": c.get("unchanged", 0)}
                 for kind, c in record.counts.items()]
        return f"{head} (#{record.pk}, {record.seconds:.1f} s)\n" + "\n".join(parts)

    def _export(self, options: dict[str, Any]) -> None:
        school = self._school(options["school"])
        if options["format"] == "xlsx":
            if school is None:
                raise CommandError(_("An xlsx export is of one school: give --school."))
            data = roster_export_xlsx(scope=None, school=school)
        else:
            region = m.Region.objects.filter(code=options["region"]).first() if options["region"] else None
            if options["region"] and region is None:
                raise CommandError(_("No region with code %(code)s.") % {"code": options["region"]})
            data = roster_export_oneroster(scope=None, school=school, region=region)
        Path(options["out"]).write_bytes(data)
        self.stdout.write(_("Wrote %(path)s (%(size)s bytes).") % {"path": options["out"], "size": len(data)})

    def _template(self, options: dict[str, Any]) -> None:
        data = roster_template(options["kind"])
        Path(options["out"]).write_bytes(data)
        self.stdout.write(_("Wrote %(path)s (%(size)s bytes).") % {"path": options["out"], "size": len(data)})
