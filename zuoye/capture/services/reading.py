"""Reading a batch: every page image through the scan core, every item into a result or the review queue.

One service, ``batch_read``, serves the web upload's job, the command line and the watched
folder alike. Per page: decode (``files``) → ``page_read`` against the batch's ``BatchLookup`` →
per item, the outcome from the teacher's mark, the score and the chosen options
(``core.outcomes``) → sure readings through the one door (``responses_record``, source
``scan`` or ``photo``), unsure ones to the review queue with a crop of the item's area from the
rectified page. Results are recorded page by page, so the class's results grid fills in while
the batch is still being read.

Nothing is silently guessed or lost: a page that cannot be identified is kept as
``quarantined`` with the reader's reason (and a small preview), to be assigned by hand; a
page whose (assignment, student, sheet page) was already read is a ``duplicate`` ("scanned
again"):
but it is not counted or recorded twice: the first reading stands, and an item the new
image reads differently goes to the review queue. The same image bytes seen before are not
read again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from zuoye.accounts.models import User
from zuoye.capture.models import ReviewItem, ScanBatch, ScannedPage, Upload
from zuoye.capture.services.files import SourcePage, file_pages, page_count
from zuoye.capture.services.lookup import BatchLookup, ItemInfo
from zuoye.capture.services.review import ReviewIn, review_enqueue
from zuoye.core.layout import Page, Rect
from zuoye.core.outcomes import choice_key, outcome_of
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.pipeline import ItemResult, PageResult, PageStatus, page_read
from zuoye.core.scan.report import Image, MarkKind, Status
from zuoye.homework.models import Response
from zuoye.homework.services.responses import ResponseIn, ResponsesRejected, responses_record
from zuoye.schools.access import scope_for

Progress = Callable[[int, int, str], None]
CROP_MARGIN_MM = 4.0
"""Around an item's grading area in its review crop: a tick spills out of the area it turns in."""
PREVIEW_WIDTH_PX = 700


@dataclass
class PageReading:
    """What reading one page image gave, before it is stored."""

    status: str
    reason: str
    assignment_id: int | None = None
    student_id: int | None = None
    sheet_page: int | None = None
    items: list[dict[str, object]] = field(default_factory=list)
    responses: list[ResponseIn] = field(default_factory=list)
    reviews: list[ReviewIn] = field(default_factory=list)
    flat: Image | None = None  # the rectified page, for crops
    areas: dict[int, Rect] = field(default_factory=dict)  # item id -> grading area (mm)
    px_per_mm: float = DEFAULT_SCAN_CONFIG.px_per_mm

    def crop(self, item_id: int) -> bytes:
        """The item's area as a PNG (made only for the items a person will look at)."""
        if self.flat is None or item_id not in self.areas:
            return b""
        return _crop(self.flat, self.areas[item_id], self.px_per_mm)


def _crop(flat: Image, area: Rect, k: float) -> bytes:
    h, w = flat.shape[:2]
    box = area.inflate(CROP_MARGIN_MM)
    x0, y0 = max(0, int(box.x * k)), max(0, int(box.y * k))
    x1, y1 = min(w, int(box.right * k)), min(h, int(box.bottom * k))
    ok, data = cv2.imencode(".png", flat[y0:y1, x0:x1])
    return data.tobytes() if ok else b""


def _item(result: ItemResult, info: ItemInfo) -> tuple[dict[str, object], ResponseIn]:
    mark = result.mark.value if result.mark not in (MarkKind.NOTHING, MarkKind.UNKNOWN) else ""
    # An option hidden under the teacher's sure mark is not guessed: recorded as unknown ("").
    chosen = ("".join(result.choice.values) if result.option_read or result.status is Status.REVIEW else "") \
        if result.choice is not None else None
    outcome = outcome_of(mark=mark, score_text=result.score_text, chosen=chosen,
                         key=choice_key(info.item_type, info.answer), full_score=info.full_score)
    row = {"item": info.link_id, "position": info.position, "outcome": outcome.outcome,
           "score": None if outcome.score is None else str(outcome.score), "answer": chosen or "",
           "mark": mark or result.mark.value, "score_text": result.score_text,
           "confidence": round(result.confidence, 3),
           "status": "recorded" if result.status is Status.READ else "review", "reason": result.reason}
    return row, ResponseIn(info.link_id, 0, outcome.outcome, outcome.score, chosen or "", mark,
                           max(0.0, min(1.0, result.confidence)))


def _review(kind: str, key: str, row: dict[str, object], response: ResponseIn, reason: str, crop: bytes,
            area: Rect) -> ReviewIn:
    return ReviewIn(
        kind, key, response.assignment_item_id, response.student_id,
        {"outcome": response.outcome, "score": row["score"], "answer": response.answer, "mark": row["mark"]},
        float(row["confidence"]), reason, crop_png=crop,  # type: ignore[arg-type]
        box={"x": area.x, "y": area.y, "w": area.w, "h": area.h}, evidence=response.evidence)


def readings_of(result: PageResult, page: Page, flat: Image | None, *, student_id: int, items: dict[int, ItemInfo],
                kind: str, evidence: str, config: ScanConfig) -> PageReading:
    """An identified page's items: rows for the JSON, results to record, reviews to queue."""
    assert result.address is not None
    reading = PageReading(ScannedPage.Status.READ, "ok", result.address.assignment_id, student_id, page.number,
                          flat=flat, px_per_mm=config.px_per_mm)
    regions = {region.key: region for region in page.items}
    for item_result in result.items:
        info = items.get(int(item_result.key)) if item_result.key.isdigit() else None
        if info is None:
            reading.items.append({"item": item_result.key, "status": "skipped",
                                  "reason": "the sheet names an item this assignment no longer has"})
            continue
        row, response = _item(item_result, info)
        reading.items.append(row)
        area = regions[item_result.key].grading
        reading.areas[info.link_id] = area
        response = ResponseIn(response.assignment_item_id, student_id, response.outcome, response.score,
                              response.answer, response.mark, response.confidence, evidence)
        if item_result.status is Status.READ:
            reading.responses.append(response)
            continue
        reading.reviews.append(_review(kind, f"{kind}:{info.link_id}:{student_id}", row, response,
                                       item_result.reason, reading.crop(info.link_id), area))
    return reading


def page_reading(image: Image, lookup: BatchLookup, *, kind: str, evidence: str,
                 config: ScanConfig = DEFAULT_SCAN_CONFIG,
                 read: Callable[..., PageResult] = page_read) -> PageReading:
    """Read one page image: identified and read, blank, or quarantined with the reason."""
    sink: dict[str, Image] = {}
    result = read(image, lookup, config, lambda name, img: sink.__setitem__(name, img), lookup.printed)
    if result.status is PageStatus.BLANK:
        return PageReading(ScannedPage.Status.BLANK, result.reason)
    if result.status is not PageStatus.READ or result.address is None:
        reason = result.reason
        if result.address is not None and result.reports[-1].stage == "lookup":
            reason = lookup.why(result.address)
        address = result.address
        return PageReading(ScannedPage.Status.QUARANTINED, reason,
                           address.assignment_id if address else None, None, address.page if address else None)
    page = lookup(result.address)
    assert page is not None
    student_id, why = _student_of(result, lookup)
    if student_id is None:
        return PageReading(ScannedPage.Status.QUARANTINED, why, result.address.assignment_id, None,
                           result.address.page)
    return readings_of(result, page, sink.get("rectified"), student_id=student_id,
                       items=lookup.items(result.address.assignment_id), kind=kind, evidence=evidence, config=config)


def _student_of(result: PageResult, lookup: BatchLookup) -> tuple[int | None, str]:
    """The student a page is of: the QR's, or on a generic class sheet the one whose 学籍号 ends
    with the digits filled in its grid — only when the grid was read surely and names exactly one
    student of the homework's classes; otherwise the page waits to be assigned by hand.

    A child's own photos (``lookup.student_id``) are the child's: the person uploading chose the
    child, and the upload page checked they may. There a grid left blank or not read clearly does
    not hold the page back; only digits read that name someone else do."""
    address = result.address
    assert address is not None
    if not address.generic:
        return address.student_id, ""
    number = result.student_number
    if lookup.student_id is not None:
        seen = "" if number is None else number.digits
        if seen.strip("?") and lookup.student_id not in lookup.students_ending(address.assignment_id, seen):
            return None, f"this page belongs to another student (student number ending {seen})"
        return lookup.student_id, ""
    if number is None:
        return None, "a generic class sheet without a student-number grid: assign the page to a student by hand"
    if number.status is not Status.READ or "?" in number.digits:
        return None, (f"the student number on this generic sheet was not read clearly ({number.digits}: "
                      f"{number.reason}); assign the page to a student by hand")
    found = lookup.students_ending(address.assignment_id, number.digits)
    if len(found) != 1:
        return None, (f"{'no student' if not found else 'several students'} of this homework's classes "
                      f"ha{'s' if not found else 've'} a student number ending {number.digits}; "
                      "assign the page to a student by hand")
    return found[0], ""


def _preview(image: Image) -> bytes:
    h, w = image.shape[:2]
    scale = min(1.0, PREVIEW_WIDTH_PX / w)
    small = cv2.resize(image, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 70])
    return data.tobytes() if ok else b""


def _earlier(scanned: ScannedPage) -> ScannedPage | None:
    """A page already read with the same identity, or from the same image bytes."""
    same = Q(assignment_id=scanned.assignment_id, student_id=scanned.student_id, sheet_page=scanned.sheet_page)
    if scanned.assignment_id is None or scanned.student_id is None:
        same = Q(pk__in=[])
    if scanned.image_sha256:
        same |= Q(image_sha256=scanned.image_sha256)
    return (ScannedPage.objects.filter(same, status=ScannedPage.Status.READ).exclude(pk=scanned.pk)
            .select_related("upload", "batch").order_by("id").first())


def _differences(reading: PageReading, earlier: ScannedPage, kind: str, digest: str) -> list[ReviewIn]:
    """A page scanned again that reads differently: each differing item goes to the teacher."""
    before = {row.get("item"): row for row in earlier.items}
    by_item = {r.assignment_item_id: r for r in [*reading.responses, *(_as_response(v) for v in reading.reviews)]}
    out = []
    for row in reading.items:
        old, new = before.get(row.get("item")), by_item.get(row.get("item"))  # type: ignore[call-overload]
        if old is None or new is None or old.get("outcome") == row.get("outcome"):
            continue
        reason = (f"scanned again and read differently: first {old.get('outcome')} ({old.get('mark')}), "
                  f"now {row.get('outcome')} ({row.get('mark')})")
        out.append(ReviewIn(kind, f"{kind}:{new.assignment_item_id}:{new.student_id}:{digest[:16]}",
                            new.assignment_item_id, new.student_id,
                            {"outcome": row["outcome"], "score": row.get("score"), "answer": row.get("answer", ""),
                             "mark": row.get("mark", "")}, 0.0, reason,
                            crop_png=reading.crop(new.assignment_item_id), evidence=new.evidence))
    return out


def _as_response(review: ReviewIn) -> ResponseIn:
    return ResponseIn(review.assignment_item_id, review.student_id, str(review.proposed.get("outcome")),
                      evidence=review.evidence)


def reading_store(reading: PageReading, scanned: ScannedPage, *, source: str,
                  actor: User | None) -> tuple[int, int]:
    """Record and queue a page's readings; returns (results recorded, items sent to review).

    A page already read (same assignment, student and sheet page) is not recorded again: the
    first reading stands, and any item the new image reads differently waits for the teacher.
    """
    scanned.status, scanned.reason = reading.status, reading.reason[:300]
    scanned.assignment_id, scanned.student_id, scanned.sheet_page = (
        reading.assignment_id, reading.student_id, reading.sheet_page)
    scanned.items = reading.items
    if reading.status != ScannedPage.Status.READ:
        return 0, 0
    earlier = _earlier(scanned)
    if earlier is not None:
        scanned.status = ScannedPage.Status.DUPLICATE
        scanned.reason = f"scanned again: already read from {earlier.source_label} (batch {earlier.batch_id})"[:300]
        kind = ReviewItem.Kind.PHOTO if source == Response.Source.PHOTO else ReviewItem.Kind.SCAN
        differing = _differences(reading, earlier, kind, scanned.image_sha256 or str(scanned.pk))
        review_enqueue(items=differing)
        return 0, len(differing)
    try:
        recorded = responses_record(responses=reading.responses, source=source, recorded_by=actor)
    except ResponsesRejected as exc:
        scanned.status, scanned.reason = ScannedPage.Status.QUARANTINED, f"the results were refused: {exc}"[:300]
        return 0, 0
    review_enqueue(items=reading.reviews)
    return recorded.created + recorded.updated, len(reading.reviews)


def _same_image(digest: str) -> ScannedPage | None:
    return (ScannedPage.objects.filter(image_sha256=digest, status=ScannedPage.Status.READ)
            .select_related("upload").order_by("id").first())


def page_process(*, batch: ScanBatch, upload: Upload, source: SourcePage, lookup: BatchLookup,
                 config: ScanConfig = DEFAULT_SCAN_CONFIG) -> tuple[ScannedPage, int, int]:
    """One page image of a batch, stored; returns it with (results recorded, items sent to review)."""
    scanned = ScannedPage(batch=batch, upload=upload, member=source.member[:200], page_number=source.number)
    if source.image is None:
        scanned.status, scanned.reason = ScannedPage.Status.QUARANTINED, source.error[:300]
        scanned.save()
        return scanned, 0, 0
    scanned.image_sha256 = hashlib.sha256(np.ascontiguousarray(source.image).tobytes()).hexdigest()
    seen = _same_image(scanned.image_sha256)
    if seen is not None and lookup.allows(seen.assignment_id, seen.student_id, seen.sheet_page):
        scanned.status, scanned.items = ScannedPage.Status.DUPLICATE, seen.items
        scanned.assignment_id, scanned.student_id, scanned.sheet_page = seen.assignment_id, seen.student_id, seen.sheet_page
        scanned.reason = f"scanned again: the same image as {seen.source_label} (batch {seen.batch_id})"[:300]
        scanned.save()
        return scanned, 0, 0
    scanned.save()  # its id is the evidence the results point at
    kind = ReviewItem.Kind.PHOTO if batch.source == ScanBatch.Source.PHOTO else ReviewItem.Kind.SCAN
    reading = page_reading(source.image, lookup, kind=kind, evidence=f"scan-page:{scanned.pk}", config=config)
    recorded, review = reading_store(reading, scanned, source=response_source(batch), actor=batch.created_by)
    if scanned.status == ScannedPage.Status.QUARANTINED:
        scanned.preview.save(f"page-{scanned.pk}.jpg", ContentFile(_preview(source.image)), save=False)
    scanned.save()
    return scanned, recorded, review


def response_source(batch: ScanBatch) -> str:
    return Response.Source.PHOTO if batch.source == ScanBatch.Source.PHOTO else Response.Source.SCAN


def batch_uploads(batch: ScanBatch) -> list[Upload]:
    """The batch's files in the order they were given."""
    through = ScanBatch.uploads.through.objects.filter(scanbatch=batch).select_related("upload").order_by("id")
    return [row.upload for row in through]


def _content(upload: Upload) -> bytes:
    with upload.file.open("rb") as handle:
        return handle.read()


def batch_lookup(batch: ScanBatch) -> BatchLookup:
    """Scanner batches: the uploader's homework only. A child's photos: that child's pages only (the
    upload page checked the child is the person's own or their own child)."""
    if batch.student_id is not None:
        return BatchLookup(scope=None, student_id=batch.student_id)
    scope = scope_for(batch.created_by) if batch.created_by is not None else None
    return BatchLookup(scope=scope)


def batch_read(*, batch: ScanBatch, progress: Progress | None = None,
               config: ScanConfig = DEFAULT_SCAN_CONFIG) -> ScanBatch:
    """Read every page of the batch (idempotent: a finished batch is left alone, an interrupted one
    starts over, which the one door makes harmless)."""
    report = progress or (lambda done, total, message: None)
    if batch.status == ScanBatch.Status.DONE:
        return batch
    batch.scanned_pages.all().delete()
    ScanBatch.objects.filter(pk=batch.pk).update(status=ScanBatch.Status.READING)
    uploads = batch_uploads(batch)
    total = sum(page_count(u.name, _content(u)) for u in uploads)  # one file in memory at a time
    lookup, done, recorded, review = batch_lookup(batch), 0, 0, 0
    report(0, total, "reading")
    for upload in uploads:
        for source in file_pages(upload.name, _content(upload)):
            _, got, queued = page_process(batch=batch, upload=upload, source=source, lookup=lookup, config=config)
            recorded, review, done = recorded + got, review + queued, done + 1
            report(done, max(total, done), f"{source.member or upload.name} p.{source.number}")
    return batch_finish(batch=batch, recorded=recorded, review=review)


def batch_finish(*, batch: ScanBatch, recorded: int, review: int) -> ScanBatch:
    """Count the batch's pages by status and close it."""
    statuses = list(batch.scanned_pages.values_list("status", flat=True))
    batch.pages = len(statuses)
    batch.read = statuses.count(ScannedPage.Status.READ)
    batch.blank = statuses.count(ScannedPage.Status.BLANK)
    batch.quarantined = statuses.count(ScannedPage.Status.QUARANTINED)
    batch.duplicates = statuses.count(ScannedPage.Status.DUPLICATE)
    batch.recorded, batch.review = recorded, review
    batch.status, batch.finished_at = ScanBatch.Status.DONE, timezone.now()
    batch.save()
    return batch
