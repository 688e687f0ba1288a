"""``zuoye sheets ASSIGNMENT_ID --out sheets.pdf --layout layout.json [--student N] [--class ID] [--generic]``.

Prints an assignment's answer sheets: the whole class's personal sheets by default, one
student's with ``--student`` (their 学籍号), or a generic class sheet with 学籍号 bubbles with
``--generic``. The sheet set is stored like one printed from the web page, and its layout JSON
(the geometry scanning and the pen read) is written beside the PDF.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zuoye.homework.models import Assignment
from zuoye.homework.services.sheets import sheets_print
from zuoye.schools.models import SchoolClass, Student


class Command(BaseCommand):
    help = "Print an assignment's answer sheets (PDF) and write their layout (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assignment_id", type=int)
        parser.add_argument("--out", type=Path, required=True, help="where to write the PDF")
        parser.add_argument("--layout", type=Path, required=True, help="where to write the layout JSON")
        parser.add_argument("--student", help="only this student's sheet (their student number, 学籍号)")
        parser.add_argument("--class", dest="class_id", type=int, help="the class, when the homework has several")
        parser.add_argument("--generic", action="store_true", help="a generic class sheet with student-number bubbles")

    def handle(self, *args: Any, **options: Any) -> None:
        assignment = Assignment.objects.filter(pk=options["assignment_id"]).select_related("subject").first()
        if assignment is None:
            raise CommandError(f"no assignment {options['assignment_id']}")
        student = self._student(options["student"]) if options["student"] else None
        school_class = self._class(assignment, options["class_id"] or (student.current_class_id if student else None))
        if options["generic"] and student:
            raise CommandError("--generic and --student exclude each other")
        sheet_set = sheets_print(assignment=assignment, school_class=school_class, actor=None,
                                 students=[student] if student else None, generic=options["generic"])
        with sheet_set.pdf.open("rb") as pdf:
            options["out"].write_bytes(pdf.read())
        options["layout"].write_text(json.dumps(sheet_set.layout, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"{options['out']}: {sheet_set.pages} pages ({sheet_set.get_kind_display()}, "
                          f"{len(sheet_set.student_ids)} students, {school_class}); layout {options['layout']}")

    def _student(self, number: str) -> Student:
        student = Student.objects.filter(student_number=number, is_active=True).first()
        if student is None or student.current_class_id is None:
            raise CommandError(f"no student in a class with student number {number}")
        return student

    def _class(self, assignment: Assignment, class_id: int | None) -> SchoolClass:
        classes = list(SchoolClass.objects.filter(assignment_links__assignment=assignment).order_by("grade", "number"))
        if class_id is not None:
            chosen = next((c for c in classes if c.pk == class_id), None)
            if chosen is None:
                raise CommandError(f"assignment {assignment.pk} is not set for class {class_id}")
            return chosen
        if len(classes) != 1:
            ids = ", ".join(f"{c.pk} ({c})" for c in classes)
            raise CommandError(f"the assignment is set for several classes; choose one with --class: {ids}")
        return classes[0]
