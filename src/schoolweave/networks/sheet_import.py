"""Import a membership sheet file, CSV or XLSX: read it, check it whole, then write it in one
transaction.

Reading is as forgiving as the spreadsheet programs LAs use: CSV in UTF-8 (with or without a
byte-order mark), Windows-1252 as Excel saves it, or UTF-16 ("Unicode text"), separated by
commas, semicolons or tabs; XLSX with its cached formula values, numbers and dates as cells,
from the sheet named "networks" or else the first; header names in any case, with spaces for
underscores, on the first row or under a few title rows. Rows keep the numbers the spreadsheet
shows, blank rows included, so every error points at the cell to fix.

Checking covers the cells (core.networks.sheet), the register (URNs, LAs, learning focuses),
and what the register already holds: a network's kind, and memberships the sheet would
duplicate. Nothing is written until the whole file is clean. The changes an import makes are
read back from the audit log it writes, so a dry run lists exactly what a real run records,
and then rolls everything back, audit entries included.
"""

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl.utils.exceptions import InvalidFileException

from schoolweave.audit.models import AuditEntry
from schoolweave.audit.services import Actor
from schoolweave.core.networks.sheet import (
    REQUIRED_COLUMNS,
    NetworkPlan,
    RowError,
    check_header,
    parse_rows,
    plan_networks,
    sorted_errors,
)
from schoolweave.networks.models import LearningFocus, Membership, Network
from schoolweave.networks.services import NetworksImportCounts, networks_import
from schoolweave.register.models import LocalAuthority, School

SHEET_NAME = "networks"  # in a workbook of several sheets, the one read (else the first)
HEADER_SEARCH_ROWS = 10  # a header may sit under this many title rows at most
_ZIP_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
_SEPARATORS = (",", ";", "\t")

EMPTY_FILE = "the file is empty"
BINARY_FILE = "this is not a CSV file or an XLSX workbook"
OLD_EXCEL = "this is an old Excel (.xls) workbook: save it as .xlsx or .csv and import that"
NOT_A_WORKBOOK = (
    "this is not an Excel workbook that can be read: save it as .xlsx or .csv and import that"
)
NO_SHEETS = "the workbook has no sheets"
NOT_TEXT = "byte 0x{byte:02x} on line {line} is not text in UTF-8 or Windows-1252"
FORMULA_WITHOUT_VALUE = (
    "the formula {formula} has no saved value: open the file in a spreadsheet program, "
    "save it and import it again"
)
MISSING_COLUMNS = (
    "it has no column {columns}: a membership sheet has the columns network, kind, urn, role, "
    "joined and, if needed, left, learning_focus, la"
)
DUPLICATE_COLUMN = "this column appears more than once in the header"
KIND_DIFFERS = "{network!r} is a {kind} in the register"
ALREADY_MEMBER = (
    "URN {urn} is already in {network!r} at that time (joined {joined} in the register); "
    "a row corrects a membership only if its joined date is the same"
)
NOT_WRITTEN = "the register refused a change ({error})"  # SheetErrors adds "nothing was imported"


@dataclass
class SheetErrors(Exception):
    """A file that cannot be imported: every problem found, and nothing was saved."""

    path: Path
    errors: list[RowError]
    problem: str = ""  # about the whole file, when it cannot be read as a sheet at all

    def __str__(self) -> str:
        what = self.problem or f"{len(self.errors)} problem{'s' * (len(self.errors) != 1)}"
        return "\n".join([f"{self.path}: {what}; nothing was imported", *map(str, self.errors)])


@dataclass(frozen=True)
class SheetImport(NetworksImportCounts):
    """What an import did (or, in a dry run, would do): counts and one line per change."""

    networks_changed: int = 0
    changes: tuple[str, ...] = ()
    dry_run: bool = False


@dataclass
class SheetTable:
    """A sheet's cells as text. `records` has one mapping per spreadsheet row from row 2 on,
    blank ones and any title rows above the header too (as empty mappings), so that the
    parser's row numbers are the ones the spreadsheet shows."""

    header: list[str]
    records: list[dict[str, str]]
    header_row: int = 1
    errors: list[RowError] = field(default_factory=list)  # cells that could not be read


class _DryRun(Exception):
    pass


def networks_import_file(
    path: Path, *, actor: Actor, illustrative: bool = False, dry_run: bool = False
) -> SheetImport:
    """Import a membership sheet (CSV or XLSX). Raises SheetErrors, saving nothing, unless
    every row is good; with `dry_run`, saves nothing either way."""
    plans = sheet_check(path)
    result = SheetImport(dry_run=dry_run)
    try:
        with transaction.atomic():
            since = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
            counts = networks_import(actor=actor, plans=plans, illustrative=illustrative)
            entries = list(AuditEntry.objects.filter(pk__gt=since or 0).order_by("pk"))
            result = SheetImport(
                **asdict(counts),
                networks_changed=sum(e.action == "network.update" for e in entries),
                changes=tuple(_change_lines(entries)),
                dry_run=dry_run,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except (ValidationError, IntegrityError) as error:
        raise SheetErrors(path, [], NOT_WRITTEN.format(error=error)) from error
    return result


def sheet_check(path: Path) -> list[NetworkPlan]:
    """The networks a sheet describes, or SheetErrors listing every problem in it."""
    table = sheet_read(path)
    header_errors = [
        RowError(table.header_row, error.column, error.reason)
        for error in check_header(table.header)
    ]
    duplicates = {name for name in table.header if name and table.header.count(name) > 1}
    header_errors += [
        RowError(table.header_row, name, DUPLICATE_COLUMN) for name in sorted(duplicates)
    ]
    if header_errors:
        missing = [error.column for error in header_errors if error.reason != DUPLICATE_COLUMN]
        problem = MISSING_COLUMNS.format(columns=", ".join(missing)) if missing else ""
        raise SheetErrors(path, header_errors, problem)
    rows, errors = parse_rows(table.records)
    urns = {row.urn for row in rows}
    plans, register_errors = plan_networks(
        rows,
        school_las=dict(School.objects.filter(urn__in=urns).values_list("urn", "la_id")),
        known_las=set(LocalAuthority.objects.values_list("code", flat=True)),
        known_focuses=set(LearningFocus.objects.values_list("slug", flat=True)),
    )
    errors = _unique_cells([*table.errors, *errors, *register_errors, *_conflicts(plans)])
    if errors:
        raise SheetErrors(path, sorted_errors(errors))
    return plans


# Reading files -------------------------------------------------------------------------------


def sheet_read(path: Path) -> SheetTable:
    data = path.read_bytes()
    if not data.strip():
        raise SheetErrors(path, _missing_columns(), EMPTY_FILE)
    unsaved: list[tuple[int, int, str]] = []
    if data.startswith(_ZIP_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
        grid, unsaved = _xlsx_grid(path, data)
    elif data.startswith(_OLD_EXCEL_MAGIC):
        raise SheetErrors(path, [], OLD_EXCEL)
    else:
        grid = _csv_grid(path, data)
    table = _table(grid)
    if table is None:
        raise SheetErrors(path, _missing_columns(), EMPTY_FILE)
    table.errors = [
        RowError(number, table.header[index], FORMULA_WITHOUT_VALUE.format(formula=formula))
        for number, index, formula in unsaved
        if number > table.header_row and index < len(table.header) and table.header[index]
    ]
    return table


def _missing_columns() -> list[RowError]:
    return check_header([])


def _table(grid: Sequence[Sequence[str]]) -> SheetTable | None:
    """The header (normalised names) and the records under it; None if every row is blank.
    The header is the row with most of the required columns among the first few that are
    not blank (the first of them if none has any), so title rows above it are skipped."""
    filled = [number for number, cells in enumerate(grid) if any(cells)]
    if not filled:
        return None

    def required(number: int) -> int:
        return len(set(REQUIRED_COLUMNS) & {_column_name(cell) for cell in grid[number]})

    start = max(filled[: HEADER_SEARCH_ROWS + 1], key=lambda n: (required(n), -n))
    header = [_column_name(cell) for cell in grid[start]]
    records: list[dict[str, str]] = [{} for _ in range(start)]  # rows above: numbers only
    for cells in grid[start + 1 :]:
        record: dict[str, str] = {}
        for name, value in zip(header, cells, strict=False):
            if name and name not in record:
                record[name] = value
        records.append(record)
    return SheetTable(header=header, records=records, header_row=start + 1)


def _column_name(cell: str) -> str:
    """`Learning focus `, `LEARNING-FOCUS` and `learning_focus` are the same column."""
    return re.sub(r"[\s\-]+", "_", cell.strip().lower())


def _csv_grid(path: Path, data: bytes) -> list[list[str]]:
    text = _decode(path, data)
    first_line = text.split("\n", 1)[0]
    separator = max(_SEPARATORS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as error:
        raise SheetErrors(path, [], f"line {reader.line_num}: {error}") from error


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 first (cp1252 decodes almost anything, so the other way round would turn UTF-8
    accents into mojibake), else Windows-1252; UTF-16 when it says so with its byte-order mark."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SheetErrors(path, [], BINARY_FILE) from error
    if b"\x00" in data:
        raise SheetErrors(path, [], BINARY_FILE)
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        problem = NOT_TEXT.format(byte=body[error.start], line=line)
        raise SheetErrors(path, [], problem) from error


def _xlsx_grid(path: Path, data: bytes) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    """The chosen sheet's cells as text, and the formulas whose values were never saved (a
    file written by a program that does not calculate) as (row, column index, formula)."""
    try:
        return _xlsx_cells(path, data)
    except _DAMAGED_WORKBOOK as error:
        raise SheetErrors(path, [], NOT_A_WORKBOOK) from error


# What a damaged workbook raises from openpyxl and the zip and XML readers under it, when it is
# opened or when its rows are read (read-only mode reads them lazily): not a zip, a part missing
# or truncated (a deflate stream that ends early or does not inflate), XML that does not parse.
_DAMAGED_WORKBOOK = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    InvalidFileException,
    ParseError,
    KeyError,
    ValueError,
    OSError,
)


def _xlsx_cells(path: Path, data: bytes) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    with ExitStack() as opened:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        opened.callback(values.close)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        opened.callback(formulas.close)
        if not values.worksheets:
            raise SheetErrors(path, [], NO_SHEETS)
        grid: list[list[str]] = []
        unsaved: list[tuple[int, int, str]] = []
        for number, (cells, sources) in enumerate(
            zip(_rows(values.worksheets), _rows(formulas.worksheets), strict=False), start=1
        ):
            grid.append([_cell_text(value) for value in cells])
            unsaved += [
                (number, index, str(source))
                for index, (value, source) in enumerate(zip(cells, sources, strict=False))
                if value is None and isinstance(source, str) and source.startswith("=")
            ]
    return grid, unsaved


def _rows(sheets: list[Any]) -> Iterator[tuple[Any, ...]]:
    sheet = next((s for s in sheets if s.title.strip().lower() == SHEET_NAME), sheets[0])
    sheet.reset_dimensions()  # read every row, whatever size the file claims to be
    for row in sheet.iter_rows(values_only=True):
        yield tuple(getattr(value, "text", value) for value in row)  # array formulas: text


def _cell_text(value: object) -> str:
    """A cell as the sheet parser reads it: dates as yyyy-mm-dd, whole numbers without
    ".0" (a URN typed into a number cell)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _unique_cells(errors: Iterable[RowError]) -> list[RowError]:
    """One error per cell: a reading error (a formula without a value) explains the rest."""
    seen: set[tuple[int, str]] = set()
    unique = []
    for error in errors:
        if (error.row, error.column) not in seen:
            seen.add((error.row, error.column))
            unique.append(error)
    return unique


# Checking against what the register holds ----------------------------------------------------


def _conflicts(plans: list[NetworkPlan]) -> list[RowError]:
    """A network the sheet names with another kind, and memberships it would duplicate: the
    register holds a school in the network at a time a row adds it again."""
    errors: list[RowError] = []
    for plan in plans:
        network = (
            Network.objects.filter(name__iexact=plan.name, owner_las__code=plan.la)
            .prefetch_related("memberships")
            .first()
        )
        if network is None:
            continue
        if network.kind != plan.kind:
            first = plan.memberships[0].row
            errors.append(
                RowError(first, "kind", KIND_DIFFERS.format(network=plan.name, kind=network.kind))
            )
        keys = {(row.urn, row.joined) for row in plan.memberships}
        untouched = [m for m in network.memberships.all() if (m.school_id, m.joined) not in keys]
        errors += [
            RowError(
                row.row,
                "joined",
                ALREADY_MEMBER.format(urn=row.urn, network=plan.name, joined=_iso(other.joined)),
            )
            for row in plan.memberships
            for other in untouched
            if other.school_id == row.urn and _overlap(other, row.joined, row.left)
        ]
    return errors


def _overlap(membership: Membership, joined: date, left: date | None) -> bool:
    return (membership.joined or date.min) <= (left or date.max) and joined <= (
        membership.left or date.max
    )


# Describing changes --------------------------------------------------------------------------


def _change_lines(entries: list[AuditEntry]) -> Iterator[str]:
    names = dict(
        Network.objects.filter(pk__in={e.network_id for e in entries}).values_list("pk", "name")
    )
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        network = names.get(entry.network_id or 0, entry.object_repr)
        if entry.action == "network.create":
            las = ", ".join(after.get("owner_las", []))
            yield f"{network}: new network ({after.get('kind')}, LA {las})"
        elif entry.action == "membership.start":
            yield (
                f"add URN {after.get('school')} to {network} as {after.get('role')} "
                f"({_dates(after)})"
            )
        elif entry.action == "membership.end":
            also = _diff(before, {k: v for k, v in after.items() if k != "left"})
            yield (
                f"end URN {after.get('school')} in {network} on {_iso(after.get('left'))}"
                + (f"; {also}" if also else "")
            )
        elif entry.action == "membership.update":
            yield f"change URN {after.get('school')} in {network}: {_diff(before, after)}"
        elif entry.action == "network.update":
            yield f"{network}: {_diff(before, after)}"
        else:
            yield f"{network}: {entry.action.replace('.', ' ')}: {_diff(before, after)}"


def _dates(values: dict[str, Any]) -> str:
    joined = f"joined {_iso(values.get('joined'))}"
    return f"{joined}, left {_iso(values['left'])}" if values.get("left") else joined


def _diff(before: dict[str, Any], after: dict[str, Any]) -> str:
    changed = sorted(key for key in after if before.get(key) != after[key])  # jsonb reorders
    return "; ".join(
        f"{key.replace('_', ' ')} {_text(before.get(key))} -> {_text(after[key])}"
        for key in changed
    )


def _text(value: object) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "none"
    return _iso(value)


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
