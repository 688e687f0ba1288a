"""Settings for the test suite: the real settings with a fast password hasher.

Everything else (database engine, middleware, templates) is what production runs.
"""

from zuoye.config.settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
