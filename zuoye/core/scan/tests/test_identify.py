"""Stage identify: the page code at any rotation; blank backs, foreign pages and misreads."""

from __future__ import annotations

import numpy as np
import pytest

from zuoye.core.layout import Page
from zuoye.core.scan.decode import grey
from zuoye.core.scan.identify import BLANK, page_identify
from zuoye.core.scan.simulate import Degradation, page_degrade, page_draw


@pytest.mark.parametrize("angle", [0.0, 90.0, 180.0, -15.0, 197.0])
def test_page_code_is_read_at_any_rotation(page: Page, angle: float) -> None:
    rng = np.random.default_rng(1)
    scan = page_degrade(page_draw(page, 150 / 25.4, rng), Degradation(angle=angle, grey=True, jpeg_quality=60), rng)
    result = page_identify(grey(scan))
    assert result.value is not None, result.report.reason
    assert (result.value.address.assignment_id, result.value.address.student_id) == (42, 101)
    assert result.value.payload == page.qr.payload


def test_symbol_corners_show_which_way_up_the_page_is(page: Page) -> None:
    rng = np.random.default_rng(2)
    image = page_draw(page, 150 / 25.4, rng)
    upright = page_identify(grey(image)).value
    upside_down = page_identify(grey(page_degrade(image, Degradation(angle=180), rng))).value
    assert upright is not None and upside_down is not None
    # the symbol's top-left is left of its top-right upright, and right of it upside down
    assert upright.corners[0][0] < upright.corners[1][0]
    assert upside_down.corners[0][0] > upside_down.corners[1][0]


def test_blank_back_is_recognised_as_blank() -> None:
    rng = np.random.default_rng(3)
    paper = np.clip(rng.normal(245, 4, (1200, 850)), 0, 255).astype(np.uint8)
    result = page_identify(paper)
    assert result.value is None and result.report.reason == BLANK


def test_page_without_a_code_is_unidentified_with_reason(page: Page) -> None:
    rng = np.random.default_rng(4)
    image = grey(page_draw(page, 150 / 25.4, rng)).copy()
    k = 150 / 25.4
    qr = page.qr.rect.inflate(1)
    image[round(qr.y * k):round(qr.bottom * k), round(qr.x * k):round(qr.right * k)] = 255
    result = page_identify(image)
    assert result.value is None and result.report.reason.startswith("no QR code")


def test_code_failing_its_check_is_never_taken_for_a_page(page: Page) -> None:
    from dataclasses import replace

    last = "0" if page.qr.payload[-1] != "0" else "1"
    tampered = replace(page, qr=replace(page.qr, payload=page.qr.payload[:-1] + last))
    rng = np.random.default_rng(5)
    result = page_identify(grey(page_draw(tampered, 150 / 25.4, rng)))
    assert result.value is None and "checksum" in result.report.reason
