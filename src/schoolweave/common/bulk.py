"""Bulk writes for imports, below the ORM.

Django's bulk_create builds a model instance per row; for a national GIAS file (50,000 rows x
60 columns) that costs several times the parse. Here a pyarrow table goes to PostgreSQL as CSV
written by pyarrow into COPY (no Python object per value), and to SQLite as plain tuples through
the driver's executemany with dates already as ISO text (Django's per-value adapters cost more
than the insert). Callers stay inside one transaction.
"""

import io
from collections.abc import Iterable, Sequence
from typing import Any, cast

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from django.db import connection
from django.db.models import Field, Model

Row = Sequence[Any]


def _columns(model: type[Model], fields: Sequence[str]) -> list[str]:
    columns = [cast("Field[Any, Any]", model._meta.get_field(name)).column for name in fields]
    assert all(columns), f"{model.__name__}: {fields} are not all concrete fields"
    return cast(list[str], columns)


def _quoted(model: type[Model], fields: Sequence[str]) -> tuple[str, list[str]]:
    table = connection.ops.quote_name(model._meta.db_table)
    return table, [connection.ops.quote_name(c) for c in _columns(model, fields)]


def bulk_insert(model: type[Model], rows: pa.Table) -> None:
    """Insert a table whose column names are the model's field names."""
    if rows.num_rows == 0:
        return
    table, columns = _quoted(model, rows.column_names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
            ) as copy:
                copy.write(_as_csv(rows))
            return
        placeholders = ", ".join(["?"] * len(columns))
        cursor.cursor.executemany(  # the driver's own cursor: "?" placeholders, no adapters
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
            zip(*(_as_python(rows[name]) for name in rows.column_names), strict=True),
        )


def bulk_update(model: type[Model], key: str, fields: Sequence[str], rows: Iterable[Row]) -> None:
    """UPDATE by key; each row is the values of `fields` followed by the key."""
    table, columns = _quoted(model, fields)
    assignments = ", ".join(f"{column} = %s" for column in columns)
    key_column = _quoted(model, [key])[1][0]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE {key_column} = %s",  # noqa: S608
            list(rows),
        )


def _as_csv(rows: pa.Table) -> bytes:
    """CSV for COPY: strings always quoted, so "" is an empty string and a bare empty is NULL."""
    buffer = io.BytesIO()
    pa_csv.write_csv(
        rows,
        buffer,
        write_options=pa_csv.WriteOptions(include_header=False, quoting_style="needed"),
    )
    return buffer.getvalue()


def _as_python(column: pa.ChunkedArray) -> list[Any]:
    if pa.types.is_date(column.type):
        column = pc.cast(column, pa.string())
    return cast(list[Any], column.to_pylist())
