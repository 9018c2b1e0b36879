"""Turning parsed pyarrow tables into database rows and comparing them with what is stored."""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from schoolweave.core.gias.parse import ROW_HASH


@dataclass(frozen=True)
class SyncPlan:
    """Which rows of a parsed file are new, which changed, how many are as stored."""

    new: pa.Array  # row indices
    changed: pa.Array  # row indices
    unchanged: int


def plan_sync(table: pa.Table, key: str, stored_hashes: dict[int, str]) -> SyncPlan:
    keys = table[key]
    stored_keys = pa.array(list(stored_hashes), pa.int64())
    is_stored = pc.is_in(keys, value_set=stored_keys)
    stored_hash_of_row = pc.take(
        pa.array(list(stored_hashes.values()), pa.string()),
        pc.index_in(keys, value_set=stored_keys),
    )
    same = pc.fill_null(pc.equal(stored_hash_of_row, table[ROW_HASH]), False)
    new = pc.indices_nonzero(pc.invert(is_stored))
    changed = pc.indices_nonzero(pc.and_(is_stored, pc.invert(same)))
    return SyncPlan(new=new, changed=changed, unchanged=int(pc.sum(same).as_py() or 0))


def for_model(table: pa.Table, fields: Mapping[str, str], **constants: Any) -> pa.Table:
    """The parsed columns named as model fields ({parsed: field}), text nulls as "" (the
    models' text columns are not null), plus constant columns."""
    columns = {}
    for parsed, field in fields.items():
        column = table[parsed]
        columns[field] = pc.fill_null(column, "") if pa.types.is_string(column.type) else column
    for field, value in constants.items():
        columns[field] = pa.repeat(value, table.num_rows)
    return pa.table(columns)


def python_columns(table: pa.Table, fields: Sequence[str]) -> list[list[Any]]:
    """Columns as Python lists, with empty text as ""."""
    return [
        (
            pc.fill_null(table[name], "") if pa.types.is_string(table[name].type) else table[name]
        ).to_pylist()
        for name in fields
    ]


def rows(table: pa.Table, fields: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    return zip(*python_columns(table, fields), strict=True)


def slices(table: pa.Table, size: int) -> Iterator[pa.Table]:
    for start in range(0, table.num_rows, size):
        yield table.slice(start, size)
