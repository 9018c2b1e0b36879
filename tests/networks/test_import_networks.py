"""`schoolweave import-networks`: an LA's membership spreadsheet, as CSV or XLSX, into the
register; all or nothing, every bad row reported; re-runnable; a dry run that saves nothing."""

import codecs
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from schoolweave.audit.models import AuditEntry
from schoolweave.networks.models import Membership, Network
from schoolweave.networks.sheet_import import (
    EMPTY_FILE,
    FORMULA_WITHOUT_VALUE,
    NOT_A_WORKBOOK,
    OLD_EXCEL,
)
from tests.factories import LocalAuthorityFactory, SchoolFactory, SecondarySchoolFactory
from tests.paths import GIAS_DATA

pytestmark = pytest.mark.django_db

HEADER = ["network", "kind", "urn", "role", "joined", "left", "learning_focus", "la"]
# Sandwell's networks as its officers keep them: a school leaves a triad and another takes
# its place, one school is in two networks, a Dudley school is in a Sandwell network.
SANDWELL = [
    line.split(",")
    for line in """\
Oldbury Triad,triad,103950,coordinator,2017-09-01,,maths,333
Oldbury Triad,triad,103980,partner,2017-09-01,,maths,333
Oldbury Triad,triad,103960,partner,2017-09-01,2018-07-20,maths,333
Oldbury Triad,triad,103941,partner,2018-09-03,,maths,333
Smethwick Triad,triad,103937,coordinator,2017-09-01,,reading;writing,
Smethwick Triad,triad,131184,partner,2017-09-01,,reading,
Smethwick Triad,triad,103941,partner,2017-09-01,2018-07-20,reading,
Wednesbury Transition Hub,hub_and_spoke,136616,hub,2016-09-01,,transition,333
Wednesbury Transition Hub,hub_and_spoke,103913,spoke,2016-09-01,,transition,333
Wednesbury Transition Hub,hub_and_spoke,103909,spoke,2017-09-01,,transition,333
Sandwell Leaders,networked_learning_community,136616,lead,2018-01-08,,leadership; curriculum,333
Sandwell Leaders,networked_learning_community,103820,member,2018-01-08,,leadership,333
""".splitlines()
]
SANDWELL_COUNTS = ["networks: added 4, changed 0", "memberships: added 12, changed 0, unchanged 0"]
SANDWELL_SCHOOLS = {
    103950: "Oakham Primary School",
    103980: "Rounds Green Primary School",
    103960: "Tividale Hall Primary School",
    103941: "Cape Primary School",
    103937: "Bearwood Primary School",
    131184: "Galton Valley Primary School",
    103913: "Old Park Primary School",
    103909: "Park Hill Primary School",
}

Rows = Sequence[Sequence[Any]]


@pytest.fixture(autouse=True)
def register(db: None) -> None:
    """Sandwell's schools in the sheet, and one Dudley school."""
    sandwell = LocalAuthorityFactory(code="333", name="Sandwell")
    dudley = LocalAuthorityFactory(code="332", name="Dudley")
    for urn, name in SANDWELL_SCHOOLS.items():
        SchoolFactory(urn=urn, name=name, la=sandwell)
    SecondarySchoolFactory(urn=136616, name="Wodensborough Ormiston Academy", la=sandwell)
    SchoolFactory(urn=103820, name="Olive Hill Primary School", la=dudley)


# Writing sheets as LAs' spreadsheet programs do -----------------------------------------------


def write_csv(
    path: Path, rows: Rows, *, header: Sequence[str] = HEADER, encoding: str = "utf-8"
) -> Path:
    lines = [",".join(header), *(",".join(map(str, row)) for row in rows)]
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def write_xlsx(
    path: Path,
    rows: Rows,
    *,
    header: Sequence[str] = HEADER,
    title: str = "Sheet1",
    before: Rows = (),
    other_sheets: Sequence[str] = (),
) -> Path:
    """A workbook as Excel saves one: dates in date cells, URNs in number cells; `before`
    puts title rows above the header; `other_sheets` come first, holding notes."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name in other_sheets:
        book.create_sheet(name).append(["Notes: see the LA's guidance on networks"])
    sheet = book.create_sheet(title)
    for row in [*before, list(header), *rows]:
        sheet.append([_as_cell(value) for value in row])
    dates = {HEADER.index("joined"), HEADER.index("left")}
    for row in sheet.iter_rows(min_row=len(before) + 2):
        for cell in row:
            if isinstance(cell.value, date) or cell.column - 1 in dates:
                cell.number_format = "dd/mm/yyyy"
    book.save(path)
    return path


def _as_cell(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value or None


def save_cached_values(path: Path, values: dict[str, str], *, sheet: int = 1) -> None:
    """Give formula cells the values Excel would have saved with them (openpyxl saves none)."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    name = f"xl/worksheets/sheet{sheet}.xml"
    xml = files[name].decode()
    for ref, value in values.items():
        xml, found = re.subn(
            rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>', rf"\1<v>{value}</v>", xml
        )
        assert found == 1, ref
    files[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in files.items():
            archive.writestr(member, data)


# Running the command and reading the register ------------------------------------------------


def run(path: Path, *options: str) -> list[str]:
    out = StringIO()
    call_command("import-networks", str(path), *options, stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


def failure(path: Path, *options: str) -> str:
    with pytest.raises(CommandError) as raised:
        run(path, *options)
    return str(raised.value)


def located(message: str) -> list[tuple[int, str]]:
    """The (row, column) of each `row N, column C: reason` line, each line checked whole."""
    found = []
    for line in message.splitlines()[1:]:
        match = re.fullmatch(r"row (\d+), column (\w+): (.+)", line)
        assert match, f"not a located problem: {line!r}"
        found.append((int(match[1]), match[2]))
    return found


def register_state() -> dict[str, list[Any]]:
    """Everything an import may write: networks, their LAs and focuses, memberships, and the
    audit log with the LAs of each entry."""
    return {
        "networks": list(Network.objects.order_by("pk").values_list()),
        "owners": list(Network.owner_las.through.objects.order_by("pk").values_list()),
        "focuses": list(Network.learning_focuses.through.objects.order_by("pk").values_list()),
        "memberships": list(Membership.objects.order_by("pk").values_list()),
        "audit": list(AuditEntry.objects.order_by("pk").values_list()),
        "audit_las": list(AuditEntry.las.through.objects.order_by("pk").values_list()),
    }


def memberships() -> set[tuple[str, int, str, date | None, date | None]]:
    return set(
        Membership.objects.values_list("network__name", "school_id", "role", "joined", "left")
    )


def expected_memberships(rows: Rows) -> set[tuple[str, int, str, date | None, date | None]]:
    return {
        (
            row[0],
            int(row[2]),
            row[3],
            date.fromisoformat(row[4]),
            date.fromisoformat(row[5]) if row[5] else None,
        )
        for row in rows
    }


# A realistic sheet ---------------------------------------------------------------------------


def test_it_imports_sandwells_networks_from_a_csv(tmp_path: Path) -> None:
    output = run(write_csv(tmp_path / "sandwell.csv", SANDWELL))

    assert output == SANDWELL_COUNTS
    assert memberships() == expected_memberships(SANDWELL)
    oldbury = Network.objects.get(name="Oldbury Triad")
    assert (oldbury.kind, oldbury.status, oldbury.start_date) == (
        "triad",
        "active",
        date(2017, 9, 1),
    )
    assert oldbury.is_published and not oldbury.is_illustrative
    leadership = Network.objects.get(name="Sandwell Leaders")
    assert [la.code for la in leadership.owner_las.all()] == ["333"]  # Dudley's school too
    assert sorted(leadership.learning_focuses.values_list("slug", flat=True)) == [
        "curriculum",
        "leadership",
    ]
    smethwick = Network.objects.get(name="Smethwick Triad")  # owned by its schools' LA
    assert [la.code for la in smethwick.owner_las.all()] == ["333"]


def test_every_change_is_in_the_audit_log_under_the_command_and_file(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "sandwell.csv", SANDWELL))

    entries = AuditEntry.objects.all()
    assert {entry.actor_label for entry in entries} == {"import-networks sandwell.csv"}
    assert [entry.actor_id for entry in entries] == [None] * 16
    assert set(entries.values_list("action", flat=True)) == {"membership.start", "network.create"}
    assert set(entries.values_list("las", flat=True)) == {"333"}
    joined = entries.get(action="membership.start", object_repr__startswith="Tividale")
    assert joined.before is None
    assert joined.after == {
        "school": 103960,
        "role": "partner",
        "joined": "2017-09-01",
        "left": "2018-07-20",
    }


def test_the_same_sheet_as_an_xlsx_gives_the_same_register(tmp_path: Path) -> None:
    output = run(write_xlsx(tmp_path / "sandwell.xlsx", SANDWELL))

    assert output == SANDWELL_COUNTS
    assert memberships() == expected_memberships(SANDWELL)
    assert run(write_csv(tmp_path / "sandwell.csv", SANDWELL))[-1] == (
        "nothing changed: the register already matches sandwell.csv"
    )


def test_re_importing_the_same_file_changes_nothing_and_says_so(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "sandwell.csv", SANDWELL)
    run(sheet)
    before = register_state()

    output = run(sheet)

    assert output == [
        "networks: added 0, changed 0",
        "memberships: added 0, changed 0, unchanged 12",
        "nothing changed: the register already matches sandwell.csv",
    ]
    assert register_state() == before


def test_a_corrected_role_or_left_date_is_a_change(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "sandwell.csv", SANDWELL))
    corrected = [list(row) for row in SANDWELL]
    corrected[1][3] = "coordinator"  # Rounds Green co-ordinates after all
    corrected[0][5] = "2019-07-19"  # Oakham left
    corrected[2][5] = "2018-08-31"  # Tividale Hall's leaving date corrected

    output = run(write_csv(tmp_path / "sandwell-v2.csv", corrected), "--verbosity", "2")

    assert output == [
        "  end URN 103950 in Oldbury Triad on 2019-07-19",
        "  change URN 103980 in Oldbury Triad: role partner -> coordinator",
        "  change URN 103960 in Oldbury Triad: left 2018-07-20 -> 2018-08-31",
        "networks: added 0, changed 0",
        "memberships: added 0, changed 3, unchanged 9",
    ]
    assert memberships() == expected_memberships(corrected)
    role = AuditEntry.objects.get(action="membership.update", after__role="coordinator")
    assert (role.before["role"], role.after["role"]) == ("partner", "coordinator")
    assert role.actor_label == "import-networks sandwell-v2.csv"


def test_a_new_learning_focus_changes_the_network(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "sandwell.csv", SANDWELL))
    rows = [list(row) for row in SANDWELL]
    rows[0][6] = "maths;send"

    assert run(write_csv(tmp_path / "sandwell.csv", rows), "-v", "2") == [
        "  Oldbury Triad: learning focuses maths -> maths, send",
        "networks: added 0, changed 1",
        "memberships: added 0, changed 0, unchanged 12",
    ]


# Files as they come ---------------------------------------------------------------------------


def test_it_reads_a_windows_1252_csv_with_excels_header(tmp_path: Path) -> None:
    rows = [
        ["St Michael\u2019s Triad", "Triad", "103950", "Coordinator", "2017-09-01", "", "Maths", ""]
    ]
    header = ["Network", " Kind ", "URN", "ROLE", "Joined", "Left", "Learning focus", "LA"]
    sheet = write_csv(tmp_path / "excel.csv", rows, header=header, encoding="cp1252")

    assert run(sheet)[1] == "memberships: added 1, changed 0, unchanged 0"
    network = Network.objects.get()
    assert network.name == "St Michael\u2019s Triad"
    assert list(network.learning_focuses.values_list("slug", flat=True)) == ["maths"]


def test_it_reads_a_utf8_csv_with_a_byte_order_mark(tmp_path: Path) -> None:
    sheet = tmp_path / "bom.csv"
    write_csv(sheet, SANDWELL)
    sheet.write_bytes(codecs.BOM_UTF8 + sheet.read_bytes())

    assert run(sheet) == SANDWELL_COUNTS


def test_it_reads_semicolons_or_tabs_between_columns(tmp_path: Path) -> None:
    text = "\n".join(";".join(row) for row in [HEADER, *SANDWELL[:4]])
    (tmp_path / "semicolons.csv").write_text(text, encoding="utf-8")
    text = "\n".join("\t".join(row) for row in [HEADER, *SANDWELL[4:]])
    (tmp_path / "tabs.txt").write_text(text, encoding="utf-16")  # Excel's "Unicode text"

    run(tmp_path / "semicolons.csv")
    run(tmp_path / "tabs.txt")

    assert memberships() == expected_memberships(SANDWELL)


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    rows = [SANDWELL[0], [""] * 8, [], SANDWELL[1], ["Oldbury Triad", "triad", "x"] + [""] * 5]
    message = failure(write_csv(tmp_path / "blank.csv", rows))

    assert located(message) == [(6, "joined"), (6, "role"), (6, "urn")]


def test_a_workbook_of_several_sheets_is_read_from_its_networks_sheet(tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "la.xlsx", SANDWELL, title="Networks", other_sheets=["Read me"])

    assert run(sheet) == SANDWELL_COUNTS


def test_a_workbook_without_a_networks_sheet_is_read_from_its_first(tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "la.xlsx", SANDWELL, title="2018")
    book = openpyxl.load_workbook(sheet)
    book.create_sheet("Contacts").append(["Name", "Email"])
    book.save(sheet)

    assert run(sheet) == SANDWELL_COUNTS


def test_xlsx_cells_are_read_as_their_values(tmp_path: Path) -> None:
    """Formulas as the values Excel saved for them, whole-number cells as URNs, dates as
    date cells or as text, a header under a title row."""
    rows = [list(row) for row in SANDWELL[:4]]
    rows[0][2] = "=103900+50"  # a formula, cached 103950
    rows[1][4] = "=DATE(2017,9,1)"  # cached as a date serial: 42979
    rows[2][4] = "2017-09-01 "  # text with a stray space
    sheet = write_xlsx(tmp_path / "la.xlsx", rows, before=[["Sandwell networks, autumn 2018"]])
    save_cached_values(sheet, {"C3": "103950", "E4": "42979"})
    _float_cell(sheet, "C5", "103960.0")

    run(sheet)

    assert memberships() == expected_memberships(SANDWELL[:4])


def _float_cell(path: Path, ref: str, value: str) -> None:
    """A number cell as some programs write whole numbers: with a decimal point."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml, found = re.subn(
        rf'<c r="{ref}"[^>]*>.*?</c>',
        f'<c r="{ref}" t="n"><v>{value}</v></c>',
        files[name].decode(),
    )
    assert found == 1
    files[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in files.items():
            archive.writestr(member, data)


def test_a_sheet_with_only_its_header_imports_nothing(tmp_path: Path) -> None:
    assert run(write_csv(tmp_path / "header.csv", []))[-1] == (
        "nothing changed: the register already matches header.csv"
    )


# Broken files: every problem reported, nothing saved ------------------------------------------

GIAS_CSV = GIAS_DATA / "establishments_valid.csv"
Maker = Callable[[Path], Path]


def _bad_cells(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "bad-cells.csv",
        [
            SANDWELL[0],
            ["Oldbury Triad", "triangle", "103980", "partner", "2017-09-01", "", "maths", "333"],
            ["", "triad", "10398O", "partner", "01/09/2017", "", "maths", "333"],
            [""] * 8,
            ["Oldbury Triad", "triad", "103960", "boss", "2017-09-01", "2016-07-20", "", "33"],
        ],
    )


def _against_the_register(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "register.csv",
        [
            *SANDWELL,
            ["Oldbury Triad", "triad", "999999", "partner", "2017-09-01", "", "", "333"],  # 14
            ["Tipton Triad", "triad", "103950", "partner", "2017-09-01", "", "", "444"],  # 15
            ["Tipton Triad", "triad", "103980", "partner", "2017-09-01", "", "astrology", ""],
            ["Smethwick Triad", "triad", "103937", "partner", "2017-10-01", "", "", ""],  # 17
            ["Oldbury Triad", "triad", "103950", "partner", "2019-01-07", "", "", "333"],  # 18
        ],
    )


def _against_what_the_register_holds(tmp_path: Path) -> Path:
    """Sheets that do not repeat the register: a school that is in a network already, added
    again from another date; a network given another kind than it has."""
    return write_csv(
        tmp_path / "later.csv",
        [
            ["Oldbury Triad", "triad", "103950", "partner", "2019-01-07", "", "", "333"],
            ["Wednesbury Transition Hub", "cluster", "103937", "member", "2019-01-07", "", "", ""],
        ],
    )


def _xlsx_with_bad_rows(tmp_path: Path) -> Path:
    rows = [
        SANDWELL[0],
        [None] * 8,
        ["Oldbury Triad", "triad", 103980.5, "partner", "1 Sept 2017", None, None, 333],
        SANDWELL[2],
        ["Oldbury Triad", "triad", "=103900+80", "partner", date(2017, 9, 1), None, None, 333],
    ]
    return write_xlsx(tmp_path / "bad.xlsx", rows, before=[["Sandwell networks"], []])


def _misnamed_column_under_a_title(tmp_path: Path) -> Path:
    header = ["Network", "Kind", "URN", "Role", "Join date", "Left"]
    title = [["Sandwell school networks"], ["Updated by the school effectiveness team"]]
    return write_xlsx(tmp_path / "misnamed.xlsx", SANDWELL, header=header, before=title)


def _text_named_xlsx(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "not-a-workbook.xlsx", SANDWELL)


def _old_excel(tmp_path: Path) -> Path:
    path = tmp_path / "networks.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    return path


def _only_blank_lines(tmp_path: Path) -> Path:
    path = tmp_path / "blank.csv"
    path.write_bytes(b",,,\r\n , ,\r\n\r\n")
    return path


def _gias_file(tmp_path: Path) -> Path:
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(GIAS_CSV.read_bytes())
    return path


BROKEN: dict[str, tuple[Maker, str, list[tuple[int, str]]]] = {
    "bad cells": (
        _bad_cells,
        "7 problems",
        [
            (3, "kind"),
            (4, "joined"),
            (4, "network"),
            (4, "urn"),
            (6, "la"),
            (6, "left"),
            (6, "role"),
        ],
    ),
    "against the register": (
        _against_the_register,
        "5 problems",
        [(14, "urn"), (15, "la"), (16, "learning_focus"), (17, "joined"), (18, "joined")],
    ),
    "against what the register holds": (
        _against_what_the_register_holds,
        "2 problems",
        [(2, "joined"), (3, "kind")],
    ),
    "xlsx under a title": (
        _xlsx_with_bad_rows,
        "3 problems",
        [(6, "joined"), (6, "urn"), (8, "urn")],
    ),
    "misnamed column under a title": (
        _misnamed_column_under_a_title,
        "it has no column joined",
        [(3, "joined")],
    ),
    "gias file": (
        _gias_file,
        "it has no column network, kind, role, joined",
        [(1, "network"), (1, "kind"), (1, "role"), (1, "joined")],
    ),
    "empty": (_empty, EMPTY_FILE, [(1, c) for c in ("network", "kind", "urn", "role", "joined")]),
    "blank": (
        _only_blank_lines,
        EMPTY_FILE,
        [(1, c) for c in ("network", "kind", "urn", "role", "joined")],
    ),
    "text named .xlsx": (_text_named_xlsx, NOT_A_WORKBOOK, []),
    "old excel": (_old_excel, OLD_EXCEL, []),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_is_reported_whole_and_changes_nothing(tmp_path: Path, case: str) -> None:
    make, summary, expected = BROKEN[case]
    run(write_csv(tmp_path / "sandwell.csv", SANDWELL))
    before = register_state()
    sheet = make(tmp_path)

    message = failure(sheet)

    first_line = message.splitlines()[0]
    assert first_line.startswith(f"{sheet}: ")
    assert first_line.endswith("; nothing was imported")
    assert summary in first_line or f"{len(expected)} problem" in first_line
    assert located(message) == expected
    assert register_state() == before


def test_it_names_the_formula_that_has_no_saved_value(tmp_path: Path) -> None:
    rows = [["Oldbury Triad", "triad", "=103900+80", "partner", "2017-09-01", "", "", "333"]]
    message = failure(write_xlsx(tmp_path / "generated.xlsx", rows))

    assert message.splitlines()[1:] == [
        "row 2, column urn: " + FORMULA_WITHOUT_VALUE.format(formula="=103900+80")
    ]


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    assert failure(tmp_path / "nowhere.csv") == f"{tmp_path / 'nowhere.csv'}: no such file"


# Dry run -------------------------------------------------------------------------------------


def test_a_dry_run_shows_the_changes_and_saves_nothing(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "sandwell.csv", SANDWELL))
    rows = [list(row) for row in SANDWELL]
    rows[1][3] = "coordinator"
    rows[0][5] = "2019-07-19"
    rows.append(["Tipton Triad", "triad", "103950", "coordinator", "2019-09-02", "", "maths", ""])
    sheet = write_csv(tmp_path / "sandwell-2019.csv", rows)
    before = register_state()

    output = run(sheet, "--dry-run")

    changes = [
        "  end URN 103950 in Oldbury Triad on 2019-07-19",
        "  change URN 103980 in Oldbury Triad: role partner -> coordinator",
        "  Tipton Triad: new network (triad, LA 333)",
        "  add URN 103950 to Tipton Triad as coordinator (joined 2019-09-02)",
    ]
    assert output == [
        "dry run: nothing was saved; importing sandwell-2019.csv would make these changes:",
        *changes,
        "networks: would add 1, would change 0",
        "memberships: would add 1, would change 2, unchanged 10",
    ]
    assert register_state() == before
    assert run(sheet, "-v", "2")[:4] == changes  # the real run does what the dry run said


def test_a_dry_run_of_a_new_register_writes_no_audit_entries(tmp_path: Path) -> None:
    output = run(write_xlsx(tmp_path / "sandwell.xlsx", SANDWELL), "--dry-run")

    assert len(output) == 1 + 16 + 2
    assert not Network.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_dry_run_of_the_same_file_says_nothing_would_change(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "sandwell.csv", SANDWELL)
    run(sheet)

    assert run(sheet, "--dry-run")[-1] == (
        "nothing would change: the register already matches sandwell.csv"
    )


# The command as a process --------------------------------------------------------------------


def test_the_command_exits_non_zero_listing_every_problem(tmp_path: Path) -> None:
    """A real process: the exit code and the messages as a shell sees them. The header is
    wrong, so the file is refused before the (empty, unmigrated) database is read."""
    sheet = _gias_file(tmp_path)
    environment = {
        **os.environ,
        "SCHOOLWEAVE_DEBUG": "1",
        "SCHOOLWEAVE_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    process = subprocess.run(
        [sys.executable, "-m", "schoolweave.manage", "import-networks", str(sheet)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )

    assert process.returncode == 1
    lines = process.stderr.splitlines()
    assert lines[0].startswith(f"CommandError: {sheet}: it has no column network")
    assert lines[1:] == [
        "row 1, column network: this column is required",
        "row 1, column kind: this column is required",
        "row 1, column role: this column is required",
        "row 1, column joined: this column is required",
    ]


def test_load_demo_still_loads_its_networks_once(tmp_path: Path) -> None:
    out = StringIO()
    call_command("load-demo", stdout=out, stderr=StringIO())
    call_command("load-demo", stdout=out, stderr=StringIO())

    lines = [line for line in out.getvalue().splitlines() if line.startswith("illustrative")]
    assert lines[1] == "illustrative networks: added 0, memberships added 0, unchanged 48"
    assert Network.objects.filter(is_illustrative=True).count() == 13
