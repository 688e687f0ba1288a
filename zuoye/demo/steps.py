"""Demo steps that other apps add after the county and the item bank exist.

Each entry is the dotted path of a function ``step(progress: Callable[[str], None]) -> None``
that must be idempotent (``zuoye demo`` runs on every start and must not duplicate anything).
They run in this order: results first (learning), then what reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

STEPS: list[str] = [
    # learning (issue 6): weeks of homework results, notebooks, recommendations
    "zuoye.learning.demo.demo_learning",
    # pens (issue 5): pens, gateway token and dot-pattern paper of the demo county
    "zuoye.pens.demo.demo_pens",
    # analytics (issue 7): rollups, planted authenticity cases
    "zuoye.analytics.demo.demo_analytics",
]


def demo_steps_run(progress: Callable[[str], None]) -> None:
    for path in STEPS:
        module, name = path.rsplit(".", 1)
        getattr(import_module(module), name)(progress)
