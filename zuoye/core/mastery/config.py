"""Every threshold of the learner model, in one place.

The model code reads its numbers from these frozen configs only, so a deployment can tune
the fit (iterations, bounds, priors), the record features and the level boundaries shown to
people without touching the algorithms. Defaults were chosen on the ASSISTments 2009 training
students (see README.md); none of them is tuned on the held-out students.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BKTConfig:
    """Fitting Bayesian Knowledge Tracing per knowledge point by MAP-EM (Baum-Welch)."""

    default_prior: float = 0.4
    """P(already knows the point) before any response; also the cold-start value."""
    default_learn: float = 0.12
    """P(learns the point between two practice opportunities)."""
    default_guess: float = 0.2
    """P(right answer without knowing): multiple-choice guessing and lucky slips of the pen."""
    default_slip: float = 0.1
    """P(wrong answer while knowing)."""
    max_guess: float = 0.3
    """Upper bound on guess: above it 'knowing' and 'not knowing' swap meaning (degenerate fit)."""
    max_slip: float = 0.3
    """Upper bound on slip, for the same identifiability reason."""
    min_probability: float = 1e-4
    """Lower bound for every parameter, so no probability is exactly 0 or 1."""
    max_learn: float = 0.5
    """Upper bound on learn: one practice rarely teaches a point to half the class at once."""
    prior_strength: float = 4.0
    """Pseudo-responses of the Beta priors centred on the defaults: a point with little data keeps
    close to the defaults (cold start), a point with thousands of responses is driven by them."""
    max_iterations: int = 40
    """EM iterations at most."""
    tolerance: float = 1e-3
    """Stop when the mean log-likelihood per response improves by less than this (on ASSISTments
    a tenth of this changes AUC by 0.0001 and doubles the fit time)."""
    max_fit_length: int = 30
    """Only the first responses of each (student, point) sequence are used for fitting: the
    parameters are identified by the early responses, and the long tail (up to 290 here) would cost
    most of the time. Prediction always filters the whole sequence."""


@dataclass(frozen=True)
class RecordConfig:
    """The 'record' model: a logistic model over BKT and the student's record across points."""

    smoothing: float = 5.0
    """Pseudo-responses at the population mean for the student's running accuracies."""
    max_fit_rows: int = 60_000
    """The logistic weights (eight numbers) are fitted on at most this many evenly spaced rows:
    on ASSISTments 60,000 rows give the same AUC to 0.0005 as all 260,000 at a quarter of the time."""
    l2: float = 1.0
    """Ridge penalty of the logistic fit (on the summed log-likelihood)."""
    newton_iterations: int = 12
    """Newton (IRLS) steps at most."""
    newton_tolerance: float = 1e-4
    """Stop when the largest weight change is below this."""
    clip: float = 1e-4
    """Probabilities are clipped to [clip, 1 - clip] before taking logits."""


@dataclass(frozen=True)
class StateConfig:
    """What the per-student state keeps between responses."""

    recency_decay: float = 0.8
    """Weight kept by the older responses per new response in the recent accuracy."""
    recent_window: int = 5
    """How many latest results per point are kept (the explanations describe them)."""


@dataclass(frozen=True)
class LevelConfig:
    """From model numbers to the levels shown to students, guardians and teachers."""

    names: tuple[str, str, str, str] = ("未掌握", "初步掌握", "基本掌握", "熟练掌握")
    """The four levels, weakest first."""
    bounds: tuple[float, float, float] = (0.4, 0.7, 0.95)
    """P(knows) at which each next level starts; 0.95 is the usual BKT mastery criterion."""
    min_evidence: int = 3
    """Below this many responses the level is marked tentative and capped below the top."""


@dataclass(frozen=True)
class MasteryConfig:
    """All the configs of the package together."""

    bkt: BKTConfig = field(default_factory=BKTConfig)
    state: StateConfig = field(default_factory=StateConfig)
    record: RecordConfig = field(default_factory=RecordConfig)
    levels: LevelConfig = field(default_factory=LevelConfig)


DEFAULT_CONFIG = MasteryConfig()
"""The defaults, as one shared value (configs are frozen, so sharing is safe)."""
