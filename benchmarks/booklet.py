"""Benchmark: personal booklets (一人一册) for a class of 50 students, about 4 pages each (issue 6).

Run with ``.venv/bin/python benchmarks/booklet.py``. A throwaway SQLite database in a temporary
ZUOYE_HOME holds the test county, a class of 50 and a small item bank; each student's booklet
has 4 wrong questions, 2 micro-lessons and 6 extension exercises (cover, wrong questions and
lessons, the answer sheet, the answers: about 4 pages). It measures, in one process:

* **batched**, as the class job does: the contents read, the booklet assignment grown, every
  stem of the class measured in one typst call, the class typeset as one document and
  compiled once, every booklet and sheet layout stored; from a cold start (fonts scanned) and
  warm;
* **baseline**: the same 50 booklets one student at a time, one full print each (its own
  stem measurement, its own document and compile, its own storing), with the same warm compiler;

and prints seconds, pages and pages/s, and the time to make all fifty students' own PDFs
afterwards (each is made when first opened). Target: the whole class in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_S = 10.0
SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周", ("小明", "雨涵", "子轩", "梓萱", "浩然")


def _class_of(county, size: int):  # type: ignore[no-untyped-def]
    from zuoye.accounts.services import user_create
    from zuoye.schools import models as m
    from zuoye.schools import services as s

    for n in range(size - 1):  # 张小明 is there already
        user = user_create(username=f"bench{n}", full_name=SURNAMES[n % 10] + GIVEN[n % 5], password="x-bench-2026")
        student = m.Student.objects.create(user=user, school=county.school, student_number=f"G3607312013{n:08d}",
                                           gender="F")
        s.student_move(student=student, to_class=county.class_7_1, on=date(2026, 9, 1), source="bench")
    return list(m.Student.objects.filter(current_class=county.class_7_1).order_by("student_number"))


def _source(students, items, lessons):  # type: ignore[no-untyped-def]
    from zuoye.booklets.tests.content import fixed_content

    plan = {}
    for n, student in enumerate(students):
        pick = [items[(n + k) % len(items)] for k in range(9)]
        plan[student.pk] = {"wrong": pick[:4], "extension": pick[4:], "lessons": lessons}
    return fixed_content(plan)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--out", type=Path, help="also write the class PDF here, to look at")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="zuoye-bench-booklet-")
    os.environ["ZUOYE_HOME"] = home
    os.environ.pop("ZUOYE_DATABASE_URL", None)
    from benchmarks._support import django_setup

    django_setup()
    from zuoye.booklets.services.printing import booklet_pdf_ensure, booklets_print
    from zuoye.booklets.tests.content import lesson_for
    from zuoye.booklets.weeks import week_parse
    from zuoye.core.layout import Typesetter
    from zuoye.itembank.tests.bank import small_bank
    from zuoye.schools.tests.personas import build_county

    county = build_county()
    students = _class_of(county, args.students)
    items = small_bank(per_template=6)
    lessons = [lesson_for(items[0]), lesson_for(items[-1])]
    source = _source(students, items, lessons)

    stages: dict[str, float] = {}

    cpu: dict[str, float] = {}

    def batched(week: str, typesetter: Typesetter):  # type: ignore[no-untyped-def]
        started = last = time.perf_counter()
        cpu_started = time.process_time()

        def progress(done: int, total: int, message: str) -> None:  # time per stage, for the report
            nonlocal last
            now = time.perf_counter()
            stage = message.split(":")[0]
            stages[stage] = stages.get(stage, 0.0) + now - last
            last = now

        stages.clear()
        printed = booklets_print(school_class=county.class_7_1, week=week_parse(week), base_url="https://zuoye.example.cn",
                                 actor=None, content_source=source, typesetter=typesetter, progress=progress)
        cpu[week] = time.process_time() - cpu_started
        return time.perf_counter() - started, printed

    started = time.perf_counter()
    typesetter = Typesetter()  # cold: fonts are scanned here
    _, printed = batched("2026-W45", typesetter)
    cold = time.perf_counter() - started
    warm, printed = batched("2026-W46", typesetter)  # a new week: a new assignment, new QR codes
    began, cpu_began = time.perf_counter(), time.process_time()
    for student in students:
        booklets_print(school_class=county.class_7_1, week=week_parse("2026-W47"), base_url="https://zuoye.example.cn",
                       actor=None, students=[student], content_source=source, typesetter=typesetter)
    baseline, baseline_cpu = time.perf_counter() - began, time.process_time() - cpu_began
    began = time.perf_counter()
    own = sum(booklet_pdf_ensure(booklet=b, typesetter=typesetter).pages for b in printed.booklets)
    singles = time.perf_counter() - began
    if args.out:
        args.out.write_bytes(printed.pdf)

    pages = printed.pages
    print(f"class of {len(students)}: {pages} pages in the class PDF ({pages / len(students):.1f} per student; "
          f"students' own PDFs {own} pages), class PDF {len(printed.pdf) / 1e6:.1f} MB")
    print("wall seconds, and CPU seconds of this process (all its threads; steadier on a loaded machine):")
    print(f"batched, cold start (font scan included): {cold:6.2f} s  {pages / cold:7.1f} pages/s  "
          f"(CPU {cpu['2026-W45']:.2f} s)")
    print(f"batched, warm compiler:                   {warm:6.2f} s  {pages / warm:7.1f} pages/s  "
          f"(CPU {cpu['2026-W46']:.2f} s)")
    print(f"baseline, one print per student (warm):   {baseline:6.2f} s  {pages / baseline:7.1f} pages/s  "
          f"(CPU {baseline_cpu:.2f} s)")
    print("warm run, seconds up to each stage's report: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
    print(f"afterwards, every student's own PDF (made on first open): {singles:6.2f} s for {len(students)}")
    print(f"ratio baseline / batched (warm): {baseline / warm:.1f}x")
    print(f"load average while measured: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    verdict = "met" if cold < TARGET_S else "MISSED"
    print(f"target: whole class under {TARGET_S:.0f} s: {verdict} ({cold:.2f} s cold, {warm:.2f} s warm)")


if __name__ == "__main__":
    main()
