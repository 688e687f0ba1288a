"""Train the score characters' network (``scores``): ``python -m zuoye.core.scan.scores_train``.

Score boxes are drawn as the simulator writes points on a page (``simulate.score_draw``: the pen
core's character shapes, slanted, wobbled, 4.5–6.5 mm tall, red inks, pen widths 0.3–0.5 mm)
with the box's printed outline, at 150–300 dpi, a residual tilt of up to 1° (the page is
rectified before the box is read), noise and JPEG (decoded at half size from 190 dpi, as
``decode`` does a whole page), then resampled to the reading's 4 px/mm, red ink taken, the box
cut into characters by ``scores.score_characters`` — exactly what reading does — and each
character labelled with the one the simulator drew under it. A piece of ink over two drawn
characters (run together) is labelled ``NOT_ONE``: the network learns to say so, and such a box
goes to review. Scores are 0–20 and −1 to −12, on seeds the tests and the benchmark never use.

Two members (``marknet_train.members_train``: two-layer perceptrons, numpy, Adam), each holding out its
own tenth, are averaged. Deterministic for a given ``--seed``.

    .venv/bin/python -m zuoye.core.scan.scores_train [--boxes 30000] [--workers 2] [--members 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from zuoye.core.layout import Rect
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.marknet import MarkNet
from zuoye.core.scan.marknet_train import members_train
from zuoye.core.scan.redpen import red_ink
from zuoye.core.scan.scores import (CHAR_SIDE, NOT_ONE, SCORE_CLASSES, SCORE_WEIGHTS, character_features,
                                   score_characters)
from zuoye.core.scan.simulate import _Pen, score_draw, score_text

SEED_BASE = 930_000
"""Far from the benchmark's (2026), the tests' and the mark networks' seeds."""
MARGIN_MM = 3.0
BOX_MM = (16.0, 9.0)
"""The layout's score box (``core.layout`` config: 16 × 9 mm)."""


def box_examples(index: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """The characters of one drawn score box: features and labels (indexes of ``SCORE_CLASSES``)."""
    rng = np.random.default_rng([SEED_BASE, index])
    text = score_text(rng)
    dpi = float(rng.uniform(150, 300))
    k0 = dpi / 25.4
    box = Rect(MARGIN_MM, MARGIN_MM, *BOX_MM)
    size_mm = (BOX_MM[0] + 2 * MARGIN_MM, BOX_MM[1] + 2 * MARGIN_MM)
    paper = int(rng.integers(225, 256))
    image = np.full((round(size_mm[1] * k0), round(size_mm[0] * k0), 3), paper, np.uint8)
    _Pen(image, k0).rect(box, (30, 30, 30), 0.3)
    spans = score_draw(image, box, text, k0, rng)
    tilt = cv2.getRotationMatrix2D((image.shape[1] / 2, image.shape[0] / 2), float(rng.uniform(-1, 1)), 1.0)
    image = cv2.warpAffine(image, tilt, (image.shape[1], image.shape[0]), flags=cv2.INTER_LINEAR,
                           borderValue=(paper, paper, paper))
    noisy = image.astype(np.float32) + rng.normal(0, float(rng.uniform(0, 4)), image.shape).astype(np.float32)
    ok, data = cv2.imencode(".jpg", np.clip(noisy, 0, 255).astype(np.uint8),
                            [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(65, 93))])
    empty = (np.zeros((0, 0), np.float32), np.zeros(0, np.int64))
    if not ok:
        return empty
    scanned = cv2.imdecode(data, cv2.IMREAD_REDUCED_COLOR_2 if dpi >= 190 else cv2.IMREAD_COLOR)
    config = DEFAULT_SCAN_CONFIG
    k = config.px_per_mm
    flat = cv2.resize(scanned, (round(size_mm[0] * k), round(size_mm[1] * k)), interpolation=cv2.INTER_LINEAR)
    inner = box.inflate(-config.score_box_inset_mm)
    ink = red_ink(flat, config)[round(inner.y * k):round(inner.bottom * k), round(inner.x * k):round(inner.right * k)]
    rows, labels = [], []
    for char in score_characters(ink, k, config):
        x0 = inner.x + char.left / k
        x1 = x0 + char.ink.shape[1] / k
        under = [c for c, (a, b) in zip(text, spans, strict=True)
                 if min(b, x1) - max(a, x0) > 0.5 * max(b - a, 0.3)]
        if not under:
            continue  # a scrap of no drawn character: not an example
        rows.append(character_features(char, k))
        labels.append(SCORE_CLASSES.index(under[0] if len(under) == 1 else NOT_ONE))
    if not rows:
        return empty
    return np.stack(rows), np.array(labels, np.int64)


def examples_make(boxes: int, workers: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    with multiprocessing.Pool(workers) as pool:
        parts = [p for p in pool.map(box_examples, range(boxes), chunksize=64) if len(p[1])]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def report(net: MarkNet, x: npt.NDArray[np.float32], y: npt.NDArray[np.int64], sure: float) -> str:
    """Held-out accuracy, and how often the network is sure (p ≥ ``sure``) and wrong."""
    p = net.probabilities(x)
    right, confident = p.argmax(1) == y, p.max(1) >= sure
    return (f"held out {len(y)}: right {right.mean():.2%}, sure {confident.mean():.2%} "
            f"of which wrong {int((~right & confident).sum())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boxes", type=int, default=30000, help="score boxes to draw")
    parser.add_argument("--workers", type=int, default=2, help="processes drawing boxes, then training members")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--members", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/zuoye-scorenet-examples.npz"))
    parser.add_argument("--out", type=Path, default=SCORE_WEIGHTS)
    options = parser.parse_args()
    cv2.setNumThreads(1)
    cache = options.cache.with_name(f"{options.cache.stem}-{options.boxes}.npz")
    if not cache.exists():
        started = time.perf_counter()
        x, y = examples_make(options.boxes, options.workers)
        np.savez(cache, x=x, y=y)
        counts = ", ".join(f"{c} {int((y == i).sum())}" for i, c in enumerate(SCORE_CLASSES))
        print(f"{len(y)} characters from {options.boxes} boxes in {time.perf_counter() - started:.0f} s ({counts})")
    net = members_train(cache, seed=options.seed, members=options.members, workers=options.workers,
                        epochs=options.epochs, classes=len(SCORE_CLASSES), side=CHAR_SIDE,
                        sure=DEFAULT_SCAN_CONFIG.score_model_sure, judge=report)
    net.save(options.out)
    print(f"weights written to {options.out}")


if __name__ == "__main__":
    main()
