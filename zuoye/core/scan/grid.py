"""The 学籍号 grid of a generic sheet: which student wrote it, column by column.

A generic class sheet (``Sheet.student_id == 0``) carries no student in its QR; the student
fills one bubble per column of the student-number grid. Each column is read by ranking its ten
bubbles: the darkest must look filled and stand clear of the second darkest (the digits printed
inside the bubbles make every empty one a little dark, so a fixed "empty" level would not do).
A column with no clear winner — left blank, two filled, smudged — gives ``?`` and sends the page's
number to review: a page is never filed under a guessed student.
"""

from __future__ import annotations

from dataclasses import dataclass

from zuoye.core.layout import StudentNumberGrid
from zuoye.core.scan.bubbles import bubble_read
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.report import Image, Status

UNSURE = "?"


@dataclass(frozen=True)
class StudentNumberReading:
    digits: str
    """One character a column; ``?`` where the column was not read."""
    confidence: float
    status: Status
    reason: str


def student_number_read(gray: Image, grid: StudentNumberGrid, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
                        hidden: Image | None = None) -> StudentNumberReading:
    """The grid's digits from the rectified grey page of ``k`` px/mm (``hidden``: pixels under pen)."""
    digits, notes, confidence = [], [], 1.0
    for column in grid.columns:
        shares = sorted(((bubble_read(gray, b, k, config, hidden).dark_share, b.value) for b in column.bubbles),
                        reverse=True)
        (best, value), (second, runner_up) = shares[0], shares[1]
        if best < config.bubble_filled_min:
            digits.append(UNSURE)
            notes.append(f"column {column.position}: none filled")
            confidence = 0.0
        elif second > config.grid_second_max:
            digits.append(UNSURE)
            notes.append(f"column {column.position}: {value} and {runner_up} both filled")
            confidence = 0.0
        else:
            digits.append(value)
            margin = min(best - config.bubble_filled_min, config.grid_second_max - second) / config.bubble_margin
            confidence = min(confidence, 0.5 + 0.5 * min(1.0, margin))
    status = Status.READ if confidence >= config.review_below else Status.REVIEW
    text = "".join(digits)
    return StudentNumberReading(text, confidence, status, "; ".join(notes) or f"学籍号 {text}")
