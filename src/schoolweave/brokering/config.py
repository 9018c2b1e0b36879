"""A brokering round's settings from JSON (a --config file, or a round saved in the database),
checked field by field with messages that name the field and what it may be."""

import dataclasses
from collections.abc import Mapping
from typing import Any

from schoolweave.core.broker import BrokerConfig, ExistingPairs, Shape, Weights, Willingness

# Keys beyond BrokerConfig's own: which schools are in scope and how willing by default.
SCOPE_KEYS = {"phases", "default_willingness"}


class ConfigError(ValueError):
    pass


def config_from(shape: Shape, data: Mapping[str, Any], *, seed: int = 0) -> BrokerConfig:
    fields = {f.name: f for f in dataclasses.fields(BrokerConfig)}
    unknown = set(data) - set(fields) - SCOPE_KEYS - {"shape", "seed"}
    if unknown:
        raise ConfigError(
            f"unknown setting {sorted(unknown)[0]!r}; known: {', '.join(sorted(fields))}"
        )
    values: dict[str, Any] = {"shape": shape, "seed": int(data.get("seed", seed))}
    for name, value in data.items():
        if name in SCOPE_KEYS or name in ("shape", "seed"):
            continue
        values[name] = _value(name, value)
    try:
        return BrokerConfig(**values)
    except TypeError as exc:
        raise ConfigError(str(exc)) from exc


def scope_from(data: Mapping[str, Any]) -> tuple[tuple[str, ...], Willingness]:
    phases = data.get("phases", [])
    if not isinstance(phases, list) or not all(isinstance(p, str) for p in phases):
        raise ConfigError('phases must be a list of phase names, e.g. ["Primary"]')
    try:
        default = Willingness(data.get("default_willingness", Willingness.OPTED_IN))
    except ValueError:
        raise ConfigError(
            "default_willingness must be one of: " + ", ".join(w.value for w in Willingness)
        ) from None
    return tuple(phases), default


def _value(name: str, value: Any) -> Any:
    if name == "weights":
        if not isinstance(value, dict):
            raise ConfigError('weights must be an object, e.g. {"diversity": 0.5}')
        known = {f.name for f in dataclasses.fields(Weights)}
        if set(value) - known:
            raise ConfigError(f"unknown weight; known: {', '.join(sorted(known))}")
        return Weights(**{k: _number(f"weights.{k}", v) for k, v in value.items()})
    if name == "existing":
        try:
            return ExistingPairs(value)
        except ValueError:
            raise ConfigError("existing must be ignore, keep or avoid") from None
    if name == "focuses":
        return tuple(_strings(name, value))
    if name in ("pinned", "forbidden"):
        return frozenset(_pairs(name, value))
    if name in (
        "cross_phase",
        "same_trust",
        "weak_coach",
        "leader_needs_strength",
        "include_undecided",
    ):
        if not isinstance(value, bool):
            raise ConfigError(f"{name} must be true or false")
        return value
    if name == "max_km" and value is None:
        return None
    number = _number(name, value)
    return int(number) if name in _WHOLE else number


_WHOLE = {
    "leader_best_ofsted",
    "hub_capacity",
    "min_followers",
    "cluster_size",
    "communities",
    "workers",
}


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{name} must be a number")
    return float(value)


def _strings(name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name} must be a list of names")
    return value


def _pairs(name: str, value: Any) -> list[tuple[int, int]]:
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(u, int) for u in p) for p in value
    ):
        raise ConfigError(f"{name} must be a list of [URN, URN] pairs")
    return [(p[0], p[1]) for p in value]
