"""Screen-time rule for watching micro-lessons (MISSION C7: continuous screen use ≤ 20 minutes).

Source: MISSION C7, which follows the eye-health advice given to schools and families:
国家卫生健康委办公厅《儿童青少年近视防控适宜技术指南（更新版）》(2021): 近距离用眼每 20 分钟，
向 20 英尺（约 6 米）以外远眺至少 20 秒 ("20-20-20"). The lesson page counts continuous playing
time across lessons in the same browser; a pause longer than ``break_resets_after_minutes``
counts as the rest and starts the count again.
"""

from __future__ import annotations

from dataclasses import dataclass

SCREEN_TIME_SOURCE = "MISSION C7；国家卫生健康委《儿童青少年近视防控适宜技术指南（更新版）》(2021)「20-20-20」"


@dataclass(frozen=True)
class ScreenTimeRule:
    continuous_minutes: int
    """Continuous video watching after which the page pauses and asks for a rest."""
    break_resets_after_minutes: int
    """A pause at least this long is a rest: the continuous count starts again."""
    source: str


SCREEN_TIME = ScreenTimeRule(continuous_minutes=20, break_resets_after_minutes=5, source=SCREEN_TIME_SOURCE)
