"""The record model: BKT plus what the student's whole record says, combined by a logistic model.

BKT looks at one knowledge point at a time, so it cannot tell a strong student meeting a new
point from a weak one. This model keeps BKT's one-step-ahead prediction as its main input and
adds features from the same student's earlier responses on all points (running and recent
accuracy, how much better or worse than BKT expected they have done, how much practice they have
had) and the point's own record. A ridge-penalised logistic regression, fitted by Newton's
method on the training students, weighs them. Every feature uses responses before the one being
predicted only, in the batch path and in the online state alike, so the two agree exactly.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .bkt import BKTModel, fit_bkt
from .config import DEFAULT_CONFIG, MasteryConfig, RecordConfig
from .responses import FloatArray, IntArray, Response, ResponseLog, Sequences, pack
from .state import StudentState

FEATURES = ("bkt", "overall", "recent", "surprise", "practice_all", "practice_point", "point_record", "bias")
"""Names of the logistic model's inputs, in weight order (shown with the weights in reports)."""


@dataclass(frozen=True)
class RecordModel:
    """A fitted record model: its BKT, the logistic weights and the base rates it smooths towards."""

    bkt: BKTModel
    weights: tuple[float, ...]
    skill_rates: Mapping[Hashable, float]
    config: RecordConfig

    @property
    def base_rate(self) -> float:
        return self.bkt.base_rate

    def skill_rate(self, skill: Hashable) -> float:
        return self.skill_rates.get(skill, self.base_rate)

    def predict_next(self, state: StudentState, skill: Hashable) -> float:
        """P(the student's next response on ``skill`` is right), from everything before it."""
        point = state.skill(skill, self.bkt.skill(skill).prior)
        columns = _columns(
            p_bkt=np.array([self.bkt.p_right(point.p_known, skill)]),
            n_all=np.array([state.attempts]), r_all=np.array([state.right]),
            recency=np.array([self.base_rate if state.recency is None else state.recency]),
            surprise=np.array([state.surprise]), n_point=np.array([point.attempts]),
            r_point=np.array([point.right]), point_rate=np.array([self.skill_rate(skill)]),
            base_rate=self.base_rate, cfg=self.config)
        return float(_sigmoid(columns @ np.asarray(self.weights))[0])

    def p_known(self, state: StudentState, skill: Hashable) -> float:
        """P(knows ``skill``): the predicted P(right) with the point's guess and slip taken out."""
        par = self.bkt.skill(skill)
        p = (self.predict_next(state, skill) - par.guess) / max(1.0 - par.slip - par.guess, self.config.clip)
        return float(np.clip(p, 0.0, 1.0))

    def update(self, state: StudentState, response: Response) -> StudentState:
        """The student's state after one more response (the same bookkeeping as BKT's)."""
        return self.bkt.update(state, response)

    def predict(self, log: ResponseLog) -> FloatArray:
        """One-step-ahead P(right) for every response of a log, in its row order."""
        columns = _log_columns(self.bkt, log, self.skill_rates, self.config)
        return _sigmoid(columns @ np.asarray(self.weights))


def fit_record(log: ResponseLog, config: MasteryConfig = DEFAULT_CONFIG) -> RecordModel:
    """Fit BKT per point, then the logistic weights on the same responses."""
    bkt = fit_bkt(log, config.bkt, config.state)
    counts = np.bincount(log.skills, minlength=log.n_skills)
    rights = np.bincount(log.skills, weights=log.correct.astype(float), minlength=log.n_skills)
    a = config.record.smoothing
    rates = (rights + a * bkt.base_rate) / (counts + a)
    skill_rates = MappingProxyType({sid: float(rates[i]) for i, sid in enumerate(log.skill_ids)})
    stride = max(1, -(-len(log) // config.record.max_fit_rows))
    columns = _log_columns(bkt, log, skill_rates, config.record, slice(None, None, stride))
    weights = _newton(columns, log.correct[::stride].astype(float), config.record)
    return RecordModel(bkt=bkt, weights=tuple(float(w) for w in weights), skill_rates=skill_rates,
                       config=config.record)


def _log_columns(bkt: BKTModel, log: ResponseLog, skill_rates: Mapping[Hashable, float],
                 cfg: RecordConfig, rows: slice = slice(None)) -> FloatArray:
    """The feature matrix of a log (of its ``rows`` only), each row from the responses before it only."""
    by_point = pack(log)
    p_bkt, _ = bkt.predict_packed(log, by_point)
    by_student = pack(ResponseLog(log.students, np.zeros(len(log), np.int64), log.correct, (0,)))
    y = log.correct.astype(float)
    n_all, r_all = _running(by_student, y)
    _, surprise = _running(by_student, y - p_bkt)
    n_point, r_point = _running(by_point, y)
    recency = _recency(by_student, y, bkt.base_rate, bkt.state_config.recency_decay)
    point_rate = np.array([skill_rates.get(s, bkt.base_rate) for s in log.skill_ids])[log.skills] \
        if len(log) else np.zeros(0)
    return _columns(p_bkt=p_bkt[rows], n_all=n_all[rows], r_all=r_all[rows], recency=recency[rows],
                    surprise=surprise[rows], n_point=n_point[rows], r_point=r_point[rows],
                    point_rate=point_rate[rows], base_rate=bkt.base_rate, cfg=cfg)


def _columns(*, p_bkt: FloatArray, n_all: FloatArray | IntArray, r_all: FloatArray | IntArray,
             recency: FloatArray, surprise: FloatArray, n_point: FloatArray | IntArray,
             r_point: FloatArray | IntArray, point_rate: FloatArray, base_rate: float,
             cfg: RecordConfig) -> FloatArray:
    """The features, in :data:`FEATURES` order, from the running quantities (arrays of one length)."""
    a = cfg.smoothing

    def logit(p: FloatArray) -> FloatArray:
        q = np.clip(p, cfg.clip, 1.0 - cfg.clip)
        return np.asarray(np.log(q / (1.0 - q)), dtype=np.float64)

    n_all_f, n_point_f = np.asarray(n_all, float), np.asarray(n_point, float)
    return np.column_stack([
        logit(p_bkt),
        logit((np.asarray(r_all, float) + a * base_rate) / (n_all_f + a)),
        logit(recency),
        surprise / (n_all_f + a),
        np.log1p(n_all_f),
        np.log1p(n_point_f),
        logit((np.asarray(r_point, float) + a * point_rate) / (n_point_f + a)),
        np.ones_like(p_bkt),
    ])


def _running(seqs: Sequences, values: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Per row: how many earlier rows its sequence has, and the sum of their values."""
    count, total = np.zeros(values.size), np.zeros(values.size)
    acc = np.zeros(seqs.skill.size)
    for t in range(seqs.active.size):
        cells = seqs.step(t)
        rows = seqs.rows[cells]
        count[rows] = t
        total[rows] = acc[: rows.size]
        acc[: rows.size] += values[rows]
    return count, total


def _recency(seqs: Sequences, values: FloatArray, start: float, decay: float) -> FloatArray:
    """Per row: the exponentially weighted mean of the earlier values of its sequence."""
    out = np.zeros(values.size)
    level = np.full(seqs.skill.size, start)
    for t in range(seqs.active.size):
        rows = seqs.rows[seqs.step(t)]
        out[rows] = level[: rows.size]
        level[: rows.size] = decay * level[: rows.size] + (1.0 - decay) * values[rows]
    return out


def _sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def _newton(x: FloatArray, y: FloatArray, cfg: RecordConfig) -> FloatArray:
    """Ridge logistic regression by Newton's method (the bias is not penalised)."""
    w = np.zeros(x.shape[1])
    w[0] = 1.0  # start at plain BKT: its logit is the first column, so few steps are needed
    penalty = np.full(x.shape[1], cfg.l2)
    penalty[-1] = 0.0
    for _ in range(cfg.newton_iterations):
        p = _sigmoid(x @ w)
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1.0 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess + 1e-9 * np.eye(w.size), grad)
        w -= step
        if float(np.abs(step).max()) < cfg.newton_tolerance:
            break
    return w
