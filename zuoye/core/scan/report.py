"""What every stage hands back: its result plus a report of what it saw.

A stage never raises for a bad page: it returns ``StageResult(value=None, report=...)`` whose
``reason`` says why, so the caller can quarantine the page with that reason (issue 4: nothing
silently guessed, nothing lost). Confidence is in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

T = TypeVar("T")
Image = npt.NDArray[np.uint8]
"""A decoded page: H×W (grey) or H×W×3 (BGR, OpenCV's order)."""


@dataclass(frozen=True)
class StageReport:
    stage: str
    ok: bool
    confidence: float
    reason: str


@dataclass(frozen=True)
class StageResult(Generic[T]):
    value: T | None
    report: StageReport


def passed(stage: str, value: T, confidence: float, reason: str = "ok") -> StageResult[T]:
    return StageResult(value, StageReport(stage, True, max(0.0, min(1.0, confidence)), reason))


def failed(stage: str, reason: str) -> StageResult[T]:
    return StageResult(None, StageReport(stage, False, 0.0, reason))


class Status(StrEnum):
    READ = "read"
    REVIEW = "review"


class BubbleState(StrEnum):
    EMPTY = "empty"
    FILLED = "filled"
    ERASED = "erased"
    CROSSED = "crossed"
    UNCLEAR = "unclear"


class MarkKind(StrEnum):
    TICK = "tick"
    CROSS = "cross"
    HALF = "half"
    CIRCLE = "circle"
    NOTHING = "nothing"
    UNKNOWN = "unknown"


class DebugSink(Protocol):
    """Where stages may drop debug images (a folder, a list in a test); never a window."""

    def __call__(self, name: str, image: Image) -> None: ...


def no_debug(name: str, image: Image) -> None:
    """The default sink: drop everything."""
