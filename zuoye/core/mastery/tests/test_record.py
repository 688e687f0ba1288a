"""The record model: better than BKT when students differ, and online equals batch."""

from __future__ import annotations

import numpy as np
import pytest

from zuoye.core.mastery.bkt import SkillParams, fit_bkt
from zuoye.core.mastery.metrics import auc
from zuoye.core.mastery.record import FEATURES, fit_record
from zuoye.core.mastery.responses import Response, ResponseLog
from zuoye.core.mastery.simulate import Simulation, simulate
from zuoye.core.mastery.state import StudentState

POINTS = {f"kp{i}": SkillParams(prior=0.2 + 0.1 * (i % 4), learn=0.1, guess=0.2, slip=0.1) for i in range(6)}


def _split(sim: Simulation) -> tuple[ResponseLog, ResponseLog]:
    log = simulate(POINTS, sim)
    train = log.students < sim.n_students * 0.8

    def part(mask: np.ndarray) -> ResponseLog:
        return ResponseLog(log.students[mask], log.skills[mask], log.correct[mask], log.skill_ids)

    return part(train), part(~train)


@pytest.fixture(scope="module")
def able_and_weak() -> tuple[ResponseLog, ResponseLog]:
    return _split(Simulation(n_students=600, min_length=2, max_length=8, ability_sd=1.5, seed=3))


def test_record_model_predicts_better_than_bkt_when_students_differ(
        able_and_weak: tuple[ResponseLog, ResponseLog]) -> None:
    train, test = able_and_weak
    bkt_auc = auc(test.correct, fit_bkt(train).predict(test)[0])
    record_auc = auc(test.correct, fit_record(train).predict(test))
    assert record_auc > bkt_auc + 0.01


def test_record_model_weighs_the_students_record_when_students_differ(
        able_and_weak: tuple[ResponseLog, ResponseLog]) -> None:
    weights = dict(zip(FEATURES, fit_record(able_and_weak[0]).weights))
    assert weights["bkt"] > 0 and weights["surprise"] > 0


def test_record_online_update_matches_batch_prediction(able_and_weak: tuple[ResponseLog, ResponseLog]) -> None:
    # given
    train, test = able_and_weak
    model = fit_record(train)
    batch = model.predict(test)
    # when
    states: dict[int, StudentState] = {}
    online = []
    for student, k, right in zip(test.students, test.skills, test.correct):
        state = states.get(int(student), StudentState())
        skill = test.skill_ids[int(k)]
        online.append(model.predict_next(state, skill))
        states[int(student)] = model.update(state, Response(int(student), skill, bool(right)))
    # then
    np.testing.assert_allclose(online, batch, rtol=1e-9, atol=1e-12)


def test_record_prediction_is_one_step_ahead_across_points(
        able_and_weak: tuple[ResponseLog, ResponseLog]) -> None:
    model = fit_record(able_and_weak[0])
    log = ResponseLog.from_arrays([7] * 6, ["kp0", "kp1", "kp0", "kp2", "kp1", "kp0"],
                                  [True, True, False, True, False, True])
    base = model.predict(log)
    for i in range(6):
        flipped = log.correct.copy()
        flipped[i:] = ~flipped[i:]
        changed = model.predict(ResponseLog(log.students, log.skills, flipped, log.skill_ids))
        np.testing.assert_array_equal(changed[: i + 1], base[: i + 1])
        if i + 1 < 6:
            assert changed[i + 1] != base[i + 1], "the next response should react to the flipped one"


def test_record_model_cold_start_for_a_new_student_and_point(
        able_and_weak: tuple[ResponseLog, ResponseLog]) -> None:
    model = fit_record(able_and_weak[0])
    p = model.predict_next(StudentState(), "a point nobody has answered")
    assert 0.2 < p < 0.9
    assert 0.0 <= model.p_known(StudentState(), "kp0") <= 1.0


def test_p_known_rises_after_right_answers(able_and_weak: tuple[ResponseLog, ResponseLog]) -> None:
    model = fit_record(able_and_weak[0])
    state = StudentState()
    before = model.p_known(state, "kp3")
    for _ in range(4):
        state = model.update(state, Response("s", "kp3", True))
    assert model.p_known(state, "kp3") > before
