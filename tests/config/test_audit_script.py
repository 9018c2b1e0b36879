"""scripts/audit decides from what pip-audit and npm audit report. The advisory services lie
across the network, so each test puts a stand-in for the two tools in their place, printing a
report in the tool's own JSON format."""

import json
import os
import subprocess
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parents[2] / "scripts" / "audit"
CLEAN_PYTHON = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []}
VULNERABLE_PYTHON = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.1",
            "vulns": [{"id": "PYSEC-2025-47", "fix_versions": ["5.2.2"], "aliases": []}],
        }
    ],
    "fixes": [],
}
OFFLINE_PYTHON = {
    "dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}],
    "fixes": [],
}
NPM_COUNTS = {"info": 0, "low": 0, "moderate": 0, "high": 0, "critical": 0, "total": 0}
CLEAN_NPM = {
    "auditReportVersion": 2,
    "vulnerabilities": {},
    "metadata": {"vulnerabilities": NPM_COUNTS},
}
VULNERABLE_NPM = {
    "auditReportVersion": 2,
    "vulnerabilities": {"leaflet": {"severity": "moderate"}},
    "metadata": {"vulnerabilities": {**NPM_COUNTS, "moderate": 1, "total": 1}},
}
OFFLINE_NPM = {"message": "405 Method Not Allowed", "statusCode": 405}


def _tool(directory: Path, name: str, report: dict[str, object], status: int) -> Path:
    path = directory / name
    path.write_text(f"#!/bin/sh\ncat <<'END'\n{json.dumps(report)}\nEND\nexit {status}\n")
    path.chmod(0o755)
    return path


def _audit(
    tmp_path: Path, python: dict[str, object], npm: tuple[dict[str, object], int], *args: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PIP_AUDIT": str(_tool(tmp_path, "pip-audit", python, 0)),
        "NPM": str(_tool(tmp_path, "npm", *npm)),
    }
    return subprocess.run(
        [str(AUDIT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_passes_when_nothing_is_known_to_be_vulnerable(tmp_path: Path) -> None:
    result = _audit(tmp_path, CLEAN_PYTHON, (CLEAN_NPM, 0))

    assert result.returncode == 0, result.stderr
    assert "audit: no known vulnerabilities" in result.stderr


def test_it_fails_on_a_vulnerable_python_package(tmp_path: Path) -> None:
    result = _audit(tmp_path, VULNERABLE_PYTHON, (CLEAN_NPM, 0), "--allow-offline")

    assert result.returncode == 1
    assert "vulnerable: django 5.2.1: PYSEC-2025-47 (fixed in 5.2.2)" in result.stderr


def test_it_fails_on_a_vulnerable_npm_package(tmp_path: Path) -> None:
    result = _audit(tmp_path, CLEAN_PYTHON, (VULNERABLE_NPM, 1), "--allow-offline")

    assert result.returncode == 1
    assert "moderate 1" in result.stderr


@pytest.mark.parametrize(("args", "status"), [((), 2), (("--allow-offline",), 0)])
def test_an_unreachable_advisory_service_is_never_a_pass(
    tmp_path: Path, args: tuple[str, ...], status: int
) -> None:
    result = _audit(tmp_path, OFFLINE_PYTHON, (OFFLINE_NPM, 1), *args)

    assert result.returncode == status
    assert "NOT CHECKED: could not reach PyPI's vulnerability data" in result.stderr
    assert "NOT CHECKED: could not reach the npm registry's advisories" in result.stderr
