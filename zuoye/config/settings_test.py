"""Settings for the test suite: the real settings with a fast password hasher.

Everything else (database engine, middleware, templates) is what production runs.
"""

from zuoye.config.settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A file, not :memory:, so that a real Celery worker started by a test can open the test database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(HOME_DIR / "test.sqlite3")}  # noqa: F405
