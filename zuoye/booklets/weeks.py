"""School weeks named the ISO way ("2026-W48"): what a booklet covers by default.

A booklet is printed for a period; the usual one is a week, Monday to Sunday, named by its
ISO 8601 week. A bad name is refused with the text and the form expected, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class WeekError(ValueError):
    """A week name that is not YYYY-Www, or a week that does not exist in that year."""


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def chinese(self) -> str:
        """"2026年第48周（11月23日—11月29日）": how the cover names it."""
        s, e = self.start, self.end
        return f"{self.year}年第{self.number}周（{s.month}月{s.day}日—{e.month}月{e.day}日）"

    def __str__(self) -> str:
        return self.label


def week_parse(text: str) -> Week:
    match = _WEEK.match(text.strip())
    if not match:
        raise WeekError(f"week {text!r}: expected the form YYYY-Www, e.g. 2026-W48")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError:
        raise WeekError(f"week {text!r}: {year} has no ISO week {number}") from None
    return Week(year, number)


def week_of(day: date) -> Week:
    year, number, _ = day.isocalendar()
    return Week(year, number)
