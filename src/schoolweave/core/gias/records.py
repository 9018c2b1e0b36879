"""Where records sit in the file, for error messages.

Only used once something is wrong, so it favours exactness (quoted line breaks, ragged rows)
over speed: the fast path never calls it. The reader is as lenient as pyarrow's (a quote inside
an unquoted value is text), so both see the same records.
"""

import csv
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass

# A quote that never closes makes the rest of the file one value; let the reader hold it.
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Record:
    line: int  # physical line on which the record starts
    fields: list[str]


@dataclass
class BrokenRecord(Exception):
    """A record that is not valid CSV, such as a quoted value that never closes."""

    line: int  # where the broken record starts
    reason: str


def iter_records(text: str) -> Iterator[Record]:
    """Records after the header, with their starting lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        next(reader, None)
    except csv.Error as exc:
        raise BrokenRecord(1, str(exc)) from exc
    line = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BrokenRecord(line, str(exc)) from exc
        yield Record(line, fields)
        line = reader.line_num + 1


def line_of_record(text: str, index: int) -> int:
    """Physical line of the data record at 0-based `index`."""
    try:
        for position, record in enumerate(iter_records(text)):
            if position == index:
                return record.line
    except BrokenRecord as broken:
        return broken.line
    raise IndexError(index)


def last_record(text: str) -> Record | BrokenRecord | None:
    last: Record | None = None
    try:
        for record in iter_records(text):
            last = record
    except BrokenRecord as broken:
        return broken
    return last
