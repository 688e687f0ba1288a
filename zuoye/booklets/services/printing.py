"""Printing booklets (一人一册): a class (or one student) for a week, in one typst document.

The steps, in order:

1. **content**: each student's wrong questions, micro-lessons and extension exercises, from the
   learning app (``booklet_content``);
2. **assignments**: the extension items, per subject, joined to the class's booklet assignment
   for the week (``booklet_assignment_ensure``); an ``AssignmentItem`` id is an item key;
3. **layout**: per student and subject, the homework sheet spec (``homework.sheet_spec``) cut
   down to the student's own items, numbered as in the booklet, laid out by ``core.layout``;
   all stems of the class are measured in **one** typst call;
4. **typeset**: one document for the class (the sheet engine's preamble, then each student's
   reading pages and sheet pages), compiled once;
5. **store**: a ``BookletBatch`` with that PDF and the shared preamble, a ``Booklet`` per
   student with their typst pages (their own PDF is compiled from them when first opened:
   one compile per student would double the time of a class print), and a personal
   ``SheetSet`` per student and subject (the layout scanning reads).

Typesetting happens outside any transaction, so a long print does not hold the database.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from zuoye.accounts.models import User
from zuoye.booklets.document import StudentPages, booklet_document, converter
from zuoye.booklets.models import Booklet, BookletBatch
from zuoye.booklets.services.assignments import booklet_assignment_ensure
from zuoye.booklets.weeks import Week
from zuoye.core import layout
from zuoye.core.layout.engine import stems_to_measure
from zuoye.core.layout.markup import stem_markups
from zuoye.core.layout.typeset import Typesetter, default_typesetter
from zuoye.homework.models import AssignmentItem, SheetSet
from zuoye.homework.services.sheets import printed_number, sheet_spec
from zuoye.schools.models import SchoolClass, Student

Progress = Callable[[int, int, str], None]
ContentSource = Callable[..., object]


def _learning_content(*, student_id: int, start: date, end: date) -> object:
    from zuoye.learning.selectors import booklet_content  # the learning app's read; imported late

    return booklet_content(student_id=student_id, start=start, end=end)


@dataclass(frozen=True)
class Printed:
    """What one print made: the class PDF (or the one student's), and each student's booklet."""

    pdf: bytes
    pages: int
    booklets: tuple[Booklet, ...]
    seconds: float
    sheet_sets: dict[int, tuple[SheetSet, ...]]  # student id → their answer sheets, one per subject


def class_students(school_class: SchoolClass) -> list[Student]:
    return list(Student.objects.filter(current_class=school_class, is_active=True).select_related("user")
                .order_by("student_number"))


def _assignments(school_class: SchoolClass, week: Week, contents: dict[int, object]
                 ) -> dict[int, AssignmentItem]:
    """Item id → AssignmentItem across the subjects' booklet assignments (created or grown)."""
    by_subject: dict[int, dict[int, object]] = {}
    subjects = {}
    for content in contents.values():
        for entry in content.extension:  # type: ignore[attr-defined]
            by_subject.setdefault(entry.item.subject_id, {})[entry.item.pk] = entry.item
            subjects[entry.item.subject_id] = entry.item.subject
    links: dict[int, AssignmentItem] = {}
    for subject_id, items in sorted(by_subject.items()):
        links |= booklet_assignment_ensure(school_class=school_class, week=week, subject=subjects[subject_id],
                                           items=list(items.values()))  # type: ignore[arg-type]
    return links


class _Layouts:
    """The sheet specs, stems and measured heights of a class's booklet assignments."""

    def __init__(self, school_class: SchoolClass, links: dict[int, AssignmentItem], config: layout.LayoutConfig,
                 typesetter: Typesetter) -> None:
        self.config, self.typesetter = config, typesetter
        assignments = {link.assignment_id: link.assignment for link in links.values()}
        convert = converter(school_class.grade)
        self.specs = {a: sheet_spec(assignment=assignment, school_class=school_class)
                      for a, assignment in assignments.items()}
        self.assignments = assignments
        self.stems: dict[str, str] = {}
        for spec in self.specs.values():
            self.stems |= stem_markups(spec, convert, config)
        self.links = links
        self.item_of_key = {str(link.pk): item_id for item_id, link in links.items()}
        self.heights: dict[tuple[str, float], float] = {}

    def student_specs(self, items: Sequence[int]) -> tuple[list[layout.SheetSpec], dict[int, str]]:
        """The student's items per subject, numbered 1, 2, … across the booklet."""
        numbers: dict[int, str] = {}
        keys: dict[int, list[str]] = {}
        for item_id in dict.fromkeys(items):
            link = self.links[item_id]
            keys.setdefault(link.assignment_id, []).append(str(link.pk))
        specs = []
        for assignment_id, wanted in keys.items():
            spec = self.specs[assignment_id]
            by_key = {item.key: item for item in spec.items}
            chosen = []
            for key in wanted:
                number = str(len(numbers) + 1)
                numbers[self.item_of_key[key]] = number
                chosen.append(replace(by_key[key], number=number))
            specs.append(replace(spec, items=tuple(chosen)))
        return specs, numbers

    def measure_all(self, specs: Sequence[layout.SheetSpec]) -> None:
        """Every stem of every student's sheet at its printed width, in one typst call."""
        wanted = {(s.key, s.width_mm): s for spec in specs for s in stems_to_measure(spec, self.stems, self.config)}
        todo = [s for k, s in wanted.items() if k not in self.heights]
        for stem, height in zip(todo, self.typesetter.measure(todo, self.config), strict=True):
            self.heights[(stem.key, stem.width_mm)] = height

    def _measured(self, stems: Sequence[layout.Stem]) -> list[float]:
        return [self.heights[(s.key, s.width_mm)] for s in stems]

    def layout(self, spec: layout.SheetSpec, student_id: int) -> layout.SheetSet:
        return layout.sheet_set_layout(spec, [student_id], markup=self.stems, measure=self._measured,
                                       config=self.config)

    def preamble(self) -> str:
        """The sheet engine's preamble (fonts, text rules, every sheet stem), shared by all pages."""
        empty = layout.SheetSet(1, False, ())
        header = layout.SheetHeader(school="", class_label="", title="")
        return layout.sheet_set_typst(empty, header=header, students={}, stems=self.stems, config=self.config)

    def sheet_source(self, sheet: layout.SheetSet, header: layout.SheetHeader, student: layout.StudentRef,
                     preamble: str) -> str:
        """The typst of one student's sheet pages, without the preamble every sheet document opens with."""
        source = layout.sheet_set_typst(sheet, header=header, students={student.id: student}, stems=self.stems,
                                        config=self.config)
        if not source.startswith(preamble):
            raise RuntimeError("the sheet engine's preamble changed between two calls")
        return source[len(preamble):]


def _student_ref(student: Student) -> layout.StudentRef:
    return layout.StudentRef(student.pk, student.user.full_name, printed_number(student.student_number))


def _pages_of(pdf: bytes) -> int:
    """Pages in a typst PDF (its page tree's /Count; typst writes one tree)."""
    import re

    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts) if counts else 0


def booklets_print(*, school_class: SchoolClass, week: Week, base_url: str, actor: User | None,
                   students: Sequence[Student] | None = None, progress: Progress | None = None,
                   content_source: ContentSource = _learning_content, typesetter: Typesetter | None = None,
                   config: layout.LayoutConfig = layout.DEFAULT_CONFIG) -> Printed:
    """Booklets for ``students`` (default: the whole class) for ``week``, as one PDF in order.

    Each student's own PDF is made when first opened (:func:`booklet_pdf_ensure`), except for
    a print of one student, whose PDF is the print's. ``progress(done, total, message)`` hears
    of every student's content and layout, and of the compile.
    """
    started = time.perf_counter()
    report = progress or (lambda done, total, message: None)
    typesetter = typesetter or default_typesetter()
    chosen = list(students) if students is not None else class_students(school_class)
    if not chosen:
        raise ValueError(f"{school_class} has no students to print booklets for")
    if any(s.current_class_id != school_class.pk for s in chosen):
        raise ValueError(f"only students of {school_class} get its booklets")
    total = 3 * len(chosen)  # content, layout, then the compile, which takes about a third of the time
    contents: dict[int, object] = {}
    for n, student in enumerate(chosen, start=1):
        contents[student.pk] = content_source(student_id=student.pk, start=week.start, end=week.end)
        report(n, total, f"content: {student.user.full_name}")
    layouts = _Layouts(school_class, _assignments(school_class, week, contents), config, typesetter)
    per_student = {}
    for student in chosen:
        items = [entry.item.pk for entry in contents[student.pk].extension]  # type: ignore[attr-defined]
        per_student[student.pk] = layouts.student_specs(items)
    layouts.measure_all([spec for specs, _ in per_student.values() for spec in specs])
    preamble = layouts.preamble()
    pages_of, sheets_of = [], {}
    for n, student in enumerate(chosen, start=1):
        specs, numbers = per_student[student.pk]
        sheets_of[student.pk] = tuple((layouts.assignments[spec.assignment_id], layouts.layout(spec, student.pk),
                                       spec.header) for spec in specs)
        ref = _student_ref(student)
        sheet = "#pagebreak()\n".join(layouts.sheet_source(s, header, ref, preamble)
                                      for _, s, header in sheets_of[student.pk])
        pages_of.append(StudentPages(
            name=student.user.full_name, class_label=school_class.name, school=school_class.school.name,
            week_label=week.label, week_words=week.chinese(), grade=school_class.grade,
            content=contents[student.pk], sheet=sheet, numbers=numbers))
        report(len(chosen) + n, total, f"layout: {student.user.full_name}")
    report(2 * len(chosen), total, "typesetting")
    sources = [booklet_document("", [pages], base_url) for pages in pages_of]
    whole = typesetter.pdf(preamble + "".join(sources))
    booklets, sheet_sets = _store(school_class=school_class, week=week, actor=actor, students=chosen,
                                  contents=contents, sheets_of=sheets_of, sources=sources, preamble=preamble,
                                  whole=whole, started=started)
    report(total, total, "done")
    return Printed(whole, _pages_of(whole), booklets, time.perf_counter() - started, sheet_sets)


@transaction.atomic
def _store(*, school_class: SchoolClass, week: Week, actor: User | None, students: Sequence[Student],
           contents: dict[int, object], sheets_of: dict[int, tuple], sources: Sequence[str], preamble: str,
           whole: bytes, started: float) -> tuple[tuple[Booklet, ...], dict[int, tuple[SheetSet, ...]]]:
    pages = _pages_of(whole)
    batch = BookletBatch(school_class=school_class, week=week.label, students=len(students), pages=pages,
                         seconds=time.perf_counter() - started, preamble=preamble, created_by=actor)
    name = f"booklet-{students[0].pk}" if len(students) == 1 else f"booklets-{school_class.pk}"
    batch.pdf.save(f"{name}-{week.label}.pdf", ContentFile(whole), save=False)
    batch.save()
    booklets, sheet_sets = [], {}
    for student, source in zip(students, sources, strict=True):
        content = contents[student.pk]
        booklet = Booklet.objects.create(
            student=student, school_class=school_class, week=week.label, batch=batch, source=source,
            pdf=batch.pdf.name if len(students) == 1 else "", pages=pages if len(students) == 1 else None,
            wrong_count=len(content.wrong), lesson_count=len(content.lessons),  # type: ignore[attr-defined]
            extension_count=len(content.extension), created_by=actor)  # type: ignore[attr-defined]
        booklets.append(booklet)
        sheet_sets[student.pk] = []
        for assignment, sheet, _ in sheets_of[student.pk]:
            sheet_set = SheetSet(assignment=assignment, school_class=school_class, kind=SheetSet.Kind.PERSONAL,
                                 student_ids=[student.pk], pages=sheet.page_count,
                                 layout=json.loads(layout.layout_to_json(sheet)), created_by=actor)
            sheet_set.pdf.name = batch.pdf.name  # the sheets are pages of the print: one file, not two
            sheet_set.save()
            sheet_sets[student.pk].append(sheet_set)
    return tuple(booklets), {k: tuple(v) for k, v in sheet_sets.items()}


def booklet_pdf_ensure(*, booklet: Booklet, typesetter: Typesetter | None = None) -> Booklet:
    """The student's own PDF, compiled from the stored pages the first time it is asked for.

    The pages were fixed when the batch was printed (same QR codes, same layout as the stored
    sheet sets), so the single PDF prints exactly what the class PDF holds for the student.
    """
    if booklet.pdf:
        return booklet
    pdf = (typesetter or default_typesetter()).pdf(booklet.batch.preamble + booklet.source)
    booklet.pdf.save(f"booklet-{booklet.student_id}-{booklet.week}.pdf", ContentFile(pdf), save=False)
    booklet.pages = _pages_of(pdf)
    Booklet.objects.filter(pk=booklet.pk, pdf="").update(pdf=booklet.pdf.name, pages=booklet.pages)
    return booklet
