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
