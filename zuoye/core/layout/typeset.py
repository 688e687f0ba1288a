"""typst for answer sheets: one cached compiler, strict compiles, and exact stem measurement.

typst scans the system fonts when a compiler is made (about 0.1 s), so one
:class:`Typesetter` keeps a ``typst.Compiler`` for the life of the process and every compile
reuses it. Any warning is an error: an unknown font family only warns and then prints
boxes (RECIPES §2).

Stems are measured by typesetting each on a page of exactly its printed width and automatic
height, with the same text settings as the sheet; the page height *is* the stem's height. So
the geometry the engine computes from it matches the printed sheet exactly, with no guessing
from character counts. Stems go through typst's ``eval`` as strings, so broken markup in one
stem cannot break the structure of the document around it, and the error names the item.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Literal

import typst

from zuoye.core.layout.config import LayoutConfig
from zuoye.core.layout.spec import Stem
from zuoye.core.typst_pdf import PdfError, available, typst_font_list

_SVG_HEIGHT = re.compile(rb'<svg[^>]*?\sheight="([0-9.]+)pt"')
PT_PER_MM = 72 / 25.4


class StemError(PdfError):
    """A stem's markup does not typeset; ``key`` names the item when it is known."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"item {key!r}: {message}" if key else message)
        self.key = key


def typst_str(text: str) -> str:
    """A typst string literal holding ``text`` exactly, line breaks included."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\n").replace("\n", "\\n").replace("\r", "\\n").replace("\t", " ") + '"'


def markup_call(markup: str) -> str:
    """typst code that typesets ``markup`` (held in a string) as content."""
    return f"eval({typst_str(markup)}, mode: \"markup\")"


def text_settings(config: LayoutConfig) -> str:
    """Text rules shared by measurement and rendering, so both break lines identically.

    Line boxes run from ascender to descender, so a measured height holds every glyph of the
    stem, not just cap height to baseline; inline equations use their ink bounds, because a
    fraction's denominator reaches about 0.6 mm below the text's descender and would
    otherwise hang out of the measured box.
    """
    serif = typst_font_list(available(config.fonts.serif))
    return (
        f'#set text(font: {serif}, size: {config.stem_pt}pt, lang: "zh", region: "cn", '
        'top-edge: "ascender", bottom-edge: "descender")\n'
        f"#set par(leading: {config.stem_leading_em}em, justify: false)\n"
        '#show math.equation.where(block: false): set text(top-edge: "bounds", bottom-edge: "bounds")\n'
    )


def _warnings_text(warnings: Sequence[object]) -> str:
    return "; ".join(str(getattr(w, "message", w)) for w in warnings)


class Typesetter:
    """A long-lived typst compiler with strict compiles and stem measurement."""

    def __init__(self) -> None:
        self._compiler = typst.Compiler()

    def _compile(self, source: str, fmt: Literal["pdf", "svg"]) -> list[bytes]:
        """The output pages (one bytes object for PDF, one per page for SVG), or an error."""
        try:
            output, warnings = self._compiler.compile_with_warnings(input=source.encode("utf-8"), format=fmt)
        except typst.TypstError as exc:
            raise PdfError(f"typst failed: {getattr(exc, 'message', exc)}") from exc
        if warnings:
            raise PdfError("typst warned: " + _warnings_text(warnings))
        if output is None:
            raise PdfError("typst produced no output")
        return [output] if isinstance(output, bytes) else list(output)  # a lone page comes as bytes

    def pdf(self, source: str) -> bytes:
        """Compile to PDF; any warning (an unknown font, say) is an error."""
        (pdf,) = self._compile(source, "pdf")
        return pdf

    def measure(self, stems: Sequence[Stem], config: LayoutConfig) -> list[float]:
        """The printed height in mm of each stem at its width; a broken stem names its item."""
        if not stems:
            return []
        try:
            svgs = self._compile(_measure_source(stems, config), "svg")
        except PdfError as exc:
            raise self._culprit(stems, config) or StemError("", str(exc)) from exc
        if len(svgs) != len(stems):
            raise PdfError("typst gave a page count that does not match the stems measured")
        return [float(_svg_height(svg)) / PT_PER_MM for svg in svgs]

    def _culprit(self, stems: Sequence[Stem], config: LayoutConfig) -> StemError | None:
        """The first stem that fails alone, to name its item (only on the error path)."""
        for stem in stems:
            try:
                self._compile(_measure_source([stem], config), "svg")
            except PdfError as exc:
                return StemError(stem.key, str(exc))
        return None


def _measure_source(stems: Sequence[Stem], config: LayoutConfig) -> str:
    pages = "".join(f"#page(width: {stem.width_mm:.4f}mm)[#{markup_call(stem.markup)}]\n" for stem in stems)
    return f"#set page(height: auto, margin: 0mm)\n{text_settings(config)}{pages}"


def _svg_height(svg: bytes) -> bytes:
    match = _SVG_HEIGHT.search(svg[:1000])
    if not match:
        raise PdfError("typst's SVG has no height; cannot measure stems")
    return match.group(1)


@functools.cache
def default_typesetter() -> Typesetter:
    """The process-wide typesetter, made on first use (fonts are scanned once)."""
    return Typesetter()
