"""A CSV file's columns as Arrow text, and, when pyarrow refuses the file, the record that is
wrong, as a text editor shows it. Shared by the GIAS and the performance-data readers, each
raising its own error type (same fields: file, reason, line, column)."""

from collections.abc import Callable, Collection
from typing import TypeVar

import pyarrow as pa
import pyarrow.csv as pa_csv

from schoolweave.core.gias.records import BrokenRecord, iter_records
from schoolweave.core.gias.text import Source

E = TypeVar("E", bound=Exception)
ErrorType = Callable[[str, str, int | None, str | None], E]


def read_text_columns(
    source: Source, header: list[str], used: Collection[str], error: ErrorType[E]
) -> pa.Table:
    """The columns whose headers are in `used`, as text. Columns are named by position while
    reading, so a header repeated elsewhere in the file cannot confuse them."""
    names = [f"{index}:{name}" for index, name in enumerate(header)]
    include = [name for name, plain in zip(names, header, strict=True) if plain in used]
    # A file that is a header with no line end after it is a file with no rows, but pyarrow
    # cannot skip its header ("either file is too short or header is larger than block size").
    data = source.utf8 if source.utf8.endswith((b"\n", b"\r")) else source.utf8 + b"\n"
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                include_columns=include,
                column_types=dict.fromkeys(include, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise ragged_row(source, header, error) or error(
            str(source.path), f"the file cannot be read as CSV: {exc}", None, None
        ) from exc
    return table.rename_columns([name.split(":", 1)[1] for name in include])


def ragged_row(source: Source, header: list[str], error: ErrorType[E]) -> E | None:
    """The first record with more or fewer fields than the header, or that is not CSV."""
    path = str(source.path)
    try:
        for record in iter_records(source.text):
            found = len(record.fields)
            if found == len(header):
                continue
            if found > len(header):
                return error(
                    path,
                    f"the row has {found} fields but the header has {len(header)} columns",
                    record.line,
                    f"field {len(header) + 1}, after {header[-1]}",
                )
            return error(
                path,
                f"the row ends after {found} of {len(header)} fields: the file may be truncated",
                record.line,
                header[found],
            )
    except BrokenRecord as broken:
        return error(path, f"the row is not valid CSV: {broken.reason}", broken.line, None)
    return stray_quote(source, header, error)


STRAY_QUOTE = (
    "a quote inside a value that does not start with one: put the whole value in quotes and "
    'write each quote in it twice ("")'
)


HEADER_BREAK = "a column name has a line break in it: the header must be one line"


def stray_quote(source: Source, header: list[str], error: ErrorType[E]) -> E | None:
    """The first value with a quote in it, where every record has the header's number of
    fields: Python's csv takes a quote inside an unquoted value as text, pyarrow as the start of
    a quoted value, so only pyarrow sees the record's fields run on."""
    path = str(source.path)
    for index, name in enumerate(header):
        if '"' in name:
            return error(path, STRAY_QUOTE, 1, f"field {index + 1}, {name}")
        # pyarrow skips the header as one line, so a quoted line break in a name runs the
        # header into the rows.
        if "\n" in name or "\r" in name:
            return error(path, HEADER_BREAK, 1, f"field {index + 1}")
    for record in iter_records(source.text):
        for index, value in enumerate(record.fields):
            if '"' in value:
                return error(path, STRAY_QUOTE, record.line, header[index])
    return None
