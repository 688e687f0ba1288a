"""AUC/RMSE against brute force; packing keeps each student's time order per point."""

from __future__ import annotations

import numpy as np
import pytest

from zuoye.core.mastery.metrics import auc, rmse
from zuoye.core.mastery.responses import Response, ResponseLog, pack


def test_auc_equals_the_share_of_right_wrong_pairs_ranked_correctly_ties_half() -> None:
    rng = np.random.default_rng(0)
    y = rng.random(300) < 0.6
    s = np.round(rng.random(300), 1)  # many ties
    pos, neg = s[y], s[~y]
    pairs = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    assert auc(y, s) == pytest.approx(pairs / (pos.size * neg.size))


def test_auc_needs_both_outcomes() -> None:
    with pytest.raises(ValueError):
        auc([True, True], [0.2, 0.3])


def test_rmse_of_a_known_case() -> None:
    assert rmse([1, 0], [0.5, 0.5]) == pytest.approx(0.5)


def test_pack_keeps_time_order_within_each_student_and_point() -> None:
    rng = np.random.default_rng(1)
    log = ResponseLog.from_arrays(rng.integers(0, 20, 500), rng.integers(0, 5, 500), rng.random(500) < 0.5)
    seqs = pack(log)
    assert sorted(seqs.rows.tolist()) == list(range(500))
    np.testing.assert_array_equal(seqs.obs, log.correct[seqs.rows])
    for t in range(seqs.active.size - 1):
        here = seqs.rows[seqs.step(t)][: seqs.active[t + 1]]
        there = seqs.rows[seqs.step(t + 1)]
        assert (there > here).all()
        np.testing.assert_array_equal(log.students[here], log.students[there])
        np.testing.assert_array_equal(log.skills[here], log.skills[there])


def test_pack_truncates_long_sequences_for_fitting() -> None:
    log = ResponseLog.from_arrays([0] * 10 + [1] * 3, ["a"] * 13, [True] * 13)
    assert pack(log, max_length=4).length.tolist() == [4, 3]


def test_responses_with_string_ids_keep_their_ids() -> None:
    log = ResponseLog.from_responses([Response("张三", "分数", True), Response("李四", "方程", False)])
    assert set(log.skill_ids) == {"分数", "方程"} and log.students.tolist() == [0, 1]


def test_integer_point_ids_stay_integers_so_online_updates_find_them() -> None:
    log = ResponseLog.from_responses([Response(1, 42, True), Response(1, 7, False)])
    assert log.skill_ids == (7, 42) and all(isinstance(k, int) for k in log.skill_ids)
