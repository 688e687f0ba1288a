"""Strict PDF compilation with typst, and the Chinese fonts it may use.

typst bundles no CJK font: with a missing font it still "succeeds" and prints boxes (tofu),
reporting the problem only as a warning (RECIPES §2). Every PDF Zuoye hands to a school is
therefore compiled here, where any warning is an error, and the font stack names only
families that the machine really has.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import typst


@dataclass(frozen=True)
class FontPreference:
    """Font families in order of preference; the first installed ones are used.

    Noto (Debian ``fonts-noto-cjk``) reads best; WenQuanYi Micro Hei (``fonts-wqy-microhei``,
    1.6 MB) is the small fallback. DejaVu Sans Mono is bundled with typst itself.
    """

    sans: tuple[str, ...] = ("Noto Sans CJK SC", "WenQuanYi Micro Hei")
    serif: tuple[str, ...] = ("Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei")
    mono: tuple[str, ...] = ("DejaVu Sans Mono",)


class PdfError(RuntimeError):
    """typst failed or warned; the message lists what it said."""


@functools.cache
def installed_families() -> frozenset[str]:
    return frozenset(family.lower() for family in typst.Fonts().families())


def available(preferred: tuple[str, ...]) -> tuple[str, ...]:
    """The preferred families that are installed, in order; fails loudly when none is."""
    found = tuple(name for name in preferred if name.lower() in installed_families())
    if not found:
        raise PdfError(f"none of the fonts {', '.join(preferred)} is installed (see RECIPES §2)")
    return found


def typst_string(text: str) -> str:
    """A typst string literal holding ``text`` exactly: no markup in names can leak into layout."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return f'"{escaped}"'


def typst_font_list(families: tuple[str, ...]) -> str:
    return "(" + ", ".join(typst_string(name) for name in families) + ",)"


def compile_pdf(source: str) -> bytes:
    """Compile typst source to PDF bytes; a warning (such as an unknown font) is an error."""
    try:
        pdf, warnings = typst.compile_with_warnings(source.encode("utf-8"))
    except typst.TypstError as exc:
        raise PdfError(f"typst failed: {exc}") from exc
    if warnings:
        raise PdfError("typst warned: " + "; ".join(str(getattr(w, "message", w)) for w in warnings))
    return bytes(pdf)
