"""Levels for people: a named level with a reason, never a bare number.

Students, guardians and teachers see one of four levels (未掌握 / 初步掌握 / 基本掌握 / 熟练掌握)
and a sentence that says what it rests on: how often the point was practised, how many answers
were right, the latest results, and what to do next. A point with no responses says so (cold
start) instead of showing the population guess as if it were the student's; a point with very
few responses is marked tentative and never shown at the top level.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Protocol

from .config import DEFAULT_CONFIG, LevelConfig
from .state import StudentState

ADVICE = (
    "多数题目还做错，建议先看这个知识点的微课，再做几道基础题。",
    "已经开始会做，但还不稳定，建议再练几道同类题。",
    "大多能做对，偶有失误，注意审题和计算。",
    "能稳定做对，可以挑战拓展题。",
)
"""What to do next, per level, weakest first (shown after the evidence)."""

NO_DATA_NAME = "尚无作答"
NO_DATA_TEXT = "这个知识点还没有作答记录，暂不评定掌握程度；做过相关题目后会自动更新。"


class MasteryModel(Protocol):
    """What the levels need from a model (both :class:`BKTModel` and :class:`RecordModel` fit)."""

    def p_known(self, state: StudentState, skill: Hashable) -> float: ...


@dataclass(frozen=True)
class MasteryLevel:
    """One knowledge point's level for one student, ready to show."""

    skill: Hashable
    level: int | None
    """0 (未掌握) … 3 (熟练掌握); None when there are no responses yet."""
    name: str
    explanation: str
    tentative: bool
    """True when the level rests on fewer responses than the config's minimum evidence."""
    p_known: float
    """The model's estimate behind the level, for teachers' drill-down and for tests."""


def level_of(p_known: float, attempts: int, config: LevelConfig = DEFAULT_CONFIG.levels) -> tuple[int, bool]:
    """The level index for an estimate, and whether it is tentative (capped below the top)."""
    level = sum(p_known >= bound for bound in config.bounds)
    tentative = attempts < config.min_evidence
    if tentative:
        level = min(level, len(config.names) - 2)
    return level, tentative


def assess(model: MasteryModel, state: StudentState, skill: Hashable,
           config: LevelConfig = DEFAULT_CONFIG.levels) -> MasteryLevel:
    """The level of ``skill`` for the student in ``state``, with its explanation."""
    point = state.skills.get(skill)
    p = model.p_known(state, skill)
    if point is None or point.attempts == 0:
        return MasteryLevel(skill, None, NO_DATA_NAME, NO_DATA_TEXT, True, p)
    level, tentative = level_of(p, point.attempts, config)
    marks = "".join("对" if r else "错" for r in point.recent)
    text = f"共练习{point.attempts}次，答对{point.right}次；最近{len(point.recent)}次依次为：{marks}。"
    if tentative:
        text += "作答还少，这个判断仅供参考。"
    text += ADVICE[level]
    return MasteryLevel(skill, level, config.names[level], text, tentative, p)
