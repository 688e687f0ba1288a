"""OneRoster ``sourcedId``s: the ones Zuoye makes, and the ones other systems gave.

Zuoye's own ids are derived from natural keys (``org-3636000001``, ``user-G3607…``,
``class-3636000001-2026-2027-7-1``), so exporting the same data always gives the same ids and
an export imported into an empty database exports identically again. When a file from another
system brings its own id for an object, and that id differs from the one Zuoye would make, the
pair is kept as an :class:`ExternalId` and used by every later export.

Keys (``ExternalId.key``) name the object inside this database: ``s12`` school 12, ``r3``
region 3, ``y1``/``t2`` school year/term, ``c40`` class, ``c40:2:5`` subject class (class,
subject, term), ``u7`` user, ``m9`` class membership, ``h40`` head teacher of class 40,
``a11`` teaching assignment, courses by ``school:year:grade:subject``, roles by
``u7:role:orgkey``.
"""

from __future__ import annotations

from collections import defaultdict

from zuoye.rosters.models import ExternalId
from zuoye.rosters.services.bulk import BATCH


def org(code: str) -> str:
    return f"org-{code}"


def year(name: str) -> str:
    return f"year-{name}"


def term(year_name: str, number: int) -> str:
    return f"term-{year_name}-{number}"


def course(school_code: str, year_name: str, grade: int, subject_code: str | None) -> str:
    return f"course-{school_code}-{year_name}-{grade}" + (f"-{subject_code}" if subject_code else "")


def homeroom(school_code: str, year_name: str, grade: int, number: int) -> str:
    return f"class-{school_code}-{year_name}-{grade}-{number}"


def subject_class(homeroom_sid: str, subject_code: str, term_number: int) -> str:
    return f"{homeroom_sid}-{subject_code}-t{term_number}"


def user(username: str) -> str:
    return f"user-{username}"


def role(user_sid: str, role_name: str, org_sid: str) -> str:
    return f"role-{user_sid}-{role_name}-{org_sid}"


def membership(class_sid: str, user_sid: str, started: str) -> str:
    return f"enr-{class_sid}-{user_sid}-{started.replace('-', '')}"


def teaching(class_sid: str, user_sid: str) -> str:
    return f"enr-{class_sid}-{user_sid}"


class Known:
    """Stored foreign ids by (kind, key), for export; load once per export."""

    def __init__(self) -> None:
        self.by_key: dict[str, dict[str, str]] = defaultdict(dict)
        for kind, key, sid in ExternalId.objects.values_list("kind", "key", "sourced_id").iterator(chunk_size=5000):
            self.by_key[kind][key] = sid

    def get(self, kind: str, key: str, made: str) -> str:
        return self.by_key[kind].get(key, made)


class Remembered:
    """Collects (kind, foreign sid, key) during an import; kept only where the id is not Zuoye's own."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], str] = {}

    def add(self, kind: str, sid: str, key: str, made: str) -> None:
        if sid and sid != made:
            self.rows[(kind, key)] = sid

    def save(self) -> None:
        if not self.rows:
            return
        existing = {(e.kind, e.key): e for e in ExternalId.objects.filter(kind__in={k for k, _ in self.rows})}
        taken = {(e.kind, e.sourced_id): e for e in existing.values()}
        fresh = []
        for (kind, key), sid in self.rows.items():
            stored = existing.get((kind, key))
            if stored is not None and stored.sourced_id == sid:
                continue
            for clash in (stored, taken.get((kind, sid))):
                if clash is not None and clash.pk:
                    clash.delete()
                    clash.pk = None
            fresh.append(ExternalId(kind=kind, sourced_id=sid, key=key))
        ExternalId.objects.bulk_create(fresh, batch_size=BATCH)
