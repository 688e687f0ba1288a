"""Items from variant templates (举一反三): fresh questions with answers and worked explanations.

A generated item is stored like any other (deduplicated by content) and remembers its
template and seed, so it can be regenerated or audited, and later issues can ask for "a new
variant of the item this student got wrong".
"""

from __future__ import annotations

from zuoye.accounts.models import User
from zuoye.core import itemformats as fmt
from zuoye.core.variants import model as variants
from zuoye.core.variants.registry import generate_distinct, template
from zuoye.itembank.models import Item
from zuoye.itembank.services.items import Placement, items_store
from zuoye.schools.models import Subject


def generated_to_data(generated: variants.GeneratedItem) -> fmt.ItemData:
    identifier = f"variant-{generated.template}-{generated.seed}"
    common = {
        "identifier": identifier, "stem": generated.stem, "explanation": generated.explanation,
        "difficulty": generated.difficulty, "minutes": generated.minutes,
        "knowledge_points": generated.knowledge_points, "source": f"举一反三模板 {generated.template}",
    }
    if generated.item_type is variants.ItemType.SINGLE_CHOICE:
        options = tuple(fmt.ChoiceOption(label, text) for label, text in zip(fmt.OPTION_LABELS, generated.options))
        return fmt.ItemData(type=fmt.ItemType.SINGLE_CHOICE, options=options,
                            answer=fmt.ChoiceAnswer((generated.answer,)), full_score=2.0, **common)
    if generated.item_type is variants.ItemType.FILL_IN:
        blanks = tuple(fmt.Blank((part.strip(),)) for part in generated.answer.split(variants.ANSWER_SEPARATOR))
        return fmt.ItemData(type=fmt.ItemType.FILL_BLANK, answer=fmt.BlanksAnswer(blanks),
                            full_score=2.0 * len(blanks), **common)
    return fmt.ItemData(type=fmt.ItemType.SHORT_ANSWER, answer=fmt.ModelAnswer(generated.answer),
                        full_score=6.0, **common)


def variants_generate(*, template_code: str, count: int, start_seed: int = 0, actor: User | None) -> list[Item]:
    """``count`` distinct items from one template (existing ones are reused, not duplicated)."""
    chosen = template(template_code)
    place = Placement(Subject.objects.get(code="math"), chosen.grade)
    generated = generate_distinct(chosen, count, start_seed)
    items, _ = items_store(
        [(generated_to_data(g), place, (g.template, g.seed)) for g in generated], actor=actor
    )
    return items
