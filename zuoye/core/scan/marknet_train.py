"""Train the mark networks (``marknet``) on simulated scans: ``python -m zuoye.core.scan.marknet_train``.

Pages are drawn by the simulator as the benchmark draws them (hand-made marks, pencil work,
rotation, light, noise, JPEG; phone photos with perspective and shadow; ``--grey``: greyscale
scans), on seeds the benchmark and the tests never use — half on the test sheet, half on random
sheets (``_random_items``) — then read by the pipeline up to the marks: every item with marks
over it gives one example (``pipeline.items_mark_features``, exactly what reading computes)
labelled with the mark the simulator drew for that item. Two-layer perceptrons (numpy, Adam)
learn them, ``--members`` of them on different draws (each holds out its own tenth and prints
its accuracy there), and are saved stacked; reading averages them. Deterministic for a given
``--seed``. The shipped weights are the defaults' (colour: 12,000 pages → 58,601 examples, about
140 CPU-minutes to draw on this machine, then about five minutes a member, two members side by
side; held out 99.78 % and 99.69 % right, crowded examples 99.57 % and 99.38 %, at p ≥ 0.99 one
wrong each. Doubling the pages from 6,000 took the benchmark's colour marks from 99.80 to 99.88 %
right with the same terms (four members; with the terms chosen then, two read the benchmark's
pages as well, 99.92 %, at half the cost a page; shifting all four planes in training, or a
wider hidden layer, was no better held out). Greyscale: a fifth plane, the masked print
(``pipeline.items_mark_features``). Drawn on the simulator's print, 6,000 pages gave 29,286
examples, 96.1 % and 96.0 % right held out; but reading masks the real print, typst's, whose
letters, rules and thin text the simulator's print lacks. The shipped greyscale weights are
``--print pdf``'s (the default with ``--grey``): pages drawn on the sheets typeset by typst
(``typeset_pages``: the test sheet and 400 random sheets, rasterised once) with that print
masked as reading masks it; 6,000 pages → 28,608 examples in 30 minutes on 2 cores; held out
95.9 % and 95.4 % right, but on the benchmark's greyscale pages (real print) 96.1 → 96.8 %
right and 19.1 → 17.2 % to review (seed 41: 95.7 → 97.2 %, 19.5 → 17.6 %), with fewer wrong
and sure. The colour weights were trained on the simulator's print (``--print drawn``).

    .venv/bin/python -m zuoye.core.scan.marknet_train [--grey] [--print pdf|drawn] [--pages N] [--workers 2]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import multiprocessing
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.decode import pages_decode
from zuoye.core.layout import ItemKind, ItemSpec, Page, SheetSpec, sheet_set_layout
from zuoye.core.scan.marknet import CLASSES, EXTRAS, PLANES, SIDE, WEIGHTS, WEIGHTS_GREY, MarkNet
from zuoye.core.scan.pipeline import PageResult, items_mark_features, items_marks, page_rectified
from zuoye.core.scan.redpen import grey_planes, marks_and_ink, page_planes, print_mask
from zuoye.core.scan.simulate import Degradation, page_degrade, page_fill

SEED_BASE = 910_000
"""Far from the benchmark's (2026) and the tests' seeds."""
GREY_SEEDS = 100_000
"""Greyscale pages are drawn on seeds this far above the colour ones."""


def _degradation(rng: np.random.Generator, grey: bool = False) -> tuple[float, Degradation]:
    jpeg, light, noise = int(rng.integers(65, 93)), float(rng.uniform(0, 0.25)), float(rng.uniform(0, 4))
    if grey:
        angle = float(rng.choice([0.0, 90.0, 180.0, 270.0]) + rng.uniform(-5, 5))
        return float(rng.uniform(180, 300)), Degradation(angle=angle, grey=True, jpeg_quality=jpeg, light=light,
                                                         noise=noise)
    if rng.random() < 0.3:
        return float(rng.uniform(150, 220)), Degradation(
            angle=float(rng.uniform(-10, 10) + rng.choice([0.0, 180.0])), jpeg_quality=int(rng.integers(65, 88)),
            light=light, noise=noise, perspective=float(rng.uniform(0.0, 0.07)),
            shadow=float(rng.uniform(0.0, 0.4)), curve=float(rng.uniform(0, 5)), background=int(rng.integers(80, 180)))
    angle = float(rng.choice([0.0, 90.0, 180.0, 270.0]) + rng.uniform(-5, 5))
    return float(rng.uniform(180, 300)), Degradation(angle=angle, jpeg_quality=jpeg, light=light, noise=noise)


def _random_items(rng: np.random.Generator) -> tuple[ItemSpec, ...]:
    """A sheet unlike the test one: four to twelve items of any kind, choices of two to five
    options, blanks, worked answers 15–60 mm high, so the network does not learn one layout's
    distances between items."""
    kinds = (ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_CHOICE, ItemKind.TRUE_FALSE, ItemKind.FILL_IN, ItemKind.WORKED)
    items = []
    for n in range(1, int(rng.integers(4, 13)) + 1):
        kind = kinds[int(rng.integers(len(kinds)))]
        stem = "题" * int(rng.integers(6, 90))
        if kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_CHOICE):
            options = tuple(f"选项{i}" for i in range(int(rng.integers(2, 6))))
            items.append(ItemSpec(f"q{n}", str(n), kind, stem, options=options, points=2))
        elif kind is ItemKind.FILL_IN:
            items.append(ItemSpec(f"q{n}", str(n), kind, stem, blanks=int(rng.integers(1, 4)), points=2))
        elif kind is ItemKind.WORKED:
            items.append(ItemSpec(f"q{n}", str(n), kind, stem, answer_height_mm=float(rng.uniform(15, 60)), points=6))
        else:
            items.append(ItemSpec(f"q{n}", str(n), kind, stem, points=1))
    return tuple(items)


def _page(index: int, rng: np.random.Generator) -> Page:
    """Even pages: the test sheet (the benchmark's); odd ones: a random sheet."""
    from zuoye.core.scan.tests.personas import HEADER, _measure, sheet_set

    if index % 2 == 0:
        return sheet_set(assignment_id=43, students=range(1, 9)).sheets[index % 8].pages[0]
    spec = SheetSpec(assignment_id=44, header=HEADER, items=_random_items(rng))
    sheets = sheet_set_layout(spec, [index], markup={i.key: i.stem for i in spec.items}, measure=_measure)
    pages = sheets.sheets[0].pages
    return pages[int(rng.integers(len(pages)))]


PRINTS = ("pdf", "drawn")
RANDOM_SHEETS = 400
"""Random sheets typeset for ``--print pdf`` (each page drawn on takes one at random)."""


@dataclass(frozen=True)
class TypesetPage:
    """A page typeset by typst, as the sheets the school prints are, and its print rasterised
    (200 dpi grey PNG): what the simulator draws on, and what greyscale reading masks."""

    page: Page
    raster: Path


_TYPESET: tuple[list[TypesetPage], list[list[TypesetPage]]] | None = None
"""(the test sheet's pages, each random sheet's pages) for ``--print pdf``; set before the pool forks."""


def typeset_pages(folder: Path, sheets: int = RANDOM_SHEETS) -> tuple[list[TypesetPage], list[list[TypesetPage]]]:
    """The test sheet for eight students and ``sheets`` random sheets (``_random_items``), typeset
    with ``sheets_build`` and rasterised once, kept in ``folder`` (a minute the first time)."""
    from zuoye.core.layout.sheets import sheets_build
    from zuoye.core.pdf_raster import pdf_rasters
    from zuoye.core.layout.spec import StudentRef
    from zuoye.core.scan.tests.personas import HEADER, items

    index = folder / "index.pickle"
    if index.exists():
        return pickle.loads(index.read_bytes())  # type: ignore[no-any-return]
    folder.mkdir(parents=True, exist_ok=True)

    def typeset(spec: SheetSpec, students: list[int], name: str) -> list[list[TypesetPage]]:
        built = sheets_build(spec, [StudentRef(i, f"学生{i:02d}", f"2026{i:04d}") for i in students])
        out, rasters = [], pdf_rasters(built.pdf, 200, gray=True)
        for sheet in built.layout.sheets:
            pages = []
            for page in sheet.pages:
                raster = next(rasters)
                assert raster is not None, f"{name}: a page of the typeset PDF did not rasterise"
                path = folder / f"{name}-{sheet.student_id}-{page.number}.png"
                cv2.imwrite(str(path), raster)
                pages.append(TypesetPage(page, path))
            out.append(pages)
        return out

    test = [pages[0] for pages in typeset(SheetSpec(assignment_id=43, header=HEADER, items=items()), list(range(1, 9)),
                                          "test")]
    rng = np.random.default_rng(SEED_BASE)
    randoms = [typeset(SheetSpec(assignment_id=44, header=HEADER, items=_random_items(rng)), [n + 1], f"r{n}")[0]
               for n in range(sheets)]
    index.write_bytes(pickle.dumps((test, randoms)))
    return test, randoms


def _typeset_page(index: int, rng: np.random.Generator) -> TypesetPage:
    """As ``_page``, on the typeset sheets: even pages the test sheet, odd ones a random sheet."""
    assert _TYPESET is not None
    test, randoms = _TYPESET
    if index % 2 == 0:
        return test[index % len(test)]
    pages = randoms[(index // 2) % len(randoms)]
    return pages[int(rng.integers(len(pages)))]


def page_examples(index: int, grey: bool = False) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """The examples of one simulated page (features, labels); ``grey``: a greyscale scan, for
    the greyscale network."""
    from zuoye.core.scan.tests.personas import random_work

    rng = np.random.default_rng([SEED_BASE + GREY_SEEDS * grey, index])
    printed, mask = None, None
    if _TYPESET is None:
        page = _page(index, rng)
    else:
        typeset = _typeset_page(index, rng)
        page, printed = typeset.page, cv2.imread(str(typeset.raster), cv2.IMREAD_GRAYSCALE)
        mask = print_mask(printed, page)
    work = random_work(page, rng)
    dpi, d = _degradation(rng, grey)
    image = page_degrade(page_fill(page, work, dpi / 25.4, rng, printed),
                         Degradation(**{**d.__dict__, "jpeg_quality": 0}), rng)
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg_quality])
    decoded = pages_decode(data.tobytes()).value
    empty = (np.zeros((0, 0), np.float32), np.zeros(0, np.int64))
    if not ok or not decoded:
        return empty
    config = DEFAULT_SCAN_CONFIG
    rectified = page_rectified(decoded[0], lambda address: page, config)
    if isinstance(rectified, PageResult):
        return empty
    flat = rectified.flat
    colour, gray, red = page_planes(flat, config)
    if colour == grey:
        return empty
    k = config.px_per_mm
    grey_pen, unseen = (None, None) if colour else grey_planes(gray, page, k, config, mask)
    marks, ink = marks_and_ink(flat if colour else gray, page, k, config, colour, red, grey_pen)
    where, rows = items_mark_features(page, marks, items_marks(marks, page, config), ink, k, unseen)
    if not rows:
        return empty
    return np.stack(rows), np.array([CLASSES.index(work.marks[page.items[i].key]) for i in where], np.int64)


def examples_make(pages: int, workers: int, start: int = 0, grey: bool = False, printed: Path | None = None
                  ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """``printed``: the folder of typeset pages (``typeset_pages``) to draw on; None: pages the
    simulator draws from the layout."""
    global _TYPESET
    _TYPESET = None if printed is None else typeset_pages(printed)
    with multiprocessing.Pool(workers) as pool:
        parts = pool.map(functools.partial(page_examples, grey=grey), range(start, start + pages), chunksize=8)
    parts = [p for p in parts if len(p[1])]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def train(x: npt.NDArray[np.float32], y: npt.NDArray[np.int64], *, epochs: int, seed: int, hidden: int = 256,
          classes: int = len(CLASSES), side: int = SIDE, say=print) -> MarkNet:  # type: ignore[no-untyped-def]
    """Adam on cross-entropy with a little weight decay; shifted copies of the ink plane
    (±1 px; on greyscale with the masked print) keep it from learning where exactly a stroke lies.
    ``classes``, ``side``: the score characters' network (``scores_train``) has its own."""
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0)
    scale = 1.0 / (x.std(axis=0) + 0.05)
    d, c = x.shape[1], classes
    params = {"w1": rng.normal(0, np.sqrt(2 / d), (d, hidden)), "b1": np.zeros(hidden),
              "w2": rng.normal(0, np.sqrt(2 / hidden), (hidden, 64)), "b2": np.zeros(64),
              "w3": rng.normal(0, np.sqrt(2 / 64), (64, c)), "b3": np.zeros(c)}
    params = {k: v.astype(np.float32) for k, v in params.items()}
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v2 = {k: np.zeros_like(v) for k, v in params.items()}
    step, batch, decay = 0, 256, 1e-4
    # The ink plane moves, and with it the greyscale plane of masked print (a fifth plane): a
    # stroke ending at a masked line must still end there.
    moved = [0] + ([PLANES * side * side] if d - EXTRAS > PLANES * side * side else [])
    for epoch in range(epochs):
        lr = 1e-3 * (0.5 * (1 + np.cos(np.pi * epoch / epochs)))
        order = rng.permutation(len(y))
        loss_sum = 0.0
        for start in range(0, len(y), batch):
            idx = order[start:start + batch]
            xb = x[idx].copy()
            shift = rng.integers(-1, 2, size=2)
            for first in moved:
                plane = xb[:, first:first + side * side].reshape(-1, side, side)
                xb[:, first:first + side * side] = np.roll(plane, tuple(shift), axis=(1, 2)).reshape(len(idx), -1)
            xb = (xb - mean) * scale
            h1 = np.maximum(0, xb @ params["w1"] + params["b1"])
            h2 = np.maximum(0, h1 @ params["w2"] + params["b2"])
            z = h2 @ params["w3"] + params["b3"]
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            loss_sum += float(-np.log(p[np.arange(len(idx)), y[idx]] + 1e-9).sum())
            g = p
            g[np.arange(len(idx)), y[idx]] -= 1
            g /= len(idx)
            grads = {"w3": h2.T @ g, "b3": g.sum(0)}
            gh2 = (g @ params["w3"].T) * (h2 > 0)
            grads |= {"w2": h1.T @ gh2, "b2": gh2.sum(0)}
            gh1 = (gh2 @ params["w2"].T) * (h1 > 0)
            grads |= {"w1": xb.T @ gh1, "b1": gh1.sum(0)}
            step += 1
            for k in params:
                gk = grads[k] + (decay * params[k] if k.startswith("w") else 0)
                m[k] = 0.9 * m[k] + 0.1 * gk
                v2[k] = 0.999 * v2[k] + 0.001 * gk * gk
                params[k] -= lr * (m[k] / (1 - 0.9 ** step)) / (np.sqrt(v2[k] / (1 - 0.999 ** step)) + 1e-8)
        say(f"  epoch {epoch + 1}/{epochs}: loss {loss_sum / len(y):.4f}")
    return MarkNet(**{k: v.astype(np.float32) for k, v in params.items()},
                   mean=mean.astype(np.float32), scale=scale.astype(np.float32))


def report(net: MarkNet, x: npt.NDArray[np.float32], y: npt.NDArray[np.int64], sure: float) -> str:
    """Held-out accuracy, and how often the network is sure and wrong — over all examples, and
    over those where other marks lie in the window (crowded: what decides the review share)."""
    p = net.probabilities(x)
    best, top = p.argmax(1), p.max(1)
    crowded = x[:, 3 * SIDE * SIDE:PLANES * SIDE * SIDE].any(axis=1)
    said = []
    for name, rows in (("all", np.ones(len(y), bool)), ("crowded", crowded)):
        right, confident = best[rows] == y[rows], top[rows] >= sure
        said.append(f"{name} {int(rows.sum())}: right {right.mean():.2%}, sure (p ≥ {sure}) {confident.mean():.2%} "
                    f"of which wrong {int((~right & confident).sum())}")
    return "held out: " + "; ".join(said)


def member_train(seed: int, cache: Path, epochs: int, *, classes: int = len(CLASSES), side: int = SIDE,
                 sure: float = DEFAULT_SCAN_CONFIG.model_sure, judge: Callable[..., str] = report
                 ) -> tuple[MarkNet, str]:
    """One member, trained on all but its own tenth of the examples (drawn by ``seed``) on one
    BLAS thread, so that members train side by side on the machine's cores; and ``judge``'s
    words on that tenth. ``classes``, ``side``, ``sure``, ``judge``: the score characters'
    network (``scores_train``) has its own."""
    with np.load(cache) as data:
        x, y = data["x"], data["y"]
    order = np.random.default_rng(seed).permutation(len(y))
    cut = len(y) // 10
    held, used = order[:cut], order[cut:]
    with threadpool_limits(limits=1, user_api="blas"):
        net = train(x[used], y[used], epochs=epochs, seed=seed, classes=classes, side=side, say=lambda line: None)
        return net, judge(net, x[held], y[held], sure)


def members_train(cache: Path, *, seed: int, members: int, workers: int, epochs: int, **kwargs: Any) -> MarkNet:
    """``members`` networks on seeds ``seed``, ``seed + 1``, … side by side on ``workers``
    processes, each reading the cached examples from disk; their held-out figures printed; stacked."""
    seeds = range(seed, seed + members)
    with multiprocessing.Pool(min(workers, members)) as pool:
        trained = pool.map(functools.partial(member_train, cache=cache, epochs=epochs, **kwargs), seeds)
    for each, (_, said) in zip(seeds, trained, strict=True):
        print(f"member seed {each}: {said}")
    return MarkNet.stacked([net for net, _ in trained])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, help="pages to draw (default 12,000 colour, 6,000 greyscale)")
    parser.add_argument("--workers", type=int, default=2, help="processes drawing pages, then training members")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--members", type=int, default=2,
                        help="networks trained apart (seeds seed, seed + 1, …; each holds its own tenth out), averaged")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/zuoye-marknet-examples.npz"))
    parser.add_argument("--grey", action="store_true", help="train the greyscale network (weights marknet-grey.npz)")
    parser.add_argument("--print", dest="print_kind", choices=PRINTS,
                        help="pdf: draw on the sheets typeset by typst, as schools print them, and mask that print "
                             "on greyscale as reading does; drawn: the simulator's own print from the layout "
                             "(default: pdf with --grey, drawn for colour, as the shipped weights were trained)")
    parser.add_argument("--out", type=Path)
    options = parser.parse_args()
    cv2.setNumThreads(1)
    out = options.out or (WEIGHTS_GREY if options.grey else WEIGHTS)
    options.pages = options.pages or (6000 if options.grey else 12000)
    print_kind = options.print_kind or ("pdf" if options.grey else "drawn")
    printed = None
    if print_kind == "pdf":  # named by the typesetting code, so that a change of print makes new pages
        source = "".join(Path(m.__file__).read_text() for m in _layout_modules())
        printed = options.cache.parent / f"zuoye-marknet-prints-{hashlib.sha256(source.encode()).hexdigest()[:8]}"
    tag = f"{'-grey' if options.grey else ''}{'-pdf' if printed else ''}-{options.pages}"
    cache = options.cache.with_name(f"{options.cache.stem}{tag}.npz")
    if not cache.exists():  # the members read it from disk, each in its own process
        started = time.perf_counter()
        x, y = examples_make(options.pages, options.workers, grey=options.grey, printed=printed)
        np.savez(cache, x=x, y=y)
        took = time.perf_counter() - started
        print(f"{len(y)} examples from {options.pages} pages in {took:.0f} s (kept in {cache})")
    net = members_train(cache, seed=options.seed, members=options.members, workers=options.workers,
                        epochs=options.epochs)
    net.save(out)
    print(f"weights written to {out}")


def _layout_modules() -> list[Any]:
    from zuoye.core.layout import config, engine, render, sheets, typeset

    return [config, engine, render, sheets, typeset]


if __name__ == "__main__":
    main()
