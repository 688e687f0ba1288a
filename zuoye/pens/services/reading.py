"""Reading printed pages from their stored dots, and recording what was read.

A page is always read whole, from every dot stored for it (every pen): late or out-of-order
dots then fall into place, and a student's choice and the teacher's mark on the same item
are read together. Per item the latest grading mark, the latest score and the latest choice
decide the outcome (``zuoye.core.outcomes``). A sure item goes through the one door
(``responses_record``, source ``pen``); an item with an unsure reading or a stroke crossing
into another item goes to the review queue with its strokes, once (the key is pen, page,
item and the first stroke's time, so re-reading the page queues nothing new).

Every step is a fixed number of queries for the whole batch of pages, never one per dot or
per item.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from zuoye.capture.services.review import ReviewIn, review_enqueue
from zuoye.core import layout
from zuoye.core.layout.contract import layout_from_dict
from zuoye.core.ink import DEFAULT_INK_CONFIG, NcodeAddress, Reading, ReadingKind, Role, dots_to_strokes, read_strokes
from zuoye.core.outcomes import choice_key, outcome_of
from zuoye.homework.models import AssignmentItem, Response, SheetSet
from zuoye.homework.services.responses import ResponseIn, ResponsesRejected, responses_record
from zuoye.pens.models import DotChunk, PenPage
from zuoye.pens.services.packing import batch_of

MARK_NAMES = {"half_tick": "half"}
"""The ink core's mark names → the names responses and the scanner use."""


@dataclass
class ItemReport:
    item: int
    position: int
    outcome: str
    score: str | None
    answer: str
    mark: str
    confidence: float
    status: str  # recorded | review
    reason: str = ""


@dataclass
class PageReport:
    page: str
    status: str  # read | unknown | refused
    reason: str = ""
    assignment: int | None = None
    student: int | None = None
    sheet_page: int | None = None
    items: list[ItemReport] = field(default_factory=list)


@dataclass
class ReadResult:
    pages: list[PageReport]
    recorded: int  # responses created or changed
    review: int  # review items newly queued


def parse_address(text: str) -> NcodeAddress:
    section, owner, book, page = (int(part) for part in text.split("."))
    return NcodeAddress(section, owner, book, page)


def layout_pages(pen_pages: Sequence[PenPage]) -> dict[str, layout.Page]:
    """Each address's layout page (one query for every sheet set involved)."""
    sets = {s.pk: s.layout for s in SheetSet.objects.filter(pk__in={p.sheet_set_id for p in pen_pages}).only("layout")}
    flat: dict[int, list[layout.Page]] = {}
    for pk, data in sets.items():
        flat[pk] = [page for sheet in layout_from_dict(data).sheets for page in sheet.pages]
    return {p.address: flat[p.sheet_set_id][p.page_index] for p in pen_pages}


def _latest(readings: Iterable[tuple[str, Reading]], kind: ReadingKind) -> tuple[str, Reading] | None:
    found = [(pen, r) for pen, r in readings if r.kind is kind]
    return max(found, key=lambda pr: pr[1].strokes[0].t_start) if found else None


def _strokes_json(readings: Sequence[Reading]) -> list[list[list[float]]]:
    return [[[round(float(x), 1), round(float(y), 1)] for x, y in s.xy.tolist()] for r in readings for s in r.strokes]


@dataclass
class _Decision:
    report: ItemReport
    response: ResponseIn | None
    review: ReviewIn | None


def _decide(page: PenPage, region: layout.ItemRegion, link: AssignmentItem,
            readings: list[tuple[str, Reading]]) -> _Decision:
    mark, score, choice = (_latest(readings, k) for k in (ReadingKind.GRADING, ReadingKind.SCORE, ReadingKind.CHOICE))
    used = [pr for pr in (mark, score, choice) if pr is not None]
    found = outcome_of(mark=mark[1].value if mark else "", score_text=score[1].value if score else "",
                       chosen=choice[1].value if choice else None,
                       key=choice_key(link.item.type, link.item.answer), full_score=link.score)
    confidence = min(r.confidence for _, r in used)
    mark_name = MARK_NAMES.get(mark[1].value, mark[1].value) if mark else ""
    answer = choice[1].value if choice else ""
    crossing = any(r.crossing for _, r in used)
    unsure = any(r.review for _, r in used)
    reason = ("a stroke crosses into another item" if crossing else
              f"confidence {confidence:.2f} below {DEFAULT_INK_CONFIG.review_below}" if unsure else "")
    report = ItemReport(link.pk, link.position, found.outcome, None if found.score is None else str(found.score),
                        answer, mark_name, round(confidence, 3), "review" if unsure else "recorded", reason)
    evidence = f"pen:{page.address}"
    if not unsure:
        return _Decision(report, ResponseIn(link.pk, page.student_id, found.outcome, score=found.score, answer=answer,
                                            mark=mark_name, confidence=confidence, evidence=evidence), None)
    first = min(used, key=lambda pr: pr[1].strokes[0].t_start)
    g = region.grading
    review = ReviewIn(
        kind="pen", dedupe_key=f"pen:{first[0]}:{page.address}:{link.pk}:{first[1].strokes[0].t_start}"[:120],
        assignment_item_id=link.pk, student_id=page.student_id,
        proposed={"outcome": found.outcome, "score": report.score, "answer": answer, "mark": mark_name},
        confidence=confidence, reason=reason, strokes=_strokes_json([r for _, r in used]),
        box={"x": g.x, "y": g.y, "w": g.w, "h": g.h}, evidence=evidence)
    return _Decision(report, None, review)


def pages_read(pen_pages: Sequence[PenPage]) -> ReadResult:
    """Read these printed pages from all their stored dots; record sure items, queue unsure ones."""
    if not pen_pages:
        return ReadResult([], 0, 0)
    by_address = {p.address: p for p in pen_pages}
    layouts = layout_pages(pen_pages)
    chunks = list(DotChunk.objects.filter(address__in=by_address).values_list("pen__serial", "pen__role", "address",
                                                                               "data"))
    roles = {serial: Role(role) for serial, role, _, _ in chunks}
    strokes = dots_to_strokes(batch_of([(serial, parse_address(a), data) for serial, _, a, data in chunks]))
    session = read_strokes(strokes, {parse_address(a): page for a, page in layouts.items()}, roles)
    per_item: dict[tuple[str, str], list[tuple[str, Reading]]] = {}
    for address, pen, reading in session.pages:
        for r in reading.readings:
            per_item.setdefault((str(address), r.item_key), []).append((pen, r))
    links = AssignmentItem.objects.filter(pk__in={int(key) for _, key in per_item}).select_related("item").in_bulk()
    reports = {a: PageReport(a, "read", assignment=p.assignment_id, student=p.student_id, sheet_page=p.sheet_page)
               for a, p in by_address.items()}
    decisions: list[tuple[str, _Decision]] = []
    for (address, key), readings in sorted(per_item.items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
        page, link = by_address[address], links.get(int(key))
        region = next((i for i in layouts[address].items if i.key == key), None)
        if link is None or region is None:
            continue  # the item left the assignment after printing: nothing to record it against
        decisions.append((address, _decide(page, region, link, readings)))
    return _record(reports, decisions)


def _record(reports: dict[str, PageReport], decisions: list[tuple[str, _Decision]]) -> ReadResult:
    for address, d in decisions:
        reports[address].items.append(d.report)
    rows = [d.response for _, d in decisions if d.response is not None]
    recorded = 0
    try:
        done = responses_record(responses=rows, source=Response.Source.PEN)
        recorded = done.created + done.updated
    except ResponsesRejected as exc:  # e.g. a student left the class after the sheets were printed
        for address in {a for a, d in decisions if d.response is not None}:
            reports[address].status, reports[address].reason = "refused", f"not recorded: {exc}"[:500]
    queued = review_enqueue(items=[d.review for _, d in decisions if d.review is not None])
    return ReadResult(list(reports.values()), recorded, queued)

