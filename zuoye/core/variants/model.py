"""Variant templates (举一反三) and the items they generate.

A template is a small function that draws numbers, checks they make a sound question (no
division by zero, whole answers where the stem expects them, options that differ) and writes
the stem, the answer and a worked explanation (解析). :meth:`Template.generate` makes that
deterministic: the same template and seed give the same item on every machine, so an item
bank can store (template, seed) and regenerate or audit any item later.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

BLANK = "______"
"""A fill-in blank in a stem."""
CHOICE_BLANK = "（　　）"
"""Where a single-choice stem expects its answer, as Chinese papers print it."""
ANSWER_SEPARATOR = "；"
"""Between the answers of a stem with several blanks, in the order of the blanks."""
OPTION_LETTERS = "ABCD"
MAX_DRAWS = 200
"""Draws a template may take to find sound numbers before it is judged broken."""


class ItemType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    FILL_IN = "fill_in"
    WORKED = "worked"
    """解答题: the student writes the working; the answer is the final result."""


class Retry(Exception):
    """Raised by a template function when its draw is degenerate; the next draw is tried."""


class TemplateError(RuntimeError):
    """A template could not produce a sound item (a bug in the template, never bad luck)."""


def require(condition: bool) -> None:
    """Reject the current draw unless ``condition`` holds."""
    if not condition:
        raise Retry


@dataclass(frozen=True)
class Draft:
    """What a template function returns; :class:`Template` turns it into a :class:`GeneratedItem`.

    ``answer`` is the correct value as displayed. For single choice, ``distractors`` are wrong
    values built from typical mistakes, already in the same canonical form as the answer (so
    that equal text means equal value); three of them become options.
    """

    stem: str
    answer: str
    explanation: str
    params: Mapping[str, int | str]
    distractors: tuple[str, ...] = ()


@dataclass(frozen=True)
class GeneratedItem:
    template: str
    seed: int
    item_type: ItemType
    stem: str
    options: tuple[str, ...]
    answer: str
    """The option letter for single choice; otherwise the answer text (blanks joined by ；)."""
    explanation: str
    knowledge_points: tuple[str, ...]
    grade: int
    difficulty: int
    minutes: int
    params: tuple[tuple[str, int | str], ...] = field(default=())

    @property
    def answer_text(self) -> str:
        """The correct value as shown: the chosen option's text, or the answer itself."""
        if self.item_type is ItemType.SINGLE_CHOICE:
            return self.options[OPTION_LETTERS.index(self.answer)]
        return self.answer

    def param(self, name: str) -> int | str:
        return dict(self.params)[name]


Builder = Callable[[random.Random], Draft]


@dataclass(frozen=True)
class Template:
    code: str
    title: str
    grade: int
    knowledge_points: tuple[str, ...]
    item_type: ItemType
    difficulty: int
    minutes: int
    build: Builder = field(repr=False, compare=False)

    def generate(self, seed: int) -> GeneratedItem:
        """The item for ``seed``; the same seed always gives the same item."""
        rng = random.Random(f"{self.code}:{seed}")
        for _ in range(MAX_DRAWS):
            try:
                draft = self.build(rng)
            except Retry:
                continue
            options, answer = self._options(draft, rng)
            if options or self.item_type is not ItemType.SINGLE_CHOICE:
                return self._item(draft, seed, options, answer)
        raise TemplateError(f"{self.code}: no sound item in {MAX_DRAWS} draws for seed {seed}")

    def _options(self, draft: Draft, rng: random.Random) -> tuple[tuple[str, ...], str]:
        """Four options, the answer among them once, in a seeded order; () when too few."""
        if self.item_type is not ItemType.SINGLE_CHOICE:
            return (), draft.answer
        wrong = list(dict.fromkeys(d for d in draft.distractors if d != draft.answer))
        if len(wrong) < len(OPTION_LETTERS) - 1:
            return (), ""
        options = [draft.answer, *rng.sample(wrong, len(OPTION_LETTERS) - 1)]
        rng.shuffle(options)
        return tuple(options), OPTION_LETTERS[options.index(draft.answer)]

    def _item(self, draft: Draft, seed: int, options: tuple[str, ...], answer: str) -> GeneratedItem:
        return GeneratedItem(
            template=self.code,
            seed=seed,
            item_type=self.item_type,
            stem=draft.stem,
            options=options,
            answer=answer,
            explanation=draft.explanation,
            knowledge_points=self.knowledge_points,
            grade=self.grade,
            difficulty=self.difficulty,
            minutes=self.minutes,
            params=tuple(draft.params.items()),
        )


def registrar(
    registry: list[Template],
) -> Callable[..., Callable[[Builder], Builder]]:
    """A decorator that registers a template function with its metadata in ``registry``."""

    def template(
        code: str, title: str, *, grade: int, points: tuple[str, ...], kind: ItemType,
        difficulty: int, minutes: int,
    ) -> Callable[[Builder], Builder]:
        def register(build: Builder) -> Builder:
            registry.append(Template(code, title, grade, points, kind, difficulty, minutes, build))
            return build

        return register

    return template
