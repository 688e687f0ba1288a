"""The demo item bank: the curriculum, the hand-written items, and enough math variants.

Deterministic: the same seeds every time, and storing is deduplicated, so loading twice
changes nothing.
"""

from __future__ import annotations

import math

from django.db import transaction

from zuoye.core.demo_items import demo_items
from zuoye.core.variants.registry import TEMPLATES, generate_distinct
from zuoye.itembank.models import Item
from zuoye.itembank.services.curriculum import curriculum_sync
from zuoye.itembank.services.items import items_store, placement_of
from zuoye.itembank.services.variants import generated_to_data
from zuoye.schools.models import Subject

MATH_ITEMS_WANTED = 820  # issue 3: at least 800 math items, grades 3–9
VARIANT_SEED = 1000


@transaction.atomic
def demo_bank_load() -> dict[str, int]:
    curriculum_sync()
    subjects = {s.code: s for s in Subject.objects.all()}
    entries = []
    for subject in ("chinese", "english", "math"):
        for data in demo_items(subject):
            place = placement_of(data, subjects, None)
            if place is None:
                raise ValueError(f"demo item {data.identifier} names no knowledge point")
            entries.append((data, place, None))
    hand_math = sum(1 for _, place, _ in entries if place.subject.code == "math")
    per_template = math.ceil((MATH_ITEMS_WANTED - hand_math) / len(TEMPLATES))
    for template in TEMPLATES:
        for generated in generate_distinct(template, per_template, VARIANT_SEED):
            data = generated_to_data(generated)
            place = placement_of(data, subjects, None)
            assert place is not None, template.code
            entries.append((data, place, (generated.template, generated.seed)))
    _, created = items_store(entries, actor=None)
    counts = {code: Item.objects.filter(subject__code=code).count() for code in ("math", "chinese", "english")}
    return {"created": created, **counts}
