"""Learner model (掌握度): per-knowledge-point mastery from graded responses, framework-free.

See README.md. Two models share one interface (``predict_next(state, skill)``,
``update(state, response)``, ``p_known(state, skill)``): :func:`fit_bkt` (Bayesian Knowledge
Tracing, the baseline) and :func:`fit_record` (BKT plus the student's record across points, the
default). :func:`assess` turns either into a level with an explanation for people.
"""

from .bkt import BKTModel, SkillParams, fit_bkt
from .config import BKTConfig, LevelConfig, MasteryConfig, RecordConfig, StateConfig
from .levels import MasteryLevel, assess
from .record import RecordModel, fit_record
from .responses import Response, ResponseLog
from .state import SkillState, StudentState

__all__ = [
    "BKTConfig", "BKTModel", "LevelConfig", "MasteryConfig", "MasteryLevel", "RecordConfig", "RecordModel",
    "Response", "ResponseLog", "SkillParams", "SkillState", "StateConfig", "StudentState", "assess",
    "fit_bkt", "fit_record",
]
