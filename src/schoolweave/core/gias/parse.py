"""Parse GIAS CSV files into typed, validated pyarrow tables.

The happy path is columnar (pyarrow.csv and pyarrow.compute); nothing loops over rows in
Python except the row hash. When something is wrong, the first bad value is located exactly
(file, line, column) by a slower exact scan that the happy path never pays for.
"""

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from schoolweave.core.geo import bng_to_wgs84
from schoolweave.core.gias.columns import read_text_columns
from schoolweave.core.gias.convert import InvalidValues, convert_column, null_column
from schoolweave.core.gias.errors import GiasFileError
from schoolweave.core.gias.files import (
    ESTABLISHMENTS,
    GROUP_LINKS,
    GROUPS,
    KNOWN_FILES,
    FileSpec,
)
from schoolweave.core.gias.records import (
    BrokenRecord,
    Record,
    last_record,
    line_of_record,
)
from schoolweave.core.gias.status import STATUS_BY_CODE, STATUS_BY_NAME, SchoolStatus
from schoolweave.core.gias.text import Source, read_source

ROW_HASH = "row_hash"


@dataclass(frozen=True)
class ParsedFile:
    """A validated GIAS file: one typed column per field of its spec, plus derived columns."""

    source: Source
    spec: FileSpec
    table: pa.Table

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def num_rows(self) -> int:
        return int(self.table.num_rows)

    def line_of(self, index: int) -> int:
        return line_of_record(self.source.text, index)

    def error(self, index: int, column: str | None, reason: str) -> GiasFileError:
        return GiasFileError(str(self.path), reason, line=self.line_of(index), column=column)


def parse_establishments(path: Path, *, encoding: str | None = None) -> ParsedFile:
    parsed = _parse(path, ESTABLISHMENTS, encoding)
    _require_unique(parsed, "urn", "URN")
    table = parsed.table
    table = table.append_column("status", _statuses(parsed))
    lats, lons = bng_to_wgs84(
        table["easting"].to_numpy(zero_copy_only=False).astype(np.float64),
        table["northing"].to_numpy(zero_copy_only=False).astype(np.float64),
    )
    table = table.append_column("lat", pa.array(lats, from_pandas=True))
    table = table.append_column("lon", pa.array(lons, from_pandas=True))
    return _with_row_hash(parsed, table)


def parse_groups(path: Path, *, encoding: str | None = None) -> ParsedFile:
    parsed = _parse(path, GROUPS, encoding)
    _require_unique(parsed, "group_uid", "Group UID")
    return _with_row_hash(parsed, parsed.table)


def parse_group_links(path: Path, *, encoding: str | None = None) -> ParsedFile:
    parsed = _parse(path, GROUP_LINKS, encoding)
    return _with_row_hash(parsed, parsed.table)


def _parse(path: Path, spec: FileSpec, encoding: str | None) -> ParsedFile:
    source = read_source(path, encoding)
    header = _header(source)
    _check_header(path, header, spec)
    check_quotes(source, header)
    raw = read_text_columns(
        source, header, {column.header for column in spec.columns}, GiasFileError
    )
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    for column in spec.columns:
        if column.header not in raw.column_names:
            columns[column.field] = null_column(column, raw.num_rows)
            continue
        try:
            columns[column.field] = convert_column(column, raw[column.header])
        except InvalidValues as bad:
            raise GiasFileError(
                str(path),
                bad.describe(),
                line=line_of_record(source.text, bad.index),
                column=column.header,
            ) from None
    if raw.num_rows == 0:
        raise GiasFileError(str(path), f"the file has a header but no rows: no {spec.name} data")
    return ParsedFile(source, spec, pa.table(columns))


def _header(source: Source) -> list[str]:
    try:
        header = next(csv.reader(io.StringIO(source.head, newline="")))
    except (csv.Error, StopIteration) as exc:
        raise GiasFileError(str(source.path), f"the header cannot be read: {exc}", 1) from exc
    return [name.strip() for name in header]


def _check_header(path: Path, header: Sequence[str], spec: FileSpec) -> None:
    present = set(header)
    duplicated = sorted({name for name in header if header.count(name) > 1 and name})
    if duplicated:
        raise GiasFileError(str(path), "this header appears more than once", 1, duplicated[0])
    missing = [c.header for c in spec.columns if c.required and c.header not in present]
    if not missing:
        return
    reason = f"required column is missing (needed in a {spec.name}, {spec.published_as})"
    actual = _identify(present)
    if actual is not None and actual is not spec:
        reason = f"this looks like a {actual.name}, not a {spec.name}: {reason}"
    elif actual is None:
        reason += "; is this a GIAS download?"
    raise GiasFileError(str(path), reason, line=1, column=missing[0])


def _identify(headers: set[str]) -> FileSpec | None:
    matches = [spec for spec in KNOWN_FILES if spec.signature <= headers]
    return max(matches, key=lambda spec: len(spec.signature), default=None)


def check_quotes(source: Source, header: list[str]) -> None:
    """An odd number of quotes means a quoted value never closes: usually a truncated file.

    pyarrow reads such a file without complaint, so this check is ours.
    """
    # 0x22 is '"' in UTF-8 and never part of a multi-byte character.
    if source.utf8.count(b'"') % 2 == 0:
        return
    # The unclosed quote runs to the end of the file, so it opens in the last record read,
    # in that record's last field (the rest of the file became its value).
    record = last_record(source.text)
    line, column = 1, None
    if isinstance(record, Record):
        line = record.line
        column = header[min(len(record.fields), len(header)) - 1]
    elif isinstance(record, BrokenRecord):
        line = record.line
    raise GiasFileError(
        str(source.path),
        "a quoted value starts here and is never closed: the file may be truncated",
        line=line,
        column=column,
    )


def _require_unique(parsed: ParsedFile, field: str, header: str) -> None:
    counts = pc.value_counts(parsed.table[field])
    repeated = counts.filter(pc.greater(counts.field("counts"), 1))
    if len(repeated) == 0:
        return
    value = repeated[0]["values"].as_py()
    first, second = pc.indices_nonzero(pc.equal(parsed.table[field], value)).to_pylist()[:2]
    raise parsed.error(
        second, header, f"{header} {value} appears twice: also on line {parsed.line_of(first)}"
    )


def _statuses(parsed: ParsedFile) -> pa.Array:
    """GIAS status by its code where the file has one, else by its name."""
    by_code = _lookup(parsed.table["status_code"], STATUS_BY_CODE)
    by_name = _lookup(pc.utf8_lower(parsed.table["status_name"]), STATUS_BY_NAME)
    statuses = pc.coalesce(by_code, by_name)
    unknown = pc.indices_nonzero(pc.is_null(statuses))
    if len(unknown):
        index = unknown[0].as_py()
        raise parsed.error(
            index,
            "EstablishmentStatus (name)",
            f"{parsed.table['status_name'][index].as_py()!r} is not a GIAS establishment "
            "status (Open, Closed, Open but proposed to close, Proposed to open)",
        )
    return statuses.combine_chunks() if isinstance(statuses, pa.ChunkedArray) else statuses


def _lookup(keys: pa.ChunkedArray, mapping: dict[str, SchoolStatus]) -> pa.ChunkedArray:
    positions = pc.index_in(keys, value_set=pa.array(list(mapping), pa.string()))
    return pc.take(pa.array([status.value for status in mapping.values()]), positions)


def _with_row_hash(parsed: ParsedFile, table: pa.Table) -> ParsedFile:
    """Add a digest of each row's values, so a re-import can skip unchanged rows cheaply."""
    as_text = [pc.cast(table[name], pa.string()) for name in table.column_names]
    joined = pc.binary_join_element_wise(
        *as_text, "\x1f", null_handling="replace", null_replacement="\x00"
    )
    digests = [
        hashlib.blake2b(value.encode(), digest_size=8).hexdigest() for value in joined.to_pylist()
    ]
    table = table.append_column(ROW_HASH, pa.array(digests, pa.string()))
    return ParsedFile(parsed.source, parsed.spec, table)
