"""The 学籍号 grid of a generic sheet, read column by column; unsure columns go to review."""

from __future__ import annotations

import numpy as np
import pytest

from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.grid import grid_placed, student_number_read
from zuoye.core.scan.pipeline import PageStatus, lookup_from, page_planes, page_read
from zuoye.core.scan.redpen import print_mask
from zuoye.core.scan.report import Status
from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_draw, page_fill

from .personas import sheet_set

GENERIC = sheet_set(assignment_id=44, students=(0,))
PAGE = GENERIC.sheets[0].pages[0]


def _read(number: str, seed: int, grey: bool = False, bow: float = 0.0, printed: bool = False) -> object:
    """``bow``: a phone photo of a page sagging this many mm in the middle, where the grid is;
    ``printed``: reading is given the page's print (here the simulator's, as ``print_mask`` makes it)."""
    rng = np.random.default_rng(seed)
    image = page_fill(PAGE, PageWork(student_number=number), 200 / 25.4, rng)
    d = Degradation(angle=180 + float(rng.uniform(-3, 3)), grey=grey, jpeg_quality=75, light=0.15, noise=2)
    if bow:
        d = Degradation(angle=float(rng.uniform(-6, 6)), jpeg_quality=80, perspective=0.04, shadow=0.2, curve=bow,
                        background=120)
    scan = page_degrade(image, d, rng)
    mask = print_mask(page_draw(PAGE, 200 / 25.4, np.random.default_rng(0)), PAGE) if printed else None
    result = page_read(scan, lookup_from([GENERIC]), prints=None if mask is None else lambda address: mask)
    assert result.status is PageStatus.READ, result.reason
    return result.student_number


@pytest.mark.parametrize("grey", [False, True])
def test_a_filled_student_number_is_read_through_the_printed_digits(grey: bool) -> None:
    digits = PAGE.student_grid.digits if PAGE.student_grid else 0
    assert digits >= 4
    for seed in range(3):
        number = "".join(str(d) for d in np.random.default_rng(seed).integers(0, 10, digits))
        reading = _read(number, seed, grey)
        assert reading is not None
        assert (reading.digits, reading.status) == (number, Status.READ), reading.reason


def test_a_blank_or_doubly_filled_column_is_unsure_and_sent_to_review() -> None:
    digits = PAGE.student_grid.digits if PAGE.student_grid else 0
    number = "1" * (digits - 1) + " "
    reading = _read(number, 7)
    assert reading.digits == "1" * (digits - 1) + "?" and reading.status is Status.REVIEW
    assert f"column {digits}: none filled" in reading.reason


@pytest.mark.parametrize("printed", [False, True])
def test_a_phone_photo_of_a_bowed_page_is_read_where_the_grid_sagged_to(printed: bool) -> None:
    """A page lifted in the middle sags most there, where the grid is printed: 3.5 mm is most of a
    row (4.6 mm). Read where the layout puts it, each filled bubble read as two half-filled ones."""
    digits = PAGE.student_grid.digits if PAGE.student_grid else 0
    for seed in range(3):
        number = "".join(str(d) for d in np.random.default_rng([9, seed]).integers(0, 10, digits))
        reading = _read(number, seed, bow=3.5, printed=printed)
        assert reading is not None
        assert (reading.digits, reading.status) == (number, Status.READ), reading.reason


def test_the_grid_is_found_where_it_lies_column_by_column() -> None:
    """Moved 2.5 mm down and 0.75 mm right on the page (a sagging page), the grid is read there."""
    grid = PAGE.student_grid
    assert grid is not None
    k = DEFAULT_SCAN_CONFIG.px_per_mm
    rng = np.random.default_rng(2)
    number = "3" * grid.digits
    image = page_fill(PAGE, PageWork(student_number=number), k, rng)
    moved = np.full_like(image, 255)
    moved[10:, 3:] = image[:-10, :-3]
    _, gray, _ = page_planes(moved, DEFAULT_SCAN_CONFIG)
    placed = grid_placed(gray, grid, k)
    assert placed is not None
    for column, was in zip(placed.columns, grid.columns, strict=True):
        for b, before in zip(column.bubbles, was.bubbles, strict=True):
            assert abs(b.cx - before.cx - 0.75) <= 0.25 and abs(b.cy - before.cy - 2.5) <= 0.25
    assert student_number_read(gray, grid, k).digits == number


def test_a_grid_that_cannot_be_found_is_read_where_the_layout_puts_it() -> None:
    """Nothing like the grid on the page (here: nothing printed at all): it is read in place, as a
    flat scan's is, and says so; its empty columns go to review."""
    grid = PAGE.student_grid
    assert grid is not None
    k = DEFAULT_SCAN_CONFIG.px_per_mm
    blank = np.full((round(PAGE.height * k), round(PAGE.width * k)), 250, np.uint8)
    assert grid_placed(blank, grid, k) is None
    reading = student_number_read(blank, grid, k)
    assert reading.digits == "?" * grid.digits and reading.status is Status.REVIEW
    assert reading.reason.startswith("grid not found clearly, read where the layout puts it; column 1: none filled")


def test_a_number_in_the_grids_last_row_is_read_on_a_flat_scan() -> None:
    """All 9s (or 0s): the filled discs in the last row make a place one row off match the bare
    rings nearly as well, so the grid is not placed; read in place, a flat scan still reads."""
    digits = PAGE.student_grid.digits if PAGE.student_grid else 0
    for number in ("9" * digits, "0" * digits):
        reading = _read(number, 5)
        assert (reading.digits, reading.status) == (number, Status.READ), reading.reason


def test_personal_sheets_have_no_student_number_reading() -> None:
    personal = sheet_set(assignment_id=45, students=(7,))
    page = personal.sheets[0].pages[0]
    rng = np.random.default_rng(1)
    result = page_read(page_fill(page, PageWork(), 150 / 25.4, rng), lookup_from([personal]))
    assert result.status is PageStatus.READ and result.student_number is None
