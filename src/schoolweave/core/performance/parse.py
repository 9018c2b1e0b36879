"""Parse a performance file into tidy figures: one row per (school, year, measure).

Columnar throughout (pyarrow.csv, pyarrow.compute); a bad cell is located exactly (file, line,
column) only on the error path, as GIAS parsing does. Every cell is one of: empty (no figure),
one of DfE's symbols (a figure with a typed missing reason and no value, never a zero), or a
value of its column's type; anything else stops the import.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from schoolweave.core.gias.columns import read_text_columns
from schoolweave.core.gias.errors import GiasFileError
from schoolweave.core.gias.parse import check_quotes
from schoolweave.core.gias.records import line_of_record
from schoolweave.core.gias.text import Source, read_source
from schoolweave.core.performance.files import FORMATS, Column, Format, Kind, Value, identify
from schoolweave.core.performance.measures import BAND_BY_WORDS, OFSTED_BY_WORD
from schoolweave.core.performance.missing import MISSING_TEXTS, missing_reason

# Figures as stored: `area` is empty for a school, "la:NNN" for an LA row, "england" or
# "england:state-funded" for national rows.
FIGURE_SCHEMA = pa.schema(
    [
        ("urn", pa.int64()),
        ("area", pa.string()),
        ("year", pa.int64()),
        ("measure", pa.string()),
        ("value", pa.float64()),
        ("missing_reason", pa.string()),
        ("as_of", pa.date32()),
    ]
)
_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"
_COUNT = r"^\d{1,9}$"
_LA_CODE = r"^\d{3}$"
_SHOWN = 60  # characters of a bad value that an error message quotes
_DATE_PATTERNS = (
    (r"^\d{8}$", "%Y%m%d"),
    (r"^\d{2}/\d{2}/\d{4}$", "%d/%m/%Y"),
    (r"^\d{2}-\d{2}-\d{4}$", "%d-%m-%Y"),
    (r"^\d{4}-\d{2}-\d{2}$", "%Y-%m-%d"),
)
FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass(eq=False)
class PerformanceFileError(Exception):
    """A file that cannot be imported, with where the problem is (lines count from 1, the
    header being line 1, as a text editor shows them)."""

    file: str
    reason: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.reason}"


@dataclass(frozen=True)
class ParsedPerformance:
    path: Path
    sha256: str
    format: Format
    year: int | None
    rows: int  # data rows in the file
    school_rows: int
    area_rows: int
    figures: pa.Table  # FIGURE_SCHEMA

    @property
    def kind(self) -> Kind:
        return self.format.kind


def read_header(path: Path, *, encoding: str | None = None) -> tuple[Source, list[str]]:
    source = _read(path, encoding)
    try:
        header = next(csv.reader(io.StringIO(source.head, newline="")))
    except (csv.Error, StopIteration) as exc:
        raise PerformanceFileError(str(path), f"the header cannot be read: {exc}", 1) from exc
    return source, [name.strip().removeprefix("\ufeff") for name in header]


def detect_format(path: Path, header: list[str], kind: Kind | None) -> Format:
    """The file's format, from its header; with `kind`, the header must be of that kind."""
    found = identify(set(header))
    if found is None:
        wanted = [f for f in FORMATS if kind is None or f.kind is kind]
        known = "; ".join(f"{f.name}: {', '.join(sorted(f.signature))}" for f in wanted)
        raise PerformanceFileError(
            str(path),
            "the header is not one Schoolweave knows. Expected the columns of one of: " + known,
            line=1,
        )
    if kind is not None and found.kind is not kind:
        raise PerformanceFileError(
            str(path),
            f"--kind {kind.value} was given, but this looks like a {found.kind.label} "
            f"({found.name}), not a {kind.label}",
            line=1,
        )
    return found


def parse_performance(
    path: Path, *, year: int | None, kind: Kind | None = None, encoding: str | None = None
) -> ParsedPerformance:
    """Figures of a KS2, KS4, KS5, Ofsted or finance file. `year` is the calendar year in which
    the academic year ends (2018/19 is 2019); Ofsted rows dated by inspection take the academic
    year of their date instead."""
    source, header = read_header(path, encoding=encoding)
    fmt = detect_format(path, header, kind)
    if fmt.kind is Kind.LINKS:
        raise PerformanceFileError(str(path), "this is a links file: read it with parse_links")
    if year is None and fmt.date is None:
        raise PerformanceFileError(str(path), f"--year is needed for a {fmt.kind.label}")
    _check_year(year, str(path))
    table = read_strings(source, header, _used_headers(fmt, header))
    if table.num_rows == 0:
        raise PerformanceFileError(str(path), "the file has a header but no rows")
    reader = _Reader(source, fmt, table)
    if fmt.academic_year and fmt.academic_year in table.column_names:
        reader.check_academic_year(year)
    urns, areas = reader.row_identity()
    years = reader.row_years(year)
    parts = [
        reader.figures(column, urns, areas, years)
        for column in fmt.columns
        if column.header in table.column_names
    ]
    figures = pa.concat_tables(parts) if parts else FIGURE_SCHEMA.empty_table()
    figures = _deduplicate(figures, reader)
    is_school = pc.is_valid(urns)
    school_rows = int(pc.sum(is_school).as_py() or 0)
    return ParsedPerformance(
        path=path,
        sha256=source.sha256,
        format=fmt,
        year=year,
        rows=table.num_rows,
        school_rows=school_rows,
        area_rows=table.num_rows - school_rows,
        figures=figures,
    )


def _check_year(year: int | None, file: str) -> None:
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise PerformanceFileError(
            file,
            f"--year {year} is not a year: give the calendar year in which the academic year "
            "ends (2018/19 is 2019)",
        )


def _read(path: Path, encoding: str | None) -> Source:
    try:
        return read_source(path, encoding)
    except GiasFileError as exc:
        raise PerformanceFileError(exc.file, exc.reason, exc.line, exc.column) from None


def _used_headers(fmt: Format, header: list[str]) -> set[str]:
    used = {column.header for column in fmt.columns} | {fmt.urn}
    used |= {name for name in (fmt.record_type, fmt.la, fmt.academic_year, fmt.date) if name}
    return used & set(header)


def read_strings(source: Source, header: list[str], used: set[str]) -> pa.Table:
    """The used columns, as text, named by their headers."""
    duplicated = sorted({name for name in header if name in used and header.count(name) > 1})
    if duplicated:
        raise PerformanceFileError(
            str(source.path), "this header appears more than once", 1, duplicated[0]
        )
    try:
        check_quotes(source, header)  # pyarrow reads such a file without complaint
    except GiasFileError as exc:
        raise PerformanceFileError(exc.file, exc.reason, exc.line, exc.column) from None
    return read_text_columns(source, header, used, PerformanceFileError)


class _Reader:
    """One file's text columns, turned into typed figures; knows where each row is."""

    def __init__(self, source: Source, fmt: Format, table: pa.Table) -> None:
        self.source, self.format, self.table = source, fmt, table

    def error(self, index: int, column: str | None, reason: str) -> PerformanceFileError:
        line = line_of_record(self.source.text, index)
        return PerformanceFileError(str(self.source.path), reason, line=line, column=column)

    def text(self, header: str) -> pa.ChunkedArray:
        return pc.utf8_trim_whitespace(self.table[header])

    def reject(self, bad: pa.ChunkedArray, header: str, reason: str) -> None:
        count = int(pc.sum(bad).as_py() or 0)
        if count:
            index = pc.indices_nonzero(bad)[0].as_py()
            value = self.table[header][index].as_py()
            shown = repr(value) if value.strip() else "an empty value"
            if len(value) > _SHOWN:  # a whole damaged file may be one value
                shown = f"{value[:_SHOWN]!r}... ({len(value):,} characters)"
            more = f" (and {count - 1} more rows like it)" if count > 1 else ""
            raise self.error(index, header, f"{shown} {reason}{more}")

    def check_academic_year(self, year: int | None) -> None:
        header = self.format.academic_year
        assert header is not None
        text = self.text(header)
        if year is None:
            return
        given = pc.not_equal(text, "")
        # "2018" or "2017/18" / "2017-18" / "201718", as files write an academic year.
        ends = pc.replace_substring_regex(text, r"^(\d{4})[-/]?(\d{2})$", r"20\2")
        self.reject(
            pc.and_(given, pc.not_equal(ends, str(year))),
            header,
            f"is not the academic year ending in {year} that --year gives "
            "(--year is the calendar year in which the academic year ends)",
        )

    def row_identity(self) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
        """Each row's URN (null for LA and national rows) and area ("" for schools)."""
        fmt = self.format
        urn_text = self.text(fmt.urn)
        has_urn = pc.not_equal(urn_text, "")
        self.reject(
            pc.and_(has_urn, pc.invert(pc.match_substring_regex(urn_text, _COUNT))),
            fmt.urn,
            "is not a URN (a whole number)",
        )
        urns = pc.cast(pc.if_else(has_urn, urn_text, pa.scalar(None, pa.string())), pa.int64())
        if fmt.record_type is None and fmt.la is None:
            self.reject(pc.invert(has_urn), fmt.urn, "is missing: every row needs a URN")
            return urns, pa.chunked_array([pa.repeat("", self.table.num_rows)])
        la = (
            self.text(fmt.la)
            if fmt.la is not None and fmt.la in self.table.column_names
            else pa.chunked_array([pa.repeat("", self.table.num_rows)])
        )
        if fmt.la is not None and fmt.la in self.table.column_names:
            self.reject(
                pc.and_(pc.not_equal(la, ""), pc.invert(pc.match_substring_regex(la, _LA_CODE))),
                fmt.la,
                "is not an LA code (3 digits)",
            )
        national = self._national_areas()
        areas = pc.if_else(
            has_urn,
            "",
            pc.if_else(pc.not_equal(la, ""), pc.binary_join_element_wise("la:", la, ""), national),
        )
        return urns, areas

    def _national_areas(self) -> pa.ChunkedArray:
        """National rows: with two of them, DfE lists all schools first (a lower RECTYPE) and
        state-funded schools second."""
        fmt = self.format
        length = self.table.num_rows
        if fmt.record_type is None or fmt.record_type not in self.table.column_names:
            return pa.chunked_array([pa.repeat("england", length)])
        rectype = self.text(fmt.record_type)
        urns, la = (
            self.text(fmt.urn),
            (self.text(fmt.la) if fmt.la and fmt.la in self.table.column_names else None),
        )
        no_id = pc.equal(urns, "")
        if la is not None:
            no_id = pc.and_(no_id, pc.equal(la, ""))
        codes = sorted(set(pc.filter(rectype, no_id).to_pylist()), key=_rectype_order)
        names = dict.fromkeys(codes, "england")
        if len(codes) >= 2:
            names[codes[-1]] = "england:state-funded"
        mapped = pc.take(
            pa.array([names.get(code, "england") for code in codes] or ["england"]),
            pc.fill_null(pc.index_in(rectype, value_set=pa.array(codes or [""])), 0),
        )
        return pa.chunked_array([mapped]) if isinstance(mapped, pa.Array) else mapped

    def row_years(self, year: int | None) -> pa.ChunkedArray:
        """Each row's academic year: --year, or for dated rows the year of their date."""
        length = self.table.num_rows
        fixed = pa.chunked_array([pa.repeat(pa.scalar(year, pa.int64()), length)])
        if self.format.date is None or self.format.date not in self.table.column_names:
            if year is None:
                raise PerformanceFileError(str(self.source.path), "--year is needed")
            self.as_of = pa.chunked_array([pa.nulls(length, pa.date32())])
            return fixed
        dates = self.dates(self.format.date)
        self.as_of = dates
        # The academic year runs September to August: a date from September counts to the next.
        academic = pc.add(pc.year(dates), pc.cast(pc.greater_equal(pc.month(dates), 9), pa.int64()))
        years = pc.coalesce(academic, fixed)
        missing = pc.is_null(years)
        self.reject(missing, self.format.date, "has no date, and no --year was given")
        return years

    def dates(self, header: str) -> pa.ChunkedArray:
        text = self.text(header)
        parsed = pa.chunked_array([pa.nulls(len(text), pa.timestamp("s"))])
        known = pa.chunked_array([pa.repeat(False, len(text))])
        for pattern, fmt in _DATE_PATTERNS:
            matches = pc.match_substring_regex(text, pattern)
            attempt = pc.strptime(
                pc.if_else(matches, text, pa.scalar(None, pa.string())),
                format=fmt,
                unit="s",
                error_is_null=True,
            )
            # pyarrow rolls 31-02 into March: a real date reads back as written.
            real = pc.equal(pc.strftime(attempt, format=fmt), text)
            parsed = pc.if_else(pc.fill_null(real, False), attempt, parsed)
            known = pc.or_(known, pc.fill_null(real, False))
        given = pc.not_equal(text, "")
        self.reject(
            pc.and_(given, pc.invert(known)),
            header,
            "is not a date (yyyymmdd, dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd)",
        )
        return pc.cast(parsed, pa.date32())

    def figures(
        self,
        column: Column,
        urns: pa.ChunkedArray,
        areas: pa.ChunkedArray,
        years: pa.ChunkedArray,
    ) -> pa.Table:
        text = self.text(column.header)
        reasons = _reasons(text)
        is_reason = pc.is_valid(reasons)
        candidate = pc.and_(pc.not_equal(text, ""), pc.invert(is_reason))
        values = self._values(column, text, candidate)
        keep = pc.or_(is_reason, pc.and_(candidate, pc.is_valid(values)))
        length = len(text)
        table = pa.table(
            {
                "urn": urns,
                "area": areas,
                "year": years,
                "measure": pa.chunked_array([pa.repeat(column.measure, length)]),
                "value": pc.if_else(candidate, values, pa.scalar(None, pa.float64())),
                "missing_reason": reasons,
                "as_of": self.as_of,
            }
        )
        return table.filter(keep).cast(FIGURE_SCHEMA)

    def _values(
        self, column: Column, text: pa.ChunkedArray, candidate: pa.ChunkedArray
    ) -> pa.ChunkedArray:
        kind = column.value
        if kind in (Value.BAND, Value.RATING):
            words = BAND_BY_WORDS if kind is Value.BAND else OFSTED_BY_WORD
            top = 5 if kind is Value.BAND else 4
            lowered = pc.utf8_lower(text)
            by_word = pc.take(
                pa.array(list(words.values()), pa.float64()),
                pc.index_in(lowered, value_set=pa.array(list(words))),
            )
            digit = pc.match_substring_regex(text, rf"^[1-{top}]$")
            by_digit = pc.cast(pc.if_else(digit, text, pa.scalar(None, pa.string())), pa.float64())
            values = pc.coalesce(by_word, by_digit)
            what = "a progress band (1 to 5)" if kind is Value.BAND else "an Ofsted rating"
            self.reject(pc.and_(candidate, pc.is_null(values)), column.header, f"is not {what}")
            return values
        if kind is Value.PERCENT:
            text = pc.replace_substring_regex(text, r"\s*%$", "")
        pattern = _COUNT if kind is Value.COUNT else _NUMBER
        good = pc.match_substring_regex(text, pattern)
        symbols = ", ".join(sorted({s for s in MISSING_TEXTS if s.strip()}))
        self.reject(
            pc.and_(candidate, pc.invert(good)),
            column.header,
            f"is not {'a whole number' if kind is Value.COUNT else 'a number'}, nor one of "
            f"DfE's symbols for a missing figure ({symbols})",
        )
        values = pc.cast(pc.if_else(good, text, pa.scalar(None, pa.string())), pa.float64())
        if kind is Value.PERCENT:
            self.reject(
                pc.and_(candidate, pc.greater(pc.abs(values), 100)),
                column.header,
                "is not a percentage (0 to 100)",
            )
        return values


def _reasons(text: pa.ChunkedArray) -> pa.ChunkedArray:
    codes = [code for code in MISSING_TEXTS if missing_reason(code) is not None]
    canonical = [str(missing_reason(code)) for code in codes]
    return pc.take(pa.array(canonical), pc.index_in(text, value_set=pa.array(codes)))


def _rectype_order(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**9, code)


def _deduplicate(figures: pa.Table, reader: _Reader) -> pa.Table:
    """One figure per school (or area), year and measure. Dated rows (Ofsted inspections) keep
    the latest date of an academic year; otherwise a repeated URN is an error."""
    if figures.num_rows == 0:
        return figures
    keys = ["urn", "area", "year", "measure"]
    if reader.format.date is not None:
        order = figures.sort_by([*((k, "ascending") for k in keys), ("as_of", "descending")])
        first = _first_of_groups(order, keys)
        return order.take(first)
    schools = figures.filter(pc.is_valid(figures["urn"]))
    counts = schools.group_by(["urn", "measure"]).aggregate([("year", "count")])
    repeated = counts.filter(pc.greater(counts["year_count"], 1))
    if repeated.num_rows:
        urn = repeated["urn"][0].as_py()
        urn_text = reader.text(reader.format.urn)
        rows = pc.indices_nonzero(pc.equal(urn_text, str(urn))).to_pylist()
        first_line = line_of_record(reader.source.text, rows[0])
        raise reader.error(
            rows[1], reader.format.urn, f"URN {urn} appears twice: also on line {first_line}"
        )
    return figures


def _first_of_groups(table: pa.Table, keys: list[str]) -> pa.Array:
    """Indices of the first row of each run of equal keys in a sorted table."""
    if table.num_rows == 0:
        return pa.array([], pa.int64())
    changed = None
    for key in keys:
        column = pc.fill_null(pc.cast(table[key], pa.string()), "\x00")
        values = column.combine_chunks()
        differs = pc.not_equal(values.slice(1), values.slice(0, len(values) - 1))
        changed = differs if changed is None else pc.or_(changed, differs)
    assert changed is not None
    starts = pa.concat_arrays([pa.array([True]), changed])
    return pc.indices_nonzero(starts)


_YEAR_IN_NAME = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def year_in_file_name(path: Path) -> int | None:
    """A year the file's name carries (england_ks2final_2019.csv: 2019), for hints only."""
    found = _YEAR_IN_NAME.findall(path.stem)
    match = _YEAR_IN_NAME.search(path.stem)
    return int(match.group(0)) if match and len(found) == 1 else None


def academic_year_of(day: date) -> int:
    return day.year + (1 if day.month >= 9 else 0)
