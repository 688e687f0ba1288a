"""``zuoye analytics rollup [--since DAY] [--until DAY] [--all] [--job]``: refresh the rollups
(what the daily job runs); ``zuoye analytics generate``: the county-size data set (generate.py)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text!r}") from None


class Command(BaseCommand):
    help = "Analytics: refresh the rollups, or generate a county-size data set."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        roll = sub.add_parser("rollup", help="rebuild the rollups and spot checks for a window of days")
        roll.add_argument("--since", type=_day, help="first day (default: 35 days ago)")
        roll.add_argument("--until", type=_day, help="last day (default: today)")
        roll.add_argument("--all", action="store_true", help="from the first homework ever assigned")
        roll.add_argument("--job", action="store_true", help="enqueue as a background job instead")
        gen = sub.add_parser("generate", help="a county-size data set (see zuoye/analytics/generate.py)")
        gen.add_argument("--scale", type=float, default=1.0, help="1.0 = 50,000 students, one term")
        gen.add_argument("--seed", type=int, default=7)

    def handle(self, *args: object, **opts: object) -> None:
        if opts["action"] == "generate":
            from zuoye.analytics.generate import generate

            summary = generate(scale=float(opts["scale"]), seed=int(opts["seed"]),  # type: ignore[arg-type]
                               say=self.stdout.write)
            self.stdout.write(str(summary))
            return
        since = opts["since"]
        if opts["all"]:
            from zuoye.homework.models import AssignmentClass

            first = AssignmentClass.objects.order_by("assigned_on").values_list("assigned_on", flat=True).first()
            if first is None:
                raise CommandError("no homework assigned yet: nothing to roll up")
            since = first
        if opts["job"]:
            from zuoye.jobs.services import job_enqueue

            job = job_enqueue(kind="analytics.rollup", params={
                "since": since.isoformat() if since else "", "until": opts["until"].isoformat() if opts["until"] else "",
                "trigger": "cli"}, actor=None)  # type: ignore[union-attr]
            self.stdout.write(f"enqueued job {job.pk}")
            return
        from zuoye.analytics.rollup import rollup_refresh

        try:
            run = rollup_refresh(since=since, until=opts["until"], trigger="cli")  # type: ignore[arg-type]
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"rolled up {run.since}..{run.until}: {run.batches} homework × class rows, "
                          f"{run.flags} new spot-check flags")
