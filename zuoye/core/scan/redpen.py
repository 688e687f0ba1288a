"""Stage 5b, red pen: the teacher's marks on the rectified page, and which item each belongs to.

Colour scans: red ink is where red exceeds green and blue (nothing on the sheet is printed
in red, README of ``core.layout``). Greyscale scans: red is only a shade of grey, so ink is
taken by darkness after masking what the layout says is printed (marks, QR, header, stems,
bubble rings, box outlines), and marks are told from the student's writing by size.
Strokes broken by a dry pen are joined by a closing; each joined piece large enough is one
mark, classified by shape — a hole: circle; ink in all four corners of its box: cross;
lowest point on the left with a long rising arm: tick, or half tick when a stroke crosses
the arm — and it belongs to the item whose grading area holds its turning point.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from zuoye.core.layout import Bubble, Page, Rect
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.report import Image, MarkKind
from zuoye.core.scan.ticks import off_arm_read, tick_anatomy

Mask = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class PenMark:
    kind: MarkKind
    turning_point: tuple[float, float]
    """In page mm."""
    box: Rect
    confidence: float
    reason: str


def is_colour(image: Image, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> bool:
    if image.ndim == 2:
        return False
    return _coloured(planes_sampled(image, 2), config)


def planes_sampled(image: Image, step: int) -> list[Image]:
    """The colour planes of every ``step``-th pixel, each contiguous. (``cv2.split`` of the strided
    view copies the whole view first: 1 ms for a half-size page at step 4, against 0.1 ms.)"""
    return [np.ascontiguousarray(image[::step, ::step, c]) for c in range(image.shape[2])]


def _coloured(planes: tuple[Image, ...] | list[Image], config: ScanConfig) -> bool:
    b, g, r = planes
    spread = cv2.subtract(cv2.max(cv2.max(b, g), r), cv2.min(cv2.min(b, g), r))
    coloured = cv2.countNonZero(cv2.compare(spread, config.colour_spread_min, cv2.CMP_GT))
    return coloured > config.colour_share_min * spread.size


def red_ink(image: Image, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> Mask:
    return _red(cv2.split(image), config)


def _red(planes: tuple[Image, ...] | list[Image], config: ScanConfig) -> Mask:
    b, g, r = planes
    return np.asarray(cv2.compare(cv2.subtract(r, cv2.max(g, b)), config.red_excess_min, cv2.CMP_GT), np.uint8)


def page_planes(flat: Image, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> tuple[bool, Image, Mask | None]:
    """One split of the rectified page for every reader: (colour?, the grey the bubbles are read
    on — the red channel of a colour scan, where most red ink vanishes — and the red-ink mask)."""
    if flat.ndim == 2:
        return False, flat, None
    planes = cv2.split(flat)
    if not _coloured(planes, config):
        return False, np.asarray(cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY), np.uint8), None
    return True, planes[2], _red(planes, config)


def _bubble_mask(mask: Mask, level: npt.NDArray[np.float32], b: Bubble, k: float, config: ScanConfig) -> None:
    """The printed ring; the whole disc only when pencil fills it (an empty one lets pen through)."""
    centre, m = (round(b.cx * k), round(b.cy * k)), config.template_margin_mm
    core = level[max(0, centre[1] - 2):centre[1] + 3, max(0, centre[0] - 2):centre[0] + 3]
    if core.size and float(np.mean(core)) < config.grey_ink_level:
        cv2.circle(mask, centre, round((b.r + m) * k), 255, -1)
    else:
        cv2.circle(mask, centre, round(b.r * k), 255, max(1, round(2 * m * k)))


def _printed(page: Page, level: npt.NDArray[np.float32], k: float, config: ScanConfig) -> Mask:
    mask = np.zeros(level.shape, np.uint8)
    margin = config.template_margin_mm
    m = max(1, round(margin * k))

    def box(r: Rect, fill: bool) -> None:
        p0, p1 = (round(r.x * k), round(r.y * k)), (round(r.right * k), round(r.bottom * k))
        cv2.rectangle(mask, p0, p1, 255, -1 if fill else 2 * m + 1)

    for solid in (page.header, page.footer, page.qr.rect.inflate(page.qr.quiet_mm), *(x.rect for x in page.marks)):
        box(solid, True)
    for item in page.items:
        box(Rect(item.block.x, item.block.y, 6.0, 6.0), True)
        for outline in (*item.blanks, *((item.answer,) if not item.bubbles else ()), item.score_box):
            if outline is not None:
                box(outline, False)
        for b in item.bubbles:
            _bubble_mask(mask, level, b, k, config)
    if page.student_grid is not None:
        box(page.student_grid.rect, True)
    return mask


def grey_ink(gray: Image, page: Page, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> Mask:
    """Dark pixels that the layout does not explain: pen, pencil, dirt."""
    return grey_planes(gray, page, k, config)[0]


def grey_planes(gray: Image, page: Page, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
                printed: Mask | None = None) -> tuple[Mask, Mask]:
    """``grey_ink`` and what was masked to get it (the printed template and anything printed
    black, with a margin): where a pen stroke cannot be seen on grey. The greyscale mark network
    is shown both, so that a stroke ending at a masked line may be read as going on under it.

    ``printed``: the page's real print (``print_mask`` of the sheet PDF rasterised), when the
    caller has it. The layout knows the print's boxes, not its glyphs: typeset text is thin and
    anti-aliased, lighter than ``grey_print_level`` once scanned, and the letters inside the
    bubbles, the rule under the header and the labels beside boxes are in no layout rectangle;
    on the real sheet they read as pen ink on nearly every item without it. With it, the print
    replaces the guess "anything darker than ``grey_print_level`` is printed", which also hid
    the darkest red inks' strokes (a circle over a blank's box read as no mark at all)."""
    window = max(3, round(config.paper_window_mm * k) | 1)
    paper = cv2.dilate(gray, np.ones((window, window), np.uint8))
    level = (gray.astype(np.float32) / np.maximum(paper, 1).astype(np.float32)) * 255
    ink = (level < config.grey_ink_level).astype(np.uint8) * 255
    black = (level < config.grey_print_level).astype(np.uint8) * 255
    if printed is not None and printed.shape == black.shape:
        black = printed  # the print itself: a dark pen stroke is no longer taken for it
    edge = max(3, round(config.template_margin_mm * k) | 1)
    unseen = cv2.bitwise_or(cv2.dilate(black, np.ones((edge, edge), np.uint8)), _printed(page, level, k, config))
    ink[unseen > 0] = 0
    return ink, unseen


def print_mask(raster: Image, page: Page, config: ScanConfig = DEFAULT_SCAN_CONFIG) -> Mask:
    """Where the sheet PDF's page prints ink, at the reading scale (``px_per_mm``), from the page
    rasterised (grey or BGR) at that scale or finer: what ``grey_planes`` masks as print. A pixel
    is print when any finer pixel under it is (``print_template_level``): small grey text, such as
    the "得分 / 5" label in a score box, averaged down first would leave its thin strokes out, and
    a scanned label read as digits. The mask is grown by the scan's misregistration later."""
    k = config.px_per_mm
    gray = raster if raster.ndim == 2 else cv2.cvtColor(raster, cv2.COLOR_BGR2GRAY)
    inked = np.asarray(cv2.compare(gray, config.print_template_level, cv2.CMP_LT), np.uint8)
    size = (round(page.width * k), round(page.height * k))
    if (inked.shape[1], inked.shape[0]) != size:
        inked = cv2.compare(cv2.resize(inked, size, interpolation=cv2.INTER_AREA), 0, cv2.CMP_GT)
    return np.asarray(inked, np.uint8)


def _has_hole(piece: Mask, config: ScanConfig) -> float:
    contours, hierarchy = cv2.findContours(piece, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return 0.0
    holes = [cv2.contourArea(c) for c, h in zip(contours, hierarchy[0], strict=True) if h[3] >= 0]
    return max(holes, default=0.0) / float(piece.shape[0] * piece.shape[1])


def _open_loop(u: npt.NDArray[np.float64], v: npt.NDArray[np.float64], config: ScanConfig) -> bool:
    """Ink all round the box centre and none near it: a circle, even with a gap."""
    du, dv = u - 0.5, v - 0.5
    if np.any(np.hypot(du, dv) < config.loop_centre_empty / 2):
        return False
    sectors = np.unique(((np.arctan2(dv, du) + np.pi) / (np.pi / 4)).astype(np.int64) % 8)
    return len(sectors) >= config.loop_sectors_min


def _corners(u: npt.NDArray[np.float64], v: npt.NDArray[np.float64], config: ScanConfig) -> float:
    """The smallest share of the ink found in any of the box's four corner cells."""
    c = config.cross_corner
    return min(float(np.mean((np.abs(u - cu) < c) & (np.abs(v - cv) < c))) for cu in (0, 1) for cv in (0, 1))


def _conf(distance: float, config: ScanConfig) -> float:
    return 0.5 + 0.5 * min(1.0, max(0.0, distance) / config.shape_margin)


def _sure(margin: float) -> float:
    """Confidence from a margin given as a share of a comfortable distance (``ticks``)."""
    return 0.5 + 0.5 * min(1.0, max(0.0, margin))


BARE_ARM = "a bare arm: no down stroke left of its lowest point"
OPEN_LOOP = "open loop round an empty centre"
"""A circle read from one shape feature alone (the ink rings an empty centre but never closes)."""
CORNERS = "ink in all four corners"
"""A cross read from its box: the piece reaches all four corner cells."""
CLOSED_LOOP = "closed loop"
"""A circle read from a hole in the ink: a cross or a tick leaves none."""


Reading = tuple[MarkKind, tuple[float, float], float, str, Rect]
"""Kind, turning point (page mm), confidence, reason, the box of its own ink (page mm)."""


def mark_classify(ink: Mask, blob: Mask, origin: tuple[int, int], k: float,
                  config: ScanConfig = DEFAULT_SCAN_CONFIG) -> tuple[MarkKind, tuple[float, float], float, str]:
    """Kind, turning point (mm), confidence and reason for one mark: its ink and its joined blob
    (the first reading when the piece turns out to be a tick running over another mark)."""
    kind, turn, confidence, reason, _ = marks_classify(ink, blob, origin, k, config)[0]
    return kind, turn, confidence, reason


def _box(ink: Mask, origin: tuple[int, int], k: float) -> tuple[Rect, tuple[float, float]]:
    """The ink's box and its centre, page mm."""
    x, y, w, h = cv2.boundingRect(ink)
    box = Rect((origin[0] + x) / k, (origin[1] + y) / k, max(w, 1) / k, max(h, 1) / k)
    return box, box.centre


def marks_classify(ink: Mask, blob: Mask, origin: tuple[int, int], k: float,
                   config: ScanConfig = DEFAULT_SCAN_CONFIG, depth: int = 0, grey: bool = False) -> list[Reading]:
    """Every mark in one joined piece of ink: one, or a tick and the marks its arm runs into.

    ``grey``: a greyscale scan, where masking the printed template cuts the pen's strokes (a
    tick's down stroke lost under a filled bubble, a circle broken into an open arc, one stroke
    of a cross gone). Readings that rest on one shape feature alone — an open loop, ink in four
    corners that the strokes do not confirm, two strokes crossing with no down stroke seen —
    are then no surer than ``disagreement_confidence`` (review), never guessed."""
    box, centre = _box(ink, origin, k)
    if box.w < config.tick_min_width_mm:
        ys, xs = np.nonzero(ink)
        x0, y0 = int(xs.min()), int(ys.min())
        w, h = int(xs.max()) - x0 + 1, int(ys.max()) - y0 + 1
        hole = _has_hole(blob, config)
        if hole >= config.circle_hole_min:
            return [(MarkKind.CIRCLE, centre, _conf(hole / config.circle_hole_min - 1, config),
                     f"{CLOSED_LOOP} ({hole:.2f})", box)]
        u, v = (xs - x0) / max(1, w - 1), (ys - y0) / max(1, h - 1)
        if _open_loop(u, v, config):
            if grey:
                return [(MarkKind.CIRCLE, centre, config.disagreement_confidence,
                         f"{OPEN_LOOP} (greyscale: may be broken strokes)", box)]
            return [(MarkKind.CIRCLE, centre, _conf(0.5, config), OPEN_LOOP, box)]
        corners = _corners(u, v, config)
        if corners >= config.cross_corner_ink_min:
            # Both readings agree (the tick reading sees two long strokes crossing): as sure as the
            # surer of them; they disagree: no surer than the corners alone.
            as_tick = _tick_read(ink, origin, k, config, depth, grey)
            sure = _conf(corners / config.cross_corner_ink_min - 1, config)
            if len(as_tick) == 1 and as_tick[0][0] is MarkKind.CROSS:
                sure = max(sure, as_tick[0][2])
            elif len(as_tick) == 1 and as_tick[0][0] in (MarkKind.TICK, MarkKind.HALF) \
                    and as_tick[0][2] >= config.review_below:
                sure = min(sure, config.disagreement_confidence)  # a clean tick or half: which is it?
            elif grey:
                sure = min(sure, config.disagreement_confidence)  # corners alone, on cut strokes
            return [(MarkKind.CROSS, centre, sure, f"{CORNERS} ({corners:.2f}); as strokes: "
                     + "; ".join(f"{r[0].value} {r[2]:.2f}" for r in as_tick), box)]
    return _tick_read(ink, origin, k, config, depth, grey)


def _tick_read(ink: Mask, origin: tuple[int, int], k: float, config: ScanConfig, depth: int,
               grey: bool = False) -> list[Reading]:
    box, centre = _box(ink, origin, k)
    anatomy = tick_anatomy(ink, k, config)
    if anatomy is None:
        return [(MarkKind.UNKNOWN, centre, 0.0, "no turning point on the left", box)]
    vx, vy = anatomy.vertex
    turn = ((origin[0] + vx) / k, (origin[1] + vy) / k)
    off = off_arm_read(anatomy, k, config)
    if off.verdict == "crossing":
        sure = _sure(off.margin)
        if grey:  # the "missing" down stroke may be masked away with the print under it
            sure, why = min(sure, config.disagreement_confidence), off.reason + "; greyscale: a down stroke may be lost"
            return [(MarkKind.CROSS, centre, sure, why, box)]
        return [(MarkKind.CROSS, centre, sure, off.reason, box)]
    if off.verdict == "slash":
        return [(MarkKind.HALF, turn, _sure(off.margin), off.reason, box)]
    if off.verdict == "none":
        depth_share = (turn[1] - box.y) / max(1e-6, box.h)
        if depth_share < config.tick_vertex_y_min:
            return [(MarkKind.UNKNOWN, turn, 0.0, f"turning point not at the bottom ({depth_share:.2f})", box)]
        slash_hint = grey and cv2.countNonZero(anatomy.off_arm) >= config.grey_slash_hint_mm2 * k * k
        if anatomy.down < config.tick_down_min_mm * k:
            # A bare arm continues the mark next to it (``_continues``) and is dropped; on grey,
            # not when it carries what may be a slash cut off with it by a masked printed line.
            return [(MarkKind.TICK, turn, 0.5, BARE_ARM + ("; greyscale: ink off it may be a slash" if slash_hint
                                                          else ""), box)]
        if anatomy.dip >= config.arm_dip_max_mm * k:  # two ticks end to end, read as one
            return [(MarkKind.TICK, turn, 0.5, off.reason + f"; the arm dips {anatomy.dip / k:.1f} mm: "
                     "another turning point on it", box)]
        if slash_hint:
            return [(MarkKind.TICK, turn, min(_sure(off.margin), config.disagreement_confidence),
                     off.reason + "; greyscale: a slash along the print may be masked", box)]
        return [(MarkKind.TICK, turn, _sure(off.margin), off.reason, box)]
    own, _ = _box(cv2.subtract(ink, anatomy.off_arm), origin, k)
    if off.verdict == "stray" or depth > 0:
        return [(MarkKind.TICK, turn, 0.5, off.reason, own)]  # review: something unexplained on the arm
    size = max(3, round(config.stroke_join_mm * k) | 1)
    joined = cv2.dilate(anatomy.off_arm, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    others = [r for piece, blob, at in _pieces(anatomy.off_arm, joined, origin, k, config)
              for r in marks_classify(piece, blob, at, k, config, depth + 1, grey)]
    # Sure of the tick only when the ink off its arm is, surely, other marks: ink below the arm's
    # middle may be a slash merged with them (a half tick), and ink read as no sure mark may be a
    # slash on its own.
    straddles = anatomy.below_mid_px >= config.slash_min_ink_mm2 * k * k / 2
    explained = bool(others) and all(r[0] is not MarkKind.UNKNOWN and r[2] >= config.review_below for r in others)
    note = "; ink below the arm's middle" if straddles else "" if explained else "; the ink off it is no sure mark"
    bare = anatomy.down < config.tick_down_min_mm * k  # no down stroke: a stroke of a cross, perhaps
    note += "; no down stroke" if bare else ""
    if not explained or straddles or bare:  # the split itself is in doubt: so is every part of it
        return [(MarkKind.TICK, turn, 0.5, off.reason + note, own),
                *((kind, at, min(sure, 0.5), why + "; split from a doubtful tick", box)
                  for kind, at, sure, why, box in others)]
    return [(MarkKind.TICK, turn, 1.0, off.reason, own), *others]


def _pieces(ink: Mask, joined: Mask, origin: tuple[int, int], k: float, config: ScanConfig,
            join: float | None = None) -> list[tuple[Mask, Mask, tuple[int, int]]]:
    """The joined pieces of ``ink`` large enough to be marks: (ink, blob, origin) each.

    Contours are much cheaper than labelling a page: each outer boundary gives a piece's box,
    its blob is the boundary filled less its holes (a circle keeps its hole)."""
    contours, hierarchy = cv2.findContours(joined, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    links = hierarchy[0] if hierarchy is not None else np.zeros((0, 4), np.int32)
    join = config.stroke_join_mm if join is None else join
    found = []
    for index, contour in enumerate(contours):
        if links[index][3] >= 0:
            continue
        x, y, w, h = cv2.boundingRect(contour)
        if max(w, h) < (config.mark_min_extent_mm + join) * k:
            continue
        blob = np.zeros((h, w), np.uint8)
        cv2.drawContours(blob, contours, index, 255, -1, offset=(-x, -y))
        hole = links[index][2]
        while hole >= 0:
            cv2.drawContours(blob, contours, hole, 0, -1, offset=(-x, -y))
            cv2.drawContours(blob, contours, hole, 255, 1, offset=(-x, -y))  # the boundary pixels are ink
            hole = links[hole][0]
        piece = cv2.bitwise_and(ink[y:y + h, x:x + w], blob)
        if cv2.countNonZero(piece) < config.mark_min_ink_mm2 * k * k:
            continue
        found.append((piece, blob, (origin[0] + x, origin[1] + y)))
    return found


def marks_find(image: Image, page: Page, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
               colour: bool | None = None, red: Mask | None = None) -> tuple[PenMark, ...]:
    """Every teacher mark on the rectified page (colour: by red; grey: by shape). ``red``: the
    red-ink mask when the caller has it already (``page_planes``)."""
    return marks_and_ink(image, page, k, config, colour, red)[0]


def marks_and_ink(image: Image, page: Page, k: float, config: ScanConfig = DEFAULT_SCAN_CONFIG,
                  colour: bool | None = None, red: Mask | None = None,
                  grey_pen: Mask | None = None) -> tuple[tuple[PenMark, ...], Mask]:
    """``marks_find`` and the pen-ink mask it read them from (to tell an unmarked item from one
    with ink no mark explains). ``grey_pen``: a greyscale scan's ``grey_ink`` when the caller
    has it already (``grey_planes``)."""
    grey = False
    if grey_pen is not None:
        ink, join, grey = grey_pen, config.grey_stroke_join_mm, True
    elif red is not None:
        ink, join = red, config.stroke_join_mm
    elif is_colour(image, config) if colour is None else colour:
        ink, join = red_ink(image, config), config.stroke_join_mm
    else:
        gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        ink, join, grey = grey_ink(gray, page, k, config), config.grey_stroke_join_mm, True
    # Score digits are read in their boxes (``scores``), not taken for marks.
    marking = ink
    boxes = [item.score_box for item in page.items if item.score_box is not None]
    if boxes:
        marking = ink.copy()
        for r in boxes:
            marking[max(0, round(r.y * k)):round(r.bottom * k), max(0, round(r.x * k)):round(r.right * k)] = 0
    size = max(3, round(join * k) | 1)
    joined = cv2.dilate(marking, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    found = [(_spill_checked(PenMark(kind, turn, box, confidence, reason), page, marking, k, config), piece, at)
             for piece, blob, at in _pieces(marking, joined, (0, 0), k, config, join)
             for kind, turn, confidence, reason, box in marks_classify(piece, blob, at, k, config, grey=grey)]
    return tuple(m for m, _, _ in found if not _continues(m, found, k, config)), ink


def _spill_checked(mark: PenMark, page: Page, ink: Mask, k: float, config: ScanConfig) -> PenMark:
    """A cross read from its corners, checked against the layout: the corners are those of the
    joined piece's box, and two marks that touch (a circle's rim on the next item's slash) make
    one piece with ink in all four. When much of its ink lies in the grading area of an item
    other than the one it turns in, it is held in doubt: to review, and so is that item
    (``pipeline.items_marks``: a doubtful mark over an item keeps it from reading unmarked)."""
    if mark.kind is not MarkKind.CROSS or not mark.reason.startswith(CORNERS):
        return mark
    box = mark.box
    total = _ink_count(ink, box, k)
    if not total:
        return mark
    for item in page.items:
        area = item.grading
        if area.contains_point(*mark.turning_point) or not area.intersects(box):
            continue
        x, y = max(box.x, area.x), max(box.y, area.y)
        share = _ink_count(ink, Rect(x, y, min(box.right, area.right) - x, min(box.bottom, area.bottom) - y), k) / total
        if share >= config.cross_spill_share_max:
            return dataclasses.replace(mark, confidence=min(mark.confidence, config.disagreement_confidence),
                                       reason=f"{mark.reason}; {share:.0%} of its ink lies over {item.key}: "
                                              "two marks joined?")
    return mark


def _ink_count(ink: Mask, r: Rect, k: float) -> int:
    window = ink[max(0, round(r.y * k)):max(0, round(r.bottom * k)), max(0, round(r.x * k)):max(0, round(r.right * k))]
    return cv2.countNonZero(window) if window.size else 0


def _continues(mark: PenMark, found: list[tuple[PenMark, Mask, tuple[int, int]]], k: float,
               config: ScanConfig) -> bool:
    """A bare arm starting next to another mark's ink is the rest of that mark's arm, not a mark.
    Next to its ink, not its box: a tick's long arm rising across the item above spans a box
    that holds that item's own mark, and a flat tick there, its down stroke lost in a filled
    bubble on greyscale, was swallowed as the arm's rest (the item read as surely unmarked)."""
    if mark.reason != BARE_ARM:
        return False
    x, y = mark.turning_point
    reach = config.bare_arm_join_mm
    for other, piece, (left, top) in found:
        if other is mark or other.reason == BARE_ARM or not other.box.inflate(reach).contains_point(x, y):
            continue
        r = reach * k
        cx, cy = x * k - left, y * k - top
        x0, y0 = max(0, int(cx - r)), max(0, int(cy - r))
        ys, xs = np.nonzero(piece[y0:max(0, int(cy + r) + 1), x0:max(0, int(cx + r) + 1)])
        if len(xs) and float(np.min((xs + x0 - cx) ** 2 + (ys + y0 - cy) ** 2)) <= r * r:
            return True
    return False
