"""``roster_import``: one file in, all of it or nothing, with every problem named.

The steps: keep the upload (:mod:`.uploads`); tell what it is (:mod:`zuoye.core.roster.sniff`);
read it and check each cell and row (:mod:`zuoye.core.roster`); check it against stored data and
plan the changes (:mod:`.classes`, :mod:`.students`, :mod:`.teachers`, :mod:`.oneroster_in`);
then, only if there is no problem at all and this is not a dry run, write the plan inside one
transaction. The outcome (status, counts, problems, notices) is stored on the
:class:`RosterImport` and returned.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from django.db import transaction
from django.utils import timezone

from zuoye.accounts.models import User
from zuoye.jobs.models import Job
from zuoye.jobs.services import job_enqueue
from zuoye.core.roster import sniff
from zuoye.core.roster.problems import ERROR, Place, Problem, notice, problem
from zuoye.rosters import selectors
from zuoye.rosters.models import RosterImport
from zuoye.rosters.services import uploads
from zuoye.schools import models as m
from zuoye.schools.access import scope_for

# Problems kept on the record; a file that is wrong on every one of 50,000 rows need not store all.
STORED_PROBLEMS = 20000
FORMATS = {sniff.XLSX: RosterImport.Format.XLSX, sniff.CSV: RosterImport.Format.CSV, sniff.ONEROSTER: RosterImport.Format.ONEROSTER}


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    write: Callable[[], None] | None = None

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def roster_import(*, file: uploads.Input, school: m.School | None = None, actor: User | None = None,
                  dry_run: bool = False, create_classes: bool = False, filename: str | None = None) -> RosterImport:
    """Import a roster (xlsx, CSV table, or OneRoster 1.2 zip/folder) for ``school``.

    ``actor`` None means the platform itself (the CLI); otherwise the actor must manage rosters
    of ``school`` (school admin, region staff above it, platform admin). ``create_classes``
    creates missing classes (and, for platform-level OneRoster imports, missing regions,
    schools and school years). Returns the stored :class:`RosterImport`.
    """
    data, name = uploads.read_input(file, filename)
    record = uploads.record_start(data=data, filename=name, school=school, actor=actor,
                                  dry_run=dry_run, create_classes=create_classes)
    return run(record, data, actor=actor)


# Files up to this size (a school's roster: a few thousand rows, ~150 KB) are imported while the
# person waits; larger ones (a county's OneRoster package) run as a background job.
INLINE_MAX_BYTES = 512 * 1024


def roster_import_start(*, file: uploads.Input, school: m.School | None, actor: User | None, dry_run: bool = False,
                        create_classes: bool = False) -> tuple[RosterImport, Job | None]:
    """Start an import from the web: small files at once, large ones as a job (returned with it)."""
    data, name = uploads.read_input(file, None)
    record = uploads.record_start(data=data, filename=name, school=school, actor=actor,
                                  dry_run=dry_run, create_classes=create_classes)
    if len(data) <= INLINE_MAX_BYTES:
        return run(record, data, actor=actor), None
    job = job_enqueue(kind="rosters.import", params={"record_id": record.pk, "actor_id": actor.pk if actor else None},
                      actor=actor)
    return record, job


def roster_import_apply(*, checked: RosterImport, actor: User | None) -> RosterImport:
    """Import a file that was checked (dry run) before, from the stored copy, without uploading it again."""
    data = uploads.stored_bytes(checked)
    record = uploads.record_start(data=data, filename=checked.filename, school=checked.school, actor=actor,
                                  dry_run=False, create_classes=checked.create_classes)
    return run(record, data, actor=actor)


def run(record: RosterImport, data: bytes, *, actor: User | None) -> RosterImport:
    started = time.monotonic()
    try:
        with transaction.atomic():
            outcome = _plan(record, data, actor)
            if outcome.ok and not record.dry_run and outcome.write is not None:
                outcome.write()
    except Exception:
        RosterImport.objects.filter(pk=record.pk).update(status=RosterImport.Status.ERROR, seconds=time.monotonic() - started)
        raise
    _finish(record, outcome, time.monotonic() - started)
    return record


def _plan(record: RosterImport, data: bytes, actor: User | None) -> Outcome:
    kind, found = sniff.detect(data, record.filename)
    record.format = FORMATS.get(kind or "", RosterImport.Format.UNKNOWN)
    outcome = Outcome(problems=found)
    if record.same_as is not None:
        when = timezone.localtime(record.same_as.created_at).strftime("%Y-%m-%d %H:%M")
        outcome.problems.append(notice("same_file_before", Place(file=record.filename), number=record.same_as.pk, when=when))
    if kind is None:
        return outcome
    if record.school is not None and not _may_import(actor, record.school):
        outcome.problems.append(problem("school_not_allowed", Place(file=record.filename), school=record.school.name))
        return outcome
    source = f"roster import #{record.pk}: {record.filename}"[:200]
    if kind == sniff.ONEROSTER:
        from zuoye.rosters.services import oneroster_in

        more = oneroster_in.plan(data=data, filename=record.filename, school=record.school, actor=actor,
                                 create=record.create_classes, source=source)
    elif record.school is None:
        outcome.problems.append(problem("no_school", Place(file=record.filename)))
        return outcome
    else:
        from zuoye.rosters.services import tables_in

        more = tables_in.plan(data=data, filename=record.filename, kind=kind, school=record.school,
                              create_classes=record.create_classes, source=source)
    outcome.problems += more.problems
    outcome.counts, outcome.write = more.counts, more.write
    return outcome


def _may_import(actor: User | None, school: m.School) -> bool:
    if actor is None:
        return True
    return selectors.roster_schools(scope_for(actor)).filter(pk=school.pk).exists()


def _sort_key(order: dict[tuple[str, str], int]) -> Callable[[Problem], tuple[int, int, int, str]]:
    def key(item: Problem) -> tuple[int, int, int, str]:
        place = item.place
        sheet = order.setdefault((place.file, place.sheet), len(order))
        return sheet, place.row or 0, len(place.column), place.column
    return key


def _finish(record: RosterImport, outcome: Outcome, seconds: float) -> None:
    order: dict[tuple[str, str], int] = {}
    items = sorted(outcome.problems, key=_sort_key(order))
    errors = [p.as_dict() for p in items if p.severity == ERROR]
    record.problems = errors[:STORED_PROBLEMS]
    record.problem_total = len(errors)
    record.notices = [p.as_dict() for p in items if p.severity != ERROR]
    record.counts = outcome.counts if outcome.ok else {}
    if not outcome.ok:
        record.status = RosterImport.Status.FAILED
    else:
        record.status = RosterImport.Status.CHECKED if record.dry_run else RosterImport.Status.APPLIED
    record.seconds = round(seconds, 3)
    record.save()
