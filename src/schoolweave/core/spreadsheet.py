"""CSV that is safe to open in a spreadsheet.

Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ (or a tab or carriage
return, which they strip first) as a formula: OWASP's "CSV injection". Such text cells get a
leading apostrophe, which spreadsheets show as text. Numbers are left alone, so a longitude of
-2.01 stays a number.
"""

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def write_csv(stream: Writable, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    # RFC 4180 line ends: with "\n" alone, a value holding a bare "\r" would go unquoted.
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(spreadsheet_safe(_cell(row[column])) for column in columns)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
