"""Levels for people: named, explained, tentative with little evidence, honest about no data."""

from __future__ import annotations

from zuoye.core.mastery.bkt import SkillParams, fit_bkt
from zuoye.core.mastery.config import LevelConfig
from zuoye.core.mastery.levels import NO_DATA_NAME, assess, level_of
from zuoye.core.mastery.responses import Response
from zuoye.core.mastery.simulate import Simulation, simulate
from zuoye.core.mastery.state import StudentState

MODEL = fit_bkt(simulate({"加法": SkillParams(0.3, 0.15, 0.2, 0.1)}, Simulation(n_students=300, seed=5)))


def _answer(results: list[bool]) -> StudentState:
    state = StudentState()
    for right in results:
        state = MODEL.update(state, Response("小明", "加法", right))
    return state


def test_student_with_no_responses_is_told_there_is_no_data_yet() -> None:
    level = assess(MODEL, StudentState(), "加法")
    assert level.level is None and level.name == NO_DATA_NAME
    assert "还没有作答记录" in level.explanation


def test_steady_right_answers_reach_the_top_level_with_the_evidence_spelled_out() -> None:
    level = assess(MODEL, _answer([False, True, True, True, True, True]), "加法")
    assert level.name == LevelConfig().names[-1]
    assert "共练习6次，答对5次" in level.explanation and "对对对对对" in level.explanation
    assert not level.tentative


def test_repeated_wrong_answers_are_not_mastered_and_point_to_the_micro_lesson() -> None:
    level = assess(MODEL, _answer([False, False, False, False]), "加法")
    assert level.name == LevelConfig().names[0]
    assert "微课" in level.explanation


def test_few_responses_are_tentative_and_never_top_level() -> None:
    config = LevelConfig(min_evidence=3)
    assert level_of(0.99, attempts=2, config=config) == (2, True)
    assert level_of(0.99, attempts=3, config=config) == (3, False)
    level = assess(MODEL, _answer([True, True]), "加法")
    assert level.tentative and "仅供参考" in level.explanation


def test_level_bounds_come_from_the_config() -> None:
    config = LevelConfig(bounds=(0.2, 0.5, 0.8), min_evidence=0)
    assert [level_of(p, 10, config)[0] for p in (0.1, 0.3, 0.6, 0.9)] == [0, 1, 2, 3]


def test_levels_never_fall_after_a_right_answer() -> None:
    results = [False, True, False, True, True, True, False, True, True]
    levels = [assess(MODEL, _answer(results[: i + 1]), "加法") for i in range(len(results))]
    for before, after, right in zip(levels, levels[1:], results[1:]):
        if right:
            assert after.p_known >= before.p_known
