"""BKT: EM recovers known parameters, the cold start holds, prediction is one step ahead only."""

from __future__ import annotations

import numpy as np
import pytest

from zuoye.core.mastery.bkt import SkillParams, fit_bkt
from zuoye.core.mastery.config import BKTConfig
from zuoye.core.mastery.responses import Response, ResponseLog
from zuoye.core.mastery.simulate import Simulation, simulate
from zuoye.core.mastery.state import StudentState

TRUE = {
    "fractions": SkillParams(prior=0.3, learn=0.15, guess=0.2, slip=0.1),
    "equations": SkillParams(prior=0.6, learn=0.05, guess=0.25, slip=0.05),
}


@pytest.fixture(scope="module")
def synthetic_log() -> ResponseLog:
    return simulate(TRUE, Simulation(n_students=3000, seed=1))


def test_em_recovers_known_parameters_on_synthetic_data(synthetic_log: ResponseLog) -> None:
    # when
    model = fit_bkt(synthetic_log, BKTConfig(tolerance=1e-6, max_fit_length=100))
    # then
    for skill, truth in TRUE.items():
        fitted = model.skill(skill)
        for name in ("prior", "learn", "guess", "slip"):
            assert getattr(fitted, name) == pytest.approx(getattr(truth, name), abs=0.04), (skill, name)


def test_em_improves_the_likelihood_over_the_defaults(synthetic_log: ResponseLog) -> None:
    one_step = fit_bkt(synthetic_log, BKTConfig(max_iterations=1))
    converged = fit_bkt(synthetic_log, BKTConfig(tolerance=1e-6))
    assert converged.log_likelihood > one_step.log_likelihood
    assert converged.iterations > 1


def test_online_update_matches_batch_filtering(synthetic_log: ResponseLog) -> None:
    # given
    model = fit_bkt(synthetic_log)
    first_students = synthetic_log.students < 5
    log = ResponseLog(synthetic_log.students[first_students], synthetic_log.skills[first_students],
                      synthetic_log.correct[first_students], synthetic_log.skill_ids)
    batch, _ = model.predict(log)
    # when
    states: dict[int, StudentState] = {}
    online = []
    for student, k, right in zip(log.students, log.skills, log.correct):
        state = states.get(int(student), StudentState())
        skill = log.skill_ids[int(k)]
        online.append(model.predict_next(state, skill))
        states[int(student)] = model.update(state, Response(int(student), skill, bool(right)))
    # then
    np.testing.assert_allclose(online, batch, rtol=1e-12)


def test_prediction_never_uses_the_response_it_predicts_or_later_ones(synthetic_log: ResponseLog) -> None:
    model = fit_bkt(synthetic_log)
    log = ResponseLog.from_arrays([0] * 6, ["fractions"] * 6, [True, False, True, True, False, True])
    base, _ = model.predict(log)
    for i in range(6):
        flipped = log.correct.copy()
        flipped[i:] = ~flipped[i:]
        changed, _ = model.predict(ResponseLog(log.students, log.skills, flipped, log.skill_ids))
        np.testing.assert_array_equal(changed[: i + 1], base[: i + 1])
    fitted = model.skill("fractions")
    assert base[0] == pytest.approx(fitted.prior * (1 - fitted.slip) + (1 - fitted.prior) * fitted.guess)


def test_unseen_point_gets_the_default_parameters(synthetic_log: ResponseLog) -> None:
    model = fit_bkt(synthetic_log)
    config = BKTConfig()
    assert model.skill("never-seen") == SkillParams(config.default_prior, config.default_learn,
                                                   config.default_guess, config.default_slip)
    assert model.predict_next(StudentState(), "never-seen") == pytest.approx(
        config.default_prior * (1 - config.default_slip) + (1 - config.default_prior) * config.default_guess)


def test_point_with_few_responses_stays_near_the_defaults() -> None:
    # given: two wrong answers by one student on a new point
    log = ResponseLog.from_arrays([0, 0], ["new", "new"], [False, False])
    # when
    model = fit_bkt(log)
    # then: the guess cannot run away to a bound from two responses
    config = BKTConfig()
    assert abs(model.skill("new").guess - config.default_guess) < 0.1
    assert abs(model.skill("new").slip - config.default_slip) < 0.1
    assert model.skill("new").n_responses == 2


def test_fit_on_no_responses_gives_a_usable_cold_start_model() -> None:
    model = fit_bkt(ResponseLog.from_arrays([], [], []))
    assert model.params == {}
    assert 0.0 < model.predict_next(StudentState(), "any") < 1.0


def test_parameters_stay_within_their_bounds(synthetic_log: ResponseLog) -> None:
    config = BKTConfig(max_guess=0.15, max_slip=0.06)
    model = fit_bkt(synthetic_log, config)
    for params in model.params.values():
        assert params.guess <= 0.15 + 1e-12 and params.slip <= 0.06 + 1e-12
