"""The 学籍号 grid of a generic sheet: which student wrote it, column by column.

A generic class sheet (``Sheet.student_id == 0``) carries no student in its QR; the student
fills one bubble per column of the student-number grid. Each column is read by ranking its ten
bubbles: the darkest must look filled and stand clear of the second darkest (the digits printed
inside the bubbles make every empty one a little dark, so a fixed "empty" level would not do).
A column with no clear winner — left blank, two filled, smudged — gives ``?`` and sends the page's
number to review: a page is never filed under a guessed student.

The grid is first found on the page (``grid_placed``): the corner marks hold a phone photo's
edges, but a bowed page sags most in the middle, where the grid is printed, by up to most of a
row. Ten rings a column make a shift by one row nearly as good a match as the right place, so
the place is taken only when it beats the places a row away clearly — with the page's real print
(digits in the rings, write-in boxes above) it does, by 12 % or more; with bare rings often not.
Otherwise the grid is read where the layout puts it, as on a flat scan, and a sagging grid's
columns read as unsure (two half-filled bubbles), never a row off.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import cv2
import numpy as np

from zuoye.core.layout import GridColumn, StudentNumberGrid
from zuoye.core.scan.bubbles import bubble_read
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.redpen import Mask
from zuoye.core.scan.report import Image, Status

UNSURE = "?"


@dataclass(frozen=True)
class StudentNumberReading:
    digits: str
    """One character a column; ``?`` where the column was not read."""
    confidence: float
    status: Status
    reason: str


def _template(columns: tuple[GridColumn, ...], k: float, printed: Mask | None
              ) -> tuple[Image, tuple[float, float]]:
    """What ``columns`` print, as ink (1.0) on paper (0.0), and its top left (mm): the page's real
    print when known (``printed``: the rings, the digits in them and the write-in boxes above,
    which a shifted place does not match), else the rings the layout gives."""
    r = max(b.r for c in columns for b in c.bubbles) + 1.0
    left = min(b.cx for c in columns for b in c.bubbles) - r
    right = max(b.cx for c in columns for b in c.bubbles) + r
    top = min(b.cy for c in columns for b in c.bubbles) - r
    bottom = max(b.cy for c in columns for b in c.bubbles) + r
    if printed is not None:
        top = min(top, *(c.write_in.y - 1.0 for c in columns))
        x0, y0 = round(left * k), round(top * k)
        template = np.asarray(printed[y0:round(bottom * k), x0:round(right * k)], np.float32)
        if template.any():
            return template, (x0 / k, y0 / k)
    template = np.zeros((round((bottom - top) * k), round((right - left) * k)), np.float32)
    thickness = max(1, round(0.35 * k))
    for column in columns:
        for b in column.bubbles:
            cv2.circle(template, (round((b.cx - left) * k), round((b.cy - top) * k)), round(b.r * k),
                       1.0, thickness, cv2.LINE_AA)
    return template, (left, top)


def _match(ink: Image, template: tuple[Image, tuple[float, float]], shift: tuple[float, float], reach: float,
           k: float) -> tuple[Image, tuple[float, float]] | None:
    """How well ``template`` (``_template``) matches the page's ``ink`` at each offset within
    ``reach`` mm of ``shift``: the match scores, and the offset (mm) their first cell stands for."""
    picture, (left, top) = template
    x0, y0 = round((left + shift[0] - reach) * k), round((top + shift[1] - reach) * k)
    x1, y1 = x0 + picture.shape[1] + round(2 * reach * k), y0 + picture.shape[0] + round(2 * reach * k)
    if x0 < 0 or y0 < 0 or x1 > ink.shape[1] or y1 > ink.shape[0] or not picture.any():
        return None
    scores = cv2.matchTemplate(ink[y0:y1, x0:x1], picture, cv2.TM_CCOEFF_NORMED)
    return scores, (x0 / k - left, y0 / k - top)


def grid_placed(gray: Image, grid: StudentNumberGrid, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
                printed: Mask | None = None) -> StudentNumberGrid | None:
    """The grid moved to where it is on the rectified grey page, column by column; None when its
    place is not clear (nothing matches well, or a place a row up or down matches nearly as well).
    ``printed``: the page's real print (``redpen.print_mask``), matched instead of the bare rings."""
    first = grid.columns[0].bubbles
    pitch = (first[-1].cy - first[0].cy) / max(1, len(first) - 1)
    ink = np.asarray(255.0 - gray, np.float32)
    found = _match(ink, _template(grid.columns, k, printed), (0.0, 0.0), pitch * config.grid_search_rows, k)
    if found is None:
        return None
    scores, origin = found
    _, best, _, (bx, by) = cv2.minMaxLoc(scores)
    if best < config.grid_match_min:
        return None
    row = pitch * k
    for step in (-row, row):  # the best score a row up or down, within a pixel or two of that row
        y = by + step
        lo, hi = max(0, math.floor(y - 2)), min(scores.shape[0], math.ceil(y + 2) + 1)
        if lo < hi and float(scores[lo:hi, max(0, bx - 2):bx + 3].max()) > best * (1 - config.grid_row_gap_min):
            return None
    shift = (origin[0] + bx / k, origin[1] + by / k)
    columns = []
    for column in grid.columns:
        near = _match(ink, _template((column,), k, printed), shift, config.grid_column_reach_mm, k)
        moved = shift
        if near is not None:
            _, _, _, (cx, cy) = cv2.minMaxLoc(near[0])
            moved = (near[1][0] + cx / k, near[1][1] + cy / k)
        columns.append(dataclasses.replace(column, bubbles=tuple(
            dataclasses.replace(b, cx=b.cx + moved[0], cy=b.cy + moved[1]) for b in column.bubbles)))
    return dataclasses.replace(grid, columns=tuple(columns))


def student_number_read(gray: Image, grid: StudentNumberGrid, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
                        hidden: Image | None = None, printed: Mask | None = None) -> StudentNumberReading:
    """The grid's digits from the rectified grey page of ``k`` px/mm (``hidden``: pixels under pen),
    read where it is found on the page (``grid_placed``; ``printed``: the page's real print)."""
    placed = grid_placed(gray, grid, k, config, printed)
    digits, notes, confidence = [], [], 1.0
    if placed is None:  # as before it was looked for: a bowed grid then reads as columns unsure
        notes.append("grid not found clearly, read where the layout puts it")
    for column in (placed or grid).columns:
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
    return StudentNumberReading(text, confidence, status, "; ".join(notes) if UNSURE in text else f"学籍号 {text}")
