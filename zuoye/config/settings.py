"""Django settings for Zuoye.

The embedded default needs no configuration at all: SQLite in ``ZUOYE_HOME``, jobs
in-process, files on local disk. Production switches parts on through the options declared
in :mod:`zuoye.config.options` (PostgreSQL via ``ZUOYE_DATABASE_URL``, Celery via
``ZUOYE_CELERY_BROKER_URL``, proxy headers via ``ZUOYE_BEHIND_PROXY``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.utils.translation import gettext_lazy as _

from zuoye.config import options

OPTS = options.read_all()
PACKAGE_DIR = Path(__file__).resolve().parent.parent
HOME_DIR = options.home_dir(OPTS["HOME"])

SECRET_KEY = options.secret_key(OPTS["SECRET_KEY"], HOME_DIR)
FIELD_ENCRYPTION_KEY = str(OPTS["FIELD_KEY"] or SECRET_KEY)
DEBUG = bool(OPTS["DEBUG"])
ALLOWED_HOSTS = list(OPTS["ALLOWED_HOSTS"])  # type: ignore[call-overload]
CSRF_TRUSTED_ORIGINS = list(OPTS["CSRF_TRUSTED_ORIGINS"])  # type: ignore[call-overload]
SITE_URL = str(OPTS["SITE_URL"]).rstrip("/")
if OPTS["BEHIND_PROXY"]:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "zuoye.accounts",
    "zuoye.schools",
    "zuoye.rosters",
    "zuoye.portal",
    "zuoye.demo",
    "zuoye.jobs",
    "zuoye.itembank",
    "zuoye.homework",
    "zuoye.capture",
    "zuoye.learning",
    "zuoye.analytics",
    "zuoye.pens",
    "zuoye.booklets",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zuoye.portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zuoye.accounts.middleware.ForcePasswordChangeMiddleware",
]

ROOT_URLCONF = "zuoye.config.urls"
WSGI_APPLICATION = "zuoye.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zuoye.portal.context.navigation",
            ],
        },
    },
]


def database_from_url(url: str) -> dict[str, object]:
    """Translate ``postgresql://user:pass@host:port/name`` into a Django DATABASES entry."""
    parts = urlparse(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"ZUOYE_DATABASE_URL: unsupported scheme {parts.scheme!r} (use postgresql://)")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
        "TEST": {"NAME": "test_" + parts.path.lstrip("/")},
    }


if OPTS["DATABASE_URL"]:
    DATABASES = {"default": database_from_url(str(OPTS["DATABASE_URL"]))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(str(OPTS["SQLITE_FILE"])) if OPTS["SQLITE_FILE"] else HOME_DIR / "zuoye.sqlite3",
            "OPTIONS": {"timeout": 30, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["zuoye.accounts.backends.UsernameOrPhoneBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = str(OPTS["LANGUAGE"])
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # the language button's choice outlives the browser session
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = str(OPTS["TIME_ZONE"])
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = HOME_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

CELERY_BROKER_URL = str(OPTS["CELERY_BROKER_URL"])
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True  # a job's outcome lives on its Job row

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "zuoye": {"handlers": ["console"], "level": "INFO"},
        "zuoye.access": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
