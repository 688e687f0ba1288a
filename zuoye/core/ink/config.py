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
    #: A stroke at most this high for its width (and wider than a dot) is a bar: after a digit
    #: it joins that digit when their x-ranges overlap at all (a 5's bar drawn off to the right).
    bar_flatness: float = 0.3
    #: A character smaller than this (mm, both sides) is a decimal point.
    dot_size_mm: float = 1.2
    #: Points each stroke set is resampled to before matching against templates.
    resample_points: int = 24
    #: The same for score characters (cost ∝ points² × 210 templates). With direction (below) 20
    #: read as many right as 24 at 0.7 of the cost; 16 missed more; without direction, 16 read a
    #: "2" as a "1" above the review threshold in the benchmark's 8,000 marks.
    digit_points: int = 20
    #: Digit templates: besides each canonical form upright and slanted, this many hand-made
    #: variants (control points moved by up to ``template_wobble`` of the height), drawn from
    #: a fixed seed so every process builds the same templates. 12 variants at 0.06 read more
    #: digits right and sent fewer to review than 6 at 0.04, on the benchmark's classes
    #: (seeds 1000–1009) and on ten others (2000–2009) alike (README, "Figures").
    template_variants: int = 12
    template_wobble: float = 0.06
    template_seed: int = 5
    #: Score characters are matched on position and stroke direction (an axis, so either way
    #: round): a point's distance is √(Δx² + Δy² + (w·Δaxis)²), w this weight (0: position only).
    #: Small fast digits have 7–15 dots, and direction tells the bar of a "7" from a "1"'s flag
    #: where position alone hardly can; 0.05 cut the digits sent to review by a fifth.
    digit_direction_weight: float = 0.05
    #: The same for teachers' and students' marks (ticks, crosses, half ticks, circles). Off:
    #: 0.03 read one more cross right in 8,000 marks but sent 0.5 % more to review (fit falls).
    grading_direction_weight: float = 0.0
    #: Tick templates besides the teacher's (rising 10–34°, short arm 0.1–0.22 of the long one):
    #: (rise in degrees, short arm) of students' ticks on bubbles, steeper and with a longer
    #: short arm; without them one student tick in twelve was too unsure and went to review.
    student_ticks: tuple[tuple[float, float], ...] = ((32.0, 0.28), (32.0, 0.4), (44.0, 0.28), (44.0, 0.4))
    #: Marks matched together in one block (larger blocks fall out of the CPU cache).
    match_block: int = 32
    #: Added to a template distance per stroke of difference in stroke count.
    stroke_count_penalty: float = 0.06
    #: A best distance at or above this is no match at all (confidence 0). Chamfer between 24
    #: points a mark has a floor: a clean cross lies 0.06–0.075 from its template, so a seventh
    #: of crosses go to review on fit alone. 0.18 would send half as many (3.6 % → 2.9 % of all
    #: marks to review), still with no wrong reading above the threshold, but random scribbles
    #: would pass the threshold twice as often (22 in 400 as a grading mark, 4 as a digit, vs
    #: 10 and 0): not worth it.
    fit_limit: float = 0.16
    #: Readings with confidence below this go to the review queue.
    review_below: float = 0.6
    #: A chosen option's confidence falls as the mark's anchor gets as near the second closest
    #: bubble as to the closest: it is at most 2 · (1 − near/second) ** this power.
    option_margin_power: float = 1.0


DEFAULT_INK_CONFIG = InkConfig()
