"""Benchmark: the analytics reports on a county-size data set, on PostgreSQL (issue 7).

    .venv/bin/python benchmarks/reports.py [--scale 0.05] [--repeat 20]

In a fresh child process on a throwaway PostgreSQL (``_support.throwaway_postgres``): migrates,
generates the county (``zuoye.analytics.generate``: ``--scale 1`` is 50,000 students and about
30 million responses; 0.05 is a quick run), rolls it up, then requests each report as its
reader would (Django's test client, logged in, the whole view with access checks and template)
``--repeat`` times and prints p50/p95 in milliseconds against the targets:

- a teacher's assignment report (one homework, one class): p95 under 300 ms;
- the school report (a term): p95 under 1 s;
- the county report (a term, every school rated and ranked): p95 under 3 s.

The teacher's report reads the responses of one homework and class (an index scan); the school
and county reports read only the rollup tables. The **baseline**, measured in the same run, is
what they would cost without the rollup: their headline numbers (homework count and correct
rate per class and subject for the school; per school for the county) aggregated straight from
the term's responses, timed ``--baseline-repeat`` times (a seq scan of every response at scale 1,
so few); the ratio is the rollup's gain.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._support import django_setup, run_child, throwaway_postgres  # noqa: E402

TARGETS_MS = {"teacher_assignment": 300.0, "school": 1000.0, "county": 3000.0}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _time(client, url: str, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    client.get(url)  # warm: the first request compiles templates and fills caches
    spent = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        spent.append(1000 * (time.perf_counter() - started))
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return {"p50": round(statistics.median(spent), 1), "p95": round(_percentile(spent, 0.95), 1),
            "max": round(max(spent), 1)}


def child(scale: float, repeat: int, baseline_repeat: int) -> dict[str, object]:
    django_setup()
    import random

    from django.test import Client

    from zuoye.analytics.generate import COUNTY_CODE, generate
    from zuoye.homework.models import AssignmentClass, Response
    from zuoye.schools import models as m
    from zuoye.schools import services as s

    summary = generate(scale=scale, say=lambda line: print(line, file=sys.stderr))
    county = m.Region.objects.get(code=COUNTY_CODE)
    term = m.Term.objects.get(school_year__name="2026-2027", number=1)
    school = m.School.objects.filter(region=county, kind="junior").order_by("code").first()
    leader = m.StaffRole.objects.create(user=m.Teacher.objects.filter(school=school).first().user,
                                        kind="school_leader", school=school).user
    staff = s.staff_role_grant(user=m.Teacher.objects.filter(school__region=county).last().user,
                               kind="region_staff", region=county).user
    rng = random.Random(3)
    links = list(AssignmentClass.objects.filter(school_class__school=school).select_related(
        "assignment__teacher__user").order_by("pk"))
    results: dict[str, object] = {"scale": scale, "repeat": repeat, "data": summary.__dict__,
                                  "responses_in_db": Response.objects.count()}

    def client_for(user):  # type: ignore[no-untyped-def]
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        return client

    teacher_times: list[float] = []
    for link in rng.sample(links, min(repeat, len(links))):
        client = client_for(link.assignment.teacher.user)
        url = f"/analytics/homework/{link.assignment_id}/class/{link.school_class_id}/"
        timing = _time(client, url, 1)
        teacher_times.append(timing["p50"])
    results["teacher_assignment"] = {"p50": round(statistics.median(teacher_times), 1),
                                     "p95": round(_percentile(teacher_times, 0.95), 1),
                                     "max": round(max(teacher_times), 1)}
    results["school"] = _time(client_for(leader), f"/analytics/school/{school.pk}/?term={term.pk}", repeat)
    results["county"] = _time(client_for(staff), f"/analytics/region/{county.pk}/?term={term.pk}", repeat)
    results["baseline"] = _baseline(school, county, term, baseline_repeat)
    return results


def _baseline(school, county, term, repeat: int) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    """The reports' headline numbers straight from the responses (no rollup), timed."""
    from django.db.models import Count, Q

    from zuoye.homework.models import Response

    term_rows = Response.objects.filter(assigned_on__range=(term.start_date, term.end_date))
    queries = {
        "school": lambda: list(term_rows.filter(school_class__school=school).values("school_class", "subject")
                               .annotate(homework=Count("assignment", distinct=True), rows=Count("id"),
                                         right=Count("id", filter=Q(outcome="right")))),
        "county": lambda: list(term_rows.filter(school_class__school__region=county).values("school_class__school")
                               .annotate(homework=Count("assignment", distinct=True), rows=Count("id"),
                                         right=Count("id", filter=Q(outcome="right")))),
    }
    out = {}
    for name, query in queries.items():
        spent = []
        for _ in range(repeat):
            started = time.perf_counter()
            query()
            spent.append(1000 * (time.perf_counter() - started))
        out[name] = {"p50": round(statistics.median(spent), 1), "max": round(max(spent), 1)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.05, help="1.0 = 50,000 students, ~30 M responses")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baseline-repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(child(options.scale, options.repeat, options.baseline_repeat), default=str))
        return
    work = Path(tempfile.mkdtemp(prefix="zuoye-bench-reports-"))
    with throwaway_postgres() as url:
        result = json.loads(run_child(Path(__file__), "--scale", str(options.scale), "--repeat", str(options.repeat),
                                      "--baseline-repeat", str(options.baseline_repeat), database_url=url, home=work))
    data = result["data"]
    print(f"PostgreSQL, scale {result['scale']}: {data['schools']} schools, {data['classes']} classes, "
          f"{data['students']:,} students, {data['assignments']:,} assignments, {data['responses']:,} responses "
          f"(generated and rolled up in {data['seconds']} s)")
    print(f"{'report':<22}{'p50 ms':>10}{'p95 ms':>10}{'target p95':>12}  ")
    for name, target in TARGETS_MS.items():
        row = result[name]
        verdict = "ok" if row["p95"] <= target else "OVER"
        print(f"{name:<22}{row['p50']:>10}{row['p95']:>10}{target:>12.0f}  {verdict}")
    for name, row in result["baseline"].items():
        print(f"baseline: the {name} report's numbers straight from the responses, p50 {row['p50']:,.0f} ms "
              f"(max {row['max']:,.0f}): the rollup-backed report is {row['p50'] / result[name]['p50']:.1f}× faster")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
