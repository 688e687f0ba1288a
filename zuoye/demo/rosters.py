"""County-size student rosters (.xlsx) as school admins keep them, drawn from the demo generator.

The roster-import benchmark and tests need realistic files of any size (issue 2 asks for a
50,000-student county). Layout chosen: **one workbook per school**, named ``<school code>.xlsx``,
with **one sheet 学生名单** holding all its classes (the 班级 column says which): the simplest form
the importer accepts, and what a county bureau gets when it collects rosters school by school.
``sheet_per_class=True`` writes the other accepted form, one sheet per class named after it
(七年级(2)班), with the same columns.

Columns: 班级, 姓名, 性别, 学籍号, 身份证号码 (empty for the ~6 % who never gave it), 家长姓名,
家长手机 (the first guardian). Siblings share a parent, so a phone can appear on two rows, as
in real rosters. Numbers are written as text so Excel keeps the leading digits and the X.
Workbooks are written in openpyxl's write-only mode: rows stream to disk, memory stays flat.

Run it alone: ``python -m zuoye.demo.rosters OUT_DIR [--students 50000]`` (no database needed).
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from zuoye.demo.generate import DEMO_GRADES, DEMO_SCHOOLS, SEED, county_plan
from zuoye.demo.plan import ClassPlan, GuardianPlan, SchoolPlan, SchoolSpec, Size

ROSTER_HEADER = ("班级", "姓名", "性别", "学籍号", "身份证号码", "家长姓名", "家长手机")
SHEET_NAME = "学生名单"
GENDER_LABELS = {"M": "男", "F": "女"}
# The towns (乡镇) of 于都县; each gets a central primary school and a junior school, then second ones.
TOWNS = ("贡江镇", "铁山垅镇", "盘古山镇", "禾丰镇", "祁禄山镇", "梓山镇", "银坑镇", "岭背镇", "罗坳镇", "罗江乡",
         "小溪乡", "利村乡", "新陂乡", "靖石乡", "黄麟乡", "沙心乡", "宽田乡", "葛坳乡", "桥头乡", "马安乡",
         "仙下乡", "车溪乡", "段屋乡")
FEWEST_PER_CLASS = 40


@dataclass(frozen=True)
class RosterFile:
    path: Path
    school_code: str
    school_name: str
    students: int


def size_for_students(students: int) -> Size:
    """A county of exactly ``students`` students: the demo's schools, then town schools of 4–6 classes a grade."""
    specs = list(DEMO_SCHOOLS)
    names = {spec.name for spec in specs}
    candidates = (
        (f"{town}{primary}", f"{town}{junior}", town)
        for primary, junior in itertools.chain([("中心小学", "中学")],
                                               ((f"第{n}小学", f"第{n}中学") for n in "二三四五六七八九"))
        for town in TOWNS
    )
    while _capacity(specs) < students:
        try:
            primary_name, junior_name, town = next(candidates)
        except StopIteration:
            raise ValueError(f"{students} students is more than one county's schools can hold") from None
        for name, kind in ((primary_name, "primary"), (junior_name, "junior")):
            if name not in names:
                names.add(name)
                specs.append(SchoolSpec(len(specs) + 1, name, kind, town, 4 + len(specs) % 3))  # type: ignore[arg-type]
    return Size(f"{students} students", tuple(specs), (40, 52, 45), student_limit=students)


def _capacity(specs: list[SchoolSpec]) -> int:
    return sum(len(DEMO_GRADES[spec.kind]) * spec.classes_per_grade for spec in specs) * FEWEST_PER_CLASS


def roster_rows(school_class: ClassPlan, first_guardians: dict[str, GuardianPlan]) -> Iterator[tuple[str, ...]]:
    for student in school_class.students:
        guardian = first_guardians[student.student_number]
        yield (school_class.label, student.full_name, GENDER_LABELS[student.gender], student.student_number,
               student.id_card, guardian.full_name, guardian.phone)


def roster_write(*, school: SchoolPlan, first_guardians: dict[str, GuardianPlan], path: Path,
                 sheet_per_class: bool = False) -> RosterFile:
    """Write one school's student roster (``first_guardians``: ``CountyPlan.first_guardians()``)."""
    workbook = Workbook(write_only=True)
    sheets = [(c.label, [c]) for c in school.classes] if sheet_per_class else [(SHEET_NAME, list(school.classes))]
    for title, classes in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(ROSTER_HEADER)
        for school_class in classes:
            for row in roster_rows(school_class, first_guardians):
                sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return RosterFile(path, school.code, school.name, sum(len(c.students) for c in school.classes))


def rosters_write(*, out_dir: Path, students: int = 50_000, seed: int = SEED,
                  sheet_per_class: bool = False) -> list[RosterFile]:
    """Write a county of ``students`` students as one roster workbook per school into ``out_dir``."""
    plan = county_plan(size_for_students(students), seed=seed)
    first_guardians = plan.first_guardians()
    return [roster_write(school=school, first_guardians=first_guardians, path=Path(out_dir) / f"{school.code}.xlsx",
                         sheet_per_class=sheet_per_class) for school in plan.schools]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a county's student rosters, one .xlsx per school.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--sheet-per-class", action="store_true", help="one sheet per class instead of one sheet")
    options = parser.parse_args(argv)
    files = rosters_write(out_dir=options.out_dir, students=options.students, sheet_per_class=options.sheet_per_class)
    print(f"{sum(f.students for f in files)} students in {len(files)} files under {options.out_dir}")


if __name__ == "__main__":
    main()
