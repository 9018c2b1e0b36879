"""The logging set-up, shared by the Django settings and gunicorn's config so the site's own
records, Django's and gunicorn's access log come out in one format on stderr: a JSON object a
line (python-json-logger) for a log collector, or plain text for a person at a terminal."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

FORMATS = ("json", "text")


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """A `logging.config.dictConfig` for SCHOOLWEAVE_LOG_FORMAT and SCHOOLWEAVE_LOG_LEVEL."""
    if log_format not in FORMATS:
        raise ImproperlyConfigured(
            f"SCHOOLWEAVE_LOG_FORMAT must be json or text; got {log_format!r}"
        )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": "time",  # ISO 8601, UTC
            },
            "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            # Django's request errors (4xx as warnings, 5xx with their traceback) and ours.
            "django": {"level": level},
            "schoolweave": {"level": level},
        },
    }
