"""Import an LA's funding spreadsheet (CSV, or XLSX): one row per allocation. The same rules as
import-networks: the file is read as networks.sheet_import reads a membership sheet, checked
whole (cells, then the register: streams, networks, fund holders, each stream's period and
amount, and who is importing), and written in one transaction only if every row is good.
Re-importing the same file changes nothing; a dry run checks and rolls back.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from schoolweave.accounts.permissions import Viewer, can_fund_network
from schoolweave.audit.services import Actor
from schoolweave.core.money import Money, format_gbp
from schoolweave.core.networks.sheet import RowError, sorted_errors
from schoolweave.core.resources.funding import OverLimit
from schoolweave.core.resources.funding_sheet import (
    REQUIRED_COLUMNS,
    AllocationRow,
    check_header,
    parse_rows,
)
from schoolweave.core.resources.vocabulary import AllocationStatus, FundHolderKind
from schoolweave.networks.models import Membership, Network
from schoolweave.networks.sheet_import import EMPTY_FILE, SheetErrors, sheet_read
from schoolweave.register.models import School
from schoolweave.resources import services
from schoolweave.resources.models import Allocation, FundingStream

MISSING_COLUMNS = "it has no column {columns}: a funding sheet has the columns " + ", ".join(
    REQUIRED_COLUMNS
)
DUPLICATE_COLUMN = "this column appears more than once in the header"
NO_STREAM = (
    "no funding stream named {name!r} is in the register: add it on the local authority's "
    "funding page first"
)
NO_NETWORK = "no network named {name!r} is in the register"
NOT_OWNED = "{network!r} is not a network of {la}, which holds the stream {stream!r}"
AMBIGUOUS = "{stream!r} and {network!r} match more than one local authority's stream"
OUTSIDE_PERIOD = "{year} is outside the period of {stream!r}, {period}"
NO_SCHOOL = "no school with URN {urn} is in the register"
NOT_A_MEMBER = "URN {urn} is not a member of {network!r}: the fund holder must be a member school"
NOT_AN_OFFICER = "{user} is not an officer of {la}, which holds the stream {stream!r}"
OVER_STREAM = (
    "allocations from {stream!r} would come to {total}, {over} more than its {limit}; "
    "an officer may allow that on the stream's page, with a reason"
)
NOT_WRITTEN = "the register refused a change ({error})"  # SheetErrors adds "nothing was imported"


@dataclass(frozen=True)
class PlannedRow:
    row: AllocationRow
    stream: FundingStream
    network: Network
    existing: Allocation | None

    @property
    def action(self) -> str:
        if self.existing is None:
            return "add"
        same = (
            self.existing.amount_pence == self.row.amount.pence
            and self.existing.fund_holder_school_id == self.row.fund_holder_urn
            and self.existing.fund_holder_partner_id is None
            and self.existing.status == self.row.status
        )
        return "unchanged" if same else "change"


@dataclass(frozen=True)
class FundingImport:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    changes: tuple[str, ...] = ()
    dry_run: bool = False


@dataclass
class _Register:
    """What the rows name, read from the database once."""

    streams: dict[str, list[FundingStream]] = field(default_factory=dict)
    networks: dict[str, list[Network]] = field(default_factory=dict)
    schools: set[int] = field(default_factory=set)
    members: set[tuple[int, int]] = field(default_factory=set)  # (network id, URN)


class _DryRun(Exception):
    pass


def funding_import_file(
    path: Path, *, actor: Actor, who: Viewer | None = None, dry_run: bool = False
) -> FundingImport:
    """Import a funding sheet. `who` is the person importing, when there is one: rows for
    streams of an LA they are not an officer of are errors (the server's operator imports for
    any LA). Raises SheetErrors, saving nothing, unless every row is good."""
    plans = funding_check(path, who=who)
    changes = tuple(_change_line(plan) for plan in plans if plan.action != "unchanged")
    result = FundingImport(
        added=sum(plan.action == "add" for plan in plans),
        changed=sum(plan.action == "change" for plan in plans),
        unchanged=sum(plan.action == "unchanged" for plan in plans),
        changes=changes,
        dry_run=dry_run,
    )
    try:
        with transaction.atomic():
            _write(actor, plans)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except (ValidationError, IntegrityError, OverLimit) as error:
        raise SheetErrors(path, [], NOT_WRITTEN.format(error=error)) from error
    return result


def funding_check(path: Path, *, who: Viewer | None = None) -> list[PlannedRow]:
    try:
        table = sheet_read(path)
    except SheetErrors as error:
        if error.problem == EMPTY_FILE:
            raise SheetErrors(path, check_header([]), EMPTY_FILE) from error
        raise
    header_errors = check_header(table.header, row=table.header_row)
    duplicates = {name for name in table.header if name and table.header.count(name) > 1}
    header_errors += [
        RowError(table.header_row, name, DUPLICATE_COLUMN) for name in sorted(duplicates)
    ]
    if header_errors:
        missing = [e.column for e in header_errors if e.reason != DUPLICATE_COLUMN]
        problem = MISSING_COLUMNS.format(columns=", ".join(missing)) if missing else ""
        raise SheetErrors(path, header_errors, problem)
    rows, errors = parse_rows(table.records)
    register = _read_register(rows)
    plans: list[PlannedRow] = []
    for row in rows:
        plan, row_errors = _plan_row(row, register, who)
        errors += row_errors
        if plan is not None:
            plans.append(plan)
    errors += _over_streams(plans)
    errors = [*table.errors, *errors]
    if errors:
        raise SheetErrors(path, sorted_errors(_unique_cells(errors)))
    return plans


def _read_register(rows: list[AllocationRow]) -> _Register:
    register = _Register()
    stream_names = {row.stream.casefold() for row in rows}
    for stream in FundingStream.objects.select_related("la"):
        if stream.name.casefold() in stream_names:
            register.streams.setdefault(stream.name.casefold(), []).append(stream)
    network_names = {row.network.casefold() for row in rows}
    for network in Network.objects.prefetch_related("owner_las"):
        if network.name.casefold() in network_names:
            register.networks.setdefault(network.name.casefold(), []).append(network)
    urns = {row.fund_holder_urn for row in rows if row.fund_holder_urn is not None}
    register.schools = set(School.objects.filter(urn__in=urns).values_list("urn", flat=True))
    register.members = set(
        Membership.objects.filter(school_id__in=urns).values_list("network_id", "school_id")
    )
    return register


def _plan_row(
    row: AllocationRow, register: _Register, who: Viewer | None
) -> tuple[PlannedRow | None, list[RowError]]:
    streams = register.streams.get(row.stream.casefold(), [])
    networks = register.networks.get(row.network.casefold(), [])
    errors: list[RowError] = []
    if not streams:
        errors.append(RowError(row.row, "stream", NO_STREAM.format(name=row.stream)))
    if not networks:
        errors.append(RowError(row.row, "network", NO_NETWORK.format(name=row.network)))
    if errors:
        return None, errors
    pairs = [
        (stream, network)
        for stream in streams
        for network in networks
        if stream.la_id in {la.code for la in network.owner_las.all()}
    ]
    if not pairs:
        stream = streams[0]
        reason = NOT_OWNED.format(network=row.network, la=stream.la.name, stream=stream.name)
        return None, [RowError(row.row, "network", reason)]
    if len(pairs) > 1:
        reason = AMBIGUOUS.format(stream=row.stream, network=row.network)
        return None, [RowError(row.row, "stream", reason)]
    stream, network = pairs[0]
    if who is not None and not can_fund_network(who, stream.la_id, network):
        reason = NOT_AN_OFFICER.format(user=_who(who), la=stream.la.name, stream=stream.name)
        return None, [RowError(row.row, "stream", reason)]
    if not stream.covers(row.year):
        reason = OUTSIDE_PERIOD.format(year=row.year, stream=stream.name, period=stream.period)
        errors.append(RowError(row.row, "financial_year", reason))
    urn = row.fund_holder_urn
    if urn is not None and urn not in register.schools:
        errors.append(RowError(row.row, "fund_holder_urn", NO_SCHOOL.format(urn=urn)))
    elif urn is not None and (network.pk, urn) not in register.members:
        reason = NOT_A_MEMBER.format(urn=urn, network=network.name)
        errors.append(RowError(row.row, "fund_holder_urn", reason))
    if errors:
        return None, errors
    existing = Allocation.objects.filter(
        stream=stream, network=network, financial_year=row.year.start_year
    ).first()
    return PlannedRow(row=row, stream=stream, network=network, existing=existing), []


def _over_streams(plans: list[PlannedRow]) -> list[RowError]:
    """Rows that would take a stream's allocations over its amount (and above what it already
    has: a re-import of a stream an officer let go over is no error), one error per stream, at
    the row where the running total first goes over."""
    errors = []
    by_stream: dict[int, list[PlannedRow]] = {}
    for plan in plans:
        by_stream.setdefault(plan.stream.pk, []).append(plan)
    for stream_plans in by_stream.values():
        stream = stream_plans[0].stream
        mentioned = [plan.existing.pk for plan in stream_plans if plan.existing is not None]
        current = services.allocated_total(stream)
        running = services.allocated_total(stream, excluding=mentioned)
        final = running + Money.total(plan.row.amount for plan in stream_plans)
        if final <= stream.amount or final <= current:
            continue
        for plan in stream_plans:
            running += plan.row.amount
            if running > stream.amount:
                reason = OVER_STREAM.format(
                    stream=stream.name,
                    total=format_gbp(final),
                    over=format_gbp(final - stream.amount),
                    limit=format_gbp(stream.amount),
                )
                errors.append(RowError(plan.row.row, "amount_gbp", reason))
                break
    return errors


def _write(actor: Actor, plans: list[PlannedRow]) -> None:
    """Decreases first, so that moving money between networks never passes through a total
    over the stream's amount."""
    ordered = sorted(
        (plan for plan in plans if plan.action != "unchanged"),
        key=lambda plan: (plan.row.amount.pence - _existing_pence(plan), plan.row.row),
    )
    for plan in ordered:
        holder = (
            services.FundHolder.la()
            if plan.row.fund_holder_urn is None
            else services.FundHolder(FundHolderKind.SCHOOL, school_urn=plan.row.fund_holder_urn)
        )
        if plan.existing is None:
            services.allocation_commit(
                actor=actor,
                stream=plan.stream,
                network=plan.network,
                first=plan.row.year,
                years=1,
                amount_each=plan.row.amount,
                fund_holder=holder,
                awarded_on=plan.row.year.first_day,
                status=plan.row.status,
            )
        else:
            services.allocation_update(
                actor=actor,
                allocation=plan.existing,
                amount=plan.row.amount,
                fund_holder=holder,
                status=plan.row.status,
                awarded_on=plan.existing.awarded_on,
                override_reason=plan.existing.over_limit_reason,
            )


def _existing_pence(plan: PlannedRow) -> int:
    return plan.existing.amount_pence if plan.existing is not None else 0


def _change_line(plan: PlannedRow) -> str:
    row = plan.row
    holder = f"URN {row.fund_holder_urn}" if row.fund_holder_urn else "the LA"
    status = AllocationStatus(row.status).value
    if plan.existing is None:
        return (
            f"row {row.row}: add {format_gbp(row.amount)} from {plan.stream.name} to "
            f"{plan.network.name} for {row.year} (held by {holder}, {status})"
        )
    old = plan.existing
    parts = []
    if old.amount_pence != row.amount.pence:
        parts.append(f"amount {format_gbp(old.amount)} -> {format_gbp(row.amount)}")
    if old.fund_holder_school_id != row.fund_holder_urn or old.fund_holder_partner_id:
        parts.append(f"fund holder {old.fund_holder_name} -> {holder}")
    if old.status != row.status:
        parts.append(f"status {old.status} -> {status}")
    return (
        f"row {row.row}: change {plan.stream.name} to {plan.network.name} for {row.year}: "
        + "; ".join(parts)
    )


def _unique_cells(errors: list[RowError]) -> Iterator[RowError]:
    seen: set[tuple[int, str]] = set()
    for error in errors:
        if (error.row, error.column) not in seen:
            seen.add((error.row, error.column))
            yield error


def _who(who: Viewer) -> str:
    if who.user_id is None:
        return "this user"
    user = get_user_model().objects.filter(pk=who.user_id).first()
    return user.get_username() if user is not None else "this user"
