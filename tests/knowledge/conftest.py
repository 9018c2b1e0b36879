"""Attachments go to a temporary media root in every knowledge test."""

from pathlib import Path

import pytest
from pytest_django import Settings


@pytest.fixture(autouse=True)
def media_root(tmp_path: Path, settings: Settings) -> Path:
    root = tmp_path / "media"
    settings.SCHOOLWEAVE_MEDIA_ROOT = str(root)
    return root
