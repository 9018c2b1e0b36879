"""Reading the audit log: an LA's entries, newest first, and each entry in an officer's words.

An entry's `before` and `after` hold the audited fields as JSON (services.snapshot): codes,
URNs, slugs and ISO dates. `audit_items` turns a page of entries into rows of a table, field by
field, with names looked up once for the whole page, not once for each entry.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from schoolweave.audit.models import AuditEntry
from schoolweave.core.networks.vocabulary import (
    MembershipRole,
    NetworkContactRole,
    NetworkKind,
    NetworkStatus,
)
from schoolweave.networks.models import LearningFocus, Network
from schoolweave.register.models import LocalAuthority, School

NOTHING = "None"  # an empty value, in the before and after columns

ACTIONS = {
    "network.create": "Network added",
    "network.update": "Network changed",
    "membership.start": "School joined",
    "membership.update": "Membership corrected",
    "membership.end": "School left",
    "leader.add": "Leader added",
    "leader.remove": "Leader removed",
}
FIELDS = {
    "name": "Name",
    "kind": "Kind",
    "status": "Status",
    "purpose": "Purpose",
    "start_date": "Started",
    "end_date": "Ended",
    "is_published": "Published",
    "is_illustrative": "Illustrative",
    "partners": "Partners beyond schools",
    "initiatives": "Links to other initiatives",
    "owner_las": "Owner local authorities",
    "learning_focuses": "Learning focuses",
    "school": "School",
    "role": "Role",
    "joined": "Joined",
    "left": "Left",
    "person": "Person",
}
_VOCABULARIES: dict[str, Any] = {
    "kind": NetworkKind,
    "status": NetworkStatus,
}
_DATES = {"start_date", "end_date", "joined", "left"}


@dataclass(frozen=True)
class FieldChange:
    field: str  # in words
    before: str
    after: str


@dataclass(frozen=True)
class AuditItem:
    """An entry as its page shows it."""

    entry: AuditEntry
    action: str  # in words
    changes: list[FieldChange]
    network_name: str | None  # the network's name now, if it still exists in this LA

    @property
    def is_new(self) -> bool:
        """Recorded when the object was made: its values, with nothing before them."""
        return self.entry.before is None

    @property
    def is_removal(self) -> bool:
        """Recorded when the object was removed: its last values, with nothing after them."""
        return self.entry.after is None and self.entry.before is not None


def audit_entry_list(*, la_code: str, network_id: int | None = None) -> QuerySet[AuditEntry]:
    """The entries an LA's officers may read, newest first; optionally of one network."""
    entries = AuditEntry.objects.filter(las=la_code)
    if network_id is not None:
        entries = entries.filter(network_id=network_id)
    return entries.order_by("-at", "-pk")


def audit_network_choices(*, la_code: str) -> list[tuple[int, str]]:
    """The networks an LA owns, to narrow its log to one: (id, name) by name."""
    return list(
        Network.objects.filter(owner_las=la_code).order_by("name", "pk").values_list("pk", "name")
    )


def audit_items(entries: Iterable[AuditEntry], *, network_names: dict[int, str]) -> list[AuditItem]:
    shown = [(entry, _changed(entry)) for entry in entries]
    names = _Names.for_values(
        (key, value) for _, changed in shown for key, *pair in changed for value in pair
    )
    return [
        AuditItem(
            entry=entry,
            action=action_in_words(entry.action),
            changes=[
                FieldChange(
                    field=field_in_words(key),
                    before=_value(key, before, names, entry.action),
                    after=_value(key, after, names, entry.action),
                )
                for key, before, after in changed
            ],
            network_name=network_names.get(entry.network_id or 0),
        )
        for entry, changed in shown
    ]


def action_in_words(action: str) -> str:
    """'membership.start' -> 'School joined'; actions added later read 'Sheet approve'."""
    return ACTIONS.get(action, action.replace(".", " ").replace("_", " ").capitalize())


def field_in_words(name: str) -> str:
    return FIELDS.get(name, name.replace("_", " ").capitalize())


def _changed(entry: AuditEntry) -> list[tuple[str, Any, Any]]:
    """The fields that differ between before and after (blank and missing are the same), as
    (field, before, after): for a new object, the fields it was given; for a removed one, the
    fields it had."""
    before, after = entry.before or {}, entry.after or {}
    fields = sorted({*before, *after}, key=_field_order)
    return [
        (key, before.get(key), after.get(key))
        for key in fields
        if before.get(key) != after.get(key)
        and not (_blank(before.get(key)) and _blank(after.get(key)))
    ]


def _field_order(name: str) -> tuple[int, str]:
    """The order FIELDS gives, then any others by name: a JSON column need not keep the order
    the keys were written in (PostgreSQL's jsonb does not)."""
    order = list(FIELDS)
    return (order.index(name), "") if name in FIELDS else (len(order), name)


@dataclass(frozen=True)
class _Names:
    """Names for the URNs, LA codes and learning focus slugs a page shows, one query each."""

    schools: dict[int, str]
    las: dict[str, str]
    focuses: dict[str, str]

    @classmethod
    def for_values(cls, values: Iterable[tuple[str, Any]]) -> "_Names":
        urns: set[int] = set()
        codes: set[str] = set()
        slugs: set[str] = set()
        for key, value in values:
            if key == "school" and isinstance(value, int):
                urns.add(value)
            elif key == "owner_las" and isinstance(value, list):
                codes.update(map(str, value))
            elif key == "learning_focuses" and isinstance(value, list):
                slugs.update(map(str, value))
        schools = School.objects.filter(urn__in=urns).order_by().values_list("urn", "name")
        las = LocalAuthority.objects.filter(code__in=codes).order_by().values_list("code", "name")
        focuses = LearningFocus.objects.filter(slug__in=slugs).order_by()
        return cls(
            schools=dict(schools) if urns else {},
            las=dict(las) if codes else {},
            focuses=dict(focuses.values_list("slug", "name")) if slugs else {},
        )


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def _value(key: str, value: Any, names: _Names, action: str) -> str:
    if _blank(value):
        return NOTHING
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key == "school" and isinstance(value, int):
        name = names.schools.get(value)
        return f"{name} (URN {value})" if name else f"URN {value}"
    if key == "owner_las" and isinstance(value, list):
        return ", ".join(f"{names.las.get(code, code)} ({code})" for code in value)
    if key == "learning_focuses" and isinstance(value, list):
        return ", ".join(names.focuses.get(slug) or slug for slug in value)
    if key == "role":
        vocabulary: Any = NetworkContactRole if action.startswith("leader.") else MembershipRole
        return _label(vocabulary, value)
    if key in _VOCABULARIES:
        return _label(_VOCABULARIES[key], value)
    if key in _DATES and isinstance(value, str):
        return _date(value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _label(vocabulary: Any, value: Any) -> str:
    try:
        return str(vocabulary(value).label)
    except ValueError:
        return str(value)


def _date(value: str) -> str:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"
