"""Every operations test keeps stored files in a temporary media root, and starts and ends
with an empty cache of content types (a test that flushes the database makes them again with
new ids, which the rollback at its end undoes but the cache would keep)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from pytest_django import Settings


@pytest.fixture(autouse=True)
def media_root(tmp_path: Path, settings: Settings) -> Path:
    root = tmp_path / "media"
    settings.SCHOOLWEAVE_MEDIA_ROOT = str(root)
    return root


@pytest.fixture(autouse=True)
def _fresh_content_types() -> Iterator[None]:
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()
