"""Scores for next-response prediction: AUC (ranking) and RMSE (calibration), numpy only.

Kept in the core so the benchmark, the tests and any later monitoring of the live model
compute them the same way, without scikit-learn in the project.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def auc(labels: npt.ArrayLike, scores: npt.ArrayLike) -> float:
    """Area under the ROC curve by the rank-sum formula, ties counted half."""
    y = np.asarray(labels, dtype=bool)
    s = np.asarray(scores, dtype=np.float64)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("AUC needs both right and wrong responses")
    order = np.argsort(s, kind="mergesort")
    sorted_s = s[order]
    _, first, counts = np.unique(sorted_s, return_index=True, return_counts=True)
    mid_rank = first + (counts + 1) / 2.0
    ranks = np.repeat(mid_rank, counts)
    rank_sum = float(ranks[y[order]].sum())
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def rmse(labels: npt.ArrayLike, scores: npt.ArrayLike) -> float:
    """Root mean squared error between 0/1 outcomes and predicted probabilities."""
    y = np.asarray(labels, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    return float(np.sqrt(np.mean((y - s) ** 2)))
