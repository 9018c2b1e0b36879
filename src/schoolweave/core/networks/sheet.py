"""The membership spreadsheet LAs keep today: one row per membership.

Columns: network, kind, urn, role, joined (yyyy-mm-dd), left (optional), learning_focus
(optional, ";"-separated), la (optional 3-digit code of the LA that owns the network; else the
school's LA). A network is known by its name and owner LA, so a cross-LA network gives the
owner's code on every row. Every bad cell is reported, not only the first, so a user can fix
the whole sheet in one pass. Rows are numbered as a spreadsheet shows them: header = row 1.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar

from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind

REQUIRED_COLUMNS = ("network", "kind", "urn", "role", "joined")
OPTIONAL_COLUMNS = ("left", "learning_focus", "la")
NAME_LENGTH = 200  # the longest network name the register keeps (networks.models.Network)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Fail = Callable[[str, str], None]
Choice = TypeVar("Choice", bound=StrEnum)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class MembershipRow:
    row: int
    network: str
    kind: NetworkKind
    urn: int
    role: MembershipRole
    joined: date
    left: date | None
    learning_focuses: tuple[str, ...]
    la: str | None


@dataclass
class NetworkPlan:
    """One network as the sheet describes it, its owner LA resolved."""

    name: str
    kind: NetworkKind
    la: str
    learning_focuses: set[str] = field(default_factory=set)
    memberships: list[MembershipRow] = field(default_factory=list)


def check_header(header: Iterable[str]) -> list[RowError]:
    present = {name.strip().lower() for name in header}
    return [
        RowError(1, column, "this column is required")
        for column in REQUIRED_COLUMNS
        if column not in present
    ]


def parse_rows(
    records: Iterable[Mapping[str, str | None]],
) -> tuple[list[MembershipRow], list[RowError]]:
    """Check every cell; returns the good rows and every error. Blank rows are skipped."""
    parsed: list[MembershipRow] = []
    errors: list[RowError] = []
    for number, record in enumerate(records, start=2):
        cells = {key.strip().lower(): (value or "").strip() for key, value in record.items()}
        if not any(cells.values()):
            continue
        row, row_errors = _parse_row(number, cells)
        errors.extend(row_errors)
        if row is not None:
            parsed.append(row)
    return parsed, errors


def plan_networks(
    rows: Iterable[MembershipRow],
    *,
    school_las: Mapping[int, str],
    known_las: set[str],
    known_focuses: set[str],
) -> tuple[list[NetworkPlan], list[RowError]]:
    """Group rows into networks, checking them against the register."""
    plans: dict[tuple[str, str], NetworkPlan] = {}
    errors: list[RowError] = []
    for row in rows:
        row_errors = _check_against_register(row, school_las, known_las, known_focuses)
        errors.extend(row_errors)
        if row_errors:
            continue
        la = row.la or school_las[row.urn]
        plan = plans.setdefault(
            (row.network.casefold(), la), NetworkPlan(row.network, row.kind, la)
        )
        if plan.kind != row.kind:
            first = plan.memberships[0].row
            errors.append(
                RowError(row.row, "kind", f"{row.network!r} is a {plan.kind} on row {first}")
            )
            continue
        errors.extend(_overlaps(plan, row))
        plan.learning_focuses.update(row.learning_focuses)
        plan.memberships.append(row)
    return list(plans.values()), errors


def sorted_errors(errors: Iterable[RowError]) -> list[RowError]:
    return sorted(errors, key=lambda e: (e.row, e.column))


def _check_against_register(
    row: MembershipRow,
    school_las: Mapping[int, str],
    known_las: set[str],
    known_focuses: set[str],
) -> list[RowError]:
    errors = []
    if row.urn not in school_las:
        errors.append(RowError(row.row, "urn", f"no school with URN {row.urn} is in the register"))
    if row.la is not None and row.la not in known_las:
        errors.append(RowError(row.row, "la", f"no local authority {row.la} is in the register"))
    unknown = [focus for focus in row.learning_focuses if focus not in known_focuses]
    if unknown:
        allowed = ", ".join(sorted(known_focuses))
        errors.append(
            RowError(
                row.row,
                "learning_focus",
                f"{', '.join(unknown)} not in the LA's vocabulary ({allowed})",
            )
        )
    return errors


def _overlaps(plan: NetworkPlan, row: MembershipRow) -> list[RowError]:
    """A school may leave and rejoin a network, but not be in it twice at once."""
    end = row.left or date.max
    for other in plan.memberships:
        if other.urn == row.urn and row.joined <= (other.left or date.max) and other.joined <= end:
            return [
                RowError(
                    row.row,
                    "joined",
                    f"URN {row.urn} is already in {plan.name!r} at that time (row {other.row})",
                )
            ]
    return []


def _parse_row(number: int, cells: dict[str, str]) -> tuple[MembershipRow | None, list[RowError]]:
    errors: list[RowError] = []

    def fail(column: str, reason: str) -> None:
        errors.append(RowError(number, column, reason))

    network = cells.get("network", "")
    if not network:
        fail("network", "a network name is required")
    elif len(network) > NAME_LENGTH:
        fail("network", f"the name has {len(network):,} characters; at most {NAME_LENGTH}")
    kind = _choice(cells.get("kind", ""), NetworkKind, "kind", fail)
    role = _choice(cells.get("role", ""), MembershipRole, "role", fail)
    urn = _urn(cells.get("urn", ""), fail)
    joined = _date(cells.get("joined", ""), "joined", fail, required=True)
    left = _date(cells.get("left", ""), "left", fail, required=False)
    if joined and left and left < joined:
        fail("left", f"{left.isoformat()} is before the joined date {joined.isoformat()}")
    la = cells.get("la", "") or None
    if la is not None and not (len(la) == 3 and la.isdigit()):
        fail("la", f"{la!r} is not a 3-digit local authority code")
    focuses = tuple(
        sorted({f.strip().lower() for f in cells.get("learning_focus", "").split(";") if f.strip()})
    )
    if errors or kind is None or role is None or urn is None or joined is None:
        return None, errors
    return MembershipRow(number, network, kind, urn, role, joined, left, focuses, la), errors


def _choice(value: str, vocabulary: type[Choice], column: str, fail: Fail) -> Choice | None:
    try:
        return vocabulary(value.lower())
    except ValueError:
        allowed = ", ".join(member.value for member in vocabulary)
        fail(column, f"{value!r} is not one of: {allowed}" if value else f"required ({allowed})")
        return None


def _urn(value: str, fail: Fail) -> int | None:
    # Python's int() refuses a number of over 4,300 digits; no URN has more than 7.
    if value.isascii() and value.isdigit() and len(value) <= 20 and 0 < int(value) < 10_000_000:
        return int(value)
    fail("urn", f"{value!r} is not a URN" if value else "a URN is required")
    return None


def _date(value: str, column: str, fail: Fail, *, required: bool) -> date | None:
    if not value:
        if required:
            fail(column, "a date is required (yyyy-mm-dd)")
        return None
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    fail(column, f"{value!r} is not a date in the form yyyy-mm-dd")
    return None
