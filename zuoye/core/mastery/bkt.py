"""Bayesian Knowledge Tracing: the baseline learner model, one hidden 'knows it' bit per point.

Each knowledge point has four parameters: prior (knows it before practising), learn (learns it
between two opportunities), guess (right without knowing) and slip (wrong while knowing). They are
fitted by EM (Baum-Welch) with Beta priors centred on textbook defaults (MAP-EM), so a point with
few responses stays near the defaults: that is the cold start. All (student, point) sequences of
all points are filtered at once, one numpy slice per time step (see :func:`responses.pack`), which
is what makes the fit fast. Prediction is the forward filter: the probability for response t uses
responses 0..t-1 of the same sequence only.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .config import DEFAULT_CONFIG, BKTConfig, StateConfig
from .responses import FloatArray, Response, ResponseLog, Sequences, pack
from .state import Observation, StudentState, observe


@dataclass(frozen=True)
class SkillParams:
    """The four BKT parameters of one knowledge point, and how much data they rest on."""

    prior: float
    learn: float
    guess: float
    slip: float
    n_responses: int = 0


@dataclass(frozen=True)
class BKTModel:
    """Fitted parameters per knowledge point, plus the cold-start defaults for unseen points."""

    params: Mapping[Hashable, SkillParams]
    default: SkillParams
    iterations: int
    log_likelihood: float
    """Mean log-likelihood per fitted response at the last iteration."""
    base_rate: float
    """Share of right responses in the fitted data (the cold start of the recent accuracy)."""
    state_config: StateConfig

    def skill(self, skill: Hashable) -> SkillParams:
        """The parameters of a point, or the defaults when it has never been seen (cold start)."""
        return self.params.get(skill, self.default)

    def p_right(self, p_known: float, skill: Hashable) -> float:
        """P(next response right) for a student whose P(knows ``skill``) is ``p_known``."""
        par = self.skill(skill)
        return p_known * (1.0 - par.slip) + (1.0 - p_known) * par.guess

    def p_known_next(self, p_known: float, skill: Hashable, correct: bool) -> float:
        """P(knows) before the next opportunity, after observing one response (Bayes, then learning)."""
        par = self.skill(skill)
        right = p_known * (1.0 - par.slip), (1.0 - p_known) * par.guess
        wrong = p_known * par.slip, (1.0 - p_known) * (1.0 - par.guess)
        known, unknown = right if correct else wrong
        posterior = known / (known + unknown)
        return posterior + (1.0 - posterior) * par.learn

    def p_known(self, state: StudentState, skill: Hashable) -> float:
        """P(the student knows ``skill`` now), the quantity the levels are drawn from."""
        return state.skill(skill, self.skill(skill).prior).p_known

    def predict_next(self, state: StudentState, skill: Hashable) -> float:
        """P(the student's next response on ``skill`` is right), from this point's history only."""
        return self.p_right(self.p_known(state, skill), skill)

    def update(self, state: StudentState, response: Response) -> StudentState:
        """The student's state after one more response."""
        p_known = self.p_known(state, response.skill)
        obs = Observation(skill=response.skill, correct=response.correct,
                          p_known_next=self.p_known_next(p_known, response.skill, response.correct),
                          expected=self.p_right(p_known, response.skill), cold_prior=self.skill(response.skill).prior)
        return observe(state, obs, decay=self.state_config.recency_decay, base_rate=self.base_rate,
                       window=self.state_config.recent_window)

    def predict(self, log: ResponseLog) -> tuple[FloatArray, FloatArray]:
        """One-step-ahead P(right) and P(knows) before each response of a log, in its row order."""
        return self.predict_packed(log, pack(log))

    def predict_packed(self, log: ResponseLog, seqs: Sequences) -> tuple[FloatArray, FloatArray]:
        """:meth:`predict` for a log already packed (untruncated) by :func:`pack`."""
        arrays = _param_arrays(self, log.skill_ids)
        p_right, p_known = np.zeros(len(log)), np.zeros(len(log))
        if len(log) == 0:
            return p_right, p_known
        pred, _, _ = _forward(seqs, *arrays)
        guess, slip = arrays[2][seqs.cell_skill], arrays[3][seqs.cell_skill]
        p_known[seqs.rows] = pred
        p_right[seqs.rows] = pred * (1.0 - slip) + (1.0 - pred) * guess
        return p_right, p_known


def fit_bkt(log: ResponseLog, config: BKTConfig = DEFAULT_CONFIG.bkt,
            state: StateConfig = DEFAULT_CONFIG.state) -> BKTModel:
    """Fit every knowledge point of ``log`` by MAP-EM, all points at once."""
    default = SkillParams(config.default_prior, config.default_learn, config.default_guess, config.default_slip)
    seqs = pack(log, config.max_fit_length)
    k = log.n_skills
    theta = [np.full(k, v) for v in (default.prior, default.learn, default.guess, default.slip)]
    last, iterations = -np.inf, 0
    n_obs = max(int(seqs.length.sum()), 1)
    for iterations in range(1, config.max_iterations + 1):
        pred, filt, loglik = _forward(seqs, *theta)
        theta = _m_step(seqs, theta, pred, filt, config)
        if loglik / n_obs - last < config.tolerance:
            last = loglik / n_obs
            break
        last = loglik / n_obs
    counts = np.bincount(log.skills, minlength=k)
    prior, learn, guess, slip = (a.tolist() for a in theta)
    params = {sid: SkillParams(prior[i], learn[i], guess[i], slip[i], n_responses=int(counts[i]))
              for i, sid in enumerate(log.skill_ids)}
    base_rate = float(log.correct.mean()) if len(log) else config.default_prior
    return BKTModel(MappingProxyType(params), default, iterations, float(last), base_rate, state)


def _param_arrays(model: BKTModel, skill_ids: tuple[Hashable, ...]) -> list[FloatArray]:
    pars = [model.skill(s) for s in skill_ids]
    return [np.array([getattr(p, name) for p in pars], dtype=np.float64)
            for name in ("prior", "learn", "guess", "slip")]


def _forward(seqs: Sequences, prior: FloatArray, learn: FloatArray, guess: FloatArray,
             slip: FloatArray) -> tuple[FloatArray, FloatArray, float]:
    """Forward filter: P(knows) before (pred) and after (filt) each cell, and the log-likelihood.

    Parameters are per skill; the emission terms are computed for all cells at once, so the
    loop over steps does only the recursion itself.
    """
    cs = seqs.cell_skill
    prior, learn = prior[seqs.skill], learn[seqs.skill]
    if_known = np.where(seqs.obs, 1.0 - slip[cs], slip[cs])
    if_unknown = np.where(seqs.obs, guess[cs], 1.0 - guess[cs])
    pred, filt, total = np.empty(cs.size), np.empty(cs.size), np.empty(cs.size)
    p = prior
    for t in range(seqs.active.size):
        cells, m = seqs.step(t), int(seqs.active[t])
        pk = p[:m]
        known = pk * if_known[cells]
        total[cells] = known + (1.0 - pk) * if_unknown[cells]
        pred[cells] = pk
        f = known / total[cells]
        filt[cells] = f
        p[:m] = f + (1.0 - f) * learn[:m]
    return pred, filt, float(np.log(total).sum())


def _m_step(seqs: Sequences, theta: list[FloatArray], pred: FloatArray, filt: FloatArray,
            config: BKTConfig) -> list[FloatArray]:
    """Backward smoothing, then expected counts per point, then MAP estimates within the bounds."""
    smooth = filt.copy()
    ratio = np.zeros_like(filt)
    for t in range(seqs.active.size - 2, -1, -1):
        m = int(seqs.active[t + 1])
        here, there = seqs.step(t), seqs.step(t + 1)
        here = slice(here.start, here.start + m)
        ratio[here] = smooth[there] / pred[there]
        smooth[here] = filt[here] * ratio[here]
    k, cs, nxt = theta[0].size, seqs.cell_skill, seqs.has_next
    learn = theta[1][cs]

    def total(values: FloatArray) -> FloatArray:
        return np.asarray(np.bincount(cs, weights=values, minlength=k), dtype=np.float64)

    first = seqs.step(0) if seqs.active.size else slice(0, 0)
    unknown = 1.0 - smooth
    sums = [(total_first(seqs, smooth[first], k), np.bincount(seqs.skill, minlength=k).astype(float)),
            (total((1.0 - filt) * learn * ratio), total(unknown * nxt)),
            (total(unknown * seqs.obs), total(unknown)),
            (total(smooth * ~seqs.obs), total(smooth))]
    defaults = (config.default_prior, config.default_learn, config.default_guess, config.default_slip)
    upper = (1.0 - config.min_probability, config.max_learn, config.max_guess, config.max_slip)
    a = config.prior_strength
    return [np.clip((num + a * d) / (den + a), config.min_probability, hi)
            for (num, den), d, hi in zip(sums, defaults, upper)]


def total_first(seqs: Sequences, values: FloatArray, k: int) -> FloatArray:
    """Sum per skill of a value at each sequence's first step."""
    return np.asarray(np.bincount(seqs.skill, weights=values, minlength=k), dtype=np.float64)
