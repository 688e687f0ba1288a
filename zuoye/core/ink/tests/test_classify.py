"""Template matching: canonical marks and digits read right, scribbles get no confidence."""

import numpy as np
import pytest

from zuoye.core.ink import DEFAULT_INK_CONFIG, digit_templates, grading_templates, match, match_many
from zuoye.core.ink.shapes import DIGIT_LABELS, MarkKind, digit_shapes, grading_shape


@pytest.mark.parametrize("kind", list(MarkKind))
def test_each_canonical_grading_mark_is_read_as_itself(kind):
    found = match(grading_shape(kind), grading_templates())
    assert found.label == kind.value
    assert found.confidence > 0.8


@pytest.mark.parametrize("label", [d for d in DIGIT_LABELS if d != "."])
def test_each_way_of_writing_a_digit_is_read_as_itself(label):
    for shape in digit_shapes(label):
        scaled = tuple(line * 6.0 + 100.0 for line in shape)  # size and place do not matter
        assert match(scaled, digit_templates()).label == label


def test_a_random_scribble_is_not_read_with_confidence():
    rng = np.random.default_rng(3)
    scribbles = [(np.cumsum(rng.normal(0, 3, (40, 2)), axis=0),) for _ in range(20)]
    found = match_many(scribbles, grading_templates())
    assert max(m.confidence for m in found) < 0.5


def test_matching_many_marks_at_once_equals_matching_each():
    shapes = [grading_shape(kind) for kind in MarkKind]
    together = match_many(shapes, grading_templates())
    alone = [match(shape, grading_templates()) for shape in shapes]
    assert [m.label for m in together] == [m.label for m in alone]
    assert [m.confidence for m in together] == pytest.approx([m.confidence for m in alone])


def test_chamfer_equals_the_plain_nearest_point_distance_with_direction_features():
    from zuoye.core.ink.classify import chamfer

    rng = np.random.default_rng(1)
    clouds, templates = rng.normal(size=(3, 7, 4)), rng.normal(size=(5, 6, 4))
    d = np.linalg.norm(clouds[:, None, :, None, :] - templates[None, :, None, :, :], axis=-1)  # m k n j
    plain = (d.min(axis=3).mean(axis=2) + d.min(axis=2).mean(axis=2)) / 2
    assert chamfer(clouds, templates) == pytest.approx(plain, abs=1e-5)


def test_direction_is_an_axis_so_stroke_direction_and_order_still_do_not_matter():
    templates = digit_templates()
    assert templates.direction_weight > 0
    for label in ("4", "5", "7"):
        for shape in digit_shapes(label):
            reversed_ = tuple(line[::-1] * 6.0 for line in reversed(shape))
            assert match(reversed_, templates).label == label


def test_random_scribbles_in_a_score_box_are_not_read_as_digits_above_the_threshold():
    """Position alone let 15 in 400 random walks pass as a digit; with direction none does."""
    rng = np.random.default_rng(3)
    scribbles = [(np.cumsum(rng.normal(0, 3, (40, 2)), axis=0),) for _ in range(200)]
    scribbles += [(np.cumsum(rng.normal(0, 1, (12, 2)), axis=0),) for _ in range(200)]
    found = match_many(scribbles, digit_templates())
    assert max(m.confidence for m in found) < DEFAULT_INK_CONFIG.review_below
