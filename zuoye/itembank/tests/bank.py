"""A small item bank for tests: the curriculum plus a few variant items and one item with a figure.

The test county's bank is empty; :func:`small_bank` fills it with grade 7 maths (three
templates), enough for filters, homework and sheets, in well under a second.
"""

from __future__ import annotations

import io

from PIL import Image

from zuoye.core import itemformats as fmt
from zuoye.itembank.models import Item
from zuoye.itembank.services.curriculum import curriculum_sync
from zuoye.itembank.services.items import Placement, items_store
from zuoye.itembank.services.variants import variants_generate
from zuoye.schools.models import Subject

TEMPLATES = ("math.g7.rational_arithmetic", "math.g7.linear_equation", "math.g7.combine_like_terms")


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def item_with_figure() -> Item:
    data = fmt.ItemData(
        identifier="figure-1", type=fmt.ItemType.SINGLE_CHOICE, stem="如图，$\\angle 1 = 40^{\\circ}$，则 $\\angle 2$ 等于（　　）",
        options=tuple(fmt.ChoiceOption(label, text) for label, text in zip("ABCD", ("$40^{\\circ}$", "$50^{\\circ}$", "$140^{\\circ}$", "$130^{\\circ}$"))),
        answer=fmt.ChoiceAnswer(("C",)), explanation="邻补角之和为 $180^{\\circ}$。", knowledge_points=("math.g7b.u5.kp01",),
        minutes=2, image=fmt.ItemImage("angles.png", png_bytes(), "image/png"),
    )
    (item,), _ = items_store([(data, Placement(Subject.objects.get(code="math"), 7), None)], actor=None)
    return item


def small_bank(per_template: int = 4) -> list[Item]:
    curriculum_sync()
    items: list[Item] = []
    for code in TEMPLATES:
        items += variants_generate(template_code=code, count=per_template, actor=None)
    return items
