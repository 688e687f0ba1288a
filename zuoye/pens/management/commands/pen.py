"""``zuoye pen``: read dot files, register pens, gateways and paper, simulate a grading session.

    zuoye pen FILE... [--json results.json]          read JSON-lines dot files (.gz too)
    zuoye pen register SERIAL --school CODE --holder LOGIN [--role teacher|student] [--with-token]
    zuoye pen gateway NAME --school CODE             prints the new gateway's token, once
    zuoye pen batch --school CODE --section S --owner O --book B --first-page P --pages N [--label L]
    zuoye pen print --sheet-set ID --batch ID        give a printing its page addresses
    zuoye pen list --school CODE                     pens, gateways and paper of a school
    zuoye pen simulate --assignment A --class C [--out FILE] [--post URL --token T] [--pace S] [--seed N]
    zuoye pen gateway-token                          the demo gateway's token (demo only)

Files are read exactly like a gateway's upload (``services.ingest.dots_ingest``); the JSON
has the shape of ``zuoye scan --json`` (README.md).
"""

from __future__ import annotations

import gzip
import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zuoye.accounts.models import User
from zuoye.core.ink import dots_to_lines
from zuoye.homework.models import SheetSet
from zuoye.pens import selectors
from zuoye.pens.demo import demo_gateway_token
from zuoye.pens.models import DotUpload, PaperBatch, Pen
from zuoye.pens.services import addresses, registry
from zuoye.pens.services.ingest import IngestResult, dots_ingest
from zuoye.pens.services.reading import layout_pages, parse_address
from zuoye.pens.simulate import grading_session
from zuoye.schools.models import School

ACTIONS = ("register", "gateway", "batch", "print", "list", "simulate", "gateway-token")


def files_json(results: list[tuple[str, IngestResult]]) -> dict[str, Any]:
    """The ``zuoye scan --json`` shape: files → pages → items, and a summary."""
    files = [{"file": name, "sha256": r.sha256, "problems": [{"line": p.line, "reason": p.reason} for p in r.problems],
              "pages": r.pages_json()} for name, r in results]
    pages = [p for f in files for p in f["pages"]]
    return {"files": files, "summary": {
        "pages": len(pages), "read": sum(p["status"] == "read" for p in pages),
        "review": sum(i["status"] == "review" for p in pages for i in p["items"]),
        "quarantined": sum(p["status"] in ("unknown", "refused") for p in pages),
        "duplicates": sum(r.duplicates for _, r in results), "recorded": sum(r.recorded for _, r in results)}}


class Command(BaseCommand):
    help = "Smart pens: read dot files; register pens, gateways, paper; simulate a class's grading."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("words", nargs="+", help=f"dot files, or an action: {', '.join(ACTIONS)}")
        parser.add_argument("--json", type=Path, help="write what was read as JSON here")
        parser.add_argument("--school", help="the school's code (学校标识码)")
        parser.add_argument("--holder", help="the login name of the pen's teacher or student")
        parser.add_argument("--role", choices=["teacher", "student"], default="")
        parser.add_argument("--with-token", action="store_true", help="give the pen its own device token")
        for name in ("section", "owner", "book", "first-page", "pages", "sheet-set", "batch", "assignment",
                     "class", "seed"):
            parser.add_argument(f"--{name}", type=int)
        parser.add_argument("--label", default="")
        parser.add_argument("--out", type=Path, help="simulate: write the dots (JSON lines) here")
        parser.add_argument("--post", help="simulate: post the dots to this URL (…/pens/api/dots)")
        parser.add_argument("--token", help="simulate: the gateway's device token")
        parser.add_argument("--pace", type=float, default=0.0, help="simulate: seconds between pages posted")

    def handle(self, *args: Any, **options: Any) -> None:
        words = options["words"]
        action = words[0] if words[0] in ACTIONS and not Path(words[0]).exists() else "read"
        try:
            getattr(self, "_" + action.replace("-", "_"))(words[1:] if action != "read" else words, options)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

    def _school(self, options: dict[str, Any]) -> School:
        school = School.objects.filter(code=options["school"] or "").first()
        if school is None:
            raise CommandError(f"no school with code {options['school']!r} (--school)")
        return school

    def _read(self, files: list[str], options: dict[str, Any]) -> None:
        results = []
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            body = path.read_bytes()
            body = gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body
            result = dots_ingest(body=body, source=DotUpload.Source.FILE, name=path.name, read_all=True)
            results.append((name, result))
            for problem in result.problems[:20]:
                self.stderr.write(f"{name}:{problem.line}: {problem.reason}")
            for refused in result.refused_pens:
                self.stderr.write(f"{name}: refused: {refused['reason']}")
            self.stdout.write(f"{name}: {result.accepted} new dots, {result.duplicates} duplicates, "
                              f"{len(result.problems)} bad lines; {result.recorded} results recorded, "
                              f"{result.review} sent to review; unknown pages: {', '.join(result.unknown_pages) or '-'}")
        if options["json"]:
            options["json"].write_text(json.dumps(files_json(results), ensure_ascii=False, indent=1), encoding="utf-8")

    def _register(self, rest: list[str], options: dict[str, Any]) -> None:
        if len(rest) != 1:
            raise CommandError("usage: zuoye pen register SERIAL --school CODE --holder LOGIN")
        holder = User.objects.filter(username=options["holder"] or "").first()
        if holder is None:
            raise CommandError(f"no account with login name {options['holder']!r} (--holder)")
        pen, token = registry.pen_register(serial=rest[0], school=self._school(options), holder=holder,
                                           role=options["role"], with_token=options["with_token"])
        self.stdout.write(f"pen {pen.serial}: {pen.get_role_display()} {holder.full_name}, {pen.school.name}")
        if token:
            self.stdout.write(f"its own device token (shown once): {token}")

    def _gateway(self, rest: list[str], options: dict[str, Any]) -> None:
        gateway, token = registry.gateway_create(name=" ".join(rest), school=self._school(options), actor=None)
        self.stdout.write(f"gateway {gateway.name} ({gateway.school.name}); token (shown once): {token}")

    def _batch(self, rest: list[str], options: dict[str, Any]) -> None:
        needed = ("section", "owner", "book", "first_page", "pages")
        missing = [f"--{n.replace('_', '-')}" for n in needed if options[n] is None]
        if missing:
            raise CommandError(f"missing {', '.join(missing)}")
        batch = registry.paper_batch_create(school=self._school(options), section=options["section"],
                                            owner=options["owner"], book=options["book"],
                                            first_page=options["first_page"], page_count=options["pages"],
                                            label=options["label"])
        self.stdout.write(f"paper batch {batch.pk}: {batch} ({batch.page_count} pages)")

    def _print(self, rest: list[str], options: dict[str, Any]) -> None:
        sheet_set = SheetSet.objects.filter(pk=options["sheet_set"] or 0).select_related("school_class").first()
        batch = PaperBatch.objects.filter(pk=options["batch"] or 0).first()
        if sheet_set is None or batch is None:
            raise CommandError("give --sheet-set ID and --batch ID (see `zuoye pen list --school CODE`)")
        done = addresses.pen_print_create(sheet_set=sheet_set, batch=batch, actor=None)
        self.stdout.write(f"PDF pages 1–{done.page_count} → {batch.section}.{batch.owner}.{batch.book}."
                          f"{done.first_page}…{done.first_page + done.page_count - 1}")

    def _list(self, rest: list[str], options: dict[str, Any]) -> None:
        school = self._school(options)
        for pen in selectors.pens_of(school):
            self.stdout.write(f"pen {pen.serial}\t{pen.role}\t{pen.holder.username}\t{'active' if pen.active else 'off'}")
        for g in selectors.gateways_of(school):
            self.stdout.write(f"gateway {g.pk}\t{g.name}\t{g.token_hint}…\t{'active' if g.active else 'off'}")
        for b in selectors.batches_of(school):
            self.stdout.write(f"batch {b.pk}\t{b}\t{b.free} of {b.page_count} pages free")

    def _gateway_token(self, rest: list[str], options: dict[str, Any]) -> None:
        token = demo_gateway_token()
        if token is None:
            raise CommandError("there is no demo gateway: this works only in the demo (zuoye demo)")
        self.stdout.write(token)

    def _simulate(self, rest: list[str], options: dict[str, Any]) -> None:
        pages = selectors.printed_pages(options["assignment"] or 0, options["class"] or 0)
        if not pages:
            raise CommandError("no sheets of this assignment and class are printed on dot-pattern paper: "
                               "use the page “print on dot-pattern paper” or `zuoye pen print`")
        assignment = pages[0].assignment
        teacher_pen = Pen.objects.filter(holder=assignment.teacher.user, role=Pen.Role.TEACHER, active=True).first()
        if teacher_pen is None:
            raise CommandError(f"{assignment.teacher.user.username} has no registered pen: `zuoye pen register`")
        students = self._student_pens(pages)
        layouts = layout_pages(pages)
        session = grading_session({parse_address(a): page for a, page in layouts.items()}, teacher_pen.serial,
                                  student_pens=students, seed=options["seed"] or int(time.time()) % 100_000)
        if options["out"]:
            options["out"].write_text(dots_to_lines(session.dots), encoding="utf-8")
            self.stdout.write(f"{options['out']}: {len(session.dots)} dots on {len(layouts)} pages")
        if options["post"]:
            self._post(session.per_page, options)

    def _student_pens(self, pages: list[Any]) -> dict[Any, str]:
        pens = {p.holder.student.pk: p.serial for p in Pen.objects.filter(
            holder__student__pk__in={pp.student_id for pp in pages}, role=Pen.Role.STUDENT, active=True)
            .select_related("holder__student")}
        return {parse_address(pp.address): pens[pp.student_id] for pp in pages if pp.student_id in pens}

    def _post(self, per_page: dict[Any, list[Any]], options: dict[str, Any]) -> None:
        if not options["token"]:
            raise CommandError("--post needs --token (the gateway's device token)")
        batches = list(per_page.items()) if options["pace"] else [("all", [d for ds in per_page.values() for d in ds])]
        for n, (address, dots) in enumerate(batches):
            request = urllib.request.Request(options["post"], data=dots_to_lines(dots).encode(), method="POST",
                                             headers={"Authorization": f"Bearer {options['token']}",
                                                      "Content-Type": "application/x-ndjson"})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    answer = json.loads(response.read())
            except urllib.error.HTTPError as exc:
                raise CommandError(f"{options['post']}: {exc.code} {exc.read().decode(errors='replace')}") from exc
            except urllib.error.URLError as exc:
                raise CommandError(f"{options['post']}: {exc.reason}") from exc
            self.stdout.write(f"page {address}: {len(dots)} dots → accepted {answer.get('accepted')}, "
                              f"recorded {answer.get('recorded')}, review {answer.get('review')}")
            if options["pace"] and n + 1 < len(batches):
                time.sleep(options["pace"])
