"""`schoolweave import-funding`: an LA's funding spreadsheet into the register, one row per
allocation; the same rules as import-networks: every bad row as `row N, column C: reason`,
nothing saved unless the file is clean, re-import changes nothing, --dry-run saves nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from schoolweave.audit.models import AuditEntry
from schoolweave.core.resources.vocabulary import AllocationStatus
from schoolweave.resources.models import Allocation
from tests.factories import (
    CoordinatorMembershipFactory,
    LocalAuthorityFactory,
    NetworkFactory,
    SchoolFactory,
)
from tests.resources.factories import FundingStreamFactory

pytestmark = pytest.mark.django_db

HEADER = "stream,network,fund_holder_urn,financial_year,amount_gbp,status"
GOOD = """\
Triads programme,Oldbury Triad,103950,2024-25,50000.00,paid
Triads programme,Oldbury Triad,103950,2025-26,"£50,000",committed
Triads programme,Oldbury Triad,,2026-27,50000,committed
"""


@pytest.fixture(autouse=True)
def register(db: None) -> None:
    sandwell = LocalAuthorityFactory(code="333", name="Sandwell")
    dudley = LocalAuthorityFactory(code="332", name="Dudley")
    oldbury = NetworkFactory(name="Oldbury Triad", owner_las=[sandwell])
    CoordinatorMembershipFactory(network=oldbury, school__urn=103950, school__la=sandwell)
    NetworkFactory(name="Halesowen Cluster", owner_las=[dudley])
    FundingStreamFactory(la=sandwell, name="Triads programme", amount_pence=150_000_00)
    FundingStreamFactory(la=dudley, name="Dudley fund")


def sheet(tmp_path: Path, body: str, *, header: str = HEADER, name: str = "funding.csv") -> Path:
    path = tmp_path / name
    path.write_text(f"{header}\n{body}", encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import-funding", str(path), *args, stdout=out)
    return out.getvalue()


def errors_of(path: Path, *args: str) -> list[str]:
    with pytest.raises(CommandError) as error:
        run(path, *args)
    return str(error.value).splitlines()


def test_it_imports_each_row_as_an_allocation_with_its_fund_holder_and_status(
    tmp_path: Path,
) -> None:
    output = run(sheet(tmp_path, GOOD))
    assert "allocations: added 3, changed 0, unchanged 0" in output
    allocations = list(Allocation.objects.order_by("financial_year"))
    assert [
        (a.financial_year, a.amount_pence, a.fund_holder_school_id, a.status) for a in allocations
    ] == [
        (2024, 50_000_00, 103950, AllocationStatus.PAID),
        (2025, 50_000_00, 103950, AllocationStatus.COMMITTED),
        (2026, 50_000_00, None, AllocationStatus.COMMITTED),
    ]
    assert AuditEntry.objects.filter(action="allocation.create").count() == 3
    assert all(e.actor_label == "import-funding funding.csv" for e in AuditEntry.objects.all())


def test_re_importing_the_same_file_changes_nothing(tmp_path: Path) -> None:
    path = sheet(tmp_path, GOOD)
    run(path)
    entries = AuditEntry.objects.count()
    output = run(path)
    assert "allocations: added 0, changed 0, unchanged 3" in output
    assert "nothing changed: the register already matches funding.csv" in output
    assert AuditEntry.objects.count() == entries


def test_a_changed_row_updates_its_allocation_and_records_before_and_after(tmp_path: Path) -> None:
    run(sheet(tmp_path, GOOD))
    changed = GOOD.replace("2026-27,50000,committed", "2026-27,40000,committed")
    output = run(sheet(tmp_path, changed))
    assert "allocations: added 0, changed 1, unchanged 2" in output
    entry = AuditEntry.objects.get(action="allocation.update")
    assert entry.before == {"amount_pence": 50_000_00}
    assert entry.after == {"amount_pence": 40_000_00}


def test_a_dry_run_lists_the_changes_and_saves_nothing(tmp_path: Path) -> None:
    output = run(sheet(tmp_path, GOOD), "--dry-run")
    assert "dry run: nothing was saved; importing funding.csv would make these changes:" in output
    assert "row 2: add £50,000 from Triads programme to Oldbury Triad for 2024-25" in output
    assert "allocations: would add 3, would change 0, unchanged 0" in output
    assert not Allocation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_every_bad_row_is_reported_and_nothing_is_saved(tmp_path: Path) -> None:
    body = """\
Triads programme,Oldbury Triad,103950,2024-25,50000.00,paid
Triads programme,Oldbury Triad,103950,2024/25,50000.5,maybe
No such stream,Oldbury Triad,,2024-25,10,paid
Triads programme,No such network,,2024-25,10,paid
Triads programme,Halesowen Cluster,,2024-25,10,paid
Triads programme,Oldbury Triad,999999,2025-26,10,paid
Triads programme,Oldbury Triad,,2031-32,10,paid
Triads programme,Oldbury Triad,103950,2024-25,10,paid
,,abc,,,
"""
    errors = errors_of(sheet(tmp_path, body))
    assert errors[0] == f"{tmp_path / 'funding.csv'}: 15 problems; nothing was imported"
    assert errors[1:] == [
        "row 3, column amount_gbp: '50000.5' is not an amount in pounds, for example 50000.00 "
        "or £50,000",
        "row 3, column financial_year: '2024/25' is not a financial year in the form 2024-25",
        "row 3, column status: 'maybe' is not one of: committed, paid",
        "row 4, column stream: no funding stream named 'No such stream' is in the register: "
        "add it on the local authority's funding page first",
        "row 5, column network: no network named 'No such network' is in the register",
        "row 6, column network: 'Halesowen Cluster' is not a network of Sandwell, which holds "
        "the stream 'Triads programme'",
        "row 7, column fund_holder_urn: no school with URN 999999 is in the register",
        "row 8, column financial_year: 2031-32 is outside the period of 'Triads programme', "
        "2024-25 to 2026-27",
        "row 9, column financial_year: row 2 already allocates 'Triads programme' to "
        "'Oldbury Triad' in 2024-25",
        "row 10, column amount_gbp: an amount in pounds is required, for example 50000.00",
        "row 10, column financial_year: a financial year is required, for example 2024-25",
        "row 10, column fund_holder_urn: 'abc' is not a URN (leave it empty if the local "
        "authority holds the money)",
        "row 10, column network: a network's name is required",
        "row 10, column status: required (committed, paid)",
        "row 10, column stream: a funding stream's name is required",
    ]
    assert not Allocation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_fund_holder_must_be_a_member_school(tmp_path: Path) -> None:
    SchoolFactory(urn=103980)
    errors = errors_of(sheet(tmp_path, "Triads programme,Oldbury Triad,103980,2024-25,10,paid\n"))
    assert errors[1] == (
        "row 2, column fund_holder_urn: URN 103980 is not a member of 'Oldbury Triad': the fund "
        "holder must be a member school"
    )


def test_allocations_may_not_go_over_the_stream(tmp_path: Path) -> None:
    body = GOOD.replace("2026-27,50000,committed", "2026-27,50000.01,committed")
    errors = errors_of(sheet(tmp_path, body))
    assert errors[1] == (
        "row 4, column amount_gbp: allocations from 'Triads programme' would come to "
        "£150,000.01, £0.01 more than its £150,000; an officer may allow that on the stream's "
        "page, with a reason"
    )
    assert not Allocation.objects.exists()


def test_moving_money_between_rows_within_the_limit_is_allowed(tmp_path: Path) -> None:
    run(sheet(tmp_path, GOOD))
    moved = GOOD.replace('2025-26,"£50,000"', "2025-26,60000").replace(
        "2026-27,50000,", "2026-27,40000,"
    )
    assert "changed 2" in run(sheet(tmp_path, moved))


def test_missing_columns_are_named(tmp_path: Path) -> None:
    errors = errors_of(sheet(tmp_path, "x,y\n", header="stream,network"))
    assert "it has no column fund_holder_urn, financial_year, amount_gbp, status" in errors[0]


def test_an_empty_file_names_the_columns_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    errors = errors_of(path)
    assert errors[0].endswith("the file is empty; nothing was imported")
    assert "row 1, column stream: this column is required" in errors


def test_it_reads_a_spreadsheet_saved_as_windows_1252_with_title_rows(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = "Sandwell funding 2024\r\n\r\n" + HEADER + "\r\n" + GOOD.replace("\n", "\r\n")
    path.write_bytes(text.encode("cp1252"))
    assert "allocations: added 3" in run(path)


def test_an_unknown_user_or_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--user nobody: no such user"):
        run(sheet(tmp_path, GOOD), "--user", "nobody")
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.csv")
