"""All templates in one place, and the helpers the item bank uses to draw items from them.

The demo bank needs hundreds of items; :func:`generate_distinct` walks seeds until it has the
number asked for with no two stems alike, so a bank built with the same arguments is always
the same bank.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import grade3, grade4, grade5, grade6, grade7, grade8, grade9
from .model import GeneratedItem, Template, TemplateError

TEMPLATES: tuple[Template, ...] = tuple(
    grade3.TEMPLATES + grade4.TEMPLATES + grade5.TEMPLATES + grade6.TEMPLATES
    + grade7.TEMPLATES + grade8.TEMPLATES + grade9.TEMPLATES
)
_BY_CODE = {t.code: t for t in TEMPLATES}
SEEDS_PER_ITEM = 25
"""How many seeds :func:`generate_distinct` may try per item wanted before giving up."""


def template(code: str) -> Template:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"no variant template {code!r}") from None


def templates_for(*, grade: int | None = None, knowledge_point: str | None = None) -> tuple[Template, ...]:
    """Templates of a grade and/or for a knowledge point (an extension exercise's source)."""
    return tuple(
        t for t in TEMPLATES
        if (grade is None or t.grade == grade)
        and (knowledge_point is None or knowledge_point in t.knowledge_points)
    )


def generate_distinct(template: Template, n: int, start_seed: int = 0) -> tuple[GeneratedItem, ...]:
    """``n`` items whose stems all differ, from seeds ``start_seed`` upwards (deterministic)."""
    items: list[GeneratedItem] = []
    stems: set[str] = set()
    for seed in range(start_seed, start_seed + max(n, 1) * SEEDS_PER_ITEM):
        if len(items) == n:
            break
        item = template.generate(seed)
        if item.stem not in stems:
            stems.add(item.stem)
            items.append(item)
    if len(items) < n:
        raise TemplateError(f"{template.code}: only {len(items)} distinct stems, {n} asked for")
    return tuple(items)


def generate_bank(templates: Iterable[Template], per_template: int, start_seed: int = 0) -> tuple[GeneratedItem, ...]:
    """``per_template`` distinct items from each template, in template order."""
    return tuple(item for t in templates for item in generate_distinct(t, per_template, start_seed))
