"""Every importer, end to end through its command, fed malformed files made from real ones:
each case imports (the damage was harmless) or is refused with a clear error naming the file
and, where there is one, the line or row and column; nothing else is raised, and a refused
file leaves the database exactly as it was."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoolweave.core.performance.files import Kind
from tests.fuzz import seeds
from tests.fuzz.database import run_case
from tests.fuzz.mutations import Case, malformed

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# The `demo` fixture is loaded once per test, not per example: each example runs in its own
# savepoint, rolled back (database.run_case), so examples cannot see each other's data.
fuzz = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    database=None,  # no example database in the tree; failures print the case to replay
)


def _strangers(*own: seeds.Seed) -> tuple[seeds.Seed, ...]:
    return tuple(seed for seed in seeds.EVERY_SEED if seed not in own)


# --encoding as a user may give it: mostly left to detection, sometimes wrong for the file.
encodings = st.sampled_from(((), (), (), ("--encoding", "utf-8"), ("--encoding", "cp1252")))


@settings(fuzz, max_examples=200)
@given(
    case=malformed(seeds.GIAS_ESTABLISHMENTS, _strangers(*seeds.GIAS_ESTABLISHMENTS)),
    encoding=encodings,
    force=st.booleans(),
)
def test_import_gias_establishments(
    demo: None, case: Case, encoding: tuple[str, ...], force: bool
) -> None:
    run_case("import-gias", case, *encoding, *(["--force"] if force else []))


@settings(fuzz, max_examples=100)
@given(option=st.sampled_from(("--groups", "--links")), encoding=encodings, data=st.data())
def test_import_gias_groups_and_links(
    demo: None, option: str, encoding: tuple[str, ...], data: st.DataObject
) -> None:
    own = seeds.GIAS_GROUPS if option == "--groups" else seeds.GIAS_LINKS
    case = data.draw(malformed((own,), _strangers(own)), label="case")
    with tempfile.TemporaryDirectory() as directory:
        main = Path(directory) / "establishments.csv"
        main.write_bytes(seeds.GIAS_ESTABLISHMENTS[0].data)
        run_case("import-gias", case, *encoding, option=option, main=main)


@settings(fuzz, max_examples=250)
@given(
    case=malformed(seeds.NETWORK_SHEETS, _strangers(*seeds.NETWORK_SHEETS)),
    dry_run=st.booleans(),
)
def test_import_networks(demo: None, case: Case, dry_run: bool) -> None:
    run_case("import-networks", case, *(["--dry-run"] if dry_run else []))


@settings(fuzz, max_examples=300)
@given(
    case=malformed(seeds.PERFORMANCE, _strangers(*seeds.PERFORMANCE)),
    similar=st.sampled_from((False, False, False, True)),
    dry_run=st.sampled_from((False, False, False, True)),
    kind=st.sampled_from((None, None, None, *(kind.value for kind in Kind))),
    encoding=encodings,
)
def test_import_performance(
    demo: None,
    case: Case,
    similar: bool,
    dry_run: bool,
    kind: str | None,
    encoding: tuple[str, ...],
) -> None:
    """Each file with its own --year; now and then a --kind that may be wrong for it."""
    options = [
        *([] if similar else ["--no-similar"]),
        *(["--dry-run"] if dry_run else []),
        *(["--kind", kind] if kind else []),
        *encoding,
    ]
    run_case("import-performance", case, *options)


@settings(fuzz, max_examples=250)
@given(
    case=malformed(seeds.FUNDING_SHEETS, _strangers(*seeds.FUNDING_SHEETS)),
    dry_run=st.booleans(),
    user=st.sampled_from((None, None, "officer_333", "officer_332")),
)
def test_import_funding(demo: None, case: Case, dry_run: bool, user: str | None) -> None:
    """As the server's operator, or as an officer of the demo's LA or of another."""
    options = [*(["--dry-run"] if dry_run else []), *(["--user", user] if user else [])]
    run_case("import-funding", case, *options)
