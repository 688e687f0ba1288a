"""Two readers of a teacher's mark, one verdict: the rules (``redpen``, ``ticks``) and the mark
network (``marknet``) vote on each item, and what comes out is the item's result.

The rules separate strokes and say why; the network weighs the whole picture. Each is wrong in
its own way, and most of all where marks crowd: where another mark's stroke lies across a tick's
arm, either may take it for a slash. ``Crowding`` is what the rules saw round the item's mark
that says how far the network may be trusted there; ``mark_vote`` decides, and where the two
cannot settle it the item goes to the teacher with the reading most likely right proposed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from zuoye.core.scan.bubbles import ChoiceReading
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.redpen import CLOSED_LOOP, OPEN_LOOP, PenMark
from zuoye.core.scan.report import MarkKind, Status
from zuoye.core.scan.ticks import ANOTHER_MARK, CROSSING, STRAY_INK


@dataclass(frozen=True)
class ItemResult:
    """One item read: the teacher's mark, the options chosen, how sure, and why (``reason``, in
    the machine's own words with its measurements; the capture app words it for the teacher).
    ``review`` items go to the teacher with ``mark`` as the proposal."""

    key: str
    choice: ChoiceReading | None
    """None for items without bubbles."""
    mark: MarkKind
    confidence: float
    status: Status
    reason: str
    score_text: str = ""
    """Items with a score box: the points written in it ("8", "-2"), "" when none."""

    @property
    def option_read(self) -> bool:
        """Whether the chosen options (``choice.values``) are read surely enough to record; a
        sure item may still have an option hidden under the teacher's mark (``choice_weight``)."""
        return self.choice is not None and self.choice.confidence >= DEFAULT_SCAN_CONFIG.review_below


MARKS_OVER_IT = "a mark over it turns in no item or is in doubt"
"""How an item's reason starts when no mark turns in it but marks of no sure item lie over it."""

DECIDING = (MarkKind.TICK, MarkKind.CROSS, MarkKind.HALF, MarkKind.CIRCLE)
OPTION_UNREAD = "the option under the teacher's mark is not read (recorded as unknown)"


def choice_weight(choice: ChoiceReading | None, kind: MarkKind, mark_decides: bool = True) -> float:
    """How much the bubbles' doubt weighs on the item. A teacher's mark decides the result
    whatever was chosen (``core.outcomes``: the mark wins over the key), so a bubble hidden under
    a sure tick or cross does not send the item to review: the option is recorded as unknown
    (``ItemResult.option_read``), never guessed. Unmarked, the bubbles decide.

    ``mark_decides``: whether the mark may be trusted over the bubbles. Always on a colour scan.
    On greyscale, pen and pencil are told apart by shade only, and the rules' reading of a mark
    over a filled bubble is itself less certain (measured: one more wrong sure reading in 1,500),
    so the bubbles' doubt counts there, unless the greyscale network reads the mark surely with
    nothing crowding it (``mark_vote``)."""
    if choice is None or (mark_decides and kind in DECIDING):
        return 1.0
    return choice.confidence


@dataclass(frozen=True)
class Crowding:
    """What the rules saw round an item's mark that bears on how far the network's reading of
    it may be trusted (``mark_vote``). All False: one mark, alone, nothing across it."""

    crowded: bool = False
    """This item's mark ran into another, or another item's mark lies over this one. The
    network's picture then holds both, and a stroke of one may look like a slash of the other:
    it settles the doubt only when very sure (``model_sure_crowded``)."""
    overlaid: bool = False
    """Another item's doubtful mark lies over this one (or a mark turning in no item does):
    where the rules proposed another kind, the network must be surer still
    (``model_sure_overlaid``), as where no mark turns in the item and the mark over it may be
    another item's as well (it lies over another item's area too, or turns in one: not
    ``lone_stray``)."""
    several: bool = False
    """More than one mark turns in the item. They may be one mark the rules cut in two (a half
    tick's slash, a cross's second stroke): the network may say so; a single tick or circle
    would leave a piece unexplained, and that is for the teacher."""
    crossed: bool = False
    """The rules found ink of another mark across the tick's arm; a plain tick leaves it
    unexplained in the same way (it may be the half tick's slash drawn over the neighbour's
    mark). With ``several``, the rules cut that ink off as a mark of its own; the network reads
    the two as one half tick only at ``model_sure_cut``."""
    stray: bool = False
    """Ink on the tick's arm that the rules could not call a slash or another mark; a plain
    tick leaves it unexplained too (it may be a short slash), so the network must be very sure
    to say tick (``model_sure_stray``; greyscale ``model_sure_grey_stray``). On colour, when it
    says tick less surely, the queue proposes a half tick: of such items in review on the
    benchmark's pages (seeds 2026, 41, 7, 99) 3 of 3 were half ticks. Not on greyscale, where
    it was a coin flip (20 half ticks and 16 ticks of 39; proposing half lost items on two of
    four page sets)."""
    open_loop: bool = False
    """The rules' circle rests on one shape feature alone (ink round an empty centre that never
    closes; a tick's hooked end or a half tick drawn round can look so); it stands only when the
    network reads a circle too."""
    closed_loop: bool = False
    """The rules' circle is a loop that closes; in review it stays the proposal whatever the
    network reads (on fresh pages the rules were right each time the two disagreed there)."""
    crossing: bool = False
    """The rules read a stroke across an arm (a cross, or a half tick whose down stroke is too
    short to see); a plain tick denies that stroke just as well, so the network may only say
    half or cross; and a cross so read surely goes to review, the half tick proposed, whenever
    the network's reading is a half tick, however unsure: the down stroke the rules missed is
    all that tells the two apart, hidden under a filled bubble or broken off the arm where the
    pen skipped (on 10,000 colour and phone pages the 19 such items were all half ticks; 4 of
    them the rules read surely as crosses, the network reading half at 1.0, 0.978, 0.935 and
    0.52)."""
    slashed: bool = False
    """The rules saw a slash across a tick's arm (the one mark a cross read so, or a half tick,
    alone or among several marks); when such an item is in review and the network reads a tick,
    the queue proposes a half tick, the tick the network sees with the slash the rules see (on
    the benchmark's pages of seeds 2026 and 41 each of the 48 items so proposed was a half
    tick, 4 colour and 44 grey; 37 of them had been proposed as a tick or a cross)."""
    lone_stray: bool = False
    """No mark turns in the item, and the one mark over it turns in no item and lies over no
    other item's area (``pipeline._lone_stray``): most likely the item's own mark, cut by masked
    print."""

    @classmethod
    def of(cls, own: Sequence[PenMark], near: Sequence[PenMark], lone_stray: bool = False) -> Crowding:
        """From the marks turning in the item (``own``) and those of no sure item over it
        (``near``), by what the rules said of them."""
        crossed = any(ANOTHER_MARK in m.reason for m in own)
        return cls(crowded=bool(near) or crossed, overlaid=bool(near), several=len(own) > 1, crossed=crossed,
                   stray=any(STRAY_INK in m.reason for m in own),
                   open_loop=any(OPEN_LOOP in m.reason for m in own),
                   closed_loop=any(CLOSED_LOOP in m.reason for m in own),
                   crossing=any(CROSSING in m.reason for m in own),
                   slashed=any(m.kind is MarkKind.HALF for m in own)
                   or (len(own) == 1 and CROSSING in own[0].reason),
                   lone_stray=lone_stray)


ALONE = Crowding()


def mark_vote(result: ItemResult, choice: ChoiceReading | None, model: tuple[MarkKind, float],
              config: ScanConfig, crowding: Crowding = ALONE, *, colour: bool = True) -> ItemResult:
    """The rules' reading (``result``) and the network's (``model``: kind, probability): a sure
    network settles the rules' doubt about the mark; a sure network that contradicts sure rules
    sends the item to review. How sure it must be depends on the ``crowding`` (see each of its
    fields).

    The two readers agreeing on a cross, circle or half tick settle it at
    ``model_sure_agreed``, crowded or not, when no other mark's ink crosses an arm and one mark
    turns in the item.

    On greyscale, where the picture also holds pencil and what is left of print, the network
    (``model_sure_grey``) is trusted only where nothing crowds the mark, where the rules read the
    same kind, where the rules' several marks are pieces of one (masking the print cuts
    strokes; not when another mark's ink lies across an arm), or where the one mark over the
    item turns in no item and lies over no other (``lone_stray``: 274 read right of 274 on ten
    grey page sets) and the network sees a mark there, or where no mark turns in the item and
    the network sees one in what lies over it at ``model_sure_overlaid``, as colour does
    (review 17.7 → 16.5 % on a grey page set never tuned on, 17.6 → 16.9 % and 17.6 → 16.7 %
    on two others, no wrong reading made sure; a sure "no mark" there was a circle, so it is
    not trusted), or where the rules cut a tick from another mark's ink across its arm into
    several marks and the network reads a half tick (180 items on 3,100 grey pages, all half
    ticks, had gone to review; on a fresh set review 16.9 → 16.1 %, no wrong reading made
    sure); trusted, the mark decides over the bubbles' doubt as on colour (``choice_weight``:
    474 items of 3,000 went to review for that alone, all read right). A
    tick with stray ink on its arm needs ``model_sure_grey_stray``, and the network's other kind
    sends a sure rule reading to review from ``model_veto_grey``."""
    c = crowding
    kind, p = model
    said = f"the mark network reads {kind.value} ({p:.1%})"
    sure = config.model_sure if colour else config.model_sure_grey
    # Greyscale: masking the print cuts a mark's strokes, so one mark read as several pieces is
    # common there, not a sign of two marks (unless another mark's ink lies across an arm; and a
    # loop among the pieces is no part of a plain tick).
    pieces = (not colour and c.several and not (c.overlaid or c.crossed)
              and not ((c.open_loop or c.closed_loop) and kind is MarkKind.TICK))
    # Greyscale: one mark over the item, turning in no item and over no other
    # (``pipeline._lone_stray``): the item's own mark, cut by the masked print; the network may
    # read it when it sees a mark.
    own_stray = not colour and c.lone_stray and kind in DECIDING
    # Greyscale: no mark turns in the item and the ones over it are other items' or in doubt;
    # as on colour, the surest network reads the item (``model_sure_overlaid``).
    over_only = (not colour and result.reason.startswith(MARKS_OVER_IT) and kind in DECIDING
                 and p >= config.model_sure_overlaid)
    # Greyscale: the rules cut a tick from ink across its arm into several marks; the network
    # reads them as one half tick, the slash being that ink.
    slash_cut = not colour and c.several and c.crossed and not c.overlaid and kind is MarkKind.HALF
    trusted = colour or (p >= sure and (not (c.crowded or c.several or c.crossed) or kind is result.mark or pieces
                                        or own_stray or over_only or slash_cut))
    choice_confidence = choice_weight(choice, kind, trusted)
    if result.status is Status.READ:
        # A cross read from strokes crossing, where the network sees a half tick: the rules did
        # not see a down stroke, and one hidden or too short is all that tells the two apart.
        unseen_down = c.crossing and result.mark is MarkKind.CROSS and kind is MarkKind.HALF
        if kind is not result.mark and (p >= (config.model_veto if colour else config.model_veto_grey)
                                        or c.open_loop or unseen_down):
            # An open loop is one feature against the network's whole picture, and so is a down
            # stroke not seen: the queue proposes the network's reading; otherwise the rules'
            # sure one.
            return dataclasses.replace(result, mark=kind if c.open_loop or unseen_down else result.mark,
                                       confidence=min(result.confidence, 1.0 - p), status=Status.REVIEW,
                                       reason=f"{said}, the rules {result.mark.value}: {result.reason}")
        return result
    agreed = (colour and kind is result.mark and kind in (MarkKind.CROSS, MarkKind.CIRCLE, MarkKind.HALF)
              and not (c.several or c.crossed) and p >= config.model_sure_agreed)
    # The network seeing no mark where the rules read one (grey: pencil or print left by the
    # mask, read as pen by its shade; or a circle the rules took for a stray-inked tick) is
    # proposed, never settled: on 3,100 grey pages 4 of 5 so settled were right.
    denied = kind is MarkKind.NOTHING and result.mark in DECIDING
    unsettled = not agreed and (p < sure
                 or not trusted
                 or denied
                 or (c.crowded and p < config.model_sure_crowded)
                 or (c.several and c.crossed and p < config.model_sure_cut)
                 or (c.stray and kind is MarkKind.TICK
                     and p < (config.model_sure_stray if colour else config.model_sure_grey_stray))
                 or (c.overlaid and result.mark not in (kind, MarkKind.UNKNOWN) and p < config.model_sure_overlaid)
                 or (c.overlaid and result.mark is MarkKind.UNKNOWN and not c.lone_stray
                     and p < config.model_sure_overlaid)
                 or (((c.several and not pieces) or c.crossed or c.crossing)
                     and kind not in (MarkKind.HALF, MarkKind.CROSS)))
    unsettled = unsettled or choice_confidence < config.review_below
    if unsettled:
        # The item goes to the teacher either way; what the queue proposes (Enter accepts it) is
        # the surer reader's reading; a tick with another mark's ink across its arm is the
        # rules' weakest reading (the ink it leaves unexplained), so a network that explains
        # that ink (a half tick, a cross) is proposed even when less sure; a closed loop is the
        # rules' strongest, and stays. The confidence stays the doubt that sent it there.
        explains = c.crossed and result.mark is MarkKind.TICK and kind in (MarkKind.HALF, MarkKind.CROSS)
        if c.slashed and kind is MarkKind.TICK:
            # The network sees the tick, the rules a stroke across its arm: both at once are a
            # half tick.
            return dataclasses.replace(
                result, mark=MarkKind.HALF, reason=f"{said}, the rules a stroke across its arm (a half tick): {result.reason}")
        if colour and c.stray and kind is MarkKind.TICK and result.mark is MarkKind.TICK:
            # Both read one tick, the rules with ink on its arm they could call neither a slash
            # nor another mark: on colour most often a short slash (on grey, a coin flip).
            return dataclasses.replace(
                result, mark=MarkKind.HALF, reason=f"{said}, the rules ink on its arm (a half tick?): {result.reason}")
        if kind is result.mark or (p <= result.confidence and not explains) \
                or (c.closed_loop and result.mark is MarkKind.CIRCLE):
            return dataclasses.replace(result, reason=f"{result.reason}; {said}")
        if result.mark is MarkKind.UNKNOWN:
            return dataclasses.replace(result, mark=kind, reason=f"{result.reason}; {said}")
        return dataclasses.replace(result, mark=kind, reason=f"{said}, the rules {result.mark.value}: {result.reason}")
    confidence = min(p, choice_confidence)
    reason = f"{said}; the rules were unsure: {result.reason}"
    if choice is not None and choice.confidence < config.review_below and OPTION_UNREAD not in reason:
        reason = f"{reason}; {OPTION_UNREAD}"
    return dataclasses.replace(result, mark=kind, confidence=confidence, status=Status.READ, reason=reason)
