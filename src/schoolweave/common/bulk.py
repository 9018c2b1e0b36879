"""Bulk writes for imports, below the ORM.

Django's bulk_create builds a model instance per row and a statement per batch; for a national
GIAS file (50,000 rows x 60 columns) that costs several times the parse. PostgreSQL's COPY and
SQLite's executemany take plain tuples. Callers stay inside one transaction.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

Row = Sequence[Any]


def _columns(model: type[Model], fields: Sequence[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in fields]  # type: ignore[union-attr]


def bulk_insert(model: type[Model], fields: Sequence[str], rows: Iterable[Row]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [connection.ops.quote_name(c) for c in _columns(model, fields)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def bulk_update(
    model: type[Model], key: str, fields: Sequence[str], rows: Iterable[Row]
) -> None:
    """UPDATE by key; each row is the values of `fields` followed by the key."""
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(
        f"{connection.ops.quote_name(column)} = %s" for column in _columns(model, fields)
    )
    key_column = connection.ops.quote_name(_columns(model, [key])[0])
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE {key_column} = %s",  # noqa: S608
            rows,
        )
