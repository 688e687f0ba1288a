"""End to end on simulated scans: rotations, skew, dpi, greyscale, JPEG, uneven light.

The accuracy figures are printed (``pytest -s``) and held to floors: marks read right,
bubbles read right, and no wrong reading at or above the review threshold more often than
the floor allows. Pages of another assignment, blank backs and pages without a code are
reported with their reason, never read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from zuoye.core.layout import Page, SheetSet
from zuoye.core.scan.pipeline import PageStatus, lookup_from, page_read
from zuoye.core.scan.report import BubbleState, Status
from zuoye.core.scan.simulate import Degradation, page_degrade, page_fill

from .personas import random_work, sheet_set


@dataclass
class Tally:
    marks: int = 0
    marks_right: int = 0
    review: int = 0
    wrong_sure: int = 0
    choices: int = 0
    choices_right: int = 0

    def line(self, name: str) -> str:
        return (f"{name}: marks {self.marks_right}/{self.marks}, review {self.review}, wrong above threshold "
                f"{self.wrong_sure}, choices {self.choices_right}/{self.choices}")


def _run(layout: SheetSet, page: Page, pages: int, grey: bool, seed: int, phone: bool = False) -> Tally:
    rng, lookup, tally = np.random.default_rng(seed), lookup_from([layout]), Tally()
    for _ in range(pages):
        work = random_work(page, rng)
        image = page_fill(page, work, rng.uniform(150, 220) / 25.4, rng)
        d = Degradation(angle=float(rng.choice([0.0, 180.0]) + rng.uniform(-15, 15)), grey=grey,
                        jpeg_quality=int(rng.integers(50, 81)), light=rng.uniform(0, 0.3), noise=rng.uniform(0, 5))
        if phone:
            d = dataclasses.replace(d, perspective=rng.uniform(0.02, 0.06), shadow=rng.uniform(0.1, 0.35),
                                    curve=rng.uniform(0, 4), background=int(rng.integers(90, 170)))
        result = page_read(page_degrade(image, d, rng), lookup)
        assert result.status is PageStatus.READ, result.reason
        for item in result.items:
            right = item.mark is work.marks[item.key]
            tally.marks += 1
            tally.marks_right += right
            tally.review += item.status is Status.REVIEW
            tally.wrong_sure += item.status is Status.READ and not right
            if item.choice is not None:
                want = {v for v, s in work.bubbles[item.key].items() if s is BubbleState.FILLED}
                tally.choices += 1
                tally.choices_right += set(item.choice.values) == want
    return tally


def test_colour_scans_at_any_rotation_are_read(layout: SheetSet, page: Page) -> None:
    tally = _run(layout, page, 14, grey=False, seed=11)
    print(tally.line("colour"))
    assert tally.marks_right / tally.marks >= 0.95
    assert tally.choices_right / tally.choices >= 0.95
    assert tally.wrong_sure == 0  # a wrong reading is never confident
    assert tally.review / tally.marks <= 0.1


def test_greyscale_scans_are_read_by_shape(layout: SheetSet, page: Page) -> None:
    tally = _run(layout, page, 10, grey=True, seed=12)
    print(tally.line("grey"))
    assert tally.marks_right / tally.marks >= 0.6
    assert tally.choices_right / tally.choices >= 0.95


def test_phone_photos_are_read_through_their_perspective(layout: SheetSet, page: Page) -> None:
    tally = _run(layout, page, 8, grey=False, seed=16, phone=True)
    print(tally.line("phone"))
    assert tally.marks_right / tally.marks >= 0.95
    assert tally.wrong_sure / tally.marks <= 0.02


def test_page_of_another_assignment_is_unidentified_with_reason(layout: SheetSet) -> None:
    other = sheet_set(assignment_id=43).sheets[0].pages[0]
    rng = np.random.default_rng(13)
    result = page_read(page_fill(other, random_work(other, rng), 150 / 25.4, rng), lookup_from([layout]))
    assert result.status is PageStatus.UNIDENTIFIED and result.items == ()
    assert "unknown page: assignment 43" in result.reason


def test_blank_back_and_page_without_code_are_told_apart(layout: SheetSet) -> None:
    rng = np.random.default_rng(14)
    blank = np.clip(rng.normal(246, 3, (1100, 800)), 0, 255).astype(np.uint8)
    assert page_read(blank, lookup_from([layout])).status is PageStatus.BLANK
    scribbled = blank.copy()
    scribbled[200:900:40, 100:700] = 30
    result = page_read(scribbled, lookup_from([layout]))
    assert result.status is PageStatus.UNIDENTIFIED and result.reason.startswith("no QR code")


def test_every_stage_reports(layout: SheetSet, page: Page) -> None:
    rng = np.random.default_rng(15)
    image = page_fill(page, random_work(page, rng), 150 / 25.4, rng)
    seen: list[str] = []
    result = page_read(image, lookup_from([layout]), debug=lambda name, _: seen.append(name))
    assert [r.stage for r in result.reports] == ["identify", "align"]
    assert all(r.ok and 0 < r.confidence <= 1 for r in result.reports)
    assert seen == ["rectified"] and len(result.items) == len(page.items)
