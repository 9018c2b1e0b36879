"""The GIAS parser on real files and on every kind of bad input."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from schoolweave.core.gias import (
    GiasFileError,
    SchoolStatus,
    parse_establishments,
    parse_group_links,
    parse_groups,
)
from tests.core.gias_files import VALID, edited, read_rows, write_rows
from tests.paths import GIAS_DATA, NATIONAL_GIAS


def test_it_reads_the_real_example_rows() -> None:
    parsed = parse_establishments(VALID)
    first = parsed.table.slice(0, 1).to_pylist()[0]
    assert parsed.num_rows == 9
    assert first["urn"] == 100000
    assert first["name"] == "Sir John Cass's Foundation Primary School"
    assert first["la_code"] == "201"
    assert first["type_code"] == "2"  # "02" in the file: codes lose leading zeros
    assert first["open_date"] is None
    assert first["ofsted_last_inspection"] == date(2013, 4, 19)
    assert first["pupils"] == 276
    assert first["percentage_fsm"] == 12.0
    assert first["status"] == SchoolStatus.OPEN
    assert first["head_last_name"] == "Wilson"


def test_it_converts_british_national_grid_to_latitude_and_longitude() -> None:
    first = parse_establishments(VALID).table.slice(0, 1).to_pylist()[0]
    # Easting 533498, Northing 181201: St James's Passage, City of London.
    assert first["lat"] == pytest.approx(51.5140, abs=0.0005)
    assert first["lon"] == pytest.approx(-0.0775, abs=0.0005)


def test_a_school_without_coordinates_has_no_latitude(tmp_path: Path) -> None:
    table = parse_establishments(edited(tmp_path / "f.csv", 0, {"Easting": ""})).table
    assert table["lat"][0].as_py() is None
    assert table["lon"][0].as_py() is None


def test_it_rejects_the_real_malformed_example_at_its_first_bad_line() -> None:
    with pytest.raises(GiasFileError) as caught:
        parse_establishments(GIAS_DATA / "establishments_malformed_example.csv")
    assert caught.value.line == 11
    assert "135 fields" in str(caught.value)
    assert "establishments_malformed_example.csv, line 11, column" in str(caught.value)


def test_it_says_which_file_it_was_given_instead(tmp_path: Path) -> None:
    with pytest.raises(GiasFileError) as caught:
        parse_establishments(GIAS_DATA / "groups.csv")
    assert caught.value.line == 1
    assert caught.value.column == "URN"
    assert "looks like a GIAS groups file" in str(caught.value)


def test_it_names_a_missing_required_column(tmp_path: Path) -> None:
    header, rows = read_rows()
    at = header.index("EstablishmentName")
    path = write_rows(
        tmp_path / "f.csv",
        header[:at] + header[at + 1 :],
        [row[:at] + row[at + 1 :] for row in rows],
    )
    with pytest.raises(GiasFileError) as caught:
        parse_establishments(path)
    assert (caught.value.line, caught.value.column) == (1, "EstablishmentName")


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("URN", "10O000", "is not a whole number"),
        ("URN", "", "is missing"),
        ("OpenDate", "31-02-2018", "is not a real calendar date"),
        ("OpenDate", "2018-02-01", "is not a date in the form dd-mm-yyyy"),
        ("NumberOfPupils", "about 40", "is not a whole number"),
        ("NumberOfPupils", "1234567890", "at most 9 digits"),
        ("LA (code)", "2011", "is not a 3-digit local authority code"),
        ("EstablishmentStatus (code)", "9", "is not a GIAS establishment status"),
    ],
)
def test_it_locates_an_unreadable_value(
    tmp_path: Path, column: str, value: str, reason: str
) -> None:
    cells = {column: value}
    if column == "EstablishmentStatus (code)":
        cells["EstablishmentStatus (name)"] = "Reopened"
    path = edited(tmp_path / "bad.csv", 4, cells)
    with pytest.raises(GiasFileError) as caught:
        parse_establishments(path)
    assert caught.value.line == 6
    assert reason in str(caught.value)
    assert str(caught.value).startswith(f"{path}, line 6, column ")


def test_it_rejects_a_duplicate_urn_naming_both_lines(tmp_path: Path) -> None:
    path = edited(tmp_path / "dup.csv", 5, {"URN": "100000"})
    with pytest.raises(GiasFileError) as caught:
        parse_establishments(path)
    assert caught.value.line == 7
    assert "also on line 2" in str(caught.value)


def _cut_in_last_row(path: Path, *, fields: int, into_value: int) -> Path:
    """The valid file cut `into_value` bytes after the opening quote of field `fields` + 1 of
    its last row (line 10), as a download that stopped early would leave it."""
    data = VALID.read_bytes()
    position = data.rstrip().rindex(b"\n") + 1
    for _ in range(fields):
        position = data.index(b",", position) + 1
    path.write_bytes(data[: position + into_value])
    return path


def test_it_rejects_a_file_cut_off_mid_row(tmp_path: Path) -> None:
    # Cut just after a separator: every quote is closed, but the row is short.
    with pytest.raises(GiasFileError) as caught:
        parse_establishments(_cut_in_last_row(tmp_path / "cut.csv", fields=57, into_value=0))
    assert caught.value.line == 10
    assert caught.value.column == "LastChangedDate"
    assert "ends after 58 of 120 fields" in str(caught.value)
    assert "truncated" in str(caught.value)


def test_it_rejects_a_file_cut_off_inside_a_quoted_value(tmp_path: Path) -> None:
    with pytest.raises(GiasFileError) as caught:
        parse_establishments(_cut_in_last_row(tmp_path / "cut.csv", fields=4, into_value=5))
    assert caught.value.line == 10
    assert caught.value.column == "EstablishmentName"
    assert "never closed" in str(caught.value)


def test_it_rejects_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(GiasFileError, match="empty"):
        parse_establishments(tmp_path / "empty.csv")


def test_it_rejects_a_header_without_rows(tmp_path: Path) -> None:
    header, _ = read_rows()
    with pytest.raises(GiasFileError, match="no GIAS establishments file data"):
        parse_establishments(write_rows(tmp_path / "h.csv", header, []))


def test_it_reads_windows_1252_and_utf8_alike(tmp_path: Path) -> None:
    header, rows = read_rows()
    rows[0][header.index("EstablishmentName")] = "École Française \u2013 Côté"
    cp1252 = parse_establishments(write_rows(tmp_path / "a.csv", header, rows))
    utf8 = parse_establishments(write_rows(tmp_path / "b.csv", header, rows, encoding="utf-8-sig"))
    assert cp1252.table["name"][0].as_py() == "École Française \u2013 Côté"
    assert utf8.table["name"][0].as_py() == "École Française \u2013 Côté"


def test_extra_columns_are_ignored_and_missing_optional_ones_are_empty(tmp_path: Path) -> None:
    header, rows = read_rows()
    drop = header.index("NumberOfPupils")
    path = write_rows(
        tmp_path / "f.csv",
        [*header[:drop], *header[drop + 1 :], "SomeNewColumn"],
        [[*row[:drop], *row[drop + 1 :], "x"] for row in rows],
    )
    table = parse_establishments(path).table
    assert table["pupils"].null_count == table.num_rows


def test_row_hash_changes_only_when_the_row_does(tmp_path: Path) -> None:
    before = parse_establishments(VALID).table["row_hash"].to_pylist()
    after = parse_establishments(edited(tmp_path / "f.csv", 3, {"EstablishmentName": "New name"}))
    changed = [a != b for a, b in zip(before, after.table["row_hash"].to_pylist(), strict=True)]
    assert changed == [False, False, False, True, False, False, False, False, False]


def test_it_reads_the_real_groups_file() -> None:
    groups = parse_groups(GIAS_DATA / "groups.csv").table.to_pylist()
    assert [g["group_uid"] for g in groups] == [2044, 2046, 2059, 2070]
    assert groups[0]["type_code"] == "6"  # quoted "06" in the file
    assert groups[0]["open_date"] == date(2010, 7, 19)  # dd/mm/yyyy in groups files


def test_it_reads_the_real_group_links_file() -> None:
    links = parse_group_links(GIAS_DATA / "group_links.csv").table.to_pylist()
    assert [(link["urn"], link["group_uid"]) for link in links] == [
        (100000, 2044),
        (100001, 2044),
        (100002, 2070),
    ]
    assert links[0]["joined_date"] == date(2010, 12, 1)


def test_a_groups_file_given_as_links_is_named(tmp_path: Path) -> None:
    shutil.copy(GIAS_DATA / "groups.csv", tmp_path / "links.csv")
    with pytest.raises(GiasFileError, match="looks like a GIAS groups file"):
        parse_group_links(tmp_path / "links.csv")


@pytest.mark.national
def test_it_reads_the_whole_national_file() -> None:
    parsed = parse_establishments(NATIONAL_GIAS)
    table = parsed.table
    assert parsed.num_rows == 26_078
    sandwell = table.filter(table["la_code"].to_numpy(zero_copy_only=False) == "333")
    assert sandwell.num_rows == 128
    located = parsed.num_rows - table["lat"].null_count
    assert located == 19_742
