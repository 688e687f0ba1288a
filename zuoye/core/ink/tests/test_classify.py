"""Template matching: canonical marks and digits read right, scribbles get no confidence."""

import numpy as np
import pytest

from zuoye.core.ink import digit_templates, grading_templates, match, match_many
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
