"""The lock files hold every package pyproject.toml asks for, at a version it allows: scripts/setup
installs only from them, so a dependency added without `scripts/lock` would be missing."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return {canonicalize_name(package): version for package, version in PIN.findall(text)}


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        ("requirements.lock", PROJECT["dependencies"]),
        (
            "requirements-dev.lock",
            PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"],
        ),
    ],
)
def test_the_lock_pins_every_requirement_at_an_allowed_version(
    lock: str, requirements: list[str]
) -> None:
    pins = _pins(lock)
    problems = []
    for line in requirements:
        requirement = Requirement(line)
        version = pins.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement}: {version or 'not locked'}")

    assert problems == [], "run scripts/lock"


def test_the_site_and_the_tools_are_locked_at_the_same_versions() -> None:
    site, everything = _pins("requirements.lock"), _pins("requirements-dev.lock")

    assert {name: everything.get(name) for name in site} == site


def test_every_pin_carries_a_hash() -> None:
    for lock in ("requirements.lock", "requirements-dev.lock"):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text(encoding="utf-8"))
        assert all("--hash=sha256:" in block for block in blocks if PIN.match(block))
