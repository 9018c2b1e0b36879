"""Work kept in the cache under a key that changes with what it was computed from."""

from collections.abc import Callable
from typing import TypeVar, cast

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT

T = TypeVar("T")


def kept(key: str, compute: Callable[[], T], timeout: float | None = DEFAULT_TIMEOUT) -> T:
    """Django's `cache.get_or_set`, typed by what `compute` returns (never None here)."""
    return cast(T, cache.get_or_set(key, compute, timeout))
