"""The mark network: its input, its arithmetic, its weights and its training (how its vote
combines with the rules: ``test_vote``)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from zuoye.core.layout import Page, Rect
from zuoye.core.scan import DEFAULT_SCAN_CONFIG
from zuoye.core.scan.marknet import (CLASSES, EXTRAS, PLANES, SIDE, WEIGHTS_GREY, MarkNet, mark_features, mark_window,
                                    marknet_load)
from zuoye.core.scan.redpen import grey_planes
from zuoye.core.scan.report import MarkKind
from zuoye.core.scan.simulate import page_draw

K = DEFAULT_SCAN_CONFIG.px_per_mm


def test_window_is_a_square_round_every_box() -> None:
    window = mark_window([Rect(10, 20, 30, 10), Rect(35, 25, 10, 20)], margin_mm=2)
    assert window is not None
    assert window.w == window.h == pytest.approx(39.0)
    assert window.centre == pytest.approx((27.5, 32.5))
    assert mark_window([]) is None


def test_features_show_the_ink_the_items_area_and_whose_marks_lie_where() -> None:
    k = 4.0
    ink = np.zeros((400, 400), np.uint8)
    ink[80:84, 40:160] = 255  # a 30 mm stroke at y = 20 mm
    window = Rect(5, 5, 40, 40)
    x = mark_features(ink, Rect(0, 15, 100, 10), window, k, own=[Rect(5, 5, 20, 40)], others=[Rect(25, 35, 60, 60)])
    assert x.shape == (PLANES * SIDE * SIDE + EXTRAS,)
    ink_plane, area, own, others = x[:PLANES * SIDE * SIDE].reshape(PLANES, SIDE, SIDE)
    rows = np.flatnonzero(ink_plane.sum(axis=1))
    assert rows.min() >= 11 and rows.max() <= 13  # 15 mm into a 40 mm window of 32 px
    assert area[:, 0].tolist() == [1.0 if 8 <= r < 16 else 0.0 for r in range(SIDE)]
    assert own[0].tolist() == [1.0] * 16 + [0.0] * 16  # the left half of the window
    assert others.sum() == 16 * 8 and others[-1, -1] == 1.0  # its bottom-right quarter, cut to the window


def test_features_off_the_page_are_empty() -> None:
    x = mark_features(np.full((40, 40), 255, np.uint8), Rect(0, 0, 10, 10), Rect(-50, -50, 20, 20), 4.0)
    assert x[:SIDE * SIDE].sum() == 0


def _net(bias: list[float]) -> MarkNet:
    d = PLANES * SIDE * SIDE + EXTRAS
    f32 = np.float32
    return MarkNet(np.zeros((d, 4), f32), np.zeros(4, f32), np.zeros((4, 3), f32), np.zeros(3, f32),
                   np.zeros((3, len(CLASSES)), f32), np.array(bias, f32), np.zeros(d, f32), np.ones(d, f32))


def test_probabilities_follow_the_output_bias_and_sum_to_one(tmp_path: Path) -> None:
    net = _net([0, 5, 0, 0, 0])
    p = net.probabilities(np.zeros((3, PLANES * SIDE * SIDE + EXTRAS), np.float32))
    assert net.planes == PLANES
    assert p.shape == (3, len(CLASSES))
    assert np.allclose(p.sum(axis=1), 1) and (p.argmax(axis=1) == CLASSES.index(MarkKind.TICK)).all()
    net.save(tmp_path / "net.npz")
    loaded = marknet_load(tmp_path / "net.npz")
    assert loaded is not None and np.allclose(loaded.probabilities(np.ones((1, len(net.mean)), np.float32)),
                                              net.probabilities(np.ones((1, len(net.mean)), np.float32)))
    assert marknet_load(tmp_path / "missing.npz") is None


def test_members_are_averaged() -> None:
    tick, cross = _net([0, 5, 0, 0, 0]), _net([0, 0, 5, 0, 0])
    both = MarkNet.stacked([tick, cross])
    x = np.zeros((2, PLANES * SIDE * SIDE + EXTRAS), np.float32)
    assert both.members == 2
    assert np.allclose(both.probabilities(x), (tick.probabilities(x) + cross.probabilities(x)) / 2)


def test_shipped_weights_load() -> None:
    net = marknet_load()
    assert net is not None, "zuoye/core/scan/data/marknet.npz is missing: run python -m zuoye.core.scan.marknet_train"
    assert net.planes == PLANES and net.w1.shape[1] == PLANES * SIDE * SIDE + EXTRAS and net.w3.shape[2] == len(CLASSES)




def test_shipped_greyscale_weights_load() -> None:
    net = marknet_load(WEIGHTS_GREY)
    assert net is not None, "marknet-grey.npz is missing: run python -m zuoye.core.scan.marknet_train --grey"
    assert net.planes == PLANES + 1 and net.members == 2  # the masked print as a fifth plane


def test_training_learns_marks_from_the_simulators_pages() -> None:
    """Two simulated pages give examples labelled with what the simulator drew; a few epochs
    on a planted signal learn it, and the report counts crowded examples apart."""
    from zuoye.core.scan.marknet_train import page_examples, report, train

    x, y = page_examples(0)
    assert x.shape[1] == PLANES * SIDE * SIDE + EXTRAS and len(x) == len(y) > 0
    assert set(y.tolist()) <= set(range(len(CLASSES)))
    rng = np.random.default_rng(3)
    labels = rng.integers(0, len(CLASSES), 300)
    features = rng.random((300, x.shape[1])).astype(np.float32) * 0.1
    features[np.arange(300), labels * 7] = 1.0  # class c lights pixel 7c of the ink plane
    features[:, 3 * SIDE * SIDE:PLANES * SIDE * SIDE] = 0.0
    features[:150, 3 * SIDE * SIDE + 5] = 1.0  # half of them crowded: another mark's box in the window
    net = train(features, labels, epochs=4, seed=1, say=lambda line: None)
    assert net.members == 1 and net.planes == PLANES
    assert (net.probabilities(features).argmax(1) == labels).mean() > 0.9
    said = report(net, features, labels, 0.99)
    assert "all 300:" in said and "crowded 150:" in said


def test_greyscale_features_show_where_the_print_was_masked(page: Page) -> None:
    """On grey the pen under print is masked with it; the network gets that mask as a fifth
    plane, aligned with the ink, so that a stroke ending at a masked line may go on under it."""
    image = page_draw(page, K, np.random.default_rng(0))
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    ink, unseen = grey_planes(gray, page, K)
    item = page.items[0]
    assert not np.any(ink[unseen > 0])  # what is masked is never ink
    b = item.bubbles[0]
    assert unseen[round(b.cy * K), round((b.cx + b.r) * K)] and not unseen[round(b.cy * K), round(b.cx * K)]
    window = Rect(item.grading.x, item.grading.y, 40, 40)
    grey = mark_features(ink, item.grading, window, K, unseen=unseen)
    colour = mark_features(ink, item.grading, window, K)
    assert grey.shape == ((PLANES + 1) * SIDE * SIDE + EXTRAS,) and colour.shape == (PLANES * SIDE * SIDE + EXTRAS,)
    assert grey[PLANES * SIDE * SIDE:(PLANES + 1) * SIDE * SIDE].any()
    x, _ = page_examples_grey()
    assert x.shape[1] == (PLANES + 1) * SIDE * SIDE + EXTRAS


def page_examples_grey() -> tuple[np.ndarray, np.ndarray]:
    """A simulated greyscale page's training examples (the first with a mark over an item)."""
    from zuoye.core.scan.marknet_train import page_examples

    for index in range(10):
        x, y = page_examples(index, grey=True)
        if len(y):
            return x, y
    raise AssertionError("no greyscale page of ten gave an example")


def test_greyscale_training_draws_on_the_typeset_sheets_and_masks_their_print(tmp_path: Path) -> None:
    """``--print pdf``: the test sheet and random sheets typeset by typst, rasterised once and
    kept; a greyscale page drawn on one gives examples with the masked print as its fifth plane."""
    from zuoye.core.scan import marknet_train

    test, randoms = marknet_train.typeset_pages(tmp_path / "prints", sheets=2)
    assert len(test) == 8 and len(randoms) == 2 and all(p.raster.exists() for ps in randoms for p in ps)
    again = marknet_train.typeset_pages(tmp_path / "prints", sheets=2)  # kept: not typeset again
    assert [p.raster for p in again[0]] == [p.raster for p in test]
    raster = cv2.imread(str(test[0].raster), cv2.IMREAD_GRAYSCALE)
    page = test[0].page
    assert raster is not None and raster.shape[1] == round(page.width * 200 / 25.4)
    try:
        marknet_train._TYPESET = (test, randoms)
        x, y = marknet_train.page_examples(1, grey=True)
    finally:
        marknet_train._TYPESET = None
    assert x.shape[1] == (PLANES + 1) * SIDE * SIDE + EXTRAS and len(x) == len(y) > 0
    unseen = x[:, PLANES * SIDE * SIDE:(PLANES + 1) * SIDE * SIDE]
    assert unseen.any(), "the typeset print was masked"


