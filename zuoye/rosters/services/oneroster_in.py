"""``roster_import`` for IMS OneRoster 1.2 packages (a zip of CSV files, or a folder).

Read and check the package (:mod:`zuoye.core.roster.oneroster`), find or plan its structure
(:mod:`.oneroster_orgs`, :mod:`.oneroster_classes`), plan its people (:mod:`.oneroster_people`)
with the same student, guardian and teacher rules as workbook rosters, and hand back the writes
for :mod:`.imports` to run when nothing is wrong. Foreign ``sourcedId``s are remembered after
the writes (:mod:`.oneroster_ids`).
"""

from __future__ import annotations

from zuoye.accounts.models import User
from zuoye.core.roster import oneroster as o
from zuoye.rosters.services import oneroster_classes, oneroster_orgs, oneroster_people
from zuoye.rosters.services.imports import Outcome
from zuoye.schools import models as m


def plan(*, data: bytes, filename: str, school: m.School | None, actor: User | None, create: bool, source: str) -> Outcome:
    members, problems = o.members_of_zip(data, filename)
    package = o.read_package(members) if members else o.Package()
    o.check_references(package)
    outcome = Outcome(problems=problems + package.problems)
    if not outcome.ok:
        return outcome
    structure = _structure(package, school, actor, create)
    outcome.problems += structure.problems
    people = oneroster_people.plan(package, structure, source=source)
    outcome.problems += people.problems
    outcome.counts = people.counts(structure)

    def write() -> None:
        oneroster_classes.save(structure)
        people.write()
        people.remember(package, structure).save()

    outcome.write = write
    return outcome


def _structure(package: o.Package, school: m.School | None, actor: User | None, create: bool) -> oneroster_orgs.Structure:
    platform = school is None and (actor is None or actor.is_superuser)
    allowed: set[int] | None = None
    if school is not None:
        allowed = {school.pk}
    elif not platform:
        from zuoye.rosters import selectors
        from zuoye.schools.access import scope_for

        allowed = set(selectors.roster_schools(scope_for(actor)).values_list("pk", flat=True))  # type: ignore[arg-type]
    structure = oneroster_orgs.Structure(platform=platform, create_classes=create or platform, allowed=allowed)
    oneroster_orgs.orgs(package, structure)
    oneroster_orgs.sessions(package, structure)
    oneroster_orgs.courses(package, structure)
    oneroster_classes.classes(package, structure)
    return structure
