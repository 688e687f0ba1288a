"""Hit-testing strokes against item regions, grouping marks, splitting written characters."""

import numpy as np

from zuoye.core.ink import NcodeAddress, Stroke, group_marks, hit_test, split_characters
from zuoye.core.layout import Rect

TOP = Rect(20.0, 20.0, 160.0, 30.0)
BOTTOM = Rect(20.0, 50.0, 160.0, 30.0)


def _line(x0: float, y0: float, x1: float, y1: float, t: int = 0, n: int = 40) -> Stroke:
    xy = np.column_stack((np.linspace(x0, x1, n), np.linspace(y0, y1, n)))
    return Stroke("P", NcodeAddress(1, 1, 1, 1), t, t + 8 * n, xy, np.full(n, 300, np.int32))


def test_a_stroke_inside_one_region_belongs_to_it_unflagged():
    (hit,) = hit_test([_line(40, 60, 90, 70)], [TOP, BOTTOM])
    assert (hit.region, hit.crossing) == (1, False)


def test_a_stroke_crossing_two_items_goes_to_the_majority_and_is_flagged():
    (hit,) = hit_test([_line(40, 40, 90, 65)], [TOP, BOTTOM])  # 10 mm in TOP, 15 mm in BOTTOM
    assert (hit.region, hit.crossing) == (1, True)


def test_the_majority_is_by_length_not_by_dot_count():
    slow = np.column_stack((np.full(30, 40.0), np.linspace(45.0, 49.0, 30)))  # many dots, 4 mm
    fast = np.column_stack((np.linspace(40.0, 41.0, 5), np.linspace(51.0, 75.0, 5)))  # few dots, 24 mm
    stroke = Stroke("P", NcodeAddress(1, 1, 1, 1), 0, 300, np.vstack((slow, fast)), np.full(35, 300, np.int32))
    assert hit_test([stroke], [TOP, BOTTOM])[0].region == 1


def test_strokes_outside_every_region_hit_nothing():
    assert hit_test([_line(0, 0, 10, 10)], [TOP])[0].region == -1


def test_touching_strokes_close_in_time_form_one_mark_and_far_ones_another():
    a, b = _line(40, 55, 60, 75, t=0), _line(60, 55, 40, 75, t=500)  # a cross
    later = _line(120, 55, 140, 75, t=9000)
    marks = group_marks([later, a, b], hit_test([later, a, b], [TOP, BOTTOM]))
    assert [len(m.strokes) for m in marks] == [2, 1]
    assert marks[0].strokes == (a, b)


def test_characters_split_where_x_ranges_do_not_overlap():
    one = _line(10.0, 10.0, 10.6, 17.0)
    seven_top, seven_leg = _line(11.0, 10.0, 15.0, 10.0, t=400), _line(15.0, 10.0, 12.0, 17.0, t=500)
    chars = split_characters([seven_leg, one, seven_top])
    assert chars == ((one,), (seven_top, seven_leg))


def test_a_fives_bar_drawn_off_to_the_right_stays_with_its_five_and_a_leading_minus_stands_alone():
    minus = _line(2.0, 13.0, 5.0, 13.0)
    body = _line(10.0, 10.0, 12.5, 17.0, t=400)  # the 5's hook, 2.5 mm wide
    bar = _line(11.8, 10.1, 14.6, 10.0, t=700)   # overlaps the body by 0.7 mm only
    assert split_characters([bar, body, minus]) == ((minus,), (body, bar))
    far = _line(13.0, 10.1, 15.0, 10.0, t=700)   # no overlap at all: a character of its own
    assert split_characters([body, far]) == ((body,), (far,))
