"""Is this file really an image? Checked by its first bytes and by Pillow, never by its name.

A package may carry ``figure.png`` that is in truth a Word file or a truncated download; a
sheet printed with it would show a hole where the geometry figure should be. The magic bytes
give the real type; Pillow then confirms the data decodes.
"""

from __future__ import annotations

import io
import posixpath

from PIL import Image, UnidentifiedImageError

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)

EXTENSIONS = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".svg": "image/svg+xml",
}


def sniff_media_type(data: bytes) -> str | None:
    """The media type the bytes say they are (PNG, JPEG, GIF, WebP), or None."""
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def media_type_for_name(filename: str) -> str:
    return EXTENSIONS.get(posixpath.splitext(filename.lower())[1], "application/octet-stream")


def image_problem(filename: str, data: bytes, media_type: str | None = None) -> str | None:
    """Why ``data`` is not a usable image (or None when it is one of the declared type)."""
    sniffed = sniff_media_type(data)
    if sniffed is None:
        return f"{filename} is not an image (PNG, JPEG, GIF or WebP)"
    if media_type and media_type != sniffed:
        return f"{filename} is declared {media_type} but holds {sniffed}"
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:  # verify() leaves the image unusable
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return f"{filename} is a damaged image ({exc})"
    return None
