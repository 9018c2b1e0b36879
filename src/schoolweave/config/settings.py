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
SCHOOLWEAVE_CACHE_DIR      where computed page sections are kept, shared by the server's
                           processes; default var/cache in the working directory.

Production (docs/deployment.md; every default is the secure one when debug is off):
SCHOOLWEAVE_SSL_REDIRECT   redirect http:// to https://; default on unless debug. Set 0 only
                           when the reverse proxy redirects itself.
SCHOOLWEAVE_HSTS_SECONDS   Strict-Transport-Security max-age; default one year unless debug.
SCHOOLWEAVE_HSTS_PRELOAD   add "preload" to it; default off (see docs/adr/0011).
SCHOOLWEAVE_CSRF_TRUSTED_ORIGINS  comma-separated origins (https://host) allowed to post forms
                           when the proxy does not pass the original Host; default none.
SCHOOLWEAVE_SESSION_HOURS  hours after which a sign-in expires; default 8. A session also ends
                           when the browser closes.
SCHOOLWEAVE_PROXY_COUNT    reverse proxies in front that append to X-Forwarded-For (the
                           client address sign-in throttling counts by); default 0.
SCHOOLWEAVE_LOG_FORMAT     json (one JSON object a line, on stderr) or text; default json
                           unless debug.
SCHOOLWEAVE_LOG_LEVEL      default INFO.
SCHOOLWEAVE_EMAIL_HOST, _PORT, _USER, _PASSWORD, _TLS  the SMTP server for password-reset
                           emails, with SCHOOLWEAVE_EMAIL_BACKEND set to Django's smtp backend;
                           default localhost, 587, no login, STARTTLS.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from schoolweave.common.env import env_bool, env_int, env_list, env_str
from schoolweave.common.release import code_stamp
from schoolweave.config.logs import logging_config

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
    "schoolweave.operations",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
]

# Long work (brokering rounds) runs in a worker, `schoolweave db_worker`, from a queue kept in
# the project's own database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    # First: /healthz answers before the HTTPS redirect and the host check (common/health.py).
    "schoolweave.common.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
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

# Security. `schoolweave check --deploy --fail-level WARNING` passes with debug off; the
# reasons for each choice are in docs/adr/0011-production-security.md.
SSL_REDIRECT = env_bool("SCHOOLWEAVE_SSL_REDIRECT", default=not DEBUG)
SECURE_SSL_REDIRECT = SSL_REDIRECT
# Trusted only because the reverse proxy sets this header on every request it passes on
# (overwriting the client's); gunicorn must not be reachable except through that proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SCHOOLWEAVE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SCHOOLWEAVE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("SCHOOLWEAVE_CSRF_TRUSTED_ORIGINS", default=[])
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_AGE = env_int("SCHOOLWEAVE_SESSION_HOURS", default=8, minimum=1) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload commits the whole registrable domain (a council's own) to HTTPS in every
    # browser; that is its owner's decision, made by SCHOOLWEAVE_HSTS_PRELOAD=1, not a default.
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    # Switched off on purpose: the reverse proxy redirects to HTTPS itself.
    *([] if SSL_REDIRECT else ["security.W008"]),
]


def _tiles_source(url: str) -> list[str]:
    """The origin the map tiles come from, for the CSP: Leaflet's {s} subdomain becomes *."""
    if not url:
        return []
    parts = urlsplit(url.replace("{s}", "*"))
    if parts.scheme not in {"https", "http"} or not parts.netloc or "{" in parts.netloc:
        raise ImproperlyConfigured(
            "SCHOOLWEAVE_MAP_TILES_URL must be an http(s) URL whose host has no placeholder "
            f"other than a leading {{s}}; got {url!r}"
        )
    return [f"{parts.scheme}://{parts.netloc}"]


# No inline script or style anywhere: every script is a file from this site. The one inline
# style is the <style> element cytoscape.js inserts (".__________cytoscape_container {
# position: relative; }"), allowed by its hash; tests/browser fail on any CSP violation.
# Leaflet sets an empty data: image on the tiles it drops.
CYTOSCAPE_STYLE_HASH = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, CYTOSCAPE_STYLE_HASH],
        "img-src": [SELF, "data:", *_tiles_source(SCHOOLWEAVE_MAP_TILES_URL)],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sign-in throttling (django-axes): 5 failed sign-ins for one username from one address lock
# that pair out for 30 minutes; a successful sign-in clears the count. Sign-ins themselves are
# recorded in the audit log (accounts/sign_in.py), so axes keeps no log of its own.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "schoolweave.accounts.sign_in.client_address"
SCHOOLWEAVE_PROXY_COUNT = env_int("SCHOOLWEAVE_PROXY_COUNT", default=0)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_work"
LOGOUT_REDIRECT_URL = "home"
# Password-reset emails go to the console unless an SMTP server is configured.
EMAIL_BACKEND = env_str(
    "SCHOOLWEAVE_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("SCHOOLWEAVE_FROM_EMAIL", default="schoolweave@localhost")
EMAIL_HOST = env_str("SCHOOLWEAVE_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("SCHOOLWEAVE_EMAIL_PORT", default=587)
EMAIL_HOST_USER = env_str("SCHOOLWEAVE_EMAIL_USER", default="")
EMAIL_HOST_PASSWORD = env_str("SCHOOLWEAVE_EMAIL_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("SCHOOLWEAVE_EMAIL_TLS", default=True)  # STARTTLS on the port above

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Logs go to stderr for the service manager or container runtime to collect: one JSON object a
# line in production (gunicorn's access log too: config/gunicorn_conf.py), plain text in debug.
LOGGING = logging_config(
    log_format=env_str("SCHOOLWEAVE_LOG_FORMAT", default="text" if DEBUG else "json"),
    level=env_str("SCHOOLWEAVE_LOG_LEVEL", default="INFO").upper(),
)

# Computed sections (an LA's performance section) are kept until the data change. On disk, so
# every gunicorn worker shares them; per process in tests (settings_test). Keys start with a
# stamp of the code, so an upgrade never reads what an older release kept.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("SCHOOLWEAVE_CACHE_DIR", default=str(WORK_DIR / "var" / "cache")),
        "TIMEOUT": None,  # keys carry a stamp of the data, so an entry never goes stale
        "KEY_PREFIX": code_stamp(),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
