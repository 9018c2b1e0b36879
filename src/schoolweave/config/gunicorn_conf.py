"""gunicorn's settings for Schoolweave, read from the environment like the site's own:

    gunicorn --config python:schoolweave.config.gunicorn_conf schoolweave.config.wsgi

SCHOOLWEAVE_BIND     address to listen on; default 127.0.0.1:8000 (behind a reverse proxy on the
                     same machine; the container image sets 0.0.0.0:8000).
SCHOOLWEAVE_WORKERS  worker processes; default two per CPU core, plus one.
SCHOOLWEAVE_LOG_FORMAT, SCHOOLWEAVE_LOG_LEVEL  as for the site (config/settings.py): gunicorn's
                     access and error logs come out in the same format, on stderr.
Anything else gunicorn offers can be added with GUNICORN_CMD_ARGS ("--threads 4").
"""

import os
from datetime import timedelta
from typing import Any

from gunicorn.glogging import Logger

from schoolweave.common.env import env_bool, env_int, env_str
from schoolweave.config.logs import logging_config

_DEBUG = env_bool("SCHOOLWEAVE_DEBUG", default=False)
_FORMAT = env_str("SCHOOLWEAVE_LOG_FORMAT", default="text" if _DEBUG else "json")

bind = [env_str("SCHOOLWEAVE_BIND", default="127.0.0.1:8000")]
workers = env_int("SCHOOLWEAVE_WORKERS", default=2 * (os.cpu_count() or 1) + 1, minimum=1)
# The slowest pages (a national landscape) take seconds; a worker stuck for a minute is killed.
timeout = 60
graceful_timeout = 30
# Bounds what one client may send (the field limits are gunicorn's defaults, stated).
limit_request_line = 4094
limit_request_fields = 100

# No control socket (gunicorn 24+ opens one in $HOME for `gunicornc`): nothing uses it.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
_config = logging_config(
    log_format=_FORMAT, level=env_str("SCHOOLWEAVE_LOG_LEVEL", default="INFO").upper()
)
_config["loggers"] |= {
    "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
    "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
}
logconfig_dict = _config


class JsonAccessLogger(Logger):  # type: ignore[misc]  # gunicorn has no type hints
    """gunicorn's logger with each request's parts as fields of the JSON record (method,
    path, status, duration_ms...), not only as a line of text in its message."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: timedelta) -> None:
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        fields = {
            "remote_addr": atoms["h"],
            "forwarded_for": atoms.get("{x-forwarded-for}i", "-"),
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"],
            "status": int(atoms["s"]),
            "bytes": atoms["B"],
            "duration_ms": atoms["M"],
            "referer": atoms["f"],
            "user_agent": atoms["a"],
        }
        self.access_log.info("%s %s %s", atoms["m"], atoms["U"], atoms["s"], extra=fields)


if _FORMAT == "json":
    logger_class = JsonAccessLogger
