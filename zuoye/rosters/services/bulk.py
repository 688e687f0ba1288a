"""Set-at-a-time database helpers: a 50,000-row roster must cost a few hundred queries, not 50,000.

Look-ups by key go through :func:`fetch_in`, which splits long ``IN`` lists (SQLite allows at
most 32,766 parameters, and long lists plan badly on PostgreSQL too); writes use
``bulk_create`` / ``bulk_update`` with :data:`BATCH`.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, TypeVar

from django.db import connection
from django.db.models import Model, QuerySet

T = TypeVar("T")
M = TypeVar("M", bound=Model)

CHUNK = 2000  # keys per IN (...) look-up
BATCH = 1000  # rows per INSERT / UPDATE statement
INSERT_BATCH = 500  # rows per plain multi-row INSERT (at most 3 columns × 500: well under any parameter limit)


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def okey(obj: object) -> tuple[str, int]:
    """A hashable key for a model instance, saved or not yet saved (unsaved instances are unhashable)."""
    pk = getattr(obj, "pk", None)
    return ("pk", pk) if pk else ("new", id(obj))


def unique(items: Iterable[T]) -> list[T]:
    """Items in order without repeats; model instances (also inside tuples) compare by :func:`okey`."""
    seen: set[object] = set()
    found: list[T] = []
    for item in items:
        key = tuple(okey(x) if isinstance(x, Model) else x for x in item) if isinstance(item, tuple) else (
            okey(item) if isinstance(item, Model) else item)
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found


def fetch_in(queryset: QuerySet[M], field: str, keys: Iterable[Any]) -> list[M]:
    found: list[M] = []
    for part in chunks(sorted(set(keys), key=str)):
        found.extend(queryset.filter(**{f"{field}__in": part}))
    return found


def values_in(queryset: QuerySet[Any], field: str, keys: Iterable[Any], *columns: str) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for part in chunks(sorted(set(keys), key=str)):
        found.extend(queryset.filter(**{f"{field}__in": part}).values_list(*columns))
    return found


def insert_rows(model: type[Model], fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Plain INSERTs for link tables (memberships, guardian links): no model instances are built.

    ``bulk_create`` spends most of its time building and preparing one object per row; for rows
    of a few integers, short texts and dates that work is pure overhead (50,000 class memberships
    are one second instead of five). Only for fields that need no preparation: no encryption, no
    defaults computed in Python. Dates are passed as ISO text, which both SQLite and PostgreSQL take.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for part in chunks(rows, INSERT_BATCH):
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {', '.join([one] * len(part))}"
            cursor.execute(sql, [v.isoformat() if hasattr(v, "isoformat") else v for row in part for v in row])
