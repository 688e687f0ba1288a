"""``zuoye scan FILE... [--json results.json] [--as USERNAME]`` and ``zuoye scan --watch DIR``.

Runs the same service as the web upload (``batch_read``) in this process, with a progress bar
on stderr, and prints a summary. ``--watch`` polls a folder a scanning station writes to: each
new file is read once as its own batch and then moved to ``DIR/done/`` (or ``DIR/failed/``
with a ``.txt`` saying why, when it could not be kept). A file still being written (changed in
the last ``SETTLE_S`` seconds) waits for the next poll. Ctrl-C stops. For demos,
``zuoye scan --simulate ASSIGNMENT --out scans.zip`` draws graded scans of printed sheets
(``--generic``: the class sheet, filled in by every student; ``--phone``: photos, not scans;
``--student``: one student's pages).
"""

from __future__ import annotations

import io
import json
import shutil
import time
import zipfile
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zuoye.capture.selectors import batch_json
from zuoye.capture.services.files import SUFFIXES
from zuoye.capture.services.reading import batch_read
from zuoye.capture.services.simulate import scans_simulate
from zuoye.capture.services.uploads import UploadRejected, batch_create, upload_store
from zuoye.homework.models import SheetSet
from zuoye.schools.models import Student


SETTLE_S = 2.0
"""A file unchanged this long is complete: scanners write a file, then close it."""


def _bar(stream: Any) -> Any:
    """A one-line progress bar on ``stream`` (the command's stderr wrapper)."""

    def progress(done: int, total: int, message: str = "") -> None:
        width = 30
        filled = int(width * done / total) if total else 0
        end = "\n" if total and done >= total else ""
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message[:40]:<40}", ending=end)
        stream.flush()

    return progress


class Command(BaseCommand):
    help = "Read scanned answer sheets (PDF, TIFF, JPEG, PNG, ZIP) and record the results."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", help="files to read")
        parser.add_argument("--json", dest="json_path", help="write the readings to this JSON file")
        parser.add_argument("--as", dest="username",
                            help="read as this person: only their assignments, results recorded in their name")
        parser.add_argument("--watch", metavar="DIR", help="poll DIR for new files until Ctrl-C")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between polls (--watch)")
        parser.add_argument("--once", action="store_true", help="with --watch: one poll, then stop")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")
        parser.add_argument("--simulate", type=int, metavar="ASSIGNMENT",
                            help="demo: write simulated graded scans of ASSIGNMENT's newest printed sheets to --out")
        parser.add_argument("--out", help="with --simulate: the ZIP to write")
        parser.add_argument("--seed", type=int, default=0, help="with --simulate: the random seed")
        parser.add_argument("--grey", action="store_true", help="with --simulate: as a scanner set to greyscale")
        parser.add_argument("--phone", action="store_true",
                            help="with --simulate: phone photos (perspective, shadow, a bowed page) instead of scans")
        parser.add_argument("--generic", action="store_true",
                            help="with --simulate: the newest generic class sheet, a copy filled in by every student "
                                 "of the class with their 学籍号")
        parser.add_argument("--student", metavar="学籍号",
                            help="with --simulate: only this student's pages (what a guardian photographs)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["username"])
        if options["simulate"]:
            self._simulate(options["simulate"], options["out"], options)
            return
        if options["watch"]:
            self._watch(Path(options["watch"]), actor, options)
            return
        if not options["files"]:
            raise CommandError("name at least one file, or --watch DIR")
        report = self._read([Path(f) for f in options["files"]], actor, options["quiet"])
        if options["json_path"]:
            Path(options["json_path"]).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        self._summary(report)

    def _simulate(self, assignment_id: int, out: str | None, options: dict[str, Any]) -> None:
        if not out:
            raise CommandError("--simulate needs --out FILE.zip")
        kind = SheetSet.Kind.GENERIC if options["generic"] else SheetSet.Kind.PERSONAL
        sheet_set = SheetSet.objects.filter(assignment_id=assignment_id, kind=kind).first()
        if sheet_set is None:
            raise CommandError(f"assignment {assignment_id}: no {kind.label} were printed")
        student = None
        if options["student"]:
            student = Student.objects.filter(student_number=options["student"]).first()
            if student is None:
                raise CommandError(f"--student {options['student']}: no student has this 学籍号")
        try:
            data = scans_simulate(sheet_set=sheet_set, seed=options["seed"], grey=options["grey"],
                                  phone=options["phone"], student=student)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        Path(out).write_bytes(data)
        count = len(zipfile.ZipFile(io.BytesIO(data)).namelist())
        what = "phone photos (one page twice)" if options["phone"] else "scans (one page twice, one blank back)"
        self.stdout.write(f"{out}: {count} simulated {'greyscale ' if options['grey'] else ''}{what}")

    def _actor(self, username: str | None) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"--as {username}: no such user")
        return user

    def _read(self, paths: list[Path], actor: Any, quiet: bool) -> dict[str, Any]:
        uploads = []
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            try:
                uploads.append(upload_store(name=path.name, data=path.read_bytes(), actor=actor))
            except UploadRejected as exc:
                raise CommandError(str(exc)) from exc
        batch = batch_create(uploads=list(dict.fromkeys(uploads)), actor=actor)
        batch_read(batch=batch, progress=None if quiet else _bar(self.stderr))
        return batch_json(batch)

    def _summary(self, report: dict[str, Any]) -> None:
        s = report["summary"]
        self.stdout.write(f"batch {report['batch']}: {s['pages']} pages · {s['read']} read · {s['duplicates']} scanned "
                          f"again · {s['blank']} blank · {s['quarantined']} quarantined · {s['recorded']} results "
                          f"recorded · {s['review']} items to review")
        for file in report["files"]:
            for page in file["pages"]:
                if page["status"] == "quarantined":
                    where = f"{file['file']}" + (f" › {page['member']}" if page["member"] else "")
                    self.stdout.write(f"  quarantined: {where} p.{page['page']}: {page['reason']}")

    def _watch(self, folder: Path, actor: Any, options: dict[str, Any]) -> None:
        if not folder.is_dir():
            raise CommandError(f"--watch {folder}: not a folder")
        self.stdout.write(f"watching {folder} (Ctrl-C stops)")
        try:
            while True:
                self.poll(folder, actor, options["quiet"])
                if options["once"]:
                    return
                time.sleep(options["interval"])
        except KeyboardInterrupt:
            self.stdout.write("stopped")

    def poll(self, folder: Path, actor: Any, quiet: bool) -> int:
        """One look at the folder: read each file that has not changed for ``SETTLE_S``."""
        read = 0
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES):
            if not self._settled(path):
                continue
            try:
                report = self._read([path], actor, quiet)
            except CommandError as exc:
                self._move(path, folder / "failed")
                (folder / "failed" / f"{path.name}.txt").write_text(str(exc), encoding="utf-8")
                self.stderr.write(f"{path.name}: {exc}")
                continue
            (folder / "done").mkdir(exist_ok=True)
            (folder / "done" / f"{path.name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                                               encoding="utf-8")
            self._move(path, folder / "done")
            self._summary(report)
            read += 1
        return read

    @staticmethod
    def _settled(path: Path) -> bool:
        """A file not written to for two seconds is complete (scanners write, then close)."""
        stat = path.stat()
        return time.time() - stat.st_mtime > SETTLE_S and stat.st_size > 0

    @staticmethod
    def _move(path: Path, to: Path) -> None:
        to.mkdir(exist_ok=True)
        target = to / path.name
        if target.exists():
            target = to / f"{path.stem}-{int(time.time())}{path.suffix}"
        shutil.move(str(path), target)
