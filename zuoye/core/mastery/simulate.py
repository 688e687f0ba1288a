"""Simulated classes that learn: BKT with per-student ability, for tests and demo data.

Each student has an ability (a normal draw); on the logit scale it raises the chance of already
knowing a point and of learning it, and lowers slips, so students differ the way real ones do,
and the record model has something to find that plain BKT cannot see. Deterministic for a seed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .bkt import SkillParams
from .responses import ResponseLog


@dataclass(frozen=True)
class Simulation:
    """How many students, how many responses per point each, how much they differ."""

    n_students: int
    min_length: int = 3
    max_length: int = 15
    ability_sd: float = 0.0
    """Standard deviation of student ability on the logit scale (0: plain BKT students)."""
    seed: int = 0


def _shift(p: float, by: float) -> float:
    z = np.log(p / (1.0 - p)) + by
    return float(1.0 / (1.0 + np.exp(-z)))


def simulate(params: Mapping[Any, SkillParams], sim: Simulation) -> ResponseLog:
    """Responses of ``sim.n_students`` students to every point in ``params``, one point after another."""
    rng = np.random.default_rng(sim.seed)
    students: list[int] = []
    skills: list[Any] = []
    correct: list[bool] = []
    for student in range(sim.n_students):
        ability = float(rng.normal(0.0, sim.ability_sd)) if sim.ability_sd > 0 else 0.0
        for skill, par in params.items():
            knows = rng.random() < _shift(par.prior, ability)
            learn, slip = _shift(par.learn, ability), _shift(par.slip, -ability)
            for _ in range(int(rng.integers(sim.min_length, sim.max_length + 1))):
                students.append(student)
                skills.append(skill)
                correct.append(bool(rng.random() < ((1.0 - slip) if knows else par.guess)))
                knows = knows or bool(rng.random() < learn)
    return ResponseLog.from_arrays(students, np.asarray(skills), correct)
