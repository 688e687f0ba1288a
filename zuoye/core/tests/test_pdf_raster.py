"""``core.pdf_raster``: PDF pages to images with pdftoppm, one page at a time."""

from __future__ import annotations

import pytest

from zuoye.core.pdf_raster import PdfUnreadable, pdf_rasters
from zuoye.core.typst_pdf import compile_pdf

# Two A6 pages: the first blank, the second with a black square 20 mm from its top left corner.
TWO_PAGES = compile_pdf('#set page(width: 105mm, height: 148mm, margin: 0mm)\n'
                        '#pagebreak()\n#place(dx: 20mm, dy: 20mm, rect(width: 20mm, height: 20mm, fill: black))')


def test_each_page_comes_in_order_at_the_asked_resolution() -> None:
    pages = list(pdf_rasters(TWO_PAGES, 100))
    assert len(pages) == 2
    first, second = pages
    assert first is not None and second is not None
    assert first.ndim == 3 and first.shape[2] == 3  # BGR
    assert abs(first.shape[0] - 582.7) < 1 and abs(first.shape[1] - 413.4) < 1  # 148 x 105 mm at 100 dpi
    assert first.min() > 200  # blank
    assert second[118, 118].max() < 50 and second[60, 60].min() > 200  # inside the square, above it


def test_grey_and_a_span_of_pages() -> None:
    (only,) = list(pdf_rasters(TWO_PAGES, 50, gray=True, pages=(2, 2)))
    assert only is not None and only.ndim == 2 and only[59, 59] < 50


def test_a_file_that_is_no_pdf_says_why_before_any_page() -> None:
    with pytest.raises(PdfUnreadable):
        next(pdf_rasters(b"%PDF-1.7 this is not really a PDF"))
