"""Objects the role × page table (tests/test_role_pages.py) opens for the booklets rows."""

from __future__ import annotations

from typing import Any

from zuoye.booklets.services.printing import booklets_print
from zuoye.booklets.tests.content import fixed_content
from zuoye.booklets.weeks import week_parse


def _print(c: Any) -> Any:
    return booklets_print(school_class=c.class_7_1, week=week_parse("2026-W48"), base_url="http://testserver",
                          actor=None, content_source=fixed_content({}))


def batch_kwargs(c: Any) -> dict[str, Any]:
    """A class print of 七年级(1)班 (张小明's booklet in it)."""
    return {"batch_id": _print(c).booklets[0].batch_id}


def booklet_kwargs(c: Any) -> dict[str, Any]:
    return {"booklet_id": _print(c).booklets[0].pk}
