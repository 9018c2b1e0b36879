"""Test overrides only; everything else is the one settings module, read from the environment."""

import os

os.environ.setdefault("SCHOOLWEAVE_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("SCHOOLWEAVE_LOG_FORMAT", "text")  # readable in a failing test's output

from schoolweave.config.settings import *  # noqa: F403
from schoolweave.config.settings import DATABASES, STORAGES, WORK_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only
# Tests talk plain HTTP to the test client and the live server: no redirect, no Secure cookies.
# tests/config proves the production values with a fresh process and the real settings.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the finders, as with runserver, not from a collectstatic run: the live
# server of browser tests and the test client can fetch them, and nothing warns of var/static.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run at once in tests; the browser test of a brokering round runs `schoolweave db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# On SQLite, a test database in a file rather than in memory, so that the worker process the
# browser test of a brokering round starts can open it too.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(WORK_DIR / "var" / f"test-{os.getpid()}.sqlite3")}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
