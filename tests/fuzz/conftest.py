"""The fuzz run's database (the demo, loaded once per test) and its count of cases."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from schoolweave import demo as demo_data
from schoolweave.evidence.services import similar_refresh
from schoolweave.networks.sheet_import import networks_import_file
from schoolweave.register.models import LocalAuthority
from schoolweave.register.services import gias_import
from schoolweave.resources.demo import demo_resources_load
from tests.factories import LAOfficerFactory
from tests.fuzz import seeds
from tests.fuzz.api import API_TALLY
from tests.fuzz.database import TALLY


@pytest.fixture
def demo(db: None, tmp_path: Path) -> None:
    """The demo's register, networks and funding, and figures from the heads of its performance
    files (all of them would make every case's fingerprint slow), in the test's transaction."""
    gias_import(establishments=demo_data.GIAS_EXTRACT)
    for seed in seeds.PERFORMANCE:
        path = tmp_path / seed.name
        path.write_bytes(seed.data)
        call_command("import-performance", str(path), *seed.args, "--no-similar", stdout=StringIO())
    similar_refresh()
    networks_import_file(demo_data.ILLUSTRATIVE_NETWORKS, actor="fuzz", illustrative=True)
    demo_resources_load(actor="fuzz")
    for code in ("333", "332"):  # for import-funding --user
        LAOfficerFactory(user__username=f"officer_{code}", la=LocalAuthority.objects.get(code=code))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many generated cases ran, so that a run can quote it (and show it is not zero)."""
    if not TALLY.total() and not API_TALLY.total():
        return
    write = terminalreporter.write_line
    terminalreporter.section("fuzz cases")
    for command in sorted(TALLY.imported.keys() | TALLY.located.keys() | TALLY.whole_file.keys()):
        imported = TALLY.imported.get(command, 0)
        located = TALLY.located.get(command, 0)
        whole = TALLY.whole_file.get(command, 0)
        write(
            f"{command}: {imported + located + whole} files; imported {imported}, refused "
            f"with a located error {located}, refused as a whole file {whole}"
        )
    write(f"importer cases in all: {TALLY.total()}")
    if TALLY.whole_file_reasons:
        write("errors about a whole file (no line, row or column), by kind:")
        for reason, count in sorted(TALLY.whole_file_reasons.items()):
            write(f"  {count:4} {reason[:160]}")
    if API_TALLY.total():
        roles = ", ".join(f"{role} {count}" for role, count in sorted(API_TALLY.by_role.items()))
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(API_TALLY.by_status.items()))
        write(f"API requests in all: {API_TALLY.total()} ({roles}); by status {statuses}")
    write(f"fuzz cases in all: {TALLY.total() + API_TALLY.total()}")
