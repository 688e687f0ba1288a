"""Benchmark: import a 50,000-student county roster on SQLite and on PostgreSQL (issue 2).

    .venv/bin/python benchmarks/roster_import.py [--students 50000]

It writes the county's rosters once (one .xlsx per school, as a bureau collects them), then,
for each database in a fresh child process: creates the county's regions and schools, imports
every school's file through ``roster_import`` (the service the CLI and web use, all checks on),
and imports one school again to show a repeat changes nothing. Printed per database: rows/s
and seconds, against two baselines measured in the same run: merely reading the workbooks
(openpyxl, no checks, no writes), and the naive way (one ORM save per person) on a sample.
Target: under 60 s for each database.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._support import django_setup, run_child, throwaway_postgres  # noqa: E402

TARGET_SECONDS = 60.0
NAIVE_SAMPLE = 300


def _county(students: int):  # type: ignore[no-untyped-def]
    from zuoye.demo.generate import county_plan
    from zuoye.demo.rosters import size_for_students

    return county_plan(size_for_students(students))


def _make_places(plan) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from zuoye.schools import services as s

    province = s.region_create(code=plan.province.code, name=plan.province.name, level="province")
    city = s.region_create(code=plan.city.code, name=plan.city.name, level="city", parent=province)
    county = s.region_create(code=plan.county.code, name=plan.county.name, level="county", parent=city)
    y = plan.year
    s.school_year_create(start_year=y.start_year, autumn_start=y.autumn_start, autumn_end=y.autumn_end,
                         spring_start=y.spring_start, spring_end=y.spring_end)
    return {p.code: s.school_create(code=p.code, name=p.name, kind=str(p.kind), region=county) for p in plan.schools}


def _naive_rows_per_second(plan, schools) -> float:  # type: ignore[no-untyped-def]
    """One save per person, as a first attempt would do it, on a small sample."""
    from zuoye.accounts.services import user_build
    from zuoye.schools import models as m
    from zuoye.schools import services as s
    from zuoye.schools.terms import school_year_current

    year = school_year_current()
    sample = [(school, c, st) for school, c, st in plan.students()][-NAIVE_SAMPLE:]
    started = time.perf_counter()
    for school_plan, class_plan, student in sample:
        school = schools[school_plan.code]
        (school_class,) = s.classes_ensure(school=school, school_year=year, grade=class_plan.grade, count=class_plan.number)[-1:]
        user = user_build(username="naive-" + student.student_number, full_name=student.full_name)
        user.save()
        row = m.Student(user=user, school=school, student_number="N" + student.student_number, gender=str(student.gender))
        row.save()
        s.student_move(student=row, to_class=school_class, source="naive")
    return len(sample) / (time.perf_counter() - started)


def child(students: int, roster_dir: Path) -> dict[str, object]:
    django_setup()
    from django.db import connection

    from zuoye.rosters.services.imports import roster_import

    plan = _county(students)
    schools = _make_places(plan)
    files = sorted(roster_dir.glob("*.xlsx"))
    started = time.perf_counter()
    imported = 0
    for path in files:
        record = roster_import(file=path, school=schools[path.stem], create_classes=True)
        if record.status != "applied":
            raise SystemExit(f"{path.name}: {record.status} {record.problems[:3]}")
        imported += sum(counts.get("created", 0) for counts in record.counts.values() if isinstance(counts, dict))
    seconds = time.perf_counter() - started
    again_started = time.perf_counter()
    repeat = roster_import(file=files[0], school=schools[files[0].stem], create_classes=True)
    again = time.perf_counter() - again_started
    naive = _naive_rows_per_second(plan, schools)
    return {"engine": connection.vendor, "files": len(files), "students": students, "seconds": seconds,
            "rows_per_s": students / seconds, "repeat_seconds": again, "repeat_counts": repeat.counts,
            "naive_rows_per_s": naive, "created_total": imported}


def read_only_baseline(roster_dir: Path) -> float:
    """Seconds to merely read every cell of every workbook."""
    from openpyxl import load_workbook

    started = time.perf_counter()
    for path in sorted(roster_dir.glob("*.xlsx")):
        book = load_workbook(path, read_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        book.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--roster-dir", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(child(options.students, options.roster_dir), default=str))
        return
    from zuoye.demo.rosters import rosters_write

    work = Path(tempfile.mkdtemp(prefix="zuoye-bench-rosters-"))
    started = time.perf_counter()
    files = rosters_write(out_dir=work / "rosters", students=options.students)
    print(f"generated {sum(f.students for f in files):,} students in {len(files)} school workbooks "
          f"({time.perf_counter() - started:.1f} s)")
    reading = read_only_baseline(work / "rosters")
    print(f"baseline, reading the workbooks only: {reading:.1f} s ({options.students / reading:,.0f} rows/s)")
    args = ("--students", str(options.students), "--roster-dir", str(work / "rosters"))
    results = [json.loads(run_child(Path(__file__), *args, home=work / "sqlite"))]
    with throwaway_postgres() as url:
        results.append(json.loads(run_child(Path(__file__), *args, database_url=url, home=work / "pg")))
    print(f"\n{'database':<12}{'seconds':>9}{'rows/s':>10}{'× read-only':>13}{'naive rows/s':>14}{'× naive':>9}"
          f"{'repeat s':>10}  target")
    for r in results:
        verdict = "met" if r["seconds"] < TARGET_SECONDS else "MISSED"
        print(f"{r['engine']:<12}{r['seconds']:>9.1f}{r['rows_per_s']:>10,.0f}{r['seconds'] / reading:>13.2f}"
              f"{r['naive_rows_per_s']:>14,.0f}{r['rows_per_s'] / r['naive_rows_per_s']:>9.1f}"
              f"{r['repeat_seconds']:>10.1f}  < {TARGET_SECONDS:.0f} s {verdict}")
    print(f"repeat import of one school changes nothing: {results[0]['repeat_counts']}")


if __name__ == "__main__":
    main()
