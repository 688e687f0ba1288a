"""Usage assessment (应用考核, MISSION H11) and training credits (H12), as data.

Source of every number here: seed 002, 江西省教育厅办公室《江西省义务教育阶段学校教师“智慧作业”
应用全员培训工作方案》(赣教师办函〔2021〕25号), 三(二) 应用考核 and 三(三) 考核办法:

- 教师考核: “以一学年为单位，分上、下学期 … 教师每周使用“智慧作业”1次的为合格，2次以上为优秀，
  未使用为不合格” → :data:`SEED_002_WEEKLY`.
- 学校考核: “任课教师使用“智慧作业”覆盖率必须达到100%”; “学校班级使用率超过整个学校班级数60%的为
  合格，超过90%的班级数的为优秀” → :data:`SEED_002_SCHOOL`.
- 涉及的年级与学科: “小学3-6年级，语文、数学、英语；初中7-9年级，语文、数学、英语、物理、化学、
  生物、历史、地理” → :data:`SEED_002_REQUIRED`. (Seed 000, 兴国县, asks for 4–6 and six junior
  subjects: :data:`SEED_000_REQUIRED`, a county's own choice.)
- 学分: “对应用考核合格等次以上的教师分上、下学期各计0.5学分” → :data:`SEED_002_CREDITS`.

The seeds leave open what one "use" is, which weeks count and how a class "uses" the system;
the choices below are ours, each named so a bureau can change it (see the analytics README).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

SEED_002 = "江西省教育厅办公室 赣教师办函〔2021〕25号 三(二)应用考核"
SEED_002_CREDIT_SOURCE = "江西省教育厅办公室 赣教师办函〔2021〕25号 三(三)4"
SEED_000 = "兴国县教育科技体育局《关于在全县推进义务教育学校“智慧作业”应用工作的通知》二、目标任务"

EXCELLENT, QUALIFIED, UNQUALIFIED, NOT_ASSESSED = "excellent", "qualified", "unqualified", "not_assessed"
LEVELS = (EXCELLENT, QUALIFIED, UNQUALIFIED, NOT_ASSESSED)


# --- one use ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UseRule:
    """When a published homework for one class counts as one use (our definition; seed 002 says
    only "使用"): results captured from paper (scan, smart pen, phone photo, or the teacher's own
    marks confirmed in the review queue) for at least ``min_class_share`` of the class.
    Self-reports alone do not count: H11 asks for usage "computed from the data, never
    self-declared". Half the class, because absences and a missed page must not void a real use,
    while results for a handful of students are not the class's homework collected.
    """

    captured_sources: frozenset[str] = frozenset({"scan", "pen", "photo", "teacher"})
    min_class_share: float = 0.5
    kinds: frozenset[str] = frozenset({"homework"})  # personal booklets are not a teacher's use
    source: str = "ours (analytics README: one use)"

    def is_use(self, *, class_size: int, captured_students: int) -> bool:
        if class_size <= 0:
            return False
        return captured_students >= self.min_class_share * class_size


SEED_002_USE = UseRule()


# --- weeks of a term ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Holiday:
    start: date
    end: date  # inclusive
    name: str


@dataclass(frozen=True)
class Week:
    monday: date
    school_days: int
    counted: bool


@dataclass(frozen=True)
class TermCalendar:
    """A term's dates and its holidays. A week (Monday–Sunday) counts towards the rating when it has
    at least ``min_school_days`` school days (Monday–Friday, inside the term, not a holiday) and
    has ended by the day of assessment: a National Day week with two school days is neither
    required nor held against anyone. Ours; the seed says only "每周"."""

    start: date
    end: date
    holidays: tuple[Holiday, ...] = ()
    min_school_days: int = 3

    def is_school_day(self, day: date) -> bool:
        return (self.start <= day <= self.end and day.weekday() < 5
                and not any(h.start <= day <= h.end for h in self.holidays))

    def weeks(self, as_of: date | None = None) -> list[Week]:
        """Every week touching the term; ``as_of``: weeks not yet over by that day are not counted."""
        out = []
        monday = self.start - timedelta(days=self.start.weekday())
        while monday <= self.end:
            days = sum(1 for n in range(5) if self.is_school_day(monday + timedelta(days=n)))
            ended = as_of is None or monday + timedelta(days=6) < as_of
            out.append(Week(monday, days, days >= self.min_school_days and ended))
            monday += timedelta(days=7)
        return out


def national_holidays(year: int) -> tuple[Holiday, ...]:
    """The fixed breaks inside the school year starting in ``year``: 国庆节 1–7 October and 劳动节
    1–5 May (《全国年节及纪念日放假办法》 with the State Council's usual arrangement of the long
    weekends; the exact days move a little each year, and a county adds its own breaks)."""
    return (Holiday(date(year, 10, 1), date(year, 10, 7), "国庆节"),
            Holiday(date(year + 1, 5, 1), date(year + 1, 5, 5), "劳动节"))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


# --- teachers -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WeeklyRule:
    """Seed 002: ≥ 1 use a week qualified, ≥ 2 excellent, none unqualified. "每周" is read strictly:
    every counted week must reach the number, less ``tolerance_weeks`` (0 by default: the seed
    allows none; a bureau may allow, say, one sick week)."""

    qualified_per_week: int = 1
    excellent_per_week: int = 2
    tolerance_weeks: int = 0
    source: str = SEED_002


SEED_002_WEEKLY = WeeklyRule()


@dataclass(frozen=True)
class TeacherRating:
    level: str
    weeks_counted: int
    weeks_qualified: int  # counted weeks with ≥ qualified_per_week uses
    weeks_excellent: int
    uses: int  # uses in counted weeks

    @property
    def per_week(self) -> float:
        return self.uses / self.weeks_counted if self.weeks_counted else 0.0


def teacher_rating(*, uses_by_week: Mapping[date, int], weeks: Sequence[Week],
                   rule: WeeklyRule = SEED_002_WEEKLY) -> TeacherRating:
    """Rate from uses per week (keyed by Monday); weeks that do not count are ignored both ways."""
    counted = [w.monday for w in weeks if w.counted]
    uses = [uses_by_week.get(monday, 0) for monday in counted]
    met_q = sum(1 for n in uses if n >= rule.qualified_per_week)
    met_e = sum(1 for n in uses if n >= rule.excellent_per_week)
    if not counted:
        level = NOT_ASSESSED
    elif len(counted) - met_e <= rule.tolerance_weeks:
        level = EXCELLENT
    elif len(counted) - met_q <= rule.tolerance_weeks:
        level = QUALIFIED
    else:
        level = UNQUALIFIED
    return TeacherRating(level, len(counted), met_q, met_e, sum(uses))


# --- schools --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RequiredSubjects:
    """The grades and subjects in which every teacher must use the system; a subject counts in a
    grade only where it is taught there (physics from grade 8 …: ``Subject.min_grade/max_grade``)."""

    by_grade: Mapping[int, frozenset[str]]
    source: str

    def subjects(self, grade: int) -> frozenset[str]:
        return self.by_grade.get(grade, frozenset())

    @property
    def grades(self) -> tuple[int, ...]:
        return tuple(sorted(g for g, subjects in self.by_grade.items() if subjects))


_PRIMARY = frozenset({"chinese", "math", "english"})
_JUNIOR = frozenset({"chinese", "math", "english", "physics", "chemistry", "biology", "history", "geography"})
SEED_002_REQUIRED = RequiredSubjects(
    by_grade={**{g: _PRIMARY for g in range(3, 7)}, **{g: _JUNIOR for g in range(7, 10)}}, source=SEED_002)
SEED_000_REQUIRED = RequiredSubjects(
    by_grade={**{g: _PRIMARY for g in range(4, 7)},
              **{g: frozenset({"chinese", "math", "english", "physics", "chemistry", "biology"}) for g in range(7, 10)}},
    source=SEED_000)


@dataclass(frozen=True)
class SchoolRule:
    """Seed 002: coverage 100 % and class usage rate above 60 % qualified, above 90 % excellent
    ("超过": strictly above). A class "uses" the system when it meets the weekly rule for ≥ 1 use
    (any subject) over the counted weeks of the year; classes outside the required grades (1–2:
    no written homework under 双减) are not counted."""

    coverage_required: float = 1.0
    qualified_class_rate: float = 0.6
    excellent_class_rate: float = 0.9
    source: str = SEED_002


SEED_002_SCHOOL = SchoolRule()


@dataclass(frozen=True)
class SchoolRating:
    level: str
    coverage: float | None  # share of required slots covered, None without any slot
    class_rate: float | None
    reasons: tuple[str, ...] = field(default_factory=tuple)


def school_rating(*, slots: int, covered: int, classes: int, using: int,
                  rule: SchoolRule = SEED_002_SCHOOL) -> SchoolRating:
    """``slots``: (class × required subject) places, with a teacher or not; ``covered``: those where
    the system was used at least once in the year; ``using``: classes meeting the weekly rule."""
    if covered > slots or using > classes or min(slots, covered, classes, using) < 0:
        raise ValueError(f"impossible counts: covered {covered}/{slots}, using {using}/{classes}")
    if not slots or not classes:
        return SchoolRating(NOT_ASSESSED, None, None, ("no class in a required grade",))
    coverage, rate = covered / slots, using / classes
    reasons = []
    if coverage < rule.coverage_required:
        reasons.append("coverage below 100%")
    if rate <= rule.qualified_class_rate:
        reasons.append("class usage rate not above 60%")
    if reasons:
        level = UNQUALIFIED
    elif rate > rule.excellent_class_rate:
        level = EXCELLENT
    else:
        level = QUALIFIED
    return SchoolRating(level, coverage, rate, tuple(reasons))


# --- credits --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CreditRule:
    per_term: Decimal = Decimal("0.5")
    levels: frozenset[str] = frozenset({QUALIFIED, EXCELLENT})  # "合格等次以上"
    source: str = SEED_002_CREDIT_SOURCE

    def credits(self, level: str) -> Decimal:
        return self.per_term if level in self.levels else Decimal("0")


SEED_002_CREDITS = CreditRule()


def year_credits(levels: Iterable[str], rule: CreditRule = SEED_002_CREDITS) -> Decimal:
    """Both terms of a year: at most 1 credit (0.5 + 0.5)."""
    return sum((rule.credits(level) for level in levels), Decimal("0"))
