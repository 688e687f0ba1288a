"""The demo bank: enough items per subject, all tagged and timed, and loading it twice changes nothing."""

from __future__ import annotations

import pytest
from django.db.models import Count

from zuoye.itembank.models import Item
from zuoye.itembank.services.demo import demo_bank_load

pytestmark = pytest.mark.django_db


def test_demo_bank_has_the_items_the_issue_asks_for_and_loads_idempotently():
    counts = demo_bank_load()
    assert counts["math"] >= 800 and counts["chinese"] >= 100 and counts["english"] >= 100
    math_grades = set(Item.objects.filter(subject__code="math").values_list("grade", flat=True))
    assert math_grades == {3, 4, 5, 6, 7, 8, 9}
    untagged = Item.objects.annotate(points=Count("knowledge_points")).filter(points=0)
    assert not untagged.exists()
    assert not Item.objects.filter(minutes__lte=0).exists()
    total = Item.objects.count()
    again = demo_bank_load()
    assert again["created"] == 0 and Item.objects.count() == total
