"""Every limit and default the importers use, in one documented, frozen object.

Foreign formats rarely say how long an item takes or how hard it is; the defaults below fill
the gap (a teacher can correct them later). The size limits keep a hostile or broken upload
(a zip bomb, a 2 GB "image") from exhausting the server before anything is reported.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field

from .model import ItemType


def _default_minutes() -> dict[ItemType, int]:
    # choices and true/false: about a minute; a blank: two; a worked problem: five
    return {
        ItemType.SINGLE_CHOICE: 1,
        ItemType.MULTIPLE_CHOICE: 2,
        ItemType.TRUE_FALSE: 1,
        ItemType.FILL_BLANK: 2,
        ItemType.SHORT_ANSWER: 5,
    }


@dataclass(frozen=True)
class ImportOptions:
    """``known_points``: when given, every knowledge-point code must be in it (else a problem).
    ``require_knowledge_points``: refuse items that name none (the demo data does)."""

    known_points: Container[str] | None = None
    require_knowledge_points: bool = False
    default_score: float = 1.0
    default_difficulty: int = 3
    default_minutes: Mapping[ItemType, int] = field(default_factory=_default_minutes)
    max_minutes: int = 60
    max_score: float = 100.0
    max_options: int = 8
    max_image_bytes: int = 5 * 1024 * 1024
    max_package_bytes: int = 200 * 1024 * 1024
    max_package_members: int = 5000
    max_unpacked_bytes: int = 500 * 1024 * 1024
    max_compression_ratio: int = 200


DEFAULT_OPTIONS = ImportOptions()
