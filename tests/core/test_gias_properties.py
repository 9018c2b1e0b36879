"""Properties of the GIAS parser over generated files."""

import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from schoolweave.core.gias import GiasFileError, parse_establishments
from tests.core.gias_files import VALID, read_rows, write_rows

HEADER, TEMPLATE_ROWS = read_rows()
TEMPLATE = TEMPLATE_ROWS[0]

# Text that Windows-1252 can hold, with the characters CSV must quote.
cp1252_text = st.text(
    alphabet=st.characters(codec="cp1252", exclude_categories=("Cc", "Cs"))
    | st.sampled_from(',"\n'),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())
gias_dates = st.dates(min_value=date(1850, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def schools(draw: st.DrawFn) -> list[dict[str, object]]:
    urns = draw(st.lists(st.integers(100_000, 9_999_999), min_size=1, max_size=12, unique=True))
    return [
        {
            "URN": urn,
            "EstablishmentName": draw(cp1252_text),
            "OpenDate": draw(st.none() | gias_dates),
            "NumberOfPupils": draw(st.none() | st.integers(0, 5000)),
        }
        for urn in urns
    ]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _write(directory: Path, rows: list[dict[str, object]], encoding: str = "cp1252") -> Path:
    lines = []
    for values in rows:
        row = list(TEMPLATE)
        for column, value in values.items():
            text = (
                ""
                if value is None
                else value.strftime("%d-%m-%Y")
                if isinstance(value, date)
                else str(value)
            )
            row[HEADER.index(column)] = text
        lines.append(row)
    return write_rows(directory / "generated.csv", HEADER, lines, encoding=encoding)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(rows=schools(), encoding=st.sampled_from(["cp1252", "utf-8-sig", "utf-8"]))
def test_what_is_written_is_read_back(rows: list[dict[str, object]], encoding: str) -> None:
    """Any encoding is read back exactly, under the documented rule for telling them apart:
    a cp1252 file is taken as UTF-8 when its bytes are valid UTF-8."""
    with tempfile.TemporaryDirectory() as directory:
        path = _write(Path(directory), rows, encoding)
        data = path.read_bytes()
        assume(encoding != "cp1252" or not _is_utf8(data) or data.isascii())
        table = parse_establishments(path).table
    assert table["urn"].to_pylist() == [row["URN"] for row in rows]
    assert table["name"].to_pylist() == [str(row["EstablishmentName"]).strip() for row in rows]
    assert table["open_date"].to_pylist() == [row["OpenDate"] for row in rows]
    assert table["pupils"].to_pylist() == [row["NumberOfPupils"] for row in rows]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(rows=schools(), data=st.data())
def test_a_bad_value_is_reported_on_its_own_line(
    rows: list[dict[str, object]], data: st.DataObject
) -> None:
    bad = data.draw(st.integers(0, len(rows) - 1))
    rows[bad]["OpenDate"] = "31-04-2019"  # April has 30 days
    # Quoted line breaks in earlier names push the bad row further down the file.
    expected_line = 2 + sum(1 + str(row["EstablishmentName"]).count("\n") for row in rows[:bad])
    with tempfile.TemporaryDirectory() as directory:
        path = _write(Path(directory), rows)
        try:
            parse_establishments(path)
        except GiasFileError as error:
            assert (error.line, error.column) == (expected_line, "OpenDate")
        else:
            raise AssertionError("an impossible date was accepted")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_corrupted_file_parses_or_fails_with_a_located_error(data: st.DataObject) -> None:
    original = VALID.read_bytes()
    corrupted = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(corrupted)))
        match data.draw(st.sampled_from(["cut", "delete", "insert"])):
            case "cut":
                del corrupted[at:]
            case "delete":
                del corrupted[at : at + data.draw(st.integers(1, 50))]
            case "insert":
                corrupted[at:at] = data.draw(st.binary(min_size=1, max_size=20))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "corrupted.csv"
        path.write_bytes(bytes(corrupted))
        try:
            parse_establishments(path)
        except GiasFileError as error:
            assert str(error).startswith(str(path))
            # A lone carriage return ends a line too, for the parser as for an editor.
            lines = len(re.split(rb"\r\n|\r|\n", bytes(corrupted)))
            assert error.line is None or 1 <= error.line <= lines


def test_an_ambiguous_cp1252_file_is_read_right_when_its_encoding_is_given(tmp_path: Path) -> None:
    path = _write(tmp_path, [{"URN": 100_000, "EstablishmentName": "Â¡Hola!"}])
    assert parse_establishments(path).table["name"][0].as_py() == "¡Hola!"
    assert parse_establishments(path, encoding="cp1252").table["name"][0].as_py() == "Â¡Hola!"
