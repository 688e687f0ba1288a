"""PDF pages as images, rasterised by ``pdftoppm`` (poppler-utils, which the project installs).

Scanners hand in PDFs, and the sheets Zuoye prints are PDFs whose print the scan reader masks
on greyscale pages and the simulator draws on: all of them become images here, one page at a
time in a temporary folder, so a 200-page PDF never sits in memory whole. The scan core itself
takes images only and stays free of PDF dependencies; this module needs no framework either.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

PDF_DPI = 200
"""Rasterising resolution for scanned PDFs: the scan core reads 150-300 dpi; 200 is the scanners' usual."""
PDFTOPPM_TIMEOUT_S = 600

Image = npt.NDArray[np.uint8]


class PdfUnreadable(ValueError):
    """pdftoppm gave no page; the message is its last word on why."""


def pdf_rasters(data: bytes, dpi: float = PDF_DPI, *, gray: bool = False,
                pages: tuple[int, int] | None = None) -> Iterator[Image | None]:
    """Each page of a PDF rasterised by pdftoppm at ``dpi`` (BGR, or one channel with ``gray``),
    in order, one at a time (None: a page that did not rasterise); ``pages``: only the first to
    the last of these (1-based). Raises ``PdfUnreadable`` before the first page for a file that
    gives none."""
    span = [] if pages is None else ["-f", str(pages[0]), "-l", str(pages[1])]
    with tempfile.TemporaryDirectory(prefix="zuoye-pdf-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        done = subprocess.run(["pdftoppm", "-r", f"{dpi:g}", *(["-gray"] if gray else []), *span, str(source),
                               str(Path(folder) / "p")], capture_output=True, timeout=PDFTOPPM_TIMEOUT_S, check=False)
        images = sorted(Path(folder).glob("p-*.p[gp]m"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if not images:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no pages"]
            raise PdfUnreadable(message[0])
        for path in images:
            image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE if gray else cv2.IMREAD_COLOR)
            path.unlink()
            yield None if image is None else np.asarray(image, np.uint8)
