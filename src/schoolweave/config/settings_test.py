"""Test overrides only; everything else is the one settings module, read from the environment."""

import os

os.environ.setdefault("SCHOOLWEAVE_SECRET_KEY", "test-only-not-secret")

from schoolweave.config.settings import *  # noqa: E402, F403
from schoolweave.config.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
