"""Is an item complete and consistent? Every reader runs these checks on what it read.

A format can say nearly anything: a multiple choice whose "correct" label does not exist, a
fill-in with three blanks in the stem and two answers, a formula with a missing brace. The
checks collect *all* such problems of an item (not just the first), each with the item's id,
so a teacher can fix a whole file in one pass.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from .config import DEFAULT_OPTIONS, ImportOptions
from .images import image_problem
from .model import (
    ANSWER_KINDS, CHOICE_TYPES, OPTION_LABELS, Blank, BlanksAnswer, ChoiceAnswer, ItemData,
    ItemProblem, ItemType, ModelAnswer, blank_markers,
)

MathCheck = Callable[[str], tuple[str, ...]]


def _mathtext_check() -> MathCheck:
    """The LaTeX-subset check of :mod:`zuoye.core.mathtext`; a balanced-``$`` check without it."""
    try:
        from zuoye.core.mathtext import validate_stem
    except ImportError:  # pragma: no cover - the package ships with Zuoye; kept for partial installs
        return _dollars_balanced

    def check(text: str) -> tuple[str, ...]:
        return tuple(str(problem) for problem in validate_stem(text))

    return check


def _dollars_balanced(text: str) -> tuple[str, ...]:
    count = len(text.replace("\\$", "").split("$")) - 1
    return ("unclosed $: a formula needs a $ at its end",) if count % 2 else ()


def item_problems(
    item: ItemData, *, file: str, line: int | None = None, options: ImportOptions = DEFAULT_OPTIONS
) -> list[ItemProblem]:
    """Everything wrong with ``item``; empty when it may be stored."""
    return [
        ItemProblem(file=file, item_id=item.identifier, line=line, reason=reason)
        for reason in _reasons(item, options)
    ]


def _reasons(item: ItemData, options: ImportOptions) -> Iterator[str]:
    if not item.identifier.strip():
        yield "the item has no identifier"
    if not item.stem.strip():
        yield "the stem is empty"
    if not isinstance(item.answer, ANSWER_KINDS[item.type]):
        yield f"a {item.type.value} item needs a {ANSWER_KINDS[item.type].__name__}, not {type(item.answer).__name__}"
    else:
        yield from _answer_reasons(item, options)
    yield from _number_reasons(item, options)
    yield from _point_reasons(item, options)
    yield from _math_reasons(item)
    if item.image is not None:
        if len(item.image.data) > options.max_image_bytes:
            yield f"image {item.image.filename} is larger than {options.max_image_bytes // 1024 // 1024} MB"
        elif reason := image_problem(item.image.filename, item.image.data, item.image.media_type):
            yield reason


def _answer_reasons(item: ItemData, options: ImportOptions) -> Iterator[str]:
    if item.type in CHOICE_TYPES:
        yield from _choice_reasons(item, options)
    elif item.options:
        yield f"a {item.type.value} item has no options"
    answer = item.answer
    if isinstance(answer, BlanksAnswer):
        yield from _blank_reasons(item.stem, answer)
    if isinstance(answer, ModelAnswer) and not answer.text.strip():
        yield "the model answer is missing"


def _choice_reasons(item: ItemData, options: ImportOptions) -> Iterator[str]:
    count = len(item.options)
    if not 2 <= count <= options.max_options:
        yield f"a choice item needs 2 to {options.max_options} options, not {count}"
    labels = tuple(option.label for option in item.options)
    if labels != tuple(OPTION_LABELS[:count]):
        yield f"options must be labelled {', '.join(OPTION_LABELS[:count])} in order, not {', '.join(labels)}"
    for option in item.options:
        if not option.text.strip():
            yield f"option {option.label} is empty"
    assert isinstance(item.answer, ChoiceAnswer)
    correct = item.answer.labels
    if not correct:
        yield "the correct answer is missing"
    elif item.type is ItemType.SINGLE_CHOICE and len(correct) != 1:
        yield f"a single choice has one correct option, not {len(correct)} ({', '.join(correct)})"
    for label in sorted(set(correct) - set(labels)):
        yield f"the correct answer {label} is not one of the options"
    if len(set(correct)) != len(correct):
        yield "the correct answer names an option twice"


def _blank_reasons(stem: str, answer: BlanksAnswer) -> Iterator[str]:
    if not answer.blanks:
        yield "the correct answer is missing"
        return
    markers = len(blank_markers(stem))
    if markers != len(answer.blanks) and not (markers == 0 and len(answer.blanks) == 1):
        yield f"the stem has {markers} blanks (____) but {len(answer.blanks)} answers"
    for number, blank in enumerate(answer.blanks, start=1):
        yield from (f"blank {number}: {reason}" for reason in _one_blank(blank))


def _one_blank(blank: Blank) -> Iterator[str]:
    if not blank.accepted or not all(text.strip() for text in blank.accepted):
        yield "the accepted answer is missing"
        return
    if blank.tolerance is None:
        return
    if len(blank.accepted) != 1:
        yield "a numerical blank accepts exactly one number"
    elif not _is_number(blank.accepted[0]):
        yield f"{blank.accepted[0]!r} is not a number"
    if not (math.isfinite(blank.tolerance) and blank.tolerance >= 0):
        yield f"the tolerance {blank.tolerance} must be zero or more"


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _number_reasons(item: ItemData, options: ImportOptions) -> Iterator[str]:
    if not (math.isfinite(item.full_score) and 0 < item.full_score <= options.max_score):
        yield f"the full score {item.full_score} must be more than 0 and at most {options.max_score:g}"
    if not 1 <= item.difficulty <= 5:
        yield f"the difficulty {item.difficulty} must be 1 to 5"
    if not 1 <= item.minutes <= options.max_minutes:
        yield f"the estimated minutes {item.minutes} must be 1 to {options.max_minutes}"


def _point_reasons(item: ItemData, options: ImportOptions) -> Iterator[str]:
    codes = item.knowledge_points
    if options.require_knowledge_points and not codes:
        yield "the item names no knowledge point"
    if len(set(codes)) != len(codes):
        yield "a knowledge point is named twice"
    if options.known_points is not None:
        for code in codes:
            if code not in options.known_points:
                yield f"unknown knowledge point {code!r}"


def _math_reasons(item: ItemData) -> Iterator[str]:
    check = _mathtext_check()
    texts = [("stem", item.stem), ("explanation", item.explanation)]
    texts += [(f"option {option.label}", option.text) for option in item.options]
    if isinstance(item.answer, ModelAnswer):
        texts.append(("model answer", item.answer.text))
    for where, text in texts:
        for problem in check(text):
            yield f"broken math in the {where}: {problem}"
