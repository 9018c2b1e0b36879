"""Hypothesis strategies for malformed files, each derived from a real valid one (seeds.py).

Three layers, as files go wrong in life:
- bytes: truncation, flipped bytes, invalid UTF-8, byte-order marks, NULs, lost line endings;
- CSV or sheet cells: columns dropped, repeated, renamed or shuffled, extra delimiters, unclosed
  quotes, wrong types in number, date and URN cells, huge values, no rows, blank lines;
- the whole file: empty, another importer's file, and for XLSX a corrupted zip (a part
  missing, truncated or replaced) or typed cells that the sheet does not expect.
A case applies one to three of them in turn, and says in its description what it did.
"""

import codecs
import csv
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from hypothesis import strategies as st

from tests.fuzz.seeds import Seed, text_encoding


class Case:
    """A malformed file to import: its name, bytes, the command's other arguments and what was
    done to the seed (hypothesis prints this, not the bytes, when a case fails)."""

    def __init__(
        self, name: str, data: bytes, args: tuple[str, ...], steps: tuple[str, ...]
    ) -> None:
        self.name, self.data, self.args, self.steps = name, data, args, steps

    def __repr__(self) -> str:
        return f"Case({self.name!r}, {len(self.data)} bytes, args={self.args}, {self.steps})"


# Cells that are wrong for a number, a date, a URN, a year or an amount, and some that are
# wrong for anything: what people type, what programs write, and what breaks parsers.
BAD_VALUES = (
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "99999999999999999999999999",
    "-9223372036854775809",
    "9223372036854775808",
    "2147483648",
    "\uff11\uff12\uff13\uff14\uff15\uff16",  # full-width digits
    "1,000",
    "£50,000.00",
    "50000.001",
    "2019-02-30",
    "31/13/2019",
    "0000-00-00",
    "9999-12-31",
    "2019",
    "2019-20",
    "2024-26",
    "00-01-1900",
    "=SUM(A1:A2)",
    "#REF!",
    "TRUE",
    "NULL",
    "None",
    "x" * 5_000,
    "\u202e\u0000",
    "\U0001f3eb school",
    "'; DROP TABLE register_school; --",
    '"',
    "\r",
    "a\nb",
)
KEY_COLUMN = re.compile(r"urn|date|year|amount|joined|left|la|kind|role|status|code", re.I)
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "utf-16")


# Bytes ---------------------------------------------------------------------------------------


def _position(draw: st.DrawFn, size: int) -> int:
    """A position in `size` bytes, drawn as a fraction of the size: a workbook's size may differ
    between two runs of the same case (openpyxl stamps the time), the drawing must not."""
    return draw(st.integers(0, 1 << 16)) * max(size - 1, 0) >> 16


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> tuple[bytes, str]:
    size = len(data)
    where = _position(draw, size)
    kind = draw(
        st.sampled_from(
            (
                "truncate",
                "flip",
                "invalid-utf8",
                "nul",
                "bom",
                "delete",
                "duplicate",
                "line-endings",
                "utf-16",
            )
        )
    )
    if kind == "truncate":
        return data[:where], f"truncated at byte {where}"
    if kind == "flip":
        flips = [
            (_position(draw, size), draw(st.binary(min_size=1, max_size=1)))
            for _ in range(draw(st.integers(1, 8)))
        ]
        mutable = bytearray(data)
        for position, byte in flips:
            if position < size:
                mutable[position] = byte[0]
        return bytes(mutable), f"bytes replaced at {[p for p, _ in flips]}"
    if kind == "invalid-utf8":
        bad = draw(st.sampled_from((b"\xff", b"\xc3\x28", b"\x80", b"\xed\xa0\x80", b"\xf8\x88")))
        return data[:where] + bad + data[where:], f"invalid UTF-8 {bad!r} at {where}"
    if kind == "nul":
        count = draw(st.integers(1, 4))
        return data[:where] + b"\x00" * count + data[where:], f"{count} NULs at {where}"
    if kind == "bom":
        bom = draw(st.sampled_from((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)))
        twice = draw(st.booleans())
        return bom * (1 + twice) + data, f"byte-order mark {bom!r} x{1 + twice}"
    if kind == "delete":
        length = draw(st.integers(1, 200))
        return data[:where] + data[where + length :], f"{length} bytes deleted at {where}"
    if kind == "duplicate":
        length = draw(st.integers(1, 200))
        return data[:where] + data[where : where + length] * 2 + data[where + length :], (
            f"{length} bytes repeated at {where}"
        )
    if kind == "line-endings":
        ending = draw(st.sampled_from((b"\r", b"\n", b"\r\n", b"")))
        return re.sub(rb"\r\n|\r|\n", ending, data), f"line endings as {ending!r}"
    # Re-encoded as "Unicode text", with or without its byte-order mark.
    text = data.decode(text_encoding(data), errors="replace")
    codec = draw(st.sampled_from(("utf-16", "utf-16-le", "utf-16-be")))
    return text.encode(codec), f"re-encoded as {codec}"


# Cells ---------------------------------------------------------------------------------------


Grid = list[list[str]]


def read_grid(seed_or_data: Seed | bytes) -> tuple[Grid, str]:
    data = seed_or_data.data if isinstance(seed_or_data, Seed) else seed_or_data
    encoding = text_encoding(data)
    text = data.decode(encoding, errors="replace")
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))], encoding


@st.composite
def grid_mutation(draw: st.DrawFn, grid: Grid) -> tuple[Grid, str]:
    grid = [list(row) for row in grid]
    header = grid[0] if grid else []
    width = max(len(header), 1)
    rows = len(grid)
    column = draw(st.integers(0, width - 1))
    keys = [i for i, name in enumerate(header) if KEY_COLUMN.search(name)]
    kind = draw(
        st.sampled_from(
            (
                "drop-column",
                "duplicate-column",
                "rename-column",
                "shuffle-columns",
                "bad-cell",
                "bad-cell",
                "bad-key-cell",
                "bad-key-cell",
                "huge-cell",
                "extra-field",
                "missing-field",
                "header-only",
                "drop-header",
                "duplicate-row",
                "blank-rows",
                "swap-rows",
            )
        )
    )
    if kind == "drop-column":
        return [row[:column] + row[column + 1 :] for row in grid], f"column {column} dropped"
    if kind == "duplicate-column":
        return [row[: column + 1] + row[column:] for row in grid], f"column {column} repeated"
    if kind == "rename-column" and header:
        name = draw(
            st.sampled_from(
                ("", " ", header[column].upper(), header[column] + " ", "URN", "urn", "network")
            )
            | st.text(max_size=20)
        )
        grid[0][column] = name
        return grid, f"column {column} renamed {name!r}"
    if kind == "shuffle-columns":
        order = draw(st.permutations(range(width)))
        return [[row[i] for i in order if i < len(row)] for row in grid], "columns shuffled"
    if kind in ("bad-cell", "bad-key-cell", "huge-cell") and rows > 1:
        row = draw(st.integers(1, rows - 1))
        if kind == "bad-key-cell" and keys:
            column = draw(st.sampled_from(keys))
        value = (
            draw(st.sampled_from(("9" * 200_000, "a" * 200_000, "1" + "0" * 400)))[:200_000]
            if kind == "huge-cell"
            else draw(st.sampled_from(BAD_VALUES) | st.text(max_size=30))
        )
        if column < len(grid[row]):
            grid[row][column] = value
        return grid, f"row {row} column {column} set to {value[:40]!r} ({len(value)} chars)"
    if kind == "extra-field" and rows > 1:
        row = draw(st.integers(0, rows - 1))
        extra = draw(st.integers(1, 3))
        grid[row] += [""] * extra
        return grid, f"row {row}: {extra} extra fields"
    if kind == "missing-field" and rows > 1:
        row = draw(st.integers(1, rows - 1))
        grid[row] = grid[row][:column]
        return grid, f"row {row} cut to {column} fields"
    if kind == "header-only":
        return grid[:1], "header only"
    if kind == "drop-header":
        return grid[1:], "header dropped"
    if kind == "duplicate-row" and rows > 1:
        row = draw(st.integers(1, rows - 1))
        return [*grid, grid[row]], f"row {row} repeated at the end"
    if kind == "blank-rows":
        where = draw(st.integers(0, rows))
        return grid[:where] + [[]] * 3 + grid[where:], f"blank rows at {where}"
    if rows > 2:
        first, second = draw(st.permutations(range(rows)))[:2]
        grid[first], grid[second] = grid[second], grid[first]
        return grid, f"rows {first} and {second} swapped"
    return grid, "unchanged"


def write_csv(
    grid: Grid, encoding: str, delimiter: str = ",", quoting: int = csv.QUOTE_MINIMAL
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerows(grid)
    text = buffer.getvalue()
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:  # a generated character Windows-1252 cannot hold
        return text.encode("utf-8")


@st.composite
def csv_text_mutation(draw: st.DrawFn, data: bytes) -> tuple[bytes, str]:
    """Mistakes in the CSV syntax itself: an unclosed quote, a stray delimiter, a row written
    with another delimiter."""
    lines = data.split(b"\n")
    line = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(("unclosed-quote", "extra-delimiter", "semicolons", "tabs")))
    text = lines[line]
    if kind == "unclosed-quote":
        fields = text.split(b",")
        field = draw(st.integers(0, len(fields) - 1))
        fields[field] = b'"' + fields[field].lstrip(b'"')
        lines[line] = b",".join(fields)
        return b"\n".join(lines), f"line {line + 1} field {field}: a quote that never closes"
    if kind == "extra-delimiter":
        at = draw(st.integers(0, len(text)))
        lines[line] = text[:at] + b"," + text[at:]
        return b"\n".join(lines), f"line {line + 1}: a comma inserted at {at}"
    separator = b";" if kind == "semicolons" else b"\t"
    lines[line] = text.replace(b",", separator)
    return b"\n".join(lines), f"line {line + 1} separated by {separator!r}"


# Workbooks -----------------------------------------------------------------------------------


def write_xlsx(grid: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "networks"
    for row in grid:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_grid(data: bytes) -> list[list[object]] | None:
    """A workbook's cells, or None if an earlier step has already broken it."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        sheet = workbook.active
        assert sheet is not None
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception:  # whatever a damaged workbook raises: this case then breaks its bytes
        return None
    return grid if grid and grid[0] else None


# Typed cells an XLSX sheet may hold where the importer expects something else.
BAD_TYPED = (
    datetime(2019, 2, 28, 13, 30),
    date(1900, 1, 1),
    1.5,
    -1,
    10**30,
    float("inf"),
    True,
    "=1/0",
    "=A1",
    "#N/A",
    None,
)


Members = list[tuple[zipfile.ZipInfo, bytes]]


def zip_members(data: bytes) -> Members | None:
    """The parts of a workbook, or None if an earlier step has already broken the zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            return [(info, source.read(info)) for info in source.infolist()] or None
    except Exception:  # whatever a damaged zip raises: this case then breaks its bytes
        return None


@st.composite
def zip_mutation(draw: st.DrawFn, members: Members) -> tuple[bytes, str]:
    target = draw(st.integers(0, len(members) - 1))
    kind = draw(st.sampled_from(("drop", "truncate", "garbage", "not-xml", "bomb")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for index, (info, content) in enumerate(members):
            if index == target:
                if kind == "drop":
                    continue
                if kind == "truncate":
                    content = content[: len(content) // 2]
                elif kind == "garbage":
                    content = draw(st.binary(max_size=200))
                elif kind == "not-xml":
                    content = b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>"
                else:  # a part that inflates far beyond its size
                    content = b"<x>" + b" " * 5_000_000 + b"</x>"
            out.writestr(zipfile.ZipInfo(info.filename, date_time=info.date_time), content)
    return buffer.getvalue(), f"zip member {members[target][0].filename}: {kind}"


@st.composite
def typed_cell_mutation(draw: st.DrawFn, grid: list[list[object]]) -> tuple[bytes, str]:
    row = draw(st.integers(1, max(len(grid) - 1, 1)))
    column = draw(st.integers(0, max(len(grid[0]) - 1, 0)))
    value = draw(st.sampled_from(BAD_TYPED))
    if row < len(grid) and column < len(grid[row]):
        grid[row][column] = value
    return write_xlsx(grid), f"cell ({row}, {column}) set to {value!r}"


# Cases ---------------------------------------------------------------------------------------


def _is_xlsx(name: str) -> bool:
    return Path(name).suffix.lower() == ".xlsx"


@st.composite
def _step(draw: st.DrawFn, name: str, data: bytes) -> tuple[bytes, str]:
    layer = draw(st.sampled_from(("bytes", "cells", "cells", "syntax")))
    if layer == "bytes" or not data:
        return draw(byte_mutation(data))
    if _is_xlsx(name):
        members = zip_members(data) if layer == "syntax" else None
        if members is not None:
            return draw(zip_mutation(members))
        grid = xlsx_grid(data) if layer == "cells" else None
        if grid is not None:
            return draw(typed_cell_mutation(grid))
        return draw(byte_mutation(data))
    if layer == "syntax":
        return draw(csv_text_mutation(data))
    grid, encoding = read_grid(data)
    mutated, step = draw(grid_mutation(grid))
    delimiter = draw(st.sampled_from((",", ",", ",", ";", "\t")))
    quoting = draw(st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)))
    if delimiter != ",":
        step += f", written with {delimiter!r}"
    return write_csv(mutated, encoding, delimiter, quoting), step


@st.composite
def malformed(draw: st.DrawFn, seeds: tuple[Seed, ...], strangers: tuple[Seed, ...]) -> Case:
    """A file broken from one of `seeds`, or now and then an empty file or another importer's
    file (one of `strangers`) under this importer's name."""
    seed = draw(st.sampled_from(seeds))
    whole = draw(st.sampled_from(("mutate",) * 8 + ("empty", "stranger")))
    if whole == "empty":
        data = draw(st.sampled_from((b"", b" \r\n", b"\xef\xbb\xbf", b"\n\n\n", b",,,\r\n")))
        return Case(seed.name, data, seed.args, (f"empty: {data!r}",))
    if whole == "stranger":
        other = draw(st.sampled_from(strangers))
        name = draw(st.sampled_from((seed.name, other.name)))
        return Case(name, other.data, seed.args, (f"another importer's file, {other.name}",))
    data, steps = seed.data, []
    for _ in range(draw(st.integers(1, 3))):
        data, step = draw(_step(seed.name, data))
        steps.append(step)
    return Case(seed.name, data, seed.args, tuple(steps))
