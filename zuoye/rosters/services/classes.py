"""Which stored class a roster's 七年级(2)班 means, and creating missing ones when asked.

Classes are made by school admins on their classes page; a roster naming a class the school
does not have this school year is an error ("unknown class"), reported once per class with the
number of rows naming it. For first-time set-up (and the benchmark) an import may be asked to
create well-formed missing classes, within the grades the school teaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zuoye.core import grades
from zuoye.core.roster.problems import Place, Problem, problem
from zuoye.rosters.services.bulk import BATCH
from zuoye.schools import models as m


@dataclass
class ClassPlan:
    classes: dict[tuple[int, int], m.SchoolClass] = field(default_factory=dict)
    new: list[m.SchoolClass] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def plan(*, school: m.School, year: m.SchoolYear, wanted: dict[tuple[int, int], list[Place]], create: bool) -> ClassPlan:
    result = ClassPlan()
    stored = {(c.grade, c.number): c for c in m.SchoolClass.objects.filter(school=school, school_year=year)}
    for key, places in sorted(wanted.items()):
        label = grades.class_label(*key)
        if key in stored:
            result.classes[key] = stored[key]
        elif create and key[0] in school.grade_range:
            cls = m.SchoolClass(school=school, school_year=year, grade=key[0], number=key[1])
            result.classes[key] = cls
            result.new.append(cls)
        elif create:
            result.problems.append(problem("class_grade_out_of_range", places[0], value=label, school=school.name,
                                           grade=grades.GRADE_NAMES[key[0]]))
        else:
            result.problems.append(problem("unknown_class", places[0], value=label, school=school.name,
                                           year=year.name, rows=len(places)))
    return result


def apply(result: ClassPlan) -> None:
    m.SchoolClass.objects.bulk_create(result.new, batch_size=BATCH)
