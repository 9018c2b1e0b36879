"""/healthz: what a load balancer or the container runtime probes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from schoolweave.common.health import PATH

UNREACHABLE = "postgres://nobody@127.0.0.1:9/nothing"  # the discard port: nothing listens


@pytest.mark.django_db
def test_it_answers_ok_when_the_database_answers() -> None:
    response = Client().get(PATH)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_it_answers_a_probe_at_an_address_that_is_no_allowed_host() -> None:
    assert Client().head(PATH, HTTP_HOST="10.1.2.3").status_code == 200


@pytest.mark.django_db
def test_it_sets_no_cookie() -> None:
    assert not Client().get(PATH).cookies


def test_it_answers_503_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    probe = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "schoolweave.config.settings_test",
        "SCHOOLWEAVE_DATABASE_URL": UNREACHABLE,
    }

    result = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.stdout.strip() == '503 {"status": "error", "database": "unreachable"}'
    assert "the database cannot be reached" in result.stderr
