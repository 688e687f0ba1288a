"""What a captured reading means for the result of an item (作答结果): right, partly right, wrong.

Scans, pen strokes and photos all end in the same few facts about an item: the teacher's mark
(tick, cross, half tick, circle, or none), a score written in the score box ("8", "-2"), and the
options the student chose. This module turns those facts into an outcome and a score, the same
way for every capture mode, so that a page read by the scanner and the same page graded with a
pen give the same result.

The teacher's pen wins over the answer key: a tick on a choice item the key says is wrong is the
teacher's call (a key can be wrong, or the teacher accepted an alternative). Field notes: a
circle marks the wrong part (圈错), so it counts as wrong; a half tick (半对) is partly right.
A score written as "-2" is points taken off the item's full score; a bare number is the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

RIGHT, PARTIAL, WRONG, UNMARKED = "right", "partial", "wrong", "unmarked"

MARK_OUTCOMES: dict[str, str] = {"tick": RIGHT, "half": PARTIAL, "half_tick": PARTIAL, "cross": WRONG, "circle": WRONG}
"""The teacher's mark → outcome. ``half_tick`` is the pen core's name for the scanner's ``half``."""


@dataclass(frozen=True)
class Outcome:
    outcome: str  # right, partial, wrong, unmarked
    score: Decimal | None  # None when nothing says how many points
    reason: str  # which fact decided it, for the teacher's review and for tests


def score_parse(text: str, full_score: Decimal) -> Decimal | None:
    """The points a score-box text gives: "8" → 8, "-2" → full − 2, "4.5" → 4.5; None if unreadable
    or outside 0..full score (a misread, not a score)."""
    text = text.strip().replace("−", "-")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    points = full_score + value if text.startswith("-") else value
    return points if Decimal(0) <= points <= full_score else None


def choice_outcome(chosen: str, key: tuple[str, ...]) -> str:
    """Objective items with no teacher mark: the chosen options against the key. Nothing chosen is
    wrong (the item was set and left blank); a multiple-choice answer that is a strict part of the
    key is partly right (the usual 少选 rule)."""
    picked, wanted = set(chosen), set(key)
    if not wanted:
        return UNMARKED
    if picked == wanted:
        return RIGHT
    if picked and picked < wanted and len(wanted) > 1:
        return PARTIAL
    return WRONG


def outcome_of(*, mark: str = "", score_text: str = "", chosen: str | None = None,
               key: tuple[str, ...] = (), full_score: Decimal = Decimal(1)) -> Outcome:
    """The item's outcome from what was read, strongest evidence first: a score, a mark, the key."""
    points = score_parse(score_text, full_score) if score_text else None
    if points is not None:
        kind = RIGHT if points == full_score else WRONG if points == 0 else PARTIAL
        return Outcome(kind, points, f"score {score_text.strip()}")
    if mark in MARK_OUTCOMES:
        kind = MARK_OUTCOMES[mark]
        points = {RIGHT: full_score, WRONG: Decimal(0)}.get(kind)
        return Outcome(kind, points, f"mark {mark}")
    if chosen is not None and key:
        kind = choice_outcome(chosen, key)
        points = {RIGHT: full_score, WRONG: Decimal(0)}.get(kind)
        return Outcome(kind, points, f"chose {chosen or 'nothing'}, key {''.join(key)}")
    return Outcome(UNMARKED, None, "no mark")


def choice_key(item_type: str, answer: object) -> tuple[str, ...]:
    """The bubble values an objective item's stored answer means: choice labels, or T/F."""
    if item_type in ("single_choice", "multiple_choice") and isinstance(answer, list):
        return tuple(str(label) for label in answer)
    if item_type == "true_false" and isinstance(answer, bool):
        return ("T",) if answer else ("F",)
    return ()
