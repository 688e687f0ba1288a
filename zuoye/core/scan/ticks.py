"""A tick's anatomy: its turning point, its long arm, and whatever ink crosses the arm.

Teachers' ticks are long shallow swooshes (FIELD-NOTES): a short down stroke, a turning point,
and an arm of 3-8 cm rising to the right, which often runs over the next item's mark. Reading
such a piece of ink as one shape fails both ways: the tick becomes a "half" (the other mark
looks like a slash), and the other item loses its mark. So a long piece is taken apart:

* the **turning point** is the first low point of the lower envelope, scanning from the left
  (the envelope goes down the short stroke, then climbs the arm; a slash or another mark
  further right dips below the arm but comes later);
* the **arm** is followed column by column from there, always taking the run of ink nearest to
  where the arm is heading, one arm thickness wide;
* the ink **off the arm** is then either nothing (a tick), a short stroke crossing the arm
  near its middle (a half tick), or something else: another mark, handed back to be read on
  its own.

Works on the binary ink of one joined piece, in its own pixel coordinates.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig

Mask = npt.NDArray[np.uint8]

ANOTHER_MARK = "another mark on the arm"
"""Said of a tick whose arm ran into another mark (the two may be read as one)."""
STRAY_INK = "stray ink on the arm"
"""Said of a tick with ink on its arm that is neither a slash nor another mark."""
CROSSING = "two strokes crossing"
"""Said of a cross read as strokes: a stroke across a tick-like arm with no down stroke."""


@dataclass(frozen=True, eq=False)
class TickAnatomy:
    vertex: tuple[int, int]
    """The turning point (x, y), px in the piece."""
    arm_end: int
    """Last column the arm was followed to."""
    thickness: float
    """The arm's height in a column, px (its median)."""
    off_arm: Mask
    """Ink right of the turning point that is not on the arm."""
    above: int
    below: int
    """Off-arm pixels above and below the arm."""
    arm_length: float
    """From the turning point to where the arm was last seen, px."""
    down: float
    """How far the ink rises just left of the turning point, less the arm's thickness, px: the
    down stroke of a tick; about nothing for a bare arm (a tick's arm broken off its tick)."""
    below_mid_px: int
    """Off-arm pixels below the arm along its middle (``slash_along``), where a slash would cross."""
    dip: float = 0.0
    """How far (px) the arm's clean centre line comes down again after having risen: an arm rises
    all the way, so a dip is another tick's turning point that this arm ran into."""


Runs = list[list[tuple[int, int]]]
"""Per column, its vertical runs of ink (first row, last row), top to bottom."""


def _columns(ink: Mask) -> Runs:
    """Every column's runs of ink (gaps of one pixel bridged), found for the whole piece at once."""
    ys, xs = np.nonzero(ink)
    order = np.lexsort((ys, xs))
    xs, ys = xs[order], ys[order]
    runs: Runs = [[] for _ in range(ink.shape[1])]
    if len(xs) == 0:
        return runs
    starts = np.flatnonzero(np.r_[True, (xs[1:] != xs[:-1]) | (ys[1:] - ys[:-1] > 2)])
    ends = np.r_[starts[1:], len(xs)] - 1
    for x, lo, hi in zip(xs[starts].tolist(), ys[starts].tolist(), ys[ends].tolist(), strict=True):
        runs[x].append((lo, hi))
    return runs


def tick_vertex(columns: Runs, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> tuple[int, int] | None:
    """The first low point of the lower envelope from the left (None if the ink never climbs
    again within the left ``tick_vertex_x_max`` of the piece)."""
    width = len(columns)
    deepest, at = -1, -1
    rise = config.tick_rise_mm * k
    for c in range(width):
        if not columns[c]:
            continue
        low = columns[c][-1][1]
        if low > deepest:
            deepest, at = low, c
        elif low < deepest - rise:
            break
        if c > config.tick_vertex_x_max * width and at >= 0 and low < deepest:
            break
    if at < 0 or at > config.tick_vertex_x_max * width:
        return None
    return at, deepest


def tick_anatomy(ink: Mask, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> TickAnatomy | None:
    """Turning point, arm and off-arm ink of a tick-like piece; None without a turning point."""
    columns = _columns(ink)
    vertex = tick_vertex(columns, k, config)
    if vertex is None:
        return None
    vx, vy = vertex
    tolerance = config.arm_track_mm * k
    start = columns[vx][-1]  # the run holding the lowest point: the arm starts at its middle
    first = (start[0] + start[1]) / 2
    inked = [c for c in range(vx + 1, len(columns)) if columns[c]]
    far = inked[-1] if inked else vx
    heading = (columns[far][0][0] - first) / max(1, far - vx)  # towards the top of the far end
    chosen, thickness, centre_at, centres = _arm_follow(columns, inked, vx, first, k, heading, tolerance)
    if not chosen:
        return None
    arm_end = max(chosen)
    ys, xs = np.nonzero(ink)
    # Right of the turning point: what lies off the arm's band. Left of it only the down stroke
    # belongs to the tick; anything else there (a tick of the item above whose arm this one ran
    # into) is off the arm too.
    reach, rise = round(config.down_reach_mm * k), round(config.down_rise_mm * k)
    offset = ys - centre_at[xs]
    right = (xs > vx + thickness) & (np.abs(offset) > thickness / 2 + 1)
    left = (xs <= vx) & ((xs < vx - reach) | (ys < vy - rise))
    off = np.zeros_like(ink)
    off[ys[right | left], xs[right | left]] = 255
    above = int(np.count_nonzero(right & (offset < 0)))
    below_cols = xs[right & (offset > 0)]
    below = len(below_cols)
    end_c, end_y = centres[-1]
    down = _down_stroke(ink, vx, vy, reach, rise, k, config.stroke_join_mm) - thickness
    lo, hi = (vx + share * (arm_end - vx) for share in config.slash_along)
    below_mid = int(np.count_nonzero((below_cols >= lo) & (below_cols <= hi)))
    ys_clean = np.array([y for _, y in centres])
    dip = float(np.max(ys_clean - np.minimum.accumulate(ys_clean))) if len(ys_clean) else 0.0
    return TickAnatomy((vx, vy), arm_end, thickness, off, above, below,
                       float(np.hypot(end_c - vx, end_y - vy)), float(down), below_mid, dip)


def _down_stroke(ink: Mask, vx: int, vy: int, reach: int, rise: int, k: float, join_mm: float) -> float:
    """Height (px) of the ink joined to the turning point left of it (gaps of a dry pen bridged):
    a tick's down stroke. A cross read as strokes has none there (its other stroke meets this one
    only at its middle, further right)."""
    x0, y0 = max(0, vx - reach), max(0, vy - rise)
    window = ink[y0:vy + 1, x0:vx + round(0.5 * k) + 1]
    size = max(3, round(join_mm * k) | 1)
    joined = cv2.dilate(window, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    _, labels = cv2.connectedComponents(joined, connectivity=8)
    label = labels[vy - y0, vx - x0]
    if label == 0:
        return 0.0
    rows = np.nonzero(np.any(labels == label, axis=1))[0]
    return float(vy - y0 - rows.min())


def _arm_follow(columns: Runs, inked: list[int], vx: int, first: float, k: float, heading: float,
                tolerance: float) -> tuple[dict[int, tuple[int, int]], float, npt.NDArray[np.float64],
                                           list[tuple[int, float]]]:
    """Follow the arm from the turning point column by column, twice.

    Where the arm is expected at column ``c``: straight on from its last few millimetres (the
    slope from the centre about 4 mm back to the last one; until they span 2 mm, the
    ``heading`` from the turning point to the far end). The first pass takes in each column the
    run nearest that prediction (if near enough) and steers by the clean ones (no thicker than
    1.6 × the usual run so far); the second steers by the runs no thicker than 1.6 × the arm's
    median thickness and gives the arm's centre in every inked column (predicted where the arm
    is hidden). Returns the chosen runs by column, the arm's thickness (their median length), the
    centres per column (NaN where no ink) and the clean centres.

    This is the hottest loop of reading a page (every long mark goes through it), so it is
    written out flat: the look-back is an index that only moves forward, the centres live in
    two plain lists, and the usual thickness comes from a list kept sorted."""
    reach_back, settle = 4 * k, 2 * k
    cs, ys = [vx], [first]
    back = 0
    chosen: dict[int, tuple[int, int]] = {}
    ordered: list[int] = []  # the chosen runs' lengths
    usual = 0
    for c in inked:
        last_c, last_y = cs[-1], ys[-1]
        while cs[back] < last_c - reach_back:
            back += 1
        span = last_c - cs[back]
        predicted = last_y + (heading if span < settle else (last_y - ys[back]) / span) * (c - last_c)
        runs = columns[c]
        best = runs[0] if len(runs) == 1 else min(runs, key=lambda r: abs((r[0] + r[1]) / 2 - predicted))
        lo, hi = best
        if abs((lo + hi) / 2 - predicted) > tolerance + (hi - lo) / 2:
            continue
        chosen[c] = best
        insort(ordered, hi - lo + 1)
        n = len(ordered)
        if n < 8 or n % 8 == 0:
            usual = ordered[n // 2]
        if hi - lo + 1 <= 1.6 * usual:  # clean arm: steer by it
            cs.append(c)
            ys.append((lo + hi) / 2)
    if not chosen:
        return chosen, 0.0, np.zeros(0), []
    n = len(ordered)
    thickness = float(ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2)
    thick = 1.6 * thickness
    cs, ys = [vx], [first]
    back = 0
    centre_at = [np.nan] * len(columns)
    for c in inked:
        run = chosen.get(c)
        if run is not None and run[1] - run[0] + 1 <= thick:
            centre_at[c] = y = (run[0] + run[1]) / 2
            cs.append(c)
            ys.append(y)
            continue
        last_c, last_y = cs[-1], ys[-1]
        while cs[back] < last_c - reach_back:
            back += 1
        span = last_c - cs[back]
        centre_at[c] = last_y + (heading if span < settle else (last_y - ys[back]) / span) * (c - last_c)
    return chosen, thickness, np.array(centre_at, np.float64), list(zip(cs, ys, strict=True))


@dataclass(frozen=True)
class OffArm:
    """What the ink off a tick's arm is: ``none`` (a tick), ``slash`` (a half tick: a short
    straight stroke across the arm's middle), ``crossing`` (a cross: a stroke as long as the
    "arm" across it), ``other`` (another mark the arm runs over) or ``stray`` (unexplained)."""

    verdict: str
    margin: float
    """Distance from the nearest decision boundary, as a share of a comfortable distance
    (1 or more: clearly on its side)."""
    reason: str


def _margin(value: float, limit: float, upper: bool) -> float:
    """How far ``value`` is inside ``limit`` (below it if ``upper``), as a share of 25 % of it."""
    return ((limit - value) if upper else (value - limit)) / (0.25 * limit)


def off_arm_read(anatomy: TickAnatomy, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> OffArm:
    off = anatomy.off_arm
    area = cv2.countNonZero(off) / (k * k)
    if area < config.slash_min_ink_mm2:
        return OffArm("none", _margin(area, config.slash_min_ink_mm2, True), f"{area:.1f} mm² off the arm")
    ys, xs = np.nonzero(off)
    width, height = (int(xs.max()) - int(xs.min()) + 1) / k, (int(ys.max()) - int(ys.min()) + 1) / k
    span = max(1, anatomy.arm_end - anatomy.vertex[0])
    where = (float(np.median(xs)) - anatomy.vertex[0]) / span
    crosses = min(anatomy.above, anatomy.below) / max(1, anatomy.above + anatomy.below)
    straight = _straightness(xs, ys)
    ratio = float(np.hypot(width, height)) * k / max(1.0, anatomy.arm_length)
    described = (f"{area:.1f} mm² off the arm, {width:.1f}×{height:.1f} mm at {where:.0%} of it, straightness "
                 f"{straight:.2f}, {ratio:.2f} of the arm's length")
    stroke = [_margin(straight, config.slash_straightness_max, True), _margin(crosses, config.slash_cross_min, False),
              _margin(where, config.slash_along[0], False), _margin(where, config.slash_along[1], True),
              _margin(height, config.half_slash_min_mm, False)]
    names = ["straightness", "crossing", "start", "end", "height"]
    down = anatomy.down / k
    described += f", down stroke {down:.1f} mm"
    if min(stroke) > 0:
        if down < config.tick_down_min_mm:  # no tick: one stroke across another
            margins = [*stroke, _margin(down, config.tick_down_min_mm, True),
                       (ratio - config.crossing_ratio_min) / config.crossing_ratio_comfort]
            weakest = [*names, "down stroke", "length"][int(np.argmin(margins))]
            return OffArm("crossing", min(margins), f"{CROSSING} ({weakest} weakest): " + described)
        margins = [*stroke, _margin(width, config.slash_width_max_mm, True),
                   _margin(height, config.slash_height_max_mm, True), _margin(down, config.tick_down_min_mm, False),
                   _margin(ratio, config.slash_ratio_max, True)]
        if min(margins[5:]) > 0:
            weakest = [*names, "width", "height", "down stroke", "length"][int(np.argmin(margins))]
            return OffArm("slash", min(margins), f"a slash across the arm ({weakest} weakest): " + described)
    if max(width, height) >= config.mark_min_extent_mm and area >= config.mark_min_ink_mm2:
        return OffArm("other", 1.0, f"{ANOTHER_MARK}: {described}")
    return OffArm("stray", 0.0, f"{STRAY_INK}: " + described)


def _straightness(xs: npt.NDArray[np.int64], ys: npt.NDArray[np.int64]) -> float:
    """Minor over major standard deviation of the pixels: ~0.1 for one stroke, ~1 for a cross."""
    if len(xs) < 3:
        return 0.0
    spread = np.linalg.eigvalsh(np.cov(np.vstack([xs, ys]).astype(np.float64)))
    return float(np.sqrt(max(0.0, spread[0]) / max(1e-9, spread[1])))
