"""Benchmark of the learner model (issue 6, item 2): next-response prediction on ASSISTments 2009.

Protocol (../shared/data/README.md): split by student with
``numpy.random.default_rng(0).permutation(4151)``, the first 3,321 students train, the rest test;
test rows whose knowledge point never occurs in train are dropped; each test response is predicted
from the same student's earlier responses only. Prints AUC and RMSE pooled over the test rows and
the fitting time (best of --repeats) for BKT and the record model, and pyBKT side by side when it
can run: imported here if installed, otherwise in another interpreter given by --pybkt-python
(pyBKT must stay out of the project's dependencies; see --help for how to build one).

    .venv/bin/python benchmarks/mastery.py [--pybkt-python /tmp/pybkt-venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zuoye.core.mastery.bkt import fit_bkt  # noqa: E402
from zuoye.core.mastery.metrics import auc, rmse  # noqa: E402
from zuoye.core.mastery.record import FEATURES, fit_record  # noqa: E402
from zuoye.core.mastery.responses import ResponseLog  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "kt" / "assist2009.csv"
N_STUDENTS, N_TRAIN = 4151, 3321
PYBKT_RESTARTS = 5
BUILD_HINT = """pyBKT is not importable here (keep it out of the project venv). Build it once with its C++ core:
    python3 -m venv /tmp/pybkt-venv
    /tmp/pybkt-venv/bin/pip install setuptools wheel numpy pandas scikit-learn==1.6.1
    /tmp/pybkt-venv/bin/pip install --no-binary :all: pybkt
then run: .venv/bin/python benchmarks/mastery.py --pybkt-python /tmp/pybkt-venv/bin/python --pybkt-threads 1"""

PYBKT_SCRIPT = """
import sys, time, json
import numpy as np, pandas as pd
from pyBKT.models import Model
folder, restarts = sys.argv[1], int(sys.argv[2])
def frame(name):
    a = np.load(f"{folder}/{name}.npy")
    return pd.DataFrame({"order_id": np.arange(len(a)), "user_id": a[:, 0].astype(str),
                         "skill_name": a[:, 1].astype(str), "correct": a[:, 2]})
train, test = frame("train"), frame("test")
model = Model(seed=0, num_fits=restarts)
start = time.perf_counter()
model.fit(data=train)
fit_s = time.perf_counter() - start
pred = model.predict(data=test).sort_values("order_id")["correct_predictions"].to_numpy()
np.save(f"{folder}/pybkt_pred.npy", pred)
print(json.dumps({"fit_s": fit_s}))
"""


def load_split(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The train and test rows (student, skill, correct) of the protocol."""
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64)
    perm = np.random.default_rng(0).permutation(N_STUDENTS)
    in_train = np.isin(data[:, 0], perm[:N_TRAIN])
    train, test = data[in_train], data[~in_train]
    return train, test[np.isin(test[:, 1], np.unique(train[:, 1]))]


def as_log(rows: np.ndarray) -> ResponseLog:
    return ResponseLog.from_arrays(rows[:, 0], rows[:, 1], rows[:, 2])


def best_time(fit: Callable[[], Any], repeats: int) -> tuple[Any, float]:
    """Run ``fit`` ``repeats`` times; the last result and the best wall time (2-core machine: noisy)."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fit()
        best = min(best, time.perf_counter() - start)
    return result, best


def run_pybkt(train: np.ndarray, test: np.ndarray, python: str | None,
              threads: int | None) -> tuple[np.ndarray, float] | None:
    """pyBKT's test predictions and fit time, in-process or in ``python``; None when it cannot run."""
    if python is None:
        try:
            import pyBKT  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
        except ImportError:
            print(BUILD_HINT)
            return None
        python = sys.executable
    with tempfile.TemporaryDirectory(prefix="zuoye-pybkt-") as folder:
        np.save(f"{folder}/train.npy", train)
        np.save(f"{folder}/test.npy", test)
        env = dict(os.environ, **({"OMP_NUM_THREADS": str(threads)} if threads else {}))
        done = subprocess.run([python, "-c", PYBKT_SCRIPT, folder, str(PYBKT_RESTARTS)],
                              capture_output=True, text=True, check=False, env=env)
        if done.returncode != 0:
            print(f"pyBKT failed:\n{done.stderr[-2000:]}\n{BUILD_HINT}")
            return None
        fit_s = float(json.loads(done.stdout.strip().splitlines()[-1])["fit_s"])
        return np.load(f"{folder}/pybkt_pred.npy"), fit_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeats", type=int, default=3, help="fits per model; the best time is shown")
    parser.add_argument("--pybkt-python", help="an interpreter that can import pyBKT (see BUILD_HINT)")
    parser.add_argument("--pybkt-threads", type=int, help="OMP_NUM_THREADS for pyBKT's OpenMP E-step "
                        "(on a busy 2-core machine its default threads oversubscribe: 1 was 4x faster here)")
    args = parser.parse_args()
    train, test = load_split(args.data)
    train_log, test_log = as_log(train), as_log(test)
    y = test_log.correct
    print(f"ASSISTments 2009: {len(train_log)} train rows ({N_TRAIN} students), {len(test_log)} test rows")
    rows: list[tuple[str, float, float, float]] = []
    bkt, bkt_s = best_time(lambda: fit_bkt(train_log), args.repeats)
    rows.append(("BKT (zuoye.core.mastery)", auc(y, bkt.predict(test_log)[0]), rmse(y, bkt.predict(test_log)[0]), bkt_s))
    record, record_s = best_time(lambda: fit_record(train_log), args.repeats)
    p_record = record.predict(test_log)
    rows.append(("record model (BKT + student record)", auc(y, p_record), rmse(y, p_record), record_s))
    pybkt = run_pybkt(train, test, args.pybkt_python, args.pybkt_threads)
    if pybkt is not None:
        rows.append((f"pyBKT 1.4 standard BKT, {PYBKT_RESTARTS} restarts", auc(y, pybkt[0]), rmse(y, pybkt[0]), pybkt[1]))
    print(f"{'model':44s} {'AUC':>7s} {'RMSE':>7s} {'fit s':>7s}")
    for name, a, r, s in rows:
        print(f"{name:44s} {a:7.4f} {r:7.4f} {s:7.3f}")
    print(f"BKT: {bkt.iterations} EM iterations, {len(bkt.params)} knowledge points")
    print("record model weights: " + ", ".join(f"{n} {w:+.3f}" for n, w in zip(FEATURES, record.weights)))
    if pybkt is not None:
        print(f"targets: AUC {rows[1][1]:.4f} vs pyBKT + 0.01 = {rows[2][1] + 0.01:.4f}; "
              f"fit speed-up vs pyBKT: BKT {rows[2][3] / bkt_s:.1f}x, record model {rows[2][3] / record_s:.1f}x")


if __name__ == "__main__":
    main()
