"""Turning parsed pyarrow tables into database rows and comparing them with what is stored."""

from collections.abc import Iterator, Sequence
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


def python_columns(table: pa.Table, fields: Sequence[str]) -> list[list[Any]]:
    """Columns as Python lists, with empty text as "" (the models' text columns are not null)."""
    columns = []
    for name in fields:
        column = table[name]
        if pa.types.is_string(column.type):
            column = pc.fill_null(column, "")
        columns.append(column.to_pylist())
    return columns


def rows(table: pa.Table, fields: Sequence[str], *extra: Any) -> Iterator[tuple[Any, ...]]:
    """Row tuples of `fields`, each followed by the constant `extra` values."""
    for values in zip(*python_columns(table, fields), strict=True):
        yield (*values, *extra)


def chunks(indices: pa.Array, size: int) -> Iterator[pa.Array]:
    for start in range(0, len(indices), size):
        yield indices.slice(start, size)
