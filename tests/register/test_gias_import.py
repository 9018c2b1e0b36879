"""import-gias on the real sample files: counts, re-imports, history, and bad input."""

import importlib
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from schoolweave.register.models import (
    GroupLink,
    ImportRun,
    LocalAuthority,
    School,
    SchoolChange,
    StatutoryGroup,
)
from schoolweave.register.services import gias_import
from tests.core.gias_files import VALID, edited, read_rows, write_rows
from tests.paths import GIAS_DATA, NATIONAL_GIAS

pytestmark = pytest.mark.django_db
GROUPS = GIAS_DATA / "groups.csv"
LINKS = GIAS_DATA / "group_links.csv"


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    models = (LocalAuthority, School, SchoolChange, StatutoryGroup, GroupLink, ImportRun)
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in models}


def _import(*paths: Path, **options: Any) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import-gias", *(str(p) for p in paths), stdout=out, **options)
    return out.getvalue()


def test_it_imports_every_row_of_the_file() -> None:
    output = _import(VALID)
    assert School.objects.count() == 9
    assert "schools: 9 rows, added 9, changed 0, closed 0, unchanged 0" in output
    school = School.objects.get(urn=100000)
    assert school.la.name == "City of London"
    assert school.phase_name == "Primary"
    assert school.lat == pytest.approx(51.514, abs=0.001)
    assert school.pupils == 276
    assert school.percentage_fsm == 12.0
    assert school.head_teacher == "Mr Tim Wilson"
    assert set(LocalAuthority.objects.values_list("code", flat=True)) == {"201", "202"}


def test_a_dfe_not_available_marker_is_stored_as_missing_not_zero() -> None:
    _import(VALID)
    # The real file gives ".." for this school's % FSM.
    assert School.objects.get(urn=100001).percentage_fsm is None


def test_reimporting_the_same_file_changes_nothing() -> None:
    _import(VALID)
    before = _snapshot()
    output = _import(VALID)
    after = _snapshot()
    assert "added 0, changed 0, closed 0, unchanged 9" in output
    assert {k: v for k, v in after.items() if k != "ImportRun"} == {
        k: v for k, v in before.items() if k != "ImportRun"
    }
    assert ImportRun.objects.count() == 2


def test_an_identical_file_is_recognised_and_not_read_again() -> None:
    _import(VALID)
    output = _import(VALID)
    assert "the file is identical to the one imported on" in output
    repeat, first = ImportRun.objects.order_by("-pk")[:2]
    assert repeat.identical_to == first
    assert (repeat.rows, repeat.unchanged) == (9, 9)


def test_force_rechecks_every_row_of_an_identical_file() -> None:
    _import(VALID)
    output = _import(VALID, force=True)
    assert "added 0, changed 0, closed 0, unchanged 9" in output
    assert "identical" not in output
    assert ImportRun.objects.order_by("-pk").first().identical_to is None


def test_a_file_read_by_an_older_parser_is_read_again() -> None:
    _import(VALID)
    ImportRun.objects.update(parser_version="2020.01.01")
    output = _import(VALID)
    assert "identical" not in output
    assert "unchanged 9" in output


def test_reimporting_an_updated_file_updates_closes_adds_and_keeps_history(
    tmp_path: Path,
) -> None:
    gias_import(establishments=VALID, now=datetime(2025, 1, 1, tzinfo=UTC))
    header, rows = read_rows()
    name, status_code, status_name, close_date = (
        header.index(c)
        for c in (
            "EstablishmentName",
            "EstablishmentStatus (code)",
            "EstablishmentStatus (name)",
            "CloseDate",
        )
    )
    rows[0][name] = "Sir John Cass's Red Coat School"
    rows[1][status_code], rows[1][status_name], rows[1][close_date] = "2", "Closed", "31-08-2025"
    new = list(rows[2])
    new[header.index("URN")] = "999001"
    updated = write_rows(tmp_path / "updated.csv", header, [*rows, new])

    result = gias_import(establishments=updated, now=datetime(2025, 9, 1, tzinfo=UTC))

    assert (result.schools.added, result.schools.changed, result.schools.closed) == (1, 2, 1)
    assert result.schools.unchanged == 7
    assert School.objects.get(urn=100000).name == "Sir John Cass's Red Coat School"
    closed = School.objects.get(urn=100001)
    assert (closed.status, closed.close_date) == ("closed", date(2025, 8, 31))
    assert SchoolChange.objects.get(school_id=100000).changes == {
        "name": ["Sir John Cass's Foundation Primary School", "Sir John Cass's Red Coat School"]
    }
    assert SchoolChange.objects.get(school_id=100001).changes == {
        "status": ["open", "closed"],
        "status_name": ["Open", "Closed"],
        "close_date": [None, "2025-08-31"],
    }
    assert School.objects.get(urn=999001).first_import == ImportRun.objects.first()


def test_it_imports_groups_and_links_and_skips_links_to_unknown_schools(tmp_path: Path) -> None:
    header, rows = read_rows(LINKS)
    rows.append([*rows[0][:0], "123456", *rows[0][1:]])
    links = write_rows(tmp_path / "links.csv", header, rows)
    result = gias_import(establishments=VALID, groups=GROUPS, links=links)
    assert result.groups is not None and result.groups.added == 4
    assert result.links is not None
    assert (result.links.added, result.links.skipped) == (3, 1)
    link = GroupLink.objects.get(school_id=100000)
    assert link.group.name == "ABBEY ACADEMIES TRUST"
    assert link.group.type_name == "Multi-academy trust"
    assert link.joined_date == date(2010, 12, 1)


def test_a_link_listed_twice_is_one_link(tmp_path: Path) -> None:
    header, rows = read_rows(LINKS)
    twice = write_rows(tmp_path / "links.csv", header, [*rows, rows[0]])
    result = gias_import(establishments=VALID, links=twice)
    assert result.links is not None and result.links.added == 3
    assert GroupLink.objects.count() == 3


def test_a_link_a_group_no_longer_lists_is_ended_not_deleted(tmp_path: Path) -> None:
    gias_import(establishments=VALID, groups=GROUPS, links=LINKS)
    header, rows = read_rows(LINKS)
    fewer = write_rows(tmp_path / "links.csv", header, rows[:1] + rows[2:])
    gias_import(establishments=VALID, links=fewer, now=datetime(2025, 9, 1, tzinfo=UTC))
    assert GroupLink.objects.get(school_id=100001).ended_date == date(2025, 9, 1)
    assert GroupLink.objects.get(school_id=100000).ended_date is None


def test_a_group_only_named_in_the_links_file_is_created_from_it() -> None:
    gias_import(establishments=VALID, links=LINKS)
    assert StatutoryGroup.objects.get(uid=2070).name == "ACORN EDUCATION TRUST"


def _bad_files(tmp_path: Path) -> dict[str, tuple[dict[str, Path], str]]:
    """Each bad input, and what its message must say."""
    header, rows = read_rows()
    at = header.index("LA (code)")
    no_la = write_rows(
        tmp_path / "no_la.csv", header[:at] + header[at + 1 :], [r[:at] + r[at + 1 :] for r in rows]
    )
    data = VALID.read_bytes()
    truncated = tmp_path / "truncated.csv"
    truncated.write_bytes(data[: len(data) - 700])
    return {
        "missing required column": (
            {"establishments": no_la},
            "no_la.csv, line 1, column 'LA (code)'",
        ),
        "unreadable URN": (
            {"establishments": edited(tmp_path / "urn.csv", 2, {"URN": "1OOOO2"})},
            "urn.csv, line 4, column 'URN': '1OOOO2' is not a whole number",
        ),
        "unreadable date": (
            {"establishments": edited(tmp_path / "date.csv", 7, {"OpenDate": "30-02-2019"})},
            "date.csv, line 9, column 'OpenDate': '30-02-2019' is not a real calendar date",
        ),
        "truncated file": ({"establishments": truncated}, "truncated.csv, line 10, column"),
        "wrong file": (
            {"establishments": GROUPS},
            "groups.csv, line 1, column 'URN': this looks like a GIAS groups file",
        ),
        "real malformed example": (
            {"establishments": GIAS_DATA / "establishments_malformed_example.csv"},
            "establishments_malformed_example.csv, line 11, column",
        ),
        "bad links file after good establishments": (
            {"establishments": VALID, "links": GROUPS},
            "groups.csv, line 1, column 'URN'",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing required column",
        "unreadable URN",
        "unreadable date",
        "truncated file",
        "wrong file",
        "real malformed example",
        "bad links file after good establishments",
    ],
)
def test_bad_input_is_located_and_leaves_the_database_as_it_was(tmp_path: Path, case: str) -> None:
    _import(VALID, groups=str(GROUPS), links=str(LINKS))
    before = _snapshot()
    files, message = _bad_files(tmp_path)[case]
    positional = files.pop("establishments")
    with pytest.raises(CommandError) as caught:
        _import(positional, **{name: str(path) for name, path in files.items()})
    assert message in str(caught.value)
    assert "Nothing was imported" in str(caught.value)
    assert _snapshot() == before


def test_a_failure_while_writing_rolls_back_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash after the schools are written (here, the links step) must undo the schools."""
    module = importlib.import_module("schoolweave.register.services.gias_import")

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(module, "_import_links", crash)
    with pytest.raises(RuntimeError):
        gias_import(establishments=VALID, links=LINKS)
    assert School.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_the_command_exits_non_zero_with_the_location_on_stderr(tmp_path: Path) -> None:
    shutil.copy(GIAS_DATA / "establishments_malformed_example.csv", tmp_path / "bad.csv")
    database = tmp_path / "cli.sqlite3"
    env = {
        "SCHOOLWEAVE_DATABASE_URL": f"sqlite:///{database}",
        "SCHOOLWEAVE_DEBUG": "1",
        "PATH": "",
    }
    schoolweave = [sys.executable, "-m", "schoolweave.manage"]
    subprocess.run([*schoolweave, "migrate", "-v0"], env=env, check=True, capture_output=True)
    result = subprocess.run(
        [*schoolweave, "import-gias", str(tmp_path / "bad.csv")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "bad.csv, line 11, column" in result.stderr


@pytest.mark.national
def test_it_imports_the_national_file() -> None:
    result = gias_import(establishments=NATIONAL_GIAS)
    assert result.schools.added == 26_078
    assert School.objects.filter(la_id="333").count() == 128
    assert School.objects.filter(lat__isnull=False).count() == 19_742
    assert LocalAuthority.objects.get(code="835").name == "Local authority 835"
