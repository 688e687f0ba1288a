"""The geometry of printed answer sheets: what is where on each page, in millimetres.

This is the contract between printing and reading. The renderer places every mark, bubble
and box at exactly these coordinates; the scanner (issue 4) finds the four alignment marks,
maps the photo onto this frame and then reads each bubble and each grading area where the
geometry says it is; the smart pen (issue 5) hit-tests its strokes against the same regions.
Coordinates are millimetres from the page's top-left corner, x to the right, y downwards.

Everything here is a frozen dataclass with no behaviour beyond simple measurements, so a
layout can be compared, hashed, stored and turned into JSON (see :mod:`.contract`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PRECISION = 3  # decimals of a millimetre kept: a micrometre, far below print and scan error


def _snap(obj: object, *names: str) -> None:
    """Round the named float fields, so that geometry survives a JSON round trip unchanged."""
    for name in names:
        object.__setattr__(obj, name, round(float(getattr(obj, name)), PRECISION) + 0.0)


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle: top-left corner (x, y), width w, height h."""

    x: float
    y: float
    w: float
    h: float

    def __post_init__(self) -> None:
        _snap(self, "x", "y", "w", "h")

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def inflate(self, by: float) -> Rect:
        """The rectangle grown by ``by`` on every side (shrunk when negative)."""
        return Rect(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def contains(self, other: Rect, tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def contains_point(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def intersects(self, other: Rect) -> bool:
        """True when the interiors overlap; rectangles that only touch do not intersect."""
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    @staticmethod
    def bounding(rects: tuple[Rect, ...]) -> Rect:
        left = min(r.x for r in rects)
        top = min(r.y for r in rects)
        return Rect(left, top, max(r.right for r in rects) - left, max(r.bottom for r in rects) - top)


@dataclass(frozen=True)
class Bubble:
    """A circle to fill in: ``value`` is what filling it records, ``label`` what is printed in it."""

    value: str
    label: str
    cx: float
    cy: float
    r: float

    def __post_init__(self) -> None:
        _snap(self, "cx", "cy", "r")

    @property
    def bounds(self) -> Rect:
        return Rect(self.cx - self.r, self.cy - self.r, 2 * self.r, 2 * self.r)


class Corner(StrEnum):
    TOP_LEFT = "tl"
    TOP_RIGHT = "tr"
    BOTTOM_LEFT = "bl"
    BOTTOM_RIGHT = "br"


@dataclass(frozen=True)
class AlignmentMark:
    """A solid black square; the scanner uses the centres of all four to undo perspective."""

    corner: Corner
    rect: Rect


@dataclass(frozen=True)
class QrBox:
    """The page's QR symbol (``rect``, without quiet zone) and its readable line.

    ``quiet_mm`` is the white margin kept around ``rect`` on every side: nothing else is
    printed there. ``modules`` is the symbol's width in modules (21 for version 1, +4 per
    version), so ``rect.w / modules`` is the module size.
    """

    rect: Rect
    quiet_mm: float
    payload: str
    modules: int
    text: str
    text_rect: Rect

    def __post_init__(self) -> None:
        _snap(self, "quiet_mm")

    @property
    def quiet_rect(self) -> Rect:
        return self.rect.inflate(self.quiet_mm)


class ItemKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    FILL_IN = "fill_in"
    WORKED = "worked"

    @property
    def objective(self) -> bool:
        """Answered by filling bubbles, so the machine can grade it."""
        return self in (ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_CHOICE, ItemKind.TRUE_FALSE)


@dataclass(frozen=True)
class ItemRegion:
    """Where one item lives on its page.

    ``block`` holds everything of the item. ``answer`` is where the student answers (the
    bubble row, the blanks' bounding box or the worked-problem box); ``bubbles`` and
    ``blanks`` split it further. ``grading`` is where the teacher's red marks for this item
    are expected: the whole block, because a tick is drawn across the answer and is longer
    than it. A red mark belongs to the grading area that holds its turning point (the
    bottom of a tick, the centre of a cross), not to every area it crosses. ``score_box``
    is where the teacher may write the points, when the item has one.
    """

    key: str
    number: str
    kind: ItemKind
    block: Rect
    stem: Rect | None
    answer: Rect
    bubbles: tuple[Bubble, ...]
    blanks: tuple[Rect, ...]
    grading: Rect
    score_box: Rect | None
    points: float | None

    def __post_init__(self) -> None:
        if self.points is not None:
            object.__setattr__(self, "points", float(self.points))


@dataclass(frozen=True)
class GridColumn:
    """One digit position of the student number: a write-in box over bubbles 0–9."""

    position: int
    write_in: Rect
    bubbles: tuple[Bubble, ...]


@dataclass(frozen=True)
class StudentNumberGrid:
    """The 学籍号 bubbles of a generic class sheet: read top to bottom, left to right."""

    rect: Rect
    digits: int
    columns: tuple[GridColumn, ...]


@dataclass(frozen=True)
class Page:
    """One printed page: ``number`` of ``of`` in its sheet."""

    number: int
    of: int
    width: float
    height: float
    marks: tuple[AlignmentMark, ...]
    qr: QrBox
    header: Rect
    footer: Rect
    items: tuple[ItemRegion, ...]
    student_grid: StudentNumberGrid | None

    def __post_init__(self) -> None:
        _snap(self, "width", "height")

    @property
    def size(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)


@dataclass(frozen=True)
class Sheet:
    """The pages one student gets; ``student_id`` 0 is a generic sheet read by its 学籍号 grid.

    Names and student numbers are deliberately absent: the layout is handed to scanning
    stations and pens, which need ids and coordinates, not personal data (MISSION C6).
    """

    student_id: int
    pages: tuple[Page, ...]

    @property
    def generic(self) -> bool:
        return self.student_id == 0


@dataclass(frozen=True)
class SheetSet:
    """Every sheet printed for one assignment in one run, in print order."""

    assignment_id: int
    answer_card: bool
    sheets: tuple[Sheet, ...]

    @property
    def page_count(self) -> int:
        return sum(len(sheet.pages) for sheet in self.sheets)
