"""Responses as the learner model sees them: who answered which knowledge point, right or not.

The model needs only the order of each student's responses, never clock times, so a log is
three parallel arrays in time order. Students and knowledge points keep their own ids
(strings or ints from the item bank); :class:`ResponseLog` maps them to dense indices once,
so every fit and prediction is vectorised with numpy instead of looping in Python.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Response:
    """One graded response: ``correct`` is True for right; a partly right answer counts as wrong."""

    student: Hashable
    skill: Hashable
    correct: bool


@dataclass(frozen=True)
class ResponseLog:
    """Responses in time order (globally, or at least within each student)."""

    students: IntArray
    skills: IntArray
    correct: BoolArray
    skill_ids: tuple[Hashable, ...]
    """``skill_ids[k]`` is the caller's id of dense skill index ``k``."""

    @staticmethod
    def from_arrays(students: Sequence[int] | IntArray, skills: Sequence[Hashable] | npt.NDArray[np.generic],
                    correct: Sequence[bool] | npt.NDArray[np.generic]) -> ResponseLog:
        """Build a log from parallel arrays; student ids may be any integers."""
        skill_ids, skill_idx = np.unique(np.asarray(skills), return_inverse=True)
        return ResponseLog(students=np.asarray(students, dtype=np.int64),
                           skills=skill_idx.astype(np.int64).reshape(-1),
                           correct=np.asarray(correct).astype(bool).reshape(-1),
                           skill_ids=tuple(skill_ids.tolist()))

    @staticmethod
    def from_responses(responses: Iterable[Response]) -> ResponseLog:
        """Build a log from response records; students get dense indices in order of appearance."""
        rows = list(responses)
        student_index: dict[Hashable, int] = {}
        students = [student_index.setdefault(r.student, len(student_index)) for r in rows]
        # the ids stay as given (all str or all int, as the item bank has them), so a model fitted
        # here finds the same keys when ``update`` is later called with the same Response type
        skills = np.asarray([r.skill for r in rows]) if rows else np.zeros(0, np.int64)
        return ResponseLog.from_arrays(students, skills, [r.correct for r in rows])

    @property
    def n_skills(self) -> int:
        return len(self.skill_ids)

    def __len__(self) -> int:
        return int(self.students.shape[0])


@dataclass(frozen=True)
class Sequences:
    """All (student, skill) sequences in one flat, time-major array.

    Sequences are sorted by length, longest first, so at step ``t`` the sequences still running are
    exactly the first ``active[t]`` ones, and their cells at step ``t`` are the contiguous flat slice
    ``offset[t] : offset[t] + active[t]``. Every filter step is then one slice of a flat array,
    with no padding to allocate or skip (the padded matrix would be 7x larger on real data).
    """

    obs: BoolArray
    """[cells] responses."""
    skill: IntArray
    """[n] dense skill index of each sequence."""
    length: IntArray
    """[n] sequence lengths (after any truncation)."""
    active: IntArray
    """[T] how many sequences are still running at step t."""
    offset: IntArray
    """[T] where step t starts in the flat arrays."""
    rows: IntArray
    """[cells] the log row of each cell (to scatter predictions back)."""
    cell_skill: IntArray
    """[cells] dense skill index of each cell."""
    has_next: BoolArray
    """[cells] whether the sequence goes on after this cell."""

    def step(self, t: int) -> slice:
        start = int(self.offset[t])
        return slice(start, start + int(self.active[t]))


def pack(log: ResponseLog, max_length: int | None = None) -> Sequences:
    """Group a log into (student, skill) sequences, keeping each student's time order."""
    key = log.students * (log.n_skills + 1) + log.skills
    order = np.argsort(key, kind="stable")
    _, seq_of_sorted, counts = np.unique(key[order], return_inverse=True, return_counts=True)
    seq_of_sorted = seq_of_sorted.reshape(-1)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    position = np.arange(len(log)) - starts[seq_of_sorted]
    by_length = np.argsort(-counts, kind="stable")
    rank = np.empty_like(by_length)
    rank[by_length] = np.arange(by_length.size)
    lengths = counts[by_length]
    if max_length is not None:
        lengths = np.minimum(lengths, max_length)
    depth = int(lengths.max()) if lengths.size else 0
    per_length = np.bincount(lengths, minlength=depth + 1)
    active = (lengths.size - np.cumsum(per_length))[:depth].astype(np.int64)
    offset = np.concatenate(([0], np.cumsum(active)[:-1])).astype(np.int64)
    keep = position < depth
    seq = rank[seq_of_sorted][keep]
    cell = offset[position[keep]] + seq
    n_cells = int(active.sum())
    obs = np.zeros(n_cells, dtype=bool)
    rows = np.zeros(n_cells, dtype=np.int64)
    obs[cell], rows[cell] = log.correct[order][keep], order[keep]
    skill = np.zeros(lengths.size, dtype=np.int64)
    skill[seq] = log.skills[order][keep]
    next_active = np.append(active[1:], 0)
    has_next = np.concatenate([np.arange(a) < b for a, b in zip(active, next_active)]) if depth else obs
    cell_skill = np.concatenate([skill[:a] for a in active]) if depth else rows
    return Sequences(obs=obs, skill=skill, length=lengths, active=active, offset=offset, rows=rows,
                     cell_skill=cell_skill, has_next=has_next)
