"""Bugs the fuzz run found, kept as ordinary tests in the default run."""

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from schoolweave.core.networks.sheet import NAME_LENGTH
from schoolweave.networks.models import Membership, Network
from schoolweave.networks.sheet_import import NOT_A_WORKBOOK
from schoolweave.resources.models import Allocation
from tests.fuzz.database import fingerprint
from tests.fuzz.mutations import write_csv
from tests.fuzz.seeds import (
    FUNDING_SHEETS,
    GIAS_ESTABLISHMENTS,
    NETWORK_SHEETS,
    PERFORMANCE,
    Seed,
)

pytestmark = pytest.mark.django_db

WORKBOOK = NETWORK_SHEETS[1].data  # the demo's membership sheet, saved as XLSX


def _with_part(name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one of its parts changed."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(WORKBOOK)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            content = source.read(info)
            out.writestr(info, change(content) if info.filename == name else content)
    return buffer.getvalue()


def _bad_deflate(data: bytes) -> bytes:
    """The workbook with the compressed bytes of its sheet damaged, its zip directory intact."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(data)
    damaged[start : start + 8] = b"\xff" * 8
    return bytes(damaged)


DAMAGED = {
    # openpyxl parses docProps/core.xml when it opens the file: xml ParseError
    "properties-not-xml": _with_part("docProps/core.xml", lambda _: b"\x00not xml"),
    # the sheet is read lazily, row by row, after opening: ParseError while reading rows
    "sheet-truncated": _with_part("xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2]),
    # a deflate stream that does not inflate: zlib.error
    "sheet-bad-deflate": _bad_deflate(WORKBOOK),
}


@pytest.mark.parametrize("command", ["import-networks", "import-funding"])
@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_a_damaged_workbook_is_refused_with_a_clear_error(
    tmp_path: Path, command: str, damage: str
) -> None:
    """Found by the fuzz run: these raised ParseError or zlib.error, with a traceback."""
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(DAMAGED[damage])

    with pytest.raises(CommandError) as raised:
        call_command(command, str(path))

    assert str(raised.value).startswith(f"{path}: {NOT_A_WORKBOOK}; nothing was imported")
    assert not Network.objects.exists()
    assert not Membership.objects.exists()
    assert not Allocation.objects.exists()


# Integers no id or URN can be: past PostgreSQL's integer, and past SQLite's 64-bit integer.
HUGE = [2**31, 2**63, -(2**63) - 1]
API_PATHS = [
    "/api/memberships?network={n}",
    "/api/memberships?urn={n}",
    "/api/las?offset={n}",
    "/api/schools?offset={n}",
    "/api/groups?offset={n}",
    "/api/networks?offset={n}",
    "/api/memberships?offset={n}",
    "/api/schools/{n}",
    "/api/groups/{n}",
    "/api/networks/{n}",
]


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("path", API_PATHS)
def test_an_integer_too_large_for_the_database_is_not_a_server_error(
    client: Client, path: str, number: int
) -> None:
    """Found by schemathesis: /api/memberships?network=<a 20-digit number> was a 500
    (OverflowError from SQLite)."""
    response = client.get(path.format(n=number))
    assert response.status_code in (200, 404, 422), response.content


HEADER_ONLY_FILES = [
    ("import-gias", GIAS_ESTABLISHMENTS[0]),
    ("import-performance", PERFORMANCE[0]),  # KS2 2019, --year 2019
    ("import-performance", PERFORMANCE[7]),  # Ofsted ratings
    ("import-performance", PERFORMANCE[9]),  # GIAS establishment links
]


@pytest.mark.parametrize(
    ("command", "seed"), HEADER_ONLY_FILES, ids=lambda v: getattr(v, "name", v)
)
def test_a_header_with_no_line_end_is_a_file_with_no_rows(
    tmp_path: Path, command: str, seed: Seed
) -> None:
    """Found by the fuzz run: a file that is only its header, with no line end after it, was
    refused with pyarrow's words ("Could not skip initial 1 rows from CSV file, either file is
    too short or header is larger than block size") instead of saying it has no rows."""
    path = tmp_path / seed.name
    path.write_bytes(seed.data.splitlines()[0])

    with pytest.raises(CommandError) as raised:
        call_command(command, str(path), *seed.args)

    assert str(raised.value).startswith(f"{path}: the file has a header but no rows")
    assert str(raised.value).endswith("Nothing was imported.")


def _edited(seed: Seed, row: int, cells: dict[str, str]) -> bytes:
    """The seed with cells of one data row (counted from 1) changed."""
    grid = list(csv.reader(io.StringIO(seed.data.decode(seed.encoding), newline="")))
    for column, value in cells.items():
        grid[row][grid[0].index(column)] = value
    return write_csv(grid, seed.encoding)


NETWORKS_CSV, FUNDING_CSV = NETWORK_SHEETS[0], FUNDING_SHEETS[0]
KS5_2017, LINKS = PERFORMANCE[5], PERFORMANCE[9]
# (what, command, seed, the cells of data row 1 to change, the start of the error)
TOO_LONG = [
    # raised PostgreSQL's "value too long for type character varying(200)" (SQLite kept it)
    ("gias-name", "import-gias", GIAS_ESTABLISHMENTS[0], {"EstablishmentName": "x" * 201},
     "line 2, column 'EstablishmentName': the value has 201 characters, more than the 200"),
    ("gias-postcode", "import-gias", GIAS_ESTABLISHMENTS[0], {"Postcode": "B69 4LN" * 3},
     "line 2, column 'Postcode': the value has 21 characters, more than the 10"),
    ("links-type", "import-performance", LINKS, {"LinkType": "Successor " * 20},
     "line 2, column 'LinkType': 'Successor Successor"),
    ("links-name", "import-performance", LINKS, {"LinkName": "x" * 201},
     "line 2, column 'LinkName': 'xxx"),
    ("ks5-lea", "import-performance", KS5_2017, {"LEA": "3333"},
     "line 2, column 'LEA': '3333' is not an LA code (3 digits)"),
    # "the register refused a change ({'name': ['Ensure this value has at most 200
    # characters...']})", with no row; past 50,000 characters, SQLite's "LIKE or GLOB pattern
    # too complex"
    ("network-name", "import-networks", NETWORKS_CSV, {"network": "x" * 60_000},
     "row 2, column network: the name has 60,000 characters; at most 200"),
    # ValueError: Exceeds the limit (4300 digits) for integer string conversion
    ("network-urn", "import-networks", NETWORKS_CSV, {"urn": "9" * 5_000},
     "row 2, column urn: '999"),
    ("funding-urn", "import-funding", FUNDING_CSV, {"fund_holder_urn": "9" * 5_000},
     "row 2, column fund_holder_urn: '999"),
    ("funding-amount", "import-funding", FUNDING_CSV, {"amount_gbp": "9" * 5_000},
     "row 2, column amount_gbp: '999"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "seed", "cells", "error"),
    [case[1:] for case in TOO_LONG],
    ids=[case[0] for case in TOO_LONG],
)
def test_a_value_too_long_or_large_is_a_located_error(
    demo: None, tmp_path: Path, command: str, seed: Seed, cells: dict[str, str], error: str
) -> None:
    """Found by the fuzz run (and tests/fuzz/test_every_column.py on PostgreSQL): these were
    tracebacks, or on SQLite kept whole, or refused without saying where."""
    path = tmp_path / seed.name
    path.write_bytes(_edited(seed, 1, cells))
    options = ["--no-similar"] if command == "import-performance" else []
    before = fingerprint()

    with pytest.raises(CommandError) as raised:
        call_command(command, str(path), *seed.args, *options)

    assert f"{path}" in str(raised.value)
    assert error in str(raised.value)
    assert fingerprint() == before


def test_the_sheet_keeps_network_names_as_the_register_does() -> None:
    assert Network._meta.get_field("name").max_length == NAME_LENGTH


@pytest.mark.parametrize(
    "path",
    [
        "/api/groups?q=%C2%B2",  # "²", a digit to str.isdigit() that int() refuses
        "/api/schools?q=%C2%B2",
        "/api/networks?school=%C2%B2",
        "/api/networks?q=%C2%B2",
    ],
)
def test_a_digit_that_is_not_a_number_is_not_a_server_error(client: Client, path: str) -> None:
    """Found by schemathesis: /api/groups?q=² was a 500 (ValueError from int())."""
    assert client.get(path).status_code == 200


FINANCE = PERFORMANCE[8]
FINANCE_HEADER = b"URN,Income,Expenditure,Balance,Academic Year"
QUOTES = [
    # pyarrow and Python's csv read a quote inside an unquoted value differently, so neither
    # the exact scan nor pyarrow said where: "the file cannot be read as CSV: CSV parse error:
    # Expected 6 columns, got 5: ..."
    (
        b'URN,Income,Expenditure,Balance,Acad","emic Year',
        "line 1, column 'field 5, Acad\"': a quote inside a value that does not start with one",
    ),
    # an unclosed quote, which the GIAS reader found and the performance reader did not
    (
        FINANCE_HEADER + b',"',
        "line 1: a quoted value starts here and is never closed",
    ),
]


@pytest.mark.parametrize(("header", "error"), QUOTES)
def test_a_stray_quote_in_a_performance_file_is_located(
    tmp_path: Path, header: bytes, error: str
) -> None:
    path = tmp_path / FINANCE.name
    path.write_bytes(FINANCE.data.replace(FINANCE_HEADER, header, 1))

    with pytest.raises(CommandError) as raised:
        call_command("import-performance", str(path), *FINANCE.args, "--no-similar")

    assert str(raised.value).startswith(f"{path}, {error}")


def test_a_line_break_in_a_column_name_is_located(tmp_path: Path) -> None:
    """Found by the fuzz run: a quoted line break in a column name the reader does not use. pyarrow
    skipped one line as the header and read the rest of it as a row of too few fields ("Expected
    23 columns, got 22"), unlocated."""
    ks2 = PERFORMANCE[0]
    path = tmp_path / ks2.name
    path.write_bytes(ks2.data.replace(b"RECTYPE,URN,SCHNAME,", b'RECTYPE,URN,"SCH\nNAME",', 1))

    with pytest.raises(CommandError) as raised:
        call_command("import-performance", str(path), *ks2.args, "--no-similar")

    assert str(raised.value).startswith(
        f"{path}, line 1, column 'field 3': a column name has a line break in it"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/networks?q=a%00b",
        "/api/networks?school=%00",
        "/api/networks?phase=%00",
        "/api/networks?focus=%00",
        "/api/schools?q=%00",
        "/api/schools?phase=%00",
        "/api/groups?q=%00",
        "/api/groups?type=%00",
    ],
)
def test_a_nul_in_a_search_is_refused_not_a_server_error(client: Client, path: str) -> None:
    """Found by schemathesis on PostgreSQL: /api/networks?q=<a NUL> was a 500 ("PostgreSQL text
    fields cannot contain NUL (0x00) bytes")."""
    assert client.get(path).status_code == 422
