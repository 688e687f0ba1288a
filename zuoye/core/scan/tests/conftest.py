"""Shared fixtures: the small assignment's layout (no typst) and its first page."""

from __future__ import annotations

import pytest

from zuoye.core.layout import Page, SheetSet

from .personas import sheet_set


@pytest.fixture(scope="session")
def layout() -> SheetSet:
    return sheet_set()


@pytest.fixture(scope="session")
def page(layout: SheetSet) -> Page:
    return layout.sheets[0].pages[0]
