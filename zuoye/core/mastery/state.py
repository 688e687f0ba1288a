"""What the system remembers about one student between responses, for online updates.

A new response must update mastery within seconds, without refitting anything: the state holds
the running quantities both models read (per point: P(knows), attempts, recent results; across
points: attempts, right answers, a recency-weighted accuracy and how far the student has done
better or worse than BKT expected). Updating returns a new state; nothing is mutated, so the
caller can store states, rebuild them from the stored responses, or compare before and after.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType


@dataclass(frozen=True)
class SkillState:
    """One knowledge point for one student."""

    p_known: float
    """BKT's P(knows the point) before the next opportunity."""
    attempts: int = 0
    right: int = 0
    recent: tuple[bool, ...] = ()
    """The latest results, oldest first (as many as the level config describes)."""


def _empty() -> Mapping[Hashable, SkillState]:
    return MappingProxyType({})


@dataclass(frozen=True)
class StudentState:
    """One student across all knowledge points; the default is a student with no responses."""

    attempts: int = 0
    right: int = 0
    recency: float | None = None
    """Recency-weighted accuracy across points; None until the first response."""
    surprise: float = 0.0
    """Sum over past responses of (result - BKT's expectation): positive for a student who does
    better than the per-point model predicts, i.e. an ability estimate the points share."""
    skills: Mapping[Hashable, SkillState] = field(default_factory=_empty)

    def skill(self, skill: Hashable, cold_prior: float) -> SkillState:
        """This point's state, or a fresh one at the point's prior (cold start)."""
        return self.skills.get(skill, SkillState(p_known=cold_prior))


@dataclass(frozen=True)
class Observation:
    """One response and what the models computed around it, to fold into a state."""

    skill: Hashable
    correct: bool
    p_known_next: float
    """BKT's P(knows) after this response, before the next opportunity."""
    expected: float
    """BKT's P(right) for this response, computed before it was seen."""
    cold_prior: float


def observe(state: StudentState, obs: Observation, *, decay: float, base_rate: float,
            window: int) -> StudentState:
    """The state after one more response."""
    old = state.skill(obs.skill, obs.cold_prior)
    recent = (*old.recent, obs.correct)[-window:] if window > 0 else ()
    new_skill = SkillState(p_known=obs.p_known_next, attempts=old.attempts + 1,
                           right=old.right + int(obs.correct), recent=recent)
    skills = dict(state.skills)
    skills[obs.skill] = new_skill
    previous = base_rate if state.recency is None else state.recency
    return replace(state, attempts=state.attempts + 1, right=state.right + int(obs.correct),
                   recency=decay * previous + (1.0 - decay) * float(obs.correct),
                   surprise=state.surprise + float(obs.correct) - obs.expected,
                   skills=MappingProxyType(skills))
