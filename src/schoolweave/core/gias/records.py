"""Where records sit in the file, for error messages.

Only used once something is wrong, so it favours exactness (quoted line breaks, ragged rows)
over speed: the fast path never calls it.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    line: int  # physical line on which the record starts
    fields: list[str]


def iter_records(text: str) -> Iterator[Record]:
    """Records after the header, with their starting lines; csv.Error propagates."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next(reader, None)
    line = reader.line_num + 1
    for fields in reader:
        yield Record(line, fields)
        line = reader.line_num + 1


def line_of_record(text: str, index: int) -> int:
    """Physical line of the data record at 0-based `index`."""
    for position, record in enumerate(iter_records(text)):
        if position == index:
            return record.line
    raise IndexError(index)
