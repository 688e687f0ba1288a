"""Every size and threshold of the answer-sheet layout, in one documented place.

The layout engine, the typst renderer and the invariant checks read their numbers only from
:class:`LayoutConfig`; nothing is inlined. All lengths are millimetres on an A4 page whose origin
is the top-left corner (x to the right, y downwards), the same frame the layout JSON uses.
Font sizes are typographic points, because that is what typst takes.

Why these values: the scanner (issue 4) rotates pages a few degrees and loses anything within
about 12 mm of the edge (RECIPES §3), so alignment marks sit 12 mm in and the content starts
further in still; QR decoders fail when anything intrudes on the quiet zone, so one is
reserved around the symbol and checked; teachers' red ticks are 3–8 cm swooshes drawn across
the answer (FIELD-NOTES), so the grading area of an item is its whole block, not a small box.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zuoye.core.typst_pdf import FontPreference


@dataclass(frozen=True)
class LayoutConfig:
    """Sizes of every part of a sheet (mm unless the name says pt)."""

    # --- the page ---------------------------------------------------------------------
    page_width_mm: float = 210.0  # A4
    page_height_mm: float = 297.0
    mark_size_mm: float = 6.0  # solid square alignment marks, one per corner
    mark_inset_mm: float = 12.0  # page edge to the mark's outer side; ≥ 12 mm (RECIPES §3)
    min_mark_inset_mm: float = 12.0  # what the invariant check insists on
    content_left_mm: float = 22.0  # content column: clear of the marks by 4 mm
    content_right_mm: float = 188.0
    content_top_mm: float = 12.0  # the header may start level with the top marks (between them)
    body_bottom_mm: float = 276.0  # items end here; the footer line sits below
    footer_height_mm: float = 5.0
    footer_gap_mm: float = 2.0  # body bottom to footer top

    # --- QR and its readable line ---------------------------------------------------------
    qr_size_mm: float = 22.0  # printed symbol without quiet zone
    qr_quiet_mm: float = 5.0  # reserved white margin: ≥ 4 modules for any version up to 10
    qr_min_quiet_modules: int = 4  # ISO 18004 minimum, checked against the real module size
    qr_error: str = "q"  # error correction: Q survives a smudge or a stray pen stroke
    qr_text_height_mm: float = 6.0  # readable code under the quiet zone, set in two lines
    qr_text_pt: float = 6.0

    # --- header and footer ------------------------------------------------------------------
    header_gap_mm: float = 3.0  # header bottom to the first item (a rule is drawn in between)
    header_min_height_mm: float = 32.0
    header_line_gap_mm: float = 1.8  # between the school line, the title and the fields
    header_field_gap_mm: float = 6.0  # between "姓名：…" and "班级：…"
    name_line_mm: float = 35.0  # the line a student writes their name on (generic sheets)
    title_pt: float = 15.0
    header_pt: float = 9.5
    small_pt: float = 7.5
    footer_pt: float = 7.5
    rule_pt: float = 0.4  # the line under the header

    # --- student-number (学籍号) bubble grid, generic sheets only ---------------------------
    grid_column_pitch_mm: float = 5.5  # one column per digit position
    grid_row_pitch_mm: float = 4.0  # one row per digit 0–9
    grid_bubble_radius_mm: float = 1.5
    grid_write_in_height_mm: float = 6.0  # box above each column where the digit is written
    grid_write_in_margin: float = 0.1  # share of the column pitch left blank each side of a box
    grid_label_width_mm: float = 9.0  # "学籍号" label left of the grid
    grid_gap_mm: float = 4.0  # grid to the QR's quiet zone
    grid_max_digits: int = 12
    grid_digit_pt: float = 5.5  # digits printed inside the grid's bubbles
    grid_label_spacing_mm: float = 1.0  # between the characters of the vertical "学籍号" label

    # --- items ----------------------------------------------------------------------------
    item_gap_mm: float = 3.0  # between item blocks, so grading areas do not touch
    item_pad_mm: float = 1.5  # inside a block, around its contents
    number_width_mm: float = 10.0  # column with the printed item number
    number_height_mm: float = 5.5  # one line of the number label; the minimum first-row height
    number_pt: float = 10.5
    stem_pt: float = 10.5
    stem_leading_em: float = 0.45  # between lines of a stem, ascender to descender
    stem_gap_mm: float = 1.5  # stem to its answer area
    option_gutter_mm: float = 3.0  # between printed option columns
    option_row_gap_em: float = 0.6
    option_short_chars: int = 12  # options this short (Latin widths; 汉字 count 2) print up to five a row
    option_short_columns: int = 5
    option_medium_chars: int = 32  # up to this long, two to a row; longer, one per row

    bubble_radius_mm: float = 2.2
    bubble_pitch_mm: float = 8.0  # centre to centre along a row of choice bubbles
    bubble_row_height_mm: float = 6.5
    bubble_letter_pt: float = 7.0
    default_options: int = 4  # bubbles for a choice item that names no options
    multiple_label_mm: float = 7.0  # room after a multiple-choice row for its "多选" tag

    blank_width_mm: float = 38.0  # one fill-in blank
    blank_height_mm: float = 9.0
    blank_gap_mm: float = 4.0  # between blanks, across and down
    blank_index_pt: float = 6.0
    label_inset_mm: float = 0.7  # "(2)" in a blank, "得分" in a score box: from the top-left corner
    tag_gap_mm: float = 1.0  # last bubble to the "多选" tag

    worked_height_mm: float = 45.0  # answer box of a worked problem with no estimate
    worked_min_height_mm: float = 15.0
    score_box_width_mm: float = 16.0  # where the teacher writes the points
    score_box_height_mm: float = 9.0
    score_box_gap_mm: float = 2.0  # score box to the stem beside it

    compact_gap_mm: float = 4.0  # between objective cells packed in a row (answer-card mode)

    # --- ink: never red, so a scanner can take all red for the teacher's pen ---------------
    stroke_pt: float = 0.5  # bubbles and box outlines
    ring_luma: int = 60  # bubble outlines: dark enough to find, lighter than a pencil fill
    letter_luma: int = 150  # letters inside bubbles: faint, so a filled bubble stands out
    box_luma: int = 140  # answer boxes and blanks
    hint_luma: int = 175  # the dotted corners that hint at the grading area
    hint_pt: float = 0.7
    hint_leg_mm: float = 4.0  # length of each leg of a grading-area corner hint
    label_luma: int = 110  # printed words that are not answers: labels, instructions
    corner_luma: int = 195
    """Words inside an answer box ("得分 / 5", a blank's "(2)"): a dropout grey, as answer cards
    print them, light enough that a greyscale scan does not take them for ink (the scan core's
    ``grey_ink_level``), so a teacher's digit written over them is read whole."""
    rule_luma: int = 150
    name_line_luma: int = 120

    fonts: FontPreference = field(default_factory=FontPreference)

    @property
    def content_width_mm(self) -> float:
        return self.content_right_mm - self.content_left_mm

    @property
    def footer_top_mm(self) -> float:
        return self.body_bottom_mm + self.footer_gap_mm

    @property
    def qr_block_mm(self) -> float:
        """Side of the square the QR needs with its quiet zone on every side."""
        return self.qr_size_mm + 2 * self.qr_quiet_mm


DEFAULT_CONFIG = LayoutConfig()
