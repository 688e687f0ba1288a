"""Variant templates (举一反三) for Math grades 3–9, framework-free.

Each template draws new numbers for the same kind of question and writes the stem, the correct
answer and a worked explanation (解析) in Chinese, with formulas in the LaTeX subset that
:mod:`zuoye.core.mathtext` checks and renders::

    from zuoye.core.variants import TEMPLATES, generate_distinct, template
    item = template("math.g5.add_unlike_fractions").generate(seed=7)
    item.stem, item.options, item.answer, item.explanation, item.knowledge_points
    bank = generate_distinct(template("math.g4.chickens_and_rabbits"), 20)

See README.md for how to add a template.
"""

from .model import (
    ANSWER_SEPARATOR, BLANK, CHOICE_BLANK, OPTION_LETTERS, Draft, GeneratedItem, ItemType, Retry, Template,
    TemplateError, require,
)
from .registry import TEMPLATES, generate_bank, generate_distinct, template, templates_for

__all__ = [
    "ANSWER_SEPARATOR", "BLANK", "CHOICE_BLANK", "OPTION_LETTERS", "TEMPLATES", "Draft", "GeneratedItem",
    "ItemType", "Retry", "Template", "TemplateError", "generate_bank", "generate_distinct", "require",
    "template", "templates_for",
]
