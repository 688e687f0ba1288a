"""Every threshold of the ink core, in one frozen dataclass.

Pen readers differ (sample rate, clock, how often they drop an "up" dot); keeping each number
here, with why it has its value, lets a deployment tune one place and lets tests vary them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: One Ncode unit: 8 dots of 7/600 inch each, in millimetres (≈ 2.371 mm).
NCODE_UNIT_MM = 8 * 7 / 600 * 25.4


@dataclass(frozen=True)
class InkConfig:
    """Thresholds for grouping dots into strokes, strokes into marks, and trusting a reading."""

    #: A gap between two dots of one pen longer than this ends the stroke even without an
    #: "up" dot (pens sample every 8–12 ms; the up dot is the one most often lost).
    stroke_gap_ms: int = 45
    #: A jump between consecutive dots longer than this (mm) also ends the stroke: the pen was
    #: lifted and the down/up pair was lost. A fast swoosh covers ~4 mm a frame, so a few lost
    #: frames must not break it.
    stroke_jump_mm: float = 20.0
    #: Strokes with fewer dots are noise (a tap, a lone move dot after a dropped down).
    min_stroke_dots: int = 2
    #: A stroke belongs to the item holding most of its length; when another item holds at least
    #: this share too, the reading is flagged as crossing items.
    crossing_share: float = 0.2
    #: Strokes of one item further apart in time than this belong to different marks.
    mark_gap_ms: int = 1500
    #: A stroke joins the current mark only if its box, grown by this (mm), meets the mark's.
    mark_join_mm: float = 2.0
    #: Written characters in a score box: strokes whose x-ranges overlap by more than this share
    #: of the narrower one belong to one character.
    digit_overlap_share: float = 0.5
    #: A character smaller than this (mm, both sides) is a decimal point.
    dot_size_mm: float = 1.2
    #: Points each stroke set is resampled to before matching against templates.
    resample_points: int = 24
    #: The same for score characters (cost ∝ points² × 126 templates; 16 is twice as fast but read
    #: a "2" as a "1" above the review threshold in the benchmark's 8,000 marks).
    digit_points: int = 24
    #: Digit templates: besides each canonical form upright and slanted, this many hand-made
    #: variants (control points moved by up to ``template_wobble`` of the height), drawn from
    #: a fixed seed so every process builds the same templates.
    template_variants: int = 6
    template_wobble: float = 0.04
    template_seed: int = 5
    #: Marks matched together in one block (larger blocks fall out of the CPU cache).
    match_block: int = 32
    #: Added to a template distance per stroke of difference in stroke count.
    stroke_count_penalty: float = 0.06
    #: A best distance at or above this is no match at all (confidence 0).
    fit_limit: float = 0.16
    #: Readings with confidence below this go to the review queue.
    review_below: float = 0.6
    #: A chosen option's confidence falls as the mark's anchor gets as near the second closest
    #: bubble as to the closest: it is at most 2 · (1 − near/second) ** this power.
    option_margin_power: float = 1.0


DEFAULT_INK_CONFIG = InkConfig()
