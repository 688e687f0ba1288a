"""Simulated pen sessions: strokes in mm → timed dots in Ncode units → faulty delivery.

``pen_dots`` writes strokes the way a pen samples them (one dot per frame, slow at the ends
of a stroke, hover dots before it touches, varying force); ``deliver`` replays some dots,
loses some, and sends chunks late. ``class_session`` builds a whole class's worth: a sample
layout, a teacher grading every student's page and the students answering choice items,
with the truth to check readings against.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from zuoye.core.ink.config import NCODE_UNIT_MM
from zuoye.core.ink.dots import Dot, DotType, NcodeAddress
from zuoye.core.ink.read import ReadingKind, Role
from zuoye.core.ink.shapes import MarkKind, Polyline
from zuoye.core.ink.simulate import DEFAULT_HAND, HandConfig, Rng, choice_mark, grading_mark, random_score, \
    score_strokes
from zuoye.core.layout import DEFAULT_CONFIG, ItemKind, ItemRegion, ItemSpec, Page, SheetHeader, SheetSpec, sheet_set_layout
from zuoye.core.layout.markup import stem_markups
from zuoye.core.layout.spec import typst_passthrough


def _frames(line: Polyline, rng: Rng, hand: HandConfig) -> Polyline:
    """Dot positions along a stroke: ease-in/ease-out speed, smoothed tremor, maybe a hesitation."""
    seg = np.hypot(*np.diff(line, axis=0).T)
    arc = np.concatenate(([0.0], np.cumsum(seg)))
    # no stroke is quicker than ``min_stroke_ms``: a hand needs that long to put a pen down and lift it
    speed = min(float(rng.uniform(*hand.speed_mm_s)), arc[-1] / hand.min_stroke_ms * 1000)
    n = max(3, int(arc[-1] / (speed * hand.sample_ms / 1000)) + 1)
    at = arc[-1] * (1 - np.cos(np.linspace(0, np.pi, n))) / 2
    pts = np.column_stack((np.interp(at, arc, line[:, 0]), np.interp(at, arc, line[:, 1])))
    tremor = np.cumsum(rng.normal(0, hand.jitter_mm, pts.shape), axis=0)
    tremor -= np.linspace(0, 1, n)[:, None] * tremor[-1]  # a random bridge: stays near the path
    pts = pts + tremor * 0.5
    if rng.random() < hand.hesitation:
        pts = np.concatenate((np.repeat(pts[:1], int(rng.integers(3, 12)), axis=0), pts))
    return pts


def pen_dots(strokes: Sequence[Polyline], pen: str, address: NcodeAddress, t0: int, rng: Rng,
             hand: HandConfig = DEFAULT_HAND) -> tuple[list[Dot], int]:
    """Dots of these strokes starting at ``t0`` ms, and the time after the last one."""
    dots: list[Dot] = []
    t = float(t0)
    for line in strokes:
        pts = _frames(line, rng, hand) / NCODE_UNIT_MM
        for k in range(hand.hover_dots):
            dots.append(Dot(pen, address, float(pts[0, 0]) - 0.1 * (k + 1), float(pts[0, 1]), 0, int(t), DotType.HOVER))
            t += hand.sample_ms
        force = np.clip(rng.uniform(250, 700) + rng.normal(0, 40, len(pts)), 20, 1023).astype(int)
        for k, (x, y) in enumerate(pts.tolist()):
            kind = DotType.DOWN if k == 0 else DotType.UP if k == len(pts) - 1 else DotType.MOVE
            dots.append(Dot(pen, address, round(x, 2), round(y, 2), int(force[k]), int(t), kind))
            t += hand.sample_ms
        t += float(rng.uniform(*hand.stroke_pause_ms))
    return dots, int(t)


def deliver(dots: Sequence[Dot], rng: Rng, hand: HandConfig = DEFAULT_HAND, chunk: int = 64) -> list[Dot]:
    """The dots as a gateway might upload them: some lost, some twice, some chunks late, a few errors."""
    kept = [d for d in dots if rng.random() >= hand.drop_share]
    kept += [kept[int(i)] for i in rng.integers(0, len(kept), int(len(kept) * hand.duplicate_share))]
    chunks = [kept[i:i + chunk] for i in range(0, len(kept), chunk)]
    late = [c for c in chunks if rng.random() < hand.out_of_order_share]
    order = [c for c in chunks if not any(c is x for x in late)] + late
    out = [d for c in order for d in c]
    for i in rng.integers(0, len(out), int(len(out) * hand.error_share)).tolist():
        d = out[i]
        out.insert(i, Dot(d.pen, d.address, d.x + 40.0, d.y, 0, d.t + 1, DotType.ERROR))
    return out


@dataclass(frozen=True)
class Truth:
    """What was drawn: on which page, by which pen, in which item, as what reading."""

    address: NcodeAddress
    pen: str
    item_key: str
    kind: ReadingKind
    value: str


def sample_spec(assignment_id: int = 5) -> SheetSpec:
    """A one-page sheet: choice and true/false items with stems, and worked items with score boxes."""
    items = [ItemSpec(f"q{n}", str(n), ItemKind.SINGLE_CHOICE, f"选择题 {n}", options=("1", "2", "3", "4"))
             for n in range(1, 4)]
    items.append(ItemSpec("q4", "4", ItemKind.MULTIPLE_CHOICE, "多选题", options=("a", "b", "c", "d", "e")))
    items.append(ItemSpec("q5", "5", ItemKind.TRUE_FALSE, "判断题"))
    items += [ItemSpec(f"w{n}", str(5 + n), ItemKind.WORKED, f"计算 {n}", answer_height_mm=40, points=10)
              for n in range(1, 4)]
    header = SheetHeader(school="模拟小学", class_label="三年级(2)班", title="笔迹模拟", subject="数学",
                         date="2026年3月2日")
    return SheetSpec(assignment_id=assignment_id, header=header, items=tuple(items))


def sample_pages(students: int, assignment_id: int = 5) -> dict[NcodeAddress, Page]:
    """One page per student laid out by the real engine (stems measured by a stand-in)."""
    spec = sample_spec(assignment_id)
    markup = stem_markups(spec, typst_passthrough, DEFAULT_CONFIG)
    sheets = sheet_set_layout(spec, list(range(101, 101 + students)), markup=markup,
                              measure=lambda stems: [5.0 * (1 + len(s.markup) // 40) for s in stems])
    pages = [page for sheet in sheets.sheets for page in sheet.pages]
    return {NcodeAddress(3, 27, 168, n): page for n, page in enumerate(pages, start=1)}


@dataclass(frozen=True, eq=False)
class SimulatedSession:
    pages: dict[NcodeAddress, Page]
    roles: dict[str, Role]
    dots: list[Dot]          # as delivered (faults included)
    truth: tuple[Truth, ...]


KIND_WEIGHTS = ((MarkKind.TICK, 0.7), (MarkKind.CROSS, 0.12), (MarkKind.CIRCLE, 0.12), (MarkKind.HALF_TICK, 0.06))


def page_grade(address: NcodeAddress, page: Page, pen: str, t: int, rng: Rng, hand: HandConfig,
               score: Callable[[ItemRegion, Rng], str] | None = None,
               kind_weights: Sequence[tuple[MarkKind, float]] = KIND_WEIGHTS) -> tuple[list[Dot], list[Truth], int]:
    """A teacher's pen grading one page: a mark on every item, a score in every score box
    (``score(item, rng)``, by default any score teachers write), from time ``t`` on."""
    dots: list[Dot] = []
    truth: list[Truth] = []
    kinds, weights = zip(*kind_weights)
    for item in page.items:
        kind = kinds[int(rng.choice(len(kinds), p=weights))]
        new, t = pen_dots(grading_mark(kind, item.grading, rng, hand), pen, address, t, rng, hand)
        dots += new
        truth.append(Truth(address, pen, item.key, ReadingKind.GRADING, kind.value))
        t += int(rng.uniform(*hand.mark_pause_ms))
        if item.score_box is not None:
            written = score(item, rng) if score else random_score(rng)
            new, t = pen_dots(score_strokes(written, item.score_box, rng, hand), pen, address, t, rng, hand)
            dots += new
            truth.append(Truth(address, pen, item.key, ReadingKind.SCORE, written))
            t += int(rng.uniform(*hand.mark_pause_ms))
    return dots, truth, t


def page_answer(address: NcodeAddress, page: Page, pen: str, t: int, rng: Rng, hand: HandConfig
                 ) -> tuple[list[Dot], list[Truth]]:
    """A student's own pen answering the choice items of one page (circling or ticking bubbles)."""
    dots: list[Dot] = []
    truth: list[Truth] = []
    for item in page.items:
        if not item.bubbles:
            continue
        many = item.kind is ItemKind.MULTIPLE_CHOICE
        count = int(rng.integers(1, 3)) if many else 1
        picks = sorted(rng.choice(len(item.bubbles), count, replace=False).tolist())
        for i in picks:
            kind = MarkKind.CIRCLE if rng.random() < 0.6 else MarkKind.TICK
            new, t = pen_dots(choice_mark(item.bubbles[i], kind, rng, hand), pen, address, t, rng, hand)
            dots += new
            t += int(rng.uniform(*hand.mark_pause_ms))
        truth.append(Truth(address, pen, item.key, ReadingKind.CHOICE, "".join(item.bubbles[i].value for i in picks)))
    return dots, truth


def class_session(students: int, seed: int, hand: HandConfig = DEFAULT_HAND) -> SimulatedSession:
    """Every student answers the choice items with their own pen; one teacher pen grades every page."""
    rng = np.random.default_rng(seed)
    pages = sample_pages(students)
    roles = {"T-1": Role.TEACHER}
    dots: list[Dot] = []
    truth: list[Truth] = []
    t_teacher = 1_763_800_000_000
    for n, (address, page) in enumerate(pages.items()):
        pen = f"S-{n + 1:03d}"
        roles[pen] = Role.STUDENT
        new, told = page_answer(address, page, pen, 1_763_700_000_000 + n * 7_000, rng, hand)
        dots += new
        truth += told
        new, told, t_teacher = page_grade(address, page, "T-1", t_teacher, rng, hand)
        dots += new
        truth += told
    return SimulatedSession(pages, roles, deliver(dots, rng, hand), tuple(truth))
