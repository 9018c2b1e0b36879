"""Typed conversion of one GIAS column from its text, strictly: a bad value is an error.

pyarrow's strptime normalises impossible dates (31-02-2018 becomes 3 March), which always
changes the day of the month, so a date is real when its parsed day is the day written.
"""

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from schoolweave.core.gias.files import Column, Kind

_PATTERNS = {
    # At most 9 digits: GIAS's numbers (URN, UKPRN, pupils...) fit a 32-bit database column.
    Kind.INT: (r"^\d{1,9}$", "is not a whole number (at most 9 digits)"),
    Kind.DECIMAL: (r"^\d{1,9}(\.\d{1,9})?$", "is not a number"),
    Kind.DATE: (r"^\d{2}[-/]\d{2}[-/]\d{4}$", "is not a date in the form dd-mm-yyyy"),
    Kind.LA_CODE: (r"^\d{3}$", "is not a 3-digit local authority code"),
}
# DfE's symbols for a figure that is not available: not applicable, suppressed, unknown...
NOT_AVAILABLE = ("..", "SUPP", "x", "c", "z", "u", "NA", "N/A", "n/a")
_TYPES = {
    Kind.TEXT: pa.string(),
    Kind.CODE: pa.string(),
    Kind.INT: pa.int64(),
    Kind.DECIMAL: pa.float64(),
    Kind.DATE: pa.date32(),
    Kind.LA_CODE: pa.string(),
}


@dataclass
class InvalidValues(Exception):
    """Values in one column that cannot be read; `index` is the first bad row (0-based)."""

    index: int
    value: str
    reason: str
    count: int

    def describe(self) -> str:
        shown = repr(self.value) if self.value else "an empty value"
        more = f" (and {self.count - 1} more rows like it)" if self.count > 1 else ""
        return f"{shown} {self.reason}{more}"


def null_column(column: Column, length: int) -> pa.Array:
    return pa.nulls(length, _TYPES[column.kind])


def convert_column(column: Column, raw: pa.ChunkedArray) -> pa.ChunkedArray:
    text = pc.utf8_trim_whitespace(raw)
    present = pc.not_equal(text, "")
    if column.allows_not_available:
        not_available = pc.is_in(text, value_set=pa.array(NOT_AVAILABLE))
        present = pc.and_(present, pc.invert(not_available))
    if column.not_empty:
        _reject(raw, pc.invert(present), "is missing: every row needs one")
    if column.kind in _PATTERNS:
        pattern, reason = _PATTERNS[column.kind]
        _reject(raw, pc.and_(present, pc.invert(pc.match_substring_regex(text, pattern))), reason)
    values = pc.if_else(present, text, pa.scalar(None, pa.string()))
    if column.kind is Kind.DATE:
        return _dates(raw, values)
    if column.kind is Kind.CODE:
        return pc.replace_substring_regex(values, pattern=r"^0+(\d+)$", replacement=r"\1")
    return pc.cast(values, _TYPES[column.kind])


def _dates(raw: pa.ChunkedArray, values: pa.ChunkedArray) -> pa.ChunkedArray:
    dashed = pc.replace_substring(values, "/", "-")
    parsed = pc.strptime(dashed, format="%d-%m-%Y", unit="s", error_is_null=True)
    written_day = pc.cast(pc.utf8_slice_codeunits(dashed, 0, 2), pa.int64())
    impossible = pc.fill_null(pc.not_equal(pc.day(parsed), written_day), True)
    _reject(raw, pc.and_(pc.is_valid(values), impossible), "is not a real calendar date")
    return pc.cast(parsed, pa.date32())


def _reject(raw: pa.ChunkedArray, bad: pa.ChunkedArray, reason: str) -> None:
    count = pc.sum(bad).as_py() or 0
    if count:
        index = pc.indices_nonzero(bad)[0].as_py()
        raise InvalidValues(index, raw[index].as_py(), reason, count)
