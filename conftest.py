"""Suite-wide test set-up.

Playwright's sync API runs an event loop in the test thread; the ORM refuses to run there
unless told it is safe (it is: the live server runs in its own thread).
"""

import os
import tempfile

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("ZUOYE_HOME", tempfile.mkdtemp(prefix="zuoye-test-"))

import pytest  # noqa: E402


@pytest.fixture
def county(db):  # type: ignore[no-untyped-def]
    """The named test county (see zuoye/schools/tests/personas.py)."""
    from zuoye.schools.tests.personas import build_county

    return build_county()


@pytest.fixture
def county_tx(transactional_db):  # type: ignore[no-untyped-def]
    """The named test county for live-server (browser) tests, which need real commits.

    A transactional test empties every table when it ends, the subjects seeded by migration
    included, so they are seeded again here.
    """
    import importlib

    from django.apps import apps

    from zuoye.schools.tests.personas import build_county

    importlib.import_module("zuoye.schools.migrations.0002_subjects").seed(apps, None)

    return build_county()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium per test module (Debian's, installed by ./dev)."""
    from playwright.sync_api import sync_playwright

    from zuoye.portal.tests.browser import CHROMIUM, CHROMIUM_ARGS, SHOTS

    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run ./dev test, which installs it")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh browser context and page, in Chinese, desktop-sized."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
