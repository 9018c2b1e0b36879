"""Settings for Schoolweave, read from the environment only.

SCHOOLWEAVE_DATABASE_URL   sqlite:///path or postgres://user:pass@host:port/name;
                           default: SQLite at var/schoolweave.sqlite3 in the working directory.
SCHOOLWEAVE_DEBUG          default off.
SCHOOLWEAVE_SECRET_KEY     required unless debug is on.
SCHOOLWEAVE_ALLOWED_HOSTS  comma-separated; default localhost names.
SCHOOLWEAVE_MAP_TILES_URL  Leaflet tile URL template for maps; default OpenStreetMap's tiles.
                           Set it empty for maps without tiles (markers and boundaries still show).
SCHOOLWEAVE_MEDIA_ROOT     where enquiry attachments are kept; default var/media in the working
                           directory. Never inside a static files directory: files are only
                           sent by the download view, to those allowed to see them.
"""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from schoolweave.common.env import env_bool, env_list, env_str

# Lets generic Django classes be subscripted (ModelAdmin[School]) for the type checker.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = Path.cwd()

DEBUG = env_bool("SCHOOLWEAVE_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env_str(
        "SCHOOLWEAVE_SECRET_KEY", default="insecure-development-key-only-for-debug"
    )
else:
    SECRET_KEY = env_str("SCHOOLWEAVE_SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SCHOOLWEAVE_SECRET_KEY must be set when SCHOOLWEAVE_DEBUG is off"
        )

ALLOWED_HOSTS = env_list("SCHOOLWEAVE_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])


def _database_url() -> str:
    default_path = WORK_DIR / "var" / "schoolweave.sqlite3"
    url = env_str("SCHOOLWEAVE_DATABASE_URL", default=f"sqlite:///{default_path}")
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return url


try:
    DATABASES = {"default": dj_database_url.parse(_database_url(), conn_max_age=60)}
except ValueError as exc:
    raise ImproperlyConfigured(f"SCHOOLWEAVE_DATABASE_URL is not a database URL: {exc}") from exc

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "schoolweave.register",
    "schoolweave.networks",
    "schoolweave.accounts",
    "schoolweave.audit",
    "schoolweave.sheets",
    "schoolweave.landscape",
    "schoolweave.evidence",
    "schoolweave.resources",
    "schoolweave.knowledge",
    "schoolweave.brokering",
    "schoolweave.impact",
    "django_tasks",
    "django_tasks_db",
]

# Long work (brokering rounds) runs in a worker, `schoolweave db_worker`, from a queue kept in
# the project's own database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

FORM_RENDERER = "schoolweave.common.forms.GovukRenderer"

ROOT_URLCONF = "schoolweave.config.urls"
WSGI_APPLICATION = "schoolweave.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = WORK_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Unset: OpenStreetMap's tiles. Set but empty: no tile layer (env_str reads empty as unset).
OPENSTREETMAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
SCHOOLWEAVE_MAP_TILES_URL = (
    env_str("SCHOOLWEAVE_MAP_TILES_URL", default="")
    if "SCHOOLWEAVE_MAP_TILES_URL" in os.environ
    else OPENSTREETMAP_TILES_URL
)

SCHOOLWEAVE_MEDIA_ROOT = env_str("SCHOOLWEAVE_MEDIA_ROOT", default=str(WORK_DIR / "var" / "media"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_work"
LOGOUT_REDIRECT_URL = "home"
# Password-reset emails go to the console unless an SMTP server is configured.
EMAIL_BACKEND = env_str(
    "SCHOOLWEAVE_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("SCHOOLWEAVE_FROM_EMAIL", default="schoolweave@localhost")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
