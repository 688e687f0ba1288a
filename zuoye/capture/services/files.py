"""From stored uploads to page images: PNG, JPEG, multi-page TIFF, PDF, and ZIP archives of these.

Images go through the scan core's ``pages_decode``; PDFs are rasterised by ``pdftoppm`` first
(``core.pdf_raster``; the scan core stays free of PDF dependencies). A ZIP is
opened member by member. Pages are produced one at a time, so a 200-page PDF never sits in
memory whole. Anything that cannot be read becomes a ``SourcePage`` with an ``error`` naming
the file (and member) and page, never an exception that stops the batch.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2

from zuoye.core.pdf_raster import PdfUnreadable, pdf_rasters
from zuoye.core.scan.decode import pages_decode
from zuoye.core.scan.report import Image

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUFFIXES = (*IMAGE_SUFFIXES, ".pdf", ".zip")


@dataclass(frozen=True)
class SourcePage:
    """One page image, or the reason there is none (``image`` None, ``error`` set)."""

    member: str  # the file inside a ZIP, "" for the upload itself
    number: int  # 1-based within its file
    image: Image | None
    error: str = ""


def kind_of(name: str, data: bytes) -> str:
    """'pdf', 'zip' or 'image', by the file's first bytes (a wrong extension does not fool it)."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "zip"
    return "image"


def _image_pages(name: str, data: bytes, member: str) -> Iterator[SourcePage]:
    decoded = pages_decode(data)
    if decoded.value is None:
        yield SourcePage(member, 1, None, f"{member or name}: {decoded.report.reason}")
        return
    for n, image in enumerate(decoded.value, start=1):
        yield SourcePage(member, n, image)


def _pdf_pages(name: str, data: bytes, member: str) -> Iterator[SourcePage]:
    try:
        for n, image in enumerate(pdf_rasters(data), start=1):
            if image is None:
                yield SourcePage(member, n, None, f"{member or name}, page {n}: the PDF page could not be rasterised")
            else:
                yield SourcePage(member, n, image)
    except PdfUnreadable as exc:
        yield SourcePage(member, 1, None, f"{member or name}: not a readable PDF ({exc})")


def _zip_pages(name: str, data: bytes) -> Iterator[SourcePage]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        yield SourcePage("", 1, None, f"{name}: not a readable ZIP ({exc})")
        return
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or Path(info.filename).name.startswith(".") or "__MACOSX" in info.filename:
                continue
            if not info.filename.lower().endswith((*IMAGE_SUFFIXES, ".pdf")):
                yield SourcePage(info.filename, 1, None, f"{name} › {info.filename}: not a PDF or image file")
                continue
            yield from _member_pages(name, archive.read(info), info.filename)


def _member_pages(name: str, data: bytes, member: str) -> Iterator[SourcePage]:
    if kind_of(member, data) == "pdf":
        yield from _pdf_pages(name, data, member)
    else:
        yield from _image_pages(name, data, member)


def file_pages(name: str, data: bytes) -> Iterator[SourcePage]:
    """Every page of one uploaded file, in order."""
    if not data:
        yield SourcePage("", 1, None, f"{name}: the file is empty")
        return
    kind = kind_of(name, data)
    if kind == "zip":
        yield from _zip_pages(name, data)
    else:
        yield from _member_pages(name, data, "")


def _pdf_count(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        done = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=False, timeout=60)
    for line in done.stdout.splitlines():
        if line.startswith("Pages:"):
            return max(1, int(line.split()[1]))
    return 1


def _image_count(data: bytes) -> int:
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        with tempfile.NamedTemporaryFile(suffix=".tif") as handle:
            handle.write(data)
            handle.flush()
            return max(1, int(cv2.imcount(handle.name)))
    return 1


def page_count(name: str, data: bytes) -> int:
    """How many pages ``file_pages`` will give (cheaply: no rasterising), for a progress bar."""
    kind = kind_of(name, data) if data else "image"
    if kind == "pdf":
        return _pdf_count(data)
    if kind == "image":
        return _image_count(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return max(1, sum(page_count(i.filename, archive.read(i)) for i in archive.infolist()
                              if not i.is_dir() and i.filename.lower().endswith((*IMAGE_SUFFIXES, ".pdf"))))
    except zipfile.BadZipFile:
        return 1
