"""Reading pages: a teacher's marks and scores, a student's choices, marks crossing items."""

import numpy as np

from zuoye.core.ink import MarkKind, NcodeAddress, ReadingKind, Role, Stroke, read_page
from zuoye.core.ink.session import sample_pages
from zuoye.core.ink.shapes import tick
from zuoye.core.ink.simulate import choice_mark, grading_mark, score_strokes

ADDRESS = NcodeAddress(3, 27, 168, 1)


def _strokes(lines, t0: int = 0):
    out = []
    for n, line in enumerate(lines):
        at = np.linspace(0, 1, max(8, int(np.hypot(*np.ptp(line, axis=0)) * 2)))
        arc = np.linspace(0, 1, len(line))
        xy = np.column_stack((np.interp(at, arc, line[:, 0]), np.interp(at, arc, line[:, 1])))
        out.append(Stroke("T", ADDRESS, t0 + 400 * n, t0 + 400 * n + 200, xy, np.full(len(xy), 300, np.int32)))
    return out


def _page():
    return next(iter(sample_pages(1).values()))


def test_a_teacher_tick_and_score_on_a_worked_item_read_as_such():
    page = next(p for p in sample_pages(1).values() if any(item.score_box for item in p.items))
    worked = next(item for item in page.items if item.score_box is not None)
    rng = np.random.default_rng(1)
    strokes = _strokes(grading_mark(MarkKind.TICK, worked.grading, rng)) + _strokes(
        score_strokes("-1", worked.score_box, rng), t0=5000)
    readings = {(r.kind, r.value) for r in read_page(page, strokes, Role.TEACHER).readings}
    assert readings == {(ReadingKind.GRADING, "tick"), (ReadingKind.SCORE, "-1")}


def test_a_student_circle_chooses_the_bubble_it_surrounds():
    page = _page()
    item = next(item for item in page.items if item.bubbles)
    rng = np.random.default_rng(2)
    (reading,) = read_page(page, _strokes(choice_mark(item.bubbles[2], MarkKind.CIRCLE, rng)), Role.STUDENT).readings
    assert (reading.item_key, reading.value, reading.review) == (item.key, item.bubbles[2].value, False)


def test_a_tick_across_two_items_goes_to_the_majority_and_to_review():
    page = _page()
    upper, lower = page.items[0], page.items[1]
    # a swoosh whose long arm rises from well inside the lower item up into the upper one
    line = tick(30.0, 0.15)[0] * 70.0 + (60.0, lower.grading.y + 12.0)
    (reading,) = read_page(page, _strokes([line]), Role.TEACHER).readings
    assert reading.item_key == lower.key
    assert reading.crossing and reading.review


def test_strokes_outside_every_item_are_returned_as_stray():
    page = _page()
    result = read_page(page, _strokes([np.array([[5.0, 5.0], [12.0, 9.0]])]), Role.TEACHER)
    assert result.readings == () and len(result.stray) == 1
