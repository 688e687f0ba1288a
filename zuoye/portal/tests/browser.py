"""Support for browser tests: the Chromium launch, logging in, screenshots.

The ``browser`` and ``page`` fixtures live in the root conftest.py and use this module. A
missing Chromium fails the test instead of skipping it: CI installs Chromium (``./dev``), so a
skip would only hide pages that were never tested.
"""

from __future__ import annotations

import os
from pathlib import Path

from zuoye.schools.tests.personas import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Screenshots of the pages visited, for a person to look at (not part of the repository).
SHOTS = Path(os.environ.get("ZUOYE_SHOTS", "/tmp/zuoye-shots"))


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
