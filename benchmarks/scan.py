"""Benchmark: the scan pipeline (issue 4), speed and accuracy on simulated pages, in one run.

Run with ``.venv/bin/python benchmarks/scan.py [--pages N] [--workers K]``. The sheets are the
real ones: the small six-item assignment of the scan tests laid out and typeset by
``core.layout.sheets_build`` (typst, the fonts the project installs) for 60 students, one page
each, and the PDF rasterised at 200 dpi by ``pdftoppm`` as a printer's page. On that print
``zuoye.core.scan.simulate`` draws random pencil and red-pen work on every item and scans it;
the pages are saved as JPEG files under ``--cache`` before anything is timed (a second run with
the same arguments reuses them). ``--print drawn`` draws the print from the layout instead
(the simulator's fast stand-in, which the mark networks were trained on; the figures of
earlier notes were measured on it). Greyscale scans are read with the page's print known
(``page_read(prints=...)``, as the capture app does from the stored PDF). Four rows, each of
``--pages`` pages (the others default to a quarter as many as the colour row):

* **scanner, colour** (the default degradation): 200 dpi, any rotation (0/90/180/270°) with a
  skew of up to ±3°, JPEG quality 70-90, uneven light, noise;
* **scanner, greyscale**: the same in grey levels (red ink is only a shade of grey);
* **phone**: perspective (a 4-point warp), a shadow, a bowed page on a darker table, 150-200 dpi
  equivalent, colour;
* **scores**: the colour row's scans with points written in every score box as well (0–20 or
  −1 to −12, ``simulate.score_text``): score digits right, and score boxes whose item is sent to
  review or read wrong above the threshold.

For each row it prints pages/s on one core and on ``--workers`` processes (decode + read,
from the JPEG bytes), the time to merely decode the same files (the floor) and the ratio to
it, then marks read right, wrong reads above the review threshold, share of items sent to
review, choices read right, and score digits read right (items with a score box).

Targets (issue 4): ≥ 99.9 % of marks right; no wrong read above the threshold; ≤ 1 % sent to
review at the default degradation; ≥ 50 pages/s on the machine's cores for 200-dpi JPEG,
within 3× of the decode floor. No database and no Django.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

cv2.setNumThreads(1)  # one core means one core; the pool gives the parallelism

from zuoye.capture.services.files import file_pages  # noqa: E402
from zuoye.core.layout import PageAddress, SheetSet, SheetSpec  # noqa: E402
from zuoye.core.layout.sheets import sheets_build  # noqa: E402
from zuoye.core.layout.spec import StudentRef  # noqa: E402
from zuoye.core.scan import DEFAULT_SCAN_CONFIG, PageStatus, Status, lookup_from, page_read, pages_decode  # noqa: E402
from zuoye.core.scan.redpen import Mask, print_mask  # noqa: E402
from zuoye.core.scan.report import BubbleState, Image  # noqa: E402
from zuoye.core.scan.simulate import Degradation, page_degrade, page_fill, score_text  # noqa: E402
from zuoye.core.scan.tests.personas import HEADER, items, random_work, sheet_set  # noqa: E402

TARGET_RIGHT, TARGET_REVIEW, TARGET_PAGES_S, TARGET_DECODE_RATIO = 0.999, 0.01, 50.0, 3.0
STUDENTS = 60
ROWS = ("colour", "grey", "phone", "scores")


PRINTS = ("pdf", "drawn")


@dataclass
class Sheets:
    """The benchmark's sheets: their layout, and each page's print rasterised (``pdf``) or none
    (``drawn``: the simulator draws it), with the print masks greyscale reading is given."""

    layout: SheetSet
    printed: dict[tuple[int, int], Image] = field(default_factory=dict)  # (student, page) -> 200 dpi BGR
    masks: dict[tuple[int, int], Mask] = field(default_factory=dict)
    name: str = "drawn"
    """Names the cached pages: ``drawn``, or ``pdf-`` and the typst source's hash (a change of print makes new pages)."""

    def prints(self, address: PageAddress) -> Mask | None:
        return self.masks.get((address.student_id, address.page))


def sheets_make(print_kind: str) -> Sheets:
    if print_kind == "drawn":
        return Sheets(sheet_set(assignment_id=42, students=range(1, STUDENTS + 1)))
    spec = SheetSpec(assignment_id=42, header=HEADER, items=items())
    built = sheets_build(spec, [StudentRef(i, f"学生{i:02d}", f"2026{i:04d}") for i in range(1, STUDENTS + 1)])
    pages = [(sheet.student_id, page) for sheet in built.layout.sheets for page in sheet.pages]
    images = [p.image for p in file_pages("sheets.pdf", built.pdf)]
    assert len(images) == len(pages) and all(i is not None for i in images), "the sheet PDF did not rasterise"
    printed = {(student, page.number): image for (student, page), image in zip(pages, images, strict=True)}
    masks = {(student, page.number): print_mask(printed[student, page.number], page) for student, page in pages}
    digest = hashlib.sha256(built.source.encode()).hexdigest()[:8]  # the PDF's bytes carry its date
    return Sheets(built.layout, printed, masks, f"pdf-{digest}")  # type: ignore[arg-type]


def degradation(row: str, rng: np.random.Generator) -> tuple[float, Degradation]:
    """(dpi, degradation) of one simulated page of ``row``."""
    jpeg, light, noise = int(rng.integers(70, 91)), float(rng.uniform(0, 0.2)), float(rng.uniform(0, 3))
    if row == "phone":
        return float(rng.uniform(150, 200)), Degradation(
            angle=float(rng.uniform(-8, 8) + rng.choice([0.0, 180.0])), jpeg_quality=int(rng.integers(70, 86)),
            light=light, noise=noise, perspective=float(rng.uniform(0.02, 0.06)),
            shadow=float(rng.uniform(0.1, 0.35)), curve=float(rng.uniform(0, 4)), background=int(rng.integers(90, 170)))
    angle = float(rng.choice([0.0, 90.0, 180.0, 270.0]) + rng.uniform(-3, 3))
    return 200.0, Degradation(angle=angle, grey=row == "grey", jpeg_quality=jpeg, light=light, noise=noise)


def _make(job: tuple[str, int, int, str]) -> dict:
    row, index, seed, folder = job
    rng = np.random.default_rng([seed, ROWS.index(row), index])
    sheet = _SHEETS.layout.sheets[index % len(_SHEETS.layout.sheets)]
    page = sheet.pages[0]
    work = random_work(page, rng)
    if row == "scores":  # the teacher writes points in every score box too
        work = dataclasses.replace(work, scores={item.key: score_text(rng) for item in page.items if item.score_box})
    dpi, d = degradation(row, rng)
    name = f"{row}-{index:05d}.jpg"
    target = Path(folder) / name
    if not target.exists():  # a run stopped half way is resumed: the work comes first from the generator
        image = page_degrade(page_fill(page, work, dpi / 25.4, rng, _SHEETS.printed.get((sheet.student_id, page.number))),
                             Degradation(**{**d.__dict__, "jpeg_quality": 0}), rng)
        ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg_quality])
        assert ok
        partial = target.with_suffix(".part")
        partial.write_bytes(data.tobytes())
        partial.rename(target)
    return {"file": name, "student": sheet.student_id,
            "marks": {k: v.value for k, v in work.marks.items()},
            "filled": {k: sorted(v for v, s in states.items() if s is BubbleState.FILLED)
                       for k, states in work.bubbles.items()},
            "scores": dict(getattr(work, "scores", {}) or {})}


_SHEETS = sheets_make("drawn")  # ``main`` sets the sheets before any pool starts (the workers fork from it)
_LOOKUP = lookup_from([_SHEETS.layout])


def row_folder(cache: Path, row: str, count: int, seed: int) -> Path:
    """The row's cached pages (the drawn print's keep the names of earlier runs)."""
    return cache / (f"{row}-{count}-{seed}" + ("" if _SHEETS.name == "drawn" else f"-{_SHEETS.name}"))


def pages_make(row: str, count: int, seed: int, cache: Path, workers: int) -> list[dict]:
    """The row's pages on disk (made in parallel, once) and their truth."""
    folder = row_folder(cache, row, count, seed)
    truth_file = folder / "truth.json"
    if truth_file.exists():
        return list(json.loads(truth_file.read_text()))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with multiprocessing.Pool(workers) as pool:
        truth = pool.map(_make, [(row, i, seed, str(folder)) for i in range(count)], chunksize=4)
    truth_file.write_text(json.dumps(truth))
    print(f"  (made {count} {row} pages in {time.perf_counter() - started:.0f} s, cached in {folder})", flush=True)
    return truth


def _read(path: str) -> object:
    decoded = pages_decode(Path(path).read_bytes())
    assert decoded.value is not None, decoded.report.reason
    return page_read(decoded.value[0], _LOOKUP, prints=_SHEETS.prints if _SHEETS.masks else None)


def _decode(path: str) -> int:
    """The floor: a full-size decode (``page_read``'s path decodes a large JPEG at half size,
    which is cheaper; the floor does not take that credit)."""
    return len(pages_decode(Path(path).read_bytes(), half_from_px=None).value or ())


def _decode_half(path: str) -> int:
    return len(pages_decode(Path(path).read_bytes()).value or ())


@dataclass
class Tally:
    pages: int = 0
    unread: list[str] = field(default_factory=list)
    marks: int = 0
    right: int = 0
    review: int = 0
    wrong_sure: int = 0
    choices: int = 0
    choices_right: int = 0
    scores: int = 0
    scores_right: int = 0
    scores_review: int = 0
    scores_wrong_sure: int = 0
    confusions: Counter[str] = field(default_factory=Counter)

    def add(self, truth: dict, result: object) -> None:
        self.pages += 1
        if result.status is not PageStatus.READ:  # type: ignore[attr-defined]
            self.unread.append(f"{truth['file']}: {result.reason}")  # type: ignore[attr-defined]
            return
        for item in result.items:  # type: ignore[attr-defined]
            want = truth["marks"][item.key]
            self.marks += 1
            right = item.mark.value == want
            self.right += right
            review = item.status is Status.REVIEW
            self.review += review
            self.wrong_sure += not review and not right
            if not right:
                self.confusions[f"{want}→{item.mark.value}{' (review)' if review else ''}"] += 1
            if item.choice is not None:
                self.choices += 1
                self.choices_right += sorted(item.choice.values) == truth["filled"].get(item.key, [])
            if item.key in truth["scores"]:
                self.scores += 1
                score_right = getattr(item, "score_text", "") == truth["scores"][item.key]
                self.scores_right += score_right
                self.scores_review += review
                self.scores_wrong_sure += not review and not score_right


def measure(row: str, truth: list[dict], folder: Path, workers: int) -> None:
    paths = [str(folder / t["file"]) for t in truth]
    for p in paths[:3]:  # warm up: imports, zxing, layouts
        _read(p)
    started = time.perf_counter()
    for p in paths:
        _decode(p)
    decode_s = time.perf_counter() - started
    started = time.perf_counter()
    for p in paths:
        _decode_half(p)
    half_s = time.perf_counter() - started
    tally = Tally()
    started, cpu = time.perf_counter(), time.process_time()
    results = [_read(p) for p in paths]
    one_s, one_cpu = time.perf_counter() - started, time.process_time() - cpu
    cpu = time.process_time()
    for p in paths:
        _decode(p)
    decode_cpu = time.process_time() - cpu
    for t, r in zip(truth, results, strict=True):
        tally.add(t, r)
    started = time.perf_counter()
    with multiprocessing.Pool(workers) as pool:
        pool.map(_decode, paths[:workers])  # start the workers before the clock matters
        started = time.perf_counter()
        many = pool.map(_read, paths, chunksize=4)
    many_s = time.perf_counter() - started
    assert [r.items for r in many] == [r.items for r in results], "parallel and serial readings differ"
    n = len(paths)
    print(f"{row}: {n} pages; one core {n / one_s:.1f} pages/s ({1000 * one_s / n:.0f} ms a page), "
          f"{workers} processes {n / many_s:.1f} pages/s (target ≥ {TARGET_PAGES_S:.0f}); "
          f"decode alone {1000 * decode_s / n:.1f} ms a page (full size; {1000 * half_s / n:.1f} ms as page_read's "
          f"path decodes), read = {one_s / decode_s:.1f}× decode (target ≤ {TARGET_DECODE_RATIO:.0f}×)")
    print(f"  CPU time (not wall: other load on the machine does not count): read {1000 * one_cpu / n:.1f} ms a page "
          f"= {n / max(1e-9, one_cpu):.1f} pages/s a core, full-size decode {1000 * decode_cpu / n:.1f} ms, "
          f"read = {one_cpu / max(1e-9, decode_cpu):.1f}× decode")
    print(f"  marks {tally.marks}: right {tally.right / max(1, tally.marks):.2%} (target ≥ {TARGET_RIGHT:.1%}); "
          f"wrong above threshold {tally.wrong_sure} (target 0); sent to review "
          f"{tally.review / max(1, tally.marks):.2%} (target ≤ {TARGET_REVIEW:.0%}, threshold "
          f"{DEFAULT_SCAN_CONFIG.review_below}); choices right {tally.choices_right}/{tally.choices} "
          f"= {tally.choices_right / max(1, tally.choices):.2%}"
          + (f"; score boxes {tally.scores}: digits right {tally.scores_right / tally.scores:.2%}, item sent to "
             f"review {tally.scores_review / tally.scores:.2%} (the mark's doubt included), wrong above threshold "
             f"{tally.scores_wrong_sure}" if tally.scores else ""))
    if tally.unread:
        print(f"  pages not read: {len(tally.unread)}: " + "; ".join(tally.unread[:5]))
    if tally.confusions:
        print("  confusions (truth→read): " + ", ".join(f"{k} {v}" for k, v in tally.confusions.most_common(12)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages of the default (colour scanner) row")
    parser.add_argument("--other-pages", type=int, default=0,
                        help="pages of the greyscale, phone and scores rows (default: a quarter of --pages)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rows", default=",".join(ROWS), help=f"which rows, of {','.join(ROWS)}")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/zuoye-scan-bench"))
    parser.add_argument("--print", dest="print_kind", choices=PRINTS, default="pdf",
                        help="pdf: the real sheet PDF rasterised (default); drawn: the simulator's stand-in")
    args = parser.parse_args()
    print(f"scan benchmark: {args.workers} processes on {os.cpu_count()} cores; review threshold "
          f"{DEFAULT_SCAN_CONFIG.review_below}; print: {args.print_kind}", flush=True)
    sheets_use(args.print_kind)
    for row in args.rows.split(","):
        count = args.pages if row == "colour" else (args.other_pages or max(1, args.pages // 4))
        truth = pages_make(row, count, args.seed, args.cache, args.workers)
        measure(row, truth, row_folder(args.cache, row, count, args.seed), args.workers)


def sheets_use(print_kind: str) -> None:
    """Lay out (and for ``pdf`` typeset and rasterise) the sheets every reader and maker uses."""
    global _SHEETS, _LOOKUP
    started = time.perf_counter()
    _SHEETS = sheets_make(print_kind)
    _LOOKUP = lookup_from([_SHEETS.layout])
    if print_kind == "pdf":
        print(f"  (typeset and rasterised {len(_SHEETS.printed)} sheets in {time.perf_counter() - started:.1f} s)",
              flush=True)


if __name__ == "__main__":
    main()
