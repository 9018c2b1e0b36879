"""The production settings, as a council's IT team would run them: a fresh process with only
the environment the deployment guide gives, and Django's own deployment checks."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PRODUCTION = {
    "SCHOOLWEAVE_DEBUG": "0",
    "SCHOOLWEAVE_SECRET_KEY": secrets.token_urlsafe(50),
    "SCHOOLWEAVE_ALLOWED_HOSTS": "example.org",
}

# Requests made in the child process with Django's test client, printed as JSON. The API's
# schema needs neither a database nor collected static files.
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="example.org")
plain = client.get("/api/openapi.json")
secure = client.get("/api/openapi.json", headers={"x-forwarded-proto": "https"})
health = client.get("/healthz", HTTP_HOST="10.0.0.7")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "secure": [secure.status_code, dict(secure.headers)],
    "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "session_expires": [settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE],
    "health": [health.status_code, health.json()],
}))
"""


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    fresh = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return subprocess.run(
        [sys.executable, *args],
        env={**fresh, "DJANGO_SETTINGS_MODULE": "schoolweave.config.settings", **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "choices",
    [{}, {"SCHOOLWEAVE_SSL_REDIRECT": "0"}, {"SCHOOLWEAVE_HSTS_PRELOAD": "1"}],
    ids=["defaults", "the-proxy-redirects", "preload"],
)
def test_the_deployment_checks_pass_with_production_settings(
    tmp_path: Path, choices: dict[str, str]
) -> None:
    args = ["-m", "schoolweave.manage", "check", "--deploy", "--fail-level", "WARNING"]

    result = _run(args, {**PRODUCTION, **choices}, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {name: value for name, value in PRODUCTION.items() if name != "SCHOOLWEAVE_SECRET_KEY"}

    result = _run(["-m", "schoolweave.manage", "check", "--deploy"], env, tmp_path)

    assert result.returncode != 0
    assert "SCHOOLWEAVE_SECRET_KEY must be set" in result.stderr


def test_the_deployment_checks_fail_on_a_weak_secret_key(tmp_path: Path) -> None:
    env = {**PRODUCTION, "SCHOOLWEAVE_SECRET_KEY": "short"}
    args = ["-m", "schoolweave.manage", "check", "--deploy", "--fail-level", "WARNING"]

    result = _run(args, env, tmp_path)

    assert result.returncode != 0
    assert "security.W009" in result.stderr


@pytest.fixture(scope="module")
def responses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    env = {
        **PRODUCTION,
        "SCHOOLWEAVE_MAP_TILES_URL": "https://{s}.tiles.example.net/{z}/{x}/{y}.png",
    }
    result = _run(["-c", PROBE], env, tmp_path_factory.mktemp("probe"))
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    return answer


def test_plain_http_is_redirected_to_https(responses: dict[str, object]) -> None:
    assert responses["plain"] == [301, "https://example.org/api/openapi.json"]


def test_responses_carry_the_security_headers(responses: dict[str, object]) -> None:
    status, headers = responses["secure"]  # type: ignore[misc]

    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert responses["secure_cookies"] == [True, True]
    assert responses["session_expires"] == [8 * 3600, True]


def test_the_content_security_policy_allows_only_this_site_and_the_map_tiles(
    responses: dict[str, object],
) -> None:
    _, headers = responses["secure"]  # type: ignore[misc]
    directives = [part.split() for part in headers["Content-Security-Policy"].split(";")]
    policy = {name: values for name, *values in directives}

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["img-src"] == ["'self'", "data:", "https://*.tiles.example.net"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_the_health_check_answers_over_http_at_any_address(responses: dict[str, object]) -> None:
    assert responses["health"] == [200, {"status": "ok", "database": "ok"}]


def test_the_wsgi_application_loads_every_view_then_freezes_what_is_loaded(
    tmp_path: Path,
) -> None:
    """So a full collection no longer walks the libraries' objects in the middle of a request
    (config/wsgi.py says what it cost)."""
    probe = (
        "import gc, sys\n"
        "import schoolweave.config.wsgi\n"
        "print(gc.get_freeze_count(), 'schoolweave.impact.views' in sys.modules)\n"
    )
    result = _run(["-c", probe], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    frozen, views_loaded = result.stdout.split()
    assert int(frozen) > 100_000 and views_loaded == "True"
