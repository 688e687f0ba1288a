"""Ingest: a batch of JSON-lines dots (from a gateway or a file) → stored dots → pages read.

1. The body is kept as received, once per sha256 (the same upload twice is one upload, counted).
2. ``parse_dots`` keeps the good lines and reports each bad one with its line number.
3. Dots of pens that are not registered (or deactivated, or of another school than the
   gateway, or not the pen whose own token was used) are refused, naming the serial.
4. Drawing dots are grouped per (pen, page address); a dot already stored for the pen at the
   same timestamp is a duplicate (a replay, a repeated Bluetooth packet) and is dropped, so
   storage never grows on a replay. New dots are stored as one packed chunk per group.
5. Every known page that got new dots is read again from all its dots (``reading.pages_read``);
   unknown addresses are kept and listed for assignment by hand.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zuoye.core.ink import DotBatch, DotType, LineProblem, parse_dots
from zuoye.pens.models import DotChunk, DotUpload, Gateway, Pen, PenPage
from zuoye.pens.services.packing import pack, unpack
from zuoye.pens.services.reading import PageReport, pages_read


@dataclass
class IngestResult:
    upload: int
    sha256: str
    repeated: bool  # this exact body arrived before
    accepted: int  # new drawing dots stored
    duplicates: int  # drawing dots already stored (or repeated within the batch)
    problems: list[LineProblem]
    unknown_pages: list[str]
    refused_pens: list[dict[str, str]]  # {"pen", "reason"}
    recorded: int
    review: int
    pages: list[PageReport] = field(default_factory=list)

    def to_api(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "duplicates": self.duplicates,
                "problems": [{"line": p.line, "reason": p.reason} for p in self.problems],
                "unknown_pages": self.unknown_pages, "refused_pens": self.refused_pens,
                "recorded": self.recorded, "review": self.review, "upload": self.upload, "repeated": self.repeated}

    def pages_json(self) -> list[dict[str, Any]]:
        return [asdict(p) for p in self.pages]


def upload_keep(*, body: bytes, source: str, gateway: Gateway | None = None, name: str = "") -> tuple[DotUpload, bool]:
    """The upload row for this body (created once; later arrivals only counted)."""
    digest = hashlib.sha256(body).hexdigest()
    upload = DotUpload.objects.filter(sha256=digest).first()
    if upload is not None:
        DotUpload.objects.filter(pk=upload.pk).update(received=F("received") + 1)
        return upload, True
    upload = DotUpload(sha256=digest, source=source, gateway=gateway, name=name[:200], size=len(body))
    upload.raw.save(f"{digest[:16]}.jsonl.gz", ContentFile(gzip.compress(body, compresslevel=5)), save=False)
    upload.save()
    return upload, False


def _refusals(batch: DotBatch, gateway: Gateway | None, token_pen: Pen | None) -> tuple[dict[str, Pen], list[dict[str, str]]]:
    """Registered pens allowed to post here, and why each other pen was refused."""
    pens = {p.serial: p for p in Pen.objects.filter(serial__in=batch.pens)}
    allowed, refused = {}, []
    for serial in batch.pens:
        pen = pens.get(serial)
        if pen is None:
            reason = f"pen {serial} is not registered: a school admin registers it on the Pens page or with `zuoye pen register`"
        elif not pen.active:
            reason = f"pen {serial} is deactivated"
        elif gateway is not None and pen.school_id != gateway.school_id:
            reason = f"pen {serial} belongs to another school than gateway {gateway.name}"
        elif token_pen is not None and pen.pk != token_pen.pk:
            reason = f"the token is pen {token_pen.serial}'s own; it cannot post dots of pen {serial}"
        else:
            allowed[serial] = pen
            continue
        refused.append({"pen": serial, "reason": reason})
    return allowed, refused


@dataclass
class _Group:
    pen: Pen
    address: str
    rows: np.ndarray  # indices into the batch, sorted by time, one per timestamp


def _groups(batch: DotBatch, allowed: dict[str, Pen]) -> tuple[list[_Group], int]:
    """Drawing dots of allowed pens per (pen, address), one per timestamp; and how many repeated."""
    ok_pen = np.array([serial in allowed for serial in batch.pens] or [False], bool)
    sel = np.flatnonzero((batch.kind <= DotType.UP) & ok_pen[batch.pen] if len(batch) else np.zeros(0, bool))
    order = sel[np.lexsort((batch.t[sel], batch.page[sel], batch.pen[sel]))]
    pen, page, t = batch.pen[order], batch.page[order], batch.t[order]
    same = np.zeros(order.shape[0], bool)
    same[1:] = (pen[1:] == pen[:-1]) & (t[1:] == t[:-1])
    repeated = int(same.sum())
    order, pen, page = order[~same], pen[~same], page[~same]
    starts = np.flatnonzero(np.r_[True, (pen[1:] != pen[:-1]) | (page[1:] != page[:-1])]) if order.size else []
    ends = list(starts[1:]) + [order.size]
    return [_Group(allowed[batch.pens[pen[s]]], str(batch.addresses[page[s]]), order[s:e])
            for s, e in zip(starts, ends)], repeated


def _store(batch: DotBatch, groups: Sequence[_Group], upload: DotUpload) -> tuple[int, int, set[str]]:
    """Store each group's dots not yet stored for its pen; (new dots, duplicates, addresses with new dots)."""
    known: dict[tuple[int, str], list[np.ndarray]] = {}
    for pen_id, address, data in DotChunk.objects.filter(
            pen_id__in={g.pen.pk for g in groups}, address__in={g.address for g in groups}).values_list(
            "pen_id", "address", "data"):
        known.setdefault((pen_id, address), []).append(unpack(data)["t"])
    new, duplicates, chunks, touched = 0, 0, [], set()
    for g in groups:
        rows = g.rows
        old = known.get((g.pen.pk, g.address))
        if old:
            rows = rows[~np.isin(batch.t[rows], np.concatenate(old))]
        duplicates += g.rows.size - rows.size
        if rows.size:
            new += rows.size
            touched.add(g.address)
            chunks.append(DotChunk(pen=g.pen, address=g.address, upload=upload, count=rows.size,
                                   t_first=int(batch.t[rows[0]]), t_last=int(batch.t[rows[-1]]),
                                   data=pack(batch.t[rows], batch.x[rows], batch.y[rows], batch.force[rows],
                                             batch.kind[rows])))
    DotChunk.objects.bulk_create(chunks, batch_size=500)
    return new, duplicates, touched


def _refused_pages(batch: DotBatch, refused: list[dict[str, str]]) -> list[PageReport]:
    reasons = {r["pen"]: r["reason"] for r in refused}
    pairs = {(batch.pens[p], str(batch.addresses[a])) for p, a in
             set(zip(batch.pen.tolist(), batch.page.tolist())) if batch.pens[p] in reasons}
    return [PageReport(address, "refused", reasons[pen]) for pen, address in sorted(pairs, key=lambda pa: pa[1])]


@transaction.atomic
def dots_ingest(*, body: bytes, source: str, gateway: Gateway | None = None, token_pen: Pen | None = None,
                name: str = "", upload: DotUpload | None = None, read_all: bool = False) -> IngestResult:
    """Keep, parse, store and read a batch of dots (see the module docstring); idempotent.

    Pages that got no new dot are not read again unless ``read_all`` (the CLI reports every page
    of its files; a gateway's retry only needs the counts). ``upload``: the body was kept already
    (a background job reading a large upload)."""
    if upload is None:
        upload, repeated = upload_keep(body=body, source=source, gateway=gateway, name=name)
    else:
        repeated = bool(upload.summary)
    parsed = parse_dots(body.splitlines())
    allowed, refused = _refusals(parsed.dots, gateway, token_pen)
    groups, repeats = _groups(parsed.dots, allowed)
    accepted, duplicates, touched = _store(parsed.dots, groups, upload)
    addresses = sorted({g.address for g in groups})
    known = list(PenPage.objects.filter(address__in=addresses))
    unknown = sorted(set(addresses) - {p.address for p in known})
    read = pages_read([p for p in known if read_all or p.address in touched])
    result = IngestResult(upload.pk, upload.sha256, repeated, accepted, duplicates + repeats, list(parsed.problems),
                          unknown, refused, read.recorded, read.review,
                          read.pages + [PageReport(a, "unknown", "no printed page has this address") for a in unknown]
                          + _refused_pages(parsed.dots, refused))
    if not repeated:
        upload.summary = result.to_api()
        upload.save(update_fields=["summary"])
    if gateway is not None:
        Gateway.objects.filter(pk=gateway.pk).update(last_seen_at=timezone.now())
    return result
