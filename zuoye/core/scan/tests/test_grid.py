"""The 学籍号 grid of a generic sheet, read column by column; unsure columns go to review."""

from __future__ import annotations

import numpy as np
import pytest

from zuoye.core.scan.pipeline import PageStatus, lookup_from, page_read
from zuoye.core.scan.report import Status
from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_fill

from .personas import sheet_set

GENERIC = sheet_set(assignment_id=44, students=(0,))
PAGE = GENERIC.sheets[0].pages[0]


def _read(number: str, seed: int, grey: bool = False) -> object:
    rng = np.random.default_rng(seed)
    image = page_fill(PAGE, PageWork(student_number=number), 200 / 25.4, rng)
    scan = page_degrade(image, Degradation(angle=180 + float(rng.uniform(-3, 3)), grey=grey, jpeg_quality=75,
                                           light=0.15, noise=2), rng)
    result = page_read(scan, lookup_from([GENERIC]))
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


def test_personal_sheets_have_no_student_number_reading() -> None:
    personal = sheet_set(assignment_id=45, students=(7,))
    page = personal.sheets[0].pages[0]
    rng = np.random.default_rng(1)
    result = page_read(page_fill(page, PageWork(), 150 / 25.4, rng), lookup_from([personal]))
    assert result.status is PageStatus.READ and result.student_number is None
