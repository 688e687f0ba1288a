"""Every threshold of the scan pipeline, in one frozen, documented object.

Stages take a :class:`ScanConfig` and never hold a number of their own, so that a school
with a different scanner (or a benchmark) can tune the pipeline without touching code.
Lengths are in millimetres on the page unless the name says ``px``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScanConfig:
    # --- identify (QR) -------------------------------------------------------------
    blank_ink_max: float = 0.004
    """A page with no QR whose dark-pixel share is below this is a blank back."""
    blank_dark_level: int = 140
    """Grey level (0-255) under which a pixel counts as ink for the blank test."""

    identify_halve_above_px: int = 1200
    """Images whose shorter side is at least this are searched for their QR at half size first."""

    # --- align (four solid squares) ---------------------------------------------------
    mark_size_tolerance: float = 0.4
    """A candidate square may be this share smaller or larger than the layout's mark side."""
    mark_fill_min: float = 0.85
    """Dark share of a candidate's bounding box: QR finder patterns (~0.67) fall below it."""
    mark_fill_warped_min: float = 0.75
    """...or above this when its outline is a quadrilateral (a phone's perspective and blur eat the
    corners of a small square; a filled bubble is a disc)."""
    mark_aspect_max: float = 1.5
    """Longest over shortest side of a candidate's rotated box."""
    mark_search_mm: float = 12.0
    mark_search_share: float = 0.1
    """A mark is looked for within ``mark_search_mm`` plus this share of its distance from the
    nearest point the map was fitted on (the QR, marks found before) of where the map predicts it:
    a phone's perspective bends far predictions most."""
    mark_search_retry: float = 1.5
    """A mark not found so is looked for once more this many times as far. A steep phone photo
    bends the prediction of the last marks past the window (2 of 500 benchmark phone photos, a
    mark 0.3 % outside it); the first window stays as it was, since Otsu's threshold in it
    places every other page's marks, and the QR check still rejects a wrong square."""
    qr_check_max_mm: float = 4.0
    """The QR centre predicted by the homography must lie this close to where zxing saw it."""

    # --- the page in millimetres ------------------------------------------------------
    px_per_mm: float = 4.0
    """Resolution of the rectified page every reader works on (4 px/mm ≈ 100 dpi: pen strokes of
    0.35 mm and bubbles of 1.5 mm radius are still several pixels, and the page is 2.25× smaller
    than at 6 px/mm, which halves the time a page takes)."""

    rectify_nearest: bool = True
    """Rectify by nearest neighbour, not bilinear: twice as fast (the warp is the costliest step),
    and at 4 px/mm from a 150-300 dpi scan every stroke and bubble is still sampled several times."""
    rectify_nearest_min_px_per_mm: float = 6.0
    """...but only from a scan of at least this many px a mm (150 dpi): from a coarser one (a JPEG
    decoded at half size, a low-resolution photo) a thin stroke falls between the samples, and
    bilinear keeps it (measured: fewer half ticks sent to review)."""
    rectify_band_above_mm: float = 45.0
    rectify_band_below_mm: float = 20.0
    """``page_read`` rectifies only the rows from this far above the first item to this far below
    the last (marks spill out of their items: a long tick's arm rises up to ~35 mm)."""

    # --- bubbles -----------------------------------------------------------------------
    bubble_core: float = 0.7
    """Share of the printed radius that is sampled (inside the printed ring)."""
    bubble_paper: tuple[float, float] = (1.5, 2.0)
    """Inner and outer radius (in bubble radii) of the ring where the paper's own level is read."""
    bubble_dark_min: float = 0.35
    """Darkness (1 - pixel / paper) over which a pixel counts as pencil inside a bubble."""
    bubble_filled_min: float = 0.55
    """Dark share at or above which a bubble is filled."""
    bubble_empty_max: float = 0.15
    """Dark share at or below which a bubble is empty (unless erased, below)."""
    bubble_erased_grey: float = 0.06
    """Mean darkness of an otherwise empty bubble above which it shows an erasure."""
    bubble_cross_diag_min: float = 0.75
    """Share of a bubble's ink lying near its two diagonals that makes it a cross-out (a filled
    bubble has about 0.4 there)."""
    bubble_cross_pen_max: float = 0.25
    """Share of a bubble's middle under the teacher's pen above which ink on its diagonals is no
    cross-out it can tell: on a phone photo, what is left of a filled bubble beside a blurred
    pen stroke lies along that stroke (14 filled bubbles in 1,000 phone pages were read surely
    as crossed out). Such a bubble is unclear."""
    bubble_diagonal_band: float = 0.3
    """Half-width (in bubble radii) of the band round each diagonal that counts as 'on it'."""
    bubble_cross_share_max: float = 0.85
    """A bubble darker than this is filled, however its ink lies."""
    bubble_visible_min: float = 0.2
    """On colour scans red pen is masked out of a bubble; with less than this share of it left to
    see, the bubble is unclear (review) rather than guessed."""
    bubble_core_wide: float = 0.85
    """...in which case the bubble is sampled out to this share of its radius (still inside a
    pencil fill, short of the printed ring)."""
    grid_second_max: float = 0.4
    """学籍号 grid: in a column the second-darkest bubble must stay below this dark share (the
    printed digit makes an empty one 0.1-0.3) for the darkest to be the digit."""
    grid_search_rows: float = 1.2
    """The grid's rings are looked for this many rows (of its pitch) around where the layout puts
    them: on a phone photo of a bowed page the corner marks hold the edges, and the middle of the
    page, where the grid is, sags by up to about 0.9 of a row (4 mm); read in place, a sagging
    grid reads each filled bubble as two half-filled ones."""
    grid_match_min: float = 0.2
    """...found only where the rings match the page at least this well (normalised correlation;
    0.4-0.6 on simulated scans and photos, on the simulator's print and typst's)..."""
    grid_row_gap_min: float = 0.05
    """...found only when the rings match there better, by this share of the match, than one row
    up or down (a row away, all the rings but one row still match: about 0.1 lower)."""
    grid_column_reach_mm: float = 1.0
    """...then each column is looked for this far around the grid's place (a bow is not a shift:
    across the grid it sags up to about 1 mm more at one side than the other)."""
    bubble_margin: float = 0.12
    """Distance from a decision boundary (in dark share) at which confidence reaches 1."""

    # --- red-pen marks -----------------------------------------------------------------
    red_excess_min: int = 40
    """Colour scans: red minus the larger of green and blue, over which a pixel is red ink."""
    paper_window_mm: float = 2.5
    """Greyscale scans: the paper's level is the lightest pixel within this window (flattens light)."""
    grey_ink_level: int = 175
    """Greyscale scans: grey level (paper = 255) under which a pixel is ink."""
    grey_print_level: int = 60
    """...and under which it is printed black, not red pen (red prints as grey 80-150); printed
    strokes are masked with a ``template_margin_mm`` border, their anti-aliased edges included."""
    print_template_level: int = 185
    """The sheet PDF rasterised (``redpen.print_mask``): grey level under which a pixel is print
    (paper = 255): all the layout's inks (the lightest, the grading-area hints, are luma 175)
    but the dropout grey of the words inside answer boxes (``LayoutConfig.corner_luma``), which a
    greyscale scan shows lighter than ``grey_ink_level``: a pen stroke over them stays seen."""
    colour_spread_min: int = 45
    """A pixel whose channels differ by this much is coloured (a grey scan's JPEG noise stays below)."""
    colour_share_min: float = 0.0003
    """A three-channel image with fewer coloured pixels than this share is read as greyscale."""
    template_margin_mm: float = 0.7
    """Printed lines and glyph areas are masked this much wider before looking for pen ink."""
    stroke_join_mm: float = 2.0
    """Strokes this close (gaps of a dry pen, or where it crossed pencil) are one mark."""
    grey_stroke_join_mm: float = 4.0
    """The same on greyscale scans, where masking printed strokes cuts the pen's strokes more."""
    mark_min_extent_mm: float = 9.0
    """A mark is at least this long along its longer side (printed digits are smaller)."""
    mark_min_ink_mm2: float = 6.0
    """...and covers at least this much ink."""
    circle_hole_min: float = 0.18
    """A closed loop whose hole covers this share of its box is a circle."""
    loop_sectors_min: int = 7
    """An open loop (a circle whose gap was not joined) has ink in this many of 8 sectors
    round its box centre..."""
    loop_centre_empty: float = 0.35
    """...and no ink within this share of its half-size from the centre (crosses and ticks do)."""
    cross_corner: float = 0.35
    """Size of the corner cells (share of the box) that a cross reaches all four of."""
    cross_corner_ink_min: float = 0.06
    """Share of a mark's ink each corner cell holds in a cross (a tick leaves bottom-right empty)."""
    cross_spill_share_max: float = 0.3
    """A cross read from its corners whose box holds this share of its ink in another item's
    grading area may be two marks joined (a circle's rim touching the next item's slash reads as
    ink in four corners): it goes to review, with that item. Right crosses that spill hold at
    most 0.24 there (4,700 crosses on fresh colour and phone pages); the one wrong sure reading
    seen held 0.41."""
    tick_vertex_x_max: float = 0.5
    """A tick's turning point lies in this left share of its box."""
    tick_vertex_y_min: float = 0.6
    """...and, on a tick with nothing else on its arm, this far down it (share of its height)."""
    tick_rise_mm: float = 1.0
    """Scanning the lower envelope from the left, the turning point is passed once the ink has
    climbed this much above the lowest point so far."""
    tick_min_width_mm: float = 24.0
    """A piece this wide is no single cross or circle (at most ~22 mm), so it is read as a tick
    whose arm may carry a slash or run over another mark."""
    arm_track_mm: float = 1.5
    """Following a tick's arm column by column, the next run of ink must lie this close to where
    the arm is heading."""
    slash_min_ink_mm2: float = 2.0
    """Less ink than this off a tick's arm is noise: a plain tick."""
    grey_slash_hint_mm2: float = 1.0
    """...except on greyscale, where a slash drawn along a printed line is masked with it: this
    much ink off the arm may be what is left of one, and the tick goes to review (on 7,500 fresh
    greyscale items: 3 half ticks read as sure ticks, 13 right ticks sent to review)."""
    half_slash_min_mm: float = 3.0
    """A half tick's slash, the ink across the arm, is at least this tall..."""
    slash_height_max_mm: float = 17.0
    """...at most this tall..."""
    slash_width_max_mm: float = 11.0
    """...at most this wide..."""
    slash_straightness_max: float = 0.3
    """...straight (minor over major spread of its pixels; a cross's pair of strokes is ~1)..."""
    slash_along: tuple[float, float] = (0.15, 0.9)
    """...lies between these shares of the arm's width from the turning point..."""
    slash_cross_min: float = 0.15
    """...and crosses the arm: the smaller of its parts above and below holds this share."""
    crossing_ratio_min: float = 0.5
    """A straight stroke across a stroke without a down stroke (so no tick's arm) is the other
    stroke of a cross when at least this long relative to it (a cross's strokes are alike)."""
    crossing_ratio_comfort: float = 0.3
    """...and sure of it only this much above that (a half tick whose down stroke was missed has
    a slash of up to ~0.7 of its arm)."""
    slash_ratio_max: float = 1.2
    """A half tick's slash is at most this long relative to its arm (0.25-0.7 as drawn)."""
    tick_down_min_mm: float = 1.5
    """A tick's down stroke rises at least this much left of its turning point; a piece without one
    is a bare arm (a long tick broken in two), which joins the mark it continues."""
    down_reach_mm: float = 8.0
    down_rise_mm: float = 12.0
    """A tick's down stroke lies within this far left of its turning point and this far above it."""
    arm_dip_max_mm: float = 2.5
    """A tick's arm whose centre line comes down this much after rising has run into another
    tick's turning point (end to end, the two read as one long tick): review."""
    bare_arm_join_mm: float = 6.0
    """A bare arm starting this close to another mark's box continues it."""
    shape_margin: float = 0.5
    """Shape features this far (in their own units, relative) from a boundary give confidence 1."""

    loose_ink_margin_mm: float = 1.0
    loose_ink_max_mm2: float = 4.0
    """An item read as unmarked whose answer area holds this much pen ink outside every mark's box
    (grown by ``loose_ink_margin_mm``) goes to review: a mark may have been lost there."""
    grey_loose_grading_max_mm2: float = 6.0
    """Greyscale scans: the same over the item's whole grading area (masking the print cuts marks
    into pieces that fall outside the answer). On 3,200 grey pages, of 2,569 items with no mark
    read in or over them, the unmarked showed up to 6.9 mm² of specks there (4 over 6), and three
    marks the rules lost (two circles, a faint dashed cross read surely as no mark at 8) left
    7.0–7.4 mm²: a missed mark is a wrong sure reading, a speck is one item more to review."""

    disagreement_confidence: float = 0.6
    """Confidence of a cross whose corners say cross while its strokes read as a clean tick or half."""

    # --- score digits --------------------------------------------------------------------
    score_box_inset_mm: float = 0.6
    """The score box is read this far inside its printed outline."""
    score_join_mm: float = 0.8
    """Strokes of a character this close (a dry pen's gaps) are joined."""
    score_char_min_mm: float = 1.5
    """A piece of ink at least this long is a character (a "." or a speck is not read)."""
    score_fit_limit: float = 0.2
    """Chamfer distance (share of the character's size) at which a character fits no template (higher
    than the pen core's 0.16: a cloud of ink pixels spreads a stroke's width round its centre line)."""
    score_model: bool = True
    """Read every score character with the score network too (``scores``; a missing weights file
    leaves the templates alone)."""
    score_model_sure: float = 0.99
    """The network's probability at which, agreeing with the templates, a character is sure."""

    # --- decisions -----------------------------------------------------------------------
    review_below: float = 0.8
    """A reading below this confidence is sent to the review queue, never guessed."""
    mark_model: bool = True
    """The mark network (``marknet``; colour and greyscale each have their own) reads every item
    with marks over it as well."""
    model_sure: float = 0.99
    """The network's probability at which it settles the rules' doubt about a mark."""
    model_sure_grey: float = 0.999
    """The same on greyscale scans: that network reads less surely (held out: 96 % right, and at
    p ≥ 0.99 one wrong in 200; at 0.999 one in 500), its ink plane holding pencil and print
    remains as well as pen."""
    model_sure_crowded: float = 0.995
    """The same where another item's mark lies over the item or its mark ran into another.
    Chosen on 20,400 items of fresh pages with the four-member network: its wrong crowded
    readings stop at p = 0.992, and 0.999 sent 30 right ones to review."""
    model_sure_cut: float = 0.999
    """Where the rules cut a tick from another mark's ink across its arm and read several marks
    (``Crowding.several`` and ``crossed``): the network's probability at which it reads them as
    one half tick, the slash being that ink. A neighbour's stroke over a plain tick looks the
    same to it: on 10,000 benchmark colour and phone pages 204 such readings at 0.995 or more were
    half ticks and one, at 0.9977, a tick; from 0.999, 190 and none. Greyscale asks the same
    (``model_sure_grey``)."""
    model_sure_overlaid: float = 0.999
    """Where another item's doubtful mark lies over the item and the rules proposed a kind, the
    network may read another kind only this sure (a tick under the neighbour's cross looks like a
    half tick: the rules, who separated the strokes, have the better view of it). Also where no
    mark turns in the item and the one over it lies over another item's area as well (a circle
    joined to a stroke of the next item's cross, read by the network as a cross at 0.996)."""
    model_sure_agreed: float = 0.95
    """The network's probability at which it settles the rules' doubt about a cross, circle or
    half tick when the rules read the same kind, crowded or not (the rules' doubt is then mostly
    whether the split from a neighbour's mark was right, not what the mark is; two readers that
    look differently agree). A tick is left out: its doubt is the ink across its arm, which both
    can miss. Chosen on 3,400 fresh pages: 10 items settled, all right."""
    model_veto: float = 0.98
    """The network's probability for another kind at which a sure rule reading goes to review."""
    model_veto_grey: float = 0.6
    """The same on greyscale scans, where the rules see the pen's strokes cut by the masked print
    and the network weighs the whole picture: more likely than not another kind is enough (on
    7,500 fresh greyscale items: 4 of 6 wrong sure rule readings caught, 45 items to review)."""
    model_loose_propose: float = 0.95
    """The network's probability at which its reading of pen ink no mark holds becomes the
    review queue's proposal (``pipeline.loose_proposed``); below it the item is proposed as
    unclear, and the teacher chooses. Such ink is mostly a mark broken into pieces, but also
    pencil, or print the mask missed. On 53 such items of 8,600 benchmark pages (colour, phone
    and greyscale) the 42 marks named right were read at 0.953 or more; the 9 items with no mark
    at 0.47–0.945, all as ticks. The margin is thin, but only the proposal depends on it: the
    item is never settled so."""
    model_sure_stray: float = 0.999
    """Colour: the network's probability at which it settles a tick with stray ink on its arm
    (ink the rules could call neither a slash nor another mark, which a plain tick leaves
    unexplained). On 10,000 benchmark colour and phone pages the network read 2 such ticks at
    0.999 or more and 4 half ticks as ticks at 0.61–0.88; on a fresh scores set it read a half
    tick whose short slash the rules saw as stray ink as a tick at 0.996 (the crowded threshold
    had settled it)."""
    model_sure_grey_stray: float = 0.9999
    """Greyscale: the network's probability at which it settles a tick with stray ink on its arm
    (what is left of a masked slash looks stray; one half tick read as a tick at 0.99975 in 250
    such items)."""


DEFAULT_SCAN_CONFIG = ScanConfig()
