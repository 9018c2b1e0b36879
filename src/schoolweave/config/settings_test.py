"""Test overrides only; everything else is the one settings module, read from the environment."""

import os

os.environ.setdefault("SCHOOLWEAVE_SECRET_KEY", "test-only-not-secret")

from schoolweave.config.settings import *  # noqa: F403
from schoolweave.config.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the finders, as with runserver, not from a collectstatic run: the live
# server of browser tests and the test client can fetch them, and nothing warns of var/static.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
