"""``zuoye learning fit [--subject CODE]`` and ``zuoye learning rebuild [--school CODE]``.

``fit`` refits the learner model of each subject (or one) on every stored response and refreshes
every student's levels: run it nightly (cron) or after a big import; the web pages' job
``learning.mastery_fit`` does the same. ``rebuild`` recomputes the wrong-question notebooks from
the stored responses (of one school, or all), e.g. after a change to the notebook rule.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zuoye.homework.models import Response
from zuoye.learning.services.mastery import mastery_fit
from zuoye.learning.services.notebook import notebook_rebuild
from zuoye.schools.models import Student, Subject


class Command(BaseCommand):
    help = "Refit mastery per subject (nightly) or rebuild notebooks from the stored responses."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        fit = sub.add_parser("fit", help="refit the learner model and refresh every student's levels")
        fit.add_argument("--subject", help="subject code (math, chinese, …); default: every subject with results")
        rebuild = sub.add_parser("rebuild", help="recompute wrong-question notebooks from the responses")
        rebuild.add_argument("--school", help="school code (学校标识码); default: every school")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "fit":
            subjects = Subject.objects.filter(pk__in=Response.objects.values("subject_id").distinct())
            if options["subject"]:
                subjects = Subject.objects.filter(code=options["subject"])
                if not subjects:
                    raise CommandError(f"no subject with code {options['subject']!r}")
            for subject in subjects:
                fit = mastery_fit(subject_id=subject.pk)
                self.stdout.write(f"{subject.name}: {fit.n_responses} responses, {fit.n_students} students, "
                                  f"{fit.n_points} knowledge points, fitted in {fit.seconds:.2f} s")
            return
        students = Student.objects.all()
        if options["school"]:
            students = students.filter(school__code=options["school"])
            if not students.exists():
                raise CommandError(f"no students at a school with code {options['school']!r}")
        ids = list(students.values_list("pk", flat=True))
        total = 0
        for start in range(0, len(ids), 500):
            total += notebook_rebuild(student_ids=ids[start:start + 500])
        self.stdout.write(f"{len(ids)} students, {total} notebook entries")
