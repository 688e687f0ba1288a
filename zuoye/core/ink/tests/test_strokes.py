"""Dots to strokes: duplicates, late chunks and lost dots do not change the strokes."""

import numpy as np
import pytest

from zuoye.core.ink import NCODE_UNIT_MM, Dot, DotType, NcodeAddress, dots_to_lines, dots_to_strokes, ncode_to_mm, \
    parse_dots

ADDRESS = NcodeAddress(3, 27, 168, 1)


def _stroke(t0: int, x0: float, n: int = 20) -> list[Dot]:
    kinds = [DotType.DOWN] + [DotType.MOVE] * (n - 2) + [DotType.UP]
    return [Dot("P", ADDRESS, x0 + 0.3 * i, 10.0 + 0.1 * i, 300, t0 + 8 * i, k) for i, k in enumerate(kinds)]


def _strokes(dots: list[Dot]):
    return dots_to_strokes(parse_dots(dots_to_lines(dots).splitlines()).dots)


def test_an_ncode_unit_is_eight_dots_of_seven_six_hundredths_of_an_inch():
    assert NCODE_UNIT_MM == pytest.approx(2.3707, abs=1e-4)
    assert ncode_to_mm(100.0) == pytest.approx(237.07, abs=0.01)


def test_clean_strokes_come_out_in_millimetres():
    strokes = _strokes(_stroke(0, 10.0) + _stroke(500, 20.0))
    assert len(strokes) == 2
    assert strokes[0].xy[0].tolist() == pytest.approx([10.0 * NCODE_UNIT_MM, 10.0 * NCODE_UNIT_MM])
    assert (strokes[0].t_start, strokes[1].t_start) == (0, 500)


def test_duplicates_and_out_of_order_delivery_give_the_same_strokes():
    dots = _stroke(0, 10.0) + _stroke(500, 20.0)
    rng = np.random.default_rng(5)
    shuffled = [dots[i] for i in rng.permutation(len(dots))] + dots[3:9]
    clean, messy = _strokes(dots), _strokes(shuffled)
    assert len(messy) == len(clean) == 2
    for a, b in zip(clean, messy):
        assert np.array_equal(a.xy, b.xy)


def test_a_lost_up_and_down_still_splits_strokes_at_the_time_gap():
    dots = _stroke(0, 10.0)[:-1] + _stroke(300, 10.5)[1:]  # no up, no down: pen lifted 300 ms
    assert len(_strokes(dots)) == 2


def test_hover_and_error_dots_never_draw():
    dots = _stroke(0, 10.0)
    noise = [Dot("P", ADDRESS, 50.0, 50.0, 0, 4 + 8 * i, DotType.HOVER if i % 2 else DotType.ERROR) for i in range(5)]
    (stroke,) = _strokes(dots + noise)
    assert stroke.xy.shape == (20, 2)
    assert stroke.xy[:, 0].max() < 20 * NCODE_UNIT_MM


def test_a_lost_move_dot_does_not_break_a_fast_stroke():
    dots = _stroke(0, 10.0, n=40)
    del dots[20]
    assert len(_strokes(dots)) == 1
