"""Finding and removing a person's name and contact details in stored text and JSON, for
subject access and erasure. Plain data in, plain data out."""

import re
from collections.abc import Iterable
from typing import Any

# Shorter needles ("Jo", "01") would match inside unrelated words and numbers.
MIN_NEEDLE = 4


def needles(values: Iterable[str]) -> tuple[str, ...]:
    """The distinct, long enough strings that identify a person (name, email, telephone),
    longest first so a full name goes before a part of it."""
    found = {v.strip() for v in values if v and len(v.strip()) >= MIN_NEEDLE}
    return tuple(sorted(found, key=lambda v: (-len(v), v)))


def mentions(value: Any, identifying: tuple[str, ...]) -> bool:
    """Whether a string, or any string in JSON-like data, contains one of them as whole words
    (any case)."""
    if isinstance(value, str):
        return bool(identifying) and _pattern(identifying).search(value) is not None
    if isinstance(value, dict):
        return any(mentions(k, identifying) or mentions(v, identifying) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(mentions(item, identifying) for item in value)
    return False


def scrub(value: Any, identifying: tuple[str, ...], replacement: str) -> Any:
    """The value with every occurrence of the identifying strings (any case), in strings and
    in JSON-like data's keys and values, replaced."""
    if not identifying:
        return value
    if isinstance(value, str):
        return _pattern(identifying).sub(lambda _: replacement, value)
    if isinstance(value, dict):
        return {
            scrub(k, identifying, replacement): scrub(v, identifying, replacement)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [scrub(item, identifying, replacement) for item in value]
    return value


def _pattern(identifying: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words only: "Ann Lee" is not in "Joann Leeds"."""
    alternatives = "|".join(re.escape(n) for n in identifying)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags=re.IGNORECASE)
