"""A network identification sheet's content, and what approving it would change.

The seeds' LAs asked each network to fill in a "network identification sheet" for the LA's
directory: its leaders, learning focuses, member schools and links to other initiatives. The
LA reviews it before it is published. This module holds that content as plain data, so the
comparison the reviewer sees is testable without a database.
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind


@dataclass(frozen=True)
class Member:
    urn: int
    role: MembershipRole
    name: str = ""  # the school's name when the sheet was written, for reading it later


@dataclass(frozen=True)
class Leader:
    name: str
    job_title: str = ""
    email: str = ""


@dataclass(frozen=True)
class SheetContent:
    name: str
    kind: NetworkKind
    purpose: str = ""
    learning_focuses: tuple[str, ...] = ()
    members: tuple[Member, ...] = ()
    leaders: tuple[Leader, ...] = ()
    partners: str = ""
    initiatives: str = ""
    start_date: date | None = None
    la: str = ""  # the owner LA's code

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SheetContent":
        return cls(
            name=data["name"],
            kind=NetworkKind(data["kind"]),
            purpose=data.get("purpose", ""),
            learning_focuses=tuple(data.get("learning_focuses", ())),
            members=tuple(
                Member(m["urn"], MembershipRole(m["role"]), m.get("name", ""))
                for m in data.get("members", ())
            ),
            leaders=tuple(Leader(**leader) for leader in data.get("leaders", ())),
            partners=data.get("partners", ""),
            initiatives=data.get("initiatives", ""),
            start_date=date.fromisoformat(data["start_date"]) if data.get("start_date") else None,
            la=data.get("la", ""),
        )


@dataclass(frozen=True)
class Change:
    """One thing approving a sheet would change, in words a reviewer reads."""

    what: str  # "Name", "Member", "Leader", ...
    before: str
    after: str


@dataclass(frozen=True)
class MembershipChanges:
    join: tuple[Member, ...] = ()
    leave: tuple[Member, ...] = ()
    # A new role ends the old membership and starts another, so history keeps both.
    change_role: tuple[tuple[Member, Member], ...] = field(default=())


def membership_changes(current: SheetContent | None, proposed: SheetContent) -> MembershipChanges:
    now = {m.urn: m for m in (current.members if current else ())}
    then = {m.urn: m for m in proposed.members}
    return MembershipChanges(
        join=tuple(m for urn, m in then.items() if urn not in now),
        leave=tuple(m for urn, m in now.items() if urn not in then),
        change_role=tuple(
            (now[urn], m) for urn, m in then.items() if urn in now and now[urn].role != m.role
        ),
    )


OWNER_LA = "Owner local authority"
_FIELDS = (
    ("name", "Name"),
    ("kind", "Kind"),
    ("purpose", "Purpose"),
    ("learning_focuses", "Learning focuses"),
    ("partners", "Partners beyond schools"),
    ("initiatives", "Links to other initiatives"),
    ("start_date", "Start date"),
    ("la", OWNER_LA),
)


def changes(current: SheetContent | None, proposed: SheetContent) -> list[Change]:
    """What approving `proposed` would change about the network as it is (`current`), or
    everything it would create when there is no network yet."""
    found = []
    for attribute, label in _FIELDS:
        before = _words(getattr(current, attribute)) if current else ""
        after = _words(getattr(proposed, attribute))
        if before != after:
            found.append(Change(label, before, after))
    moves = membership_changes(current, proposed)
    found += [Change("Member", "", _member(m)) for m in moves.join]
    found += [Change("Member", _member(m), "leaves") for m in moves.leave]
    found += [Change("Member", _member(old), _member(new)) for old, new in moves.change_role]
    before_leaders = {_leader(x) for x in (current.leaders if current else ())}
    after_leaders = {_leader(x) for x in proposed.leaders}
    found += [Change("Leader", "", x) for x in sorted(after_leaders - before_leaders)]
    found += [
        Change("Leader", x, "no longer a leader") for x in sorted(before_leaders - after_leaders)
    ]
    return found


def _words(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, NetworkKind):
        return value.label
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return "" if value is None else str(value)


def _member(member: Member) -> str:
    return f"{member.name or member.urn} ({member.urn}) as {member.role.label.lower()}"


def _leader(leader: Leader) -> str:
    return ", ".join(part for part in (leader.name, leader.job_title, leader.email) if part)
