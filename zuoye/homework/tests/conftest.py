"""The browser fixtures of the portal's browser tests (one Chromium per module, a fresh page per test)."""

from zuoye.portal.tests.test_browser import browser, page  # noqa: F401
