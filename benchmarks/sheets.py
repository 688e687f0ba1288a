"""Benchmark: personalised answer sheets for a class of 50 students, two pages each (issue 3).

Run with ``.venv/bin/python benchmarks/sheets.py``. It measures, in one process:

* **batched**: the whole class in one call (layout once, one typst document, one compile),
  as the ``homework`` app does; from a cold start (the typst compiler scans fonts once) and
  warm (the compiler is reused between runs, as in a long-lived worker);
* **baseline**: the same 50 students compiled one call per student with the same warm
  compiler, the obvious alternative;

and prints pages/s, total seconds and the baseline/batched ratio. Target: the whole class
in under 5 s. The layout JSON is written too, since it is part of every print.
No database and no Django: the layout core is framework-free.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zuoye.core.layout import SheetSpec, StudentRef, Typesetter, layout_to_json, sheets_build  # noqa: E402
from zuoye.core.layout.tests.personas import HEADER, fraction_items  # noqa: E402

TARGET_S = 5.0


def class_of(size: int) -> list[StudentRef]:
    surnames, given = "王李张刘陈杨黄赵吴周", ("小明", "雨涵", "子轩", "梓萱", "浩然")
    return [StudentRef(1000 + n, surnames[n % 10] + given[n % 5], f"2023{n + 1:04d}") for n in range(size)]


def batched(spec: SheetSpec, students: list[StudentRef], typesetter: Typesetter) -> tuple[float, int, int]:
    """Seconds for the whole class in one call (PDF and layout JSON), pages, PDF bytes."""
    started = time.perf_counter()
    printed = sheets_build(spec, students, typesetter=typesetter)
    layout_to_json(printed.layout)
    return time.perf_counter() - started, printed.layout.page_count, len(printed.pdf)


def one_by_one(spec: SheetSpec, students: list[StudentRef], typesetter: Typesetter) -> float:
    started = time.perf_counter()
    for student in students:
        printed = sheets_build(spec, [student], typesetter=typesetter)
        layout_to_json(printed.layout)
    return time.perf_counter() - started


def fresh(run: int, size: int) -> tuple[SheetSpec, list[StudentRef]]:
    """A new assignment id for every run, so no QR code (and no compiled page) is reused from a cache."""
    return SheetSpec(assignment_id=100 + run, header=HEADER, items=fraction_items()), class_of(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs of each method (median reported)")
    parser.add_argument("--out", type=Path, help="also write the class PDF here, to look at")
    args = parser.parse_args()
    runs = iter(range(1000))

    started = time.perf_counter()
    typesetter = Typesetter()  # cold: fonts are scanned here
    spec, students = fresh(next(runs), args.students)
    _, pages, size = batched(spec, students, typesetter)
    cold = time.perf_counter() - started
    warm = statistics.median(batched(*fresh(next(runs), args.students), typesetter)[0] for _ in range(args.repeat))
    baseline = statistics.median(one_by_one(*fresh(next(runs), args.students), typesetter) for _ in range(args.repeat))
    if args.out:
        args.out.write_bytes(sheets_build(spec, students, typesetter=typesetter).pdf)

    print(f"class of {args.students}: {pages} pages ({pages // args.students} per student), PDF {size / 1e6:.1f} MB")
    print(f"batched, cold start (font scan included): {cold:6.2f} s  {pages / cold:7.1f} pages/s")
    print(f"batched, warm compiler (median of {args.repeat}):  {warm:6.2f} s  {pages / warm:7.1f} pages/s")
    print(f"baseline, one call per student (median):  {baseline:6.2f} s  {pages / baseline:7.1f} pages/s")
    print(f"ratio baseline / batched (warm): {baseline / warm:.1f}x")
    verdict = "met" if cold < TARGET_S else "MISSED"
    print(f"target: whole class under {TARGET_S:.0f} s: {verdict} ({cold:.2f} s cold, {warm:.2f} s warm)")


if __name__ == "__main__":
    main()
