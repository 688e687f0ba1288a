"""Variant items (举一反三) are stored once per distinct content and remember their template and seed."""

from __future__ import annotations

import pytest

from zuoye.itembank.models import Item
from zuoye.itembank.services.curriculum import curriculum_sync
from zuoye.itembank.services.variants import variants_generate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def points():
    curriculum_sync()


def test_generated_items_carry_answer_explanation_points_and_their_seed():
    items = variants_generate(template_code="math.g5.add_unlike_fractions", count=3, actor=None)
    assert len({item.pk for item in items}) == 3
    for item in items:
        assert item.subject.code == "math" and item.grade == 5 and item.explanation
        assert item.template_code == "math.g5.add_unlike_fractions" and item.template_seed is not None
        assert list(item.knowledge_points.values_list("code", flat=True))
        assert "$" in item.stem


def test_generating_the_same_seeds_again_reuses_the_stored_items():
    first = variants_generate(template_code="math.g7.linear_equation", count=4, actor=None)
    again = variants_generate(template_code="math.g7.linear_equation", count=4, actor=None)
    assert [item.pk for item in again] == [item.pk for item in first]
    assert Item.objects.count() == 4


def test_later_seeds_bring_new_items():
    first = variants_generate(template_code="math.g7.linear_equation", count=4, actor=None)
    later = variants_generate(template_code="math.g7.linear_equation", count=4, start_seed=1000, actor=None)
    assert not {item.pk for item in first} & {item.pk for item in later}
    assert Item.objects.count() == 8
