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

    # --- align (four solid squares) ---------------------------------------------------
    mark_size_tolerance: float = 0.4
    """A candidate square may be this share smaller or larger than the layout's mark side."""
    mark_fill_min: float = 0.85
    """Dark share of a candidate's bounding box: QR finder patterns (~0.67) fall below it."""
    mark_aspect_max: float = 1.5
    """Longest over shortest side of a candidate's rotated box."""
    mark_search_mm: float = 12.0
    """A mark is looked for this close to where the QR alone predicts it."""
    qr_check_max_mm: float = 4.0
    """The QR centre predicted by the homography must lie this close to where zxing saw it."""

    # --- the page in millimetres ------------------------------------------------------
    px_per_mm: float = 6.0
    """Resolution of the rectified page every reader works on (6 px/mm ≈ 152 dpi)."""

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
    bubble_diagonal_band: float = 0.3
    """Half-width (in bubble radii) of the band round each diagonal that counts as 'on it'."""
    bubble_cross_share_max: float = 0.85
    """A bubble darker than this is filled, however its ink lies."""
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
    tick_vertex_x_max: float = 0.5
    """A tick's turning point (its lowest ink) lies in this left share of its box..."""
    tick_vertex_y_min: float = 0.7
    """...and this far down it (share of its height)."""
    slash_skip_mm: float = 2.0
    """Columns this close right of a tick's turning point hold the short arm: not a slash."""
    half_slash_min_mm: float = 3.0
    """A stroke across a tick's long arm taller than the arm by this much makes a half tick."""
    shape_margin: float = 0.5
    """Shape features this far (in their own units, relative) from a boundary give confidence 1."""

    # --- decisions -----------------------------------------------------------------------
    review_below: float = 0.8
    """A reading below this confidence is sent to the review queue, never guessed."""


DEFAULT_SCAN_CONFIG = ScanConfig()
