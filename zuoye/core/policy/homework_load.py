"""Homework load limits (作业总量控制, MISSION H9).

National rule, from 中共中央办公厅 国务院办公厅《关于进一步减轻义务教育阶段学生作业负担和
校外培训负担的意见》(2021年7月, "双减"), 第二部分第5条: 小学一、二年级不布置家庭书面作业 …
小学三至六年级书面作业平均完成时间不超过60分钟，初中书面作业平均完成时间不超过90分钟.

The limit is per class and school day, all subjects together. Regions may be stricter (or
differ for particular grades); an override set lower in the region tree wins over one set
higher up, and any override wins over the national default.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

NATIONAL_SOURCE = "中办 国办《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》(2021) 第5条"


@dataclass(frozen=True)
class LoadLimits:
    """Daily written-homework minutes per grade; 0 means no written homework at all."""

    minutes_by_grade: Mapping[int, int]
    source: str

    def limit(self, grade: int) -> int:
        try:
            return self.minutes_by_grade[grade]
        except KeyError:
            raise ValueError(f"no homework-load limit for grade {grade}") from None


NATIONAL = LoadLimits(
    minutes_by_grade={1: 0, 2: 0, 3: 60, 4: 60, 5: 60, 6: 60, 7: 90, 8: 90, 9: 90},
    source=NATIONAL_SOURCE,
)


@dataclass(frozen=True)
class RegionOverride:
    """A region's own limit for a range of grades (e.g. a county holding grades 3–4 to 45 minutes)."""

    depth: int  # 1 province, 2 city, 3 county: deeper wins
    grade_from: int
    grade_to: int
    minutes: int
    source: str


def limits_for_region(overrides: Iterable[RegionOverride], base: LoadLimits = NATIONAL) -> LoadLimits:
    minutes = dict(base.minutes_by_grade)
    sources = {grade: base.source for grade in minutes}
    for override in sorted(overrides, key=lambda o: o.depth):
        for grade in range(override.grade_from, override.grade_to + 1):
            minutes[grade] = override.minutes
            sources[grade] = override.source
    cited = " / ".join(dict.fromkeys(sources.values()))
    return LoadLimits(minutes_by_grade=minutes, source=cited)


@dataclass(frozen=True)
class LoadCheck:
    """The answer to "may this homework go out to this class on this day?", with the numbers."""

    grade: int
    limit: int
    already: int  # minutes already published for the class that day, all subjects
    adding: int
    source: str
    by_subject: Mapping[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.already + self.adding

    @property
    def over_by(self) -> int:
        return max(0, self.total - self.limit)

    @property
    def allowed(self) -> bool:
        """No written homework at all in a zero-limit grade; otherwise stay within the limit."""
        if self.limit == 0:
            return self.adding == 0
        return self.total <= self.limit


def check_load(
    *, limits: LoadLimits, grade: int, already: int, adding: int, by_subject: Mapping[str, int] | None = None
) -> LoadCheck:
    if already < 0 or adding < 0:
        raise ValueError("homework minutes cannot be negative")
    return LoadCheck(
        grade=grade, limit=limits.limit(grade), already=already, adding=adding, source=limits.source,
        by_subject=dict(by_subject or {}),
    )
