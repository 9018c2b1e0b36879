"""Builders of GIAS-layout test files: real headers, edited rows."""

import csv
import io
from pathlib import Path

from tests.paths import GIAS_DATA

VALID = GIAS_DATA / "establishments_valid.csv"


def read_rows(path: Path = VALID) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write_rows(
    path: Path, header: list[str], rows: list[list[str]], *, encoding: str = "cp1252"
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([header, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def edited(path: Path, row: int, cells: dict[str, str]) -> Path:
    """The valid file with cells of one row changed; `row` counts data rows from 0, so it is on
    file line row + 2."""
    header, rows = read_rows()
    for column, value in cells.items():
        rows[row][header.index(column)] = value
    return write_rows(path, header, rows)
