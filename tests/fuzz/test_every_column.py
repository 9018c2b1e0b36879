"""Every column of every importer's real file, in turn, given a value far longer than any the
register keeps: the import takes it (a column the importer does not read) or refuses the file
with a clear error, and the database is unchanged. On PostgreSQL (`scripts/test` runs the fuzz
tests on SQLite; run this file with SCHOOLWEAVE_DATABASE_URL to check PostgreSQL) a value longer
than its column used to stop the GIAS and links imports with a database error."""

import csv
import io

import pytest

from tests.fuzz import seeds
from tests.fuzz.database import run_case
from tests.fuzz.mutations import Case, write_csv

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

LONG = "x" * 5_000
FILES = [
    ("import-gias", seeds.GIAS_ESTABLISHMENTS[0]),
    ("import-networks", seeds.NETWORKS),
    ("import-funding", seeds.FUNDING),
    *(("import-performance", seed) for seed in seeds.PERFORMANCE),
]


@pytest.mark.parametrize(("command", "seed"), FILES, ids=[seed.name for _, seed in FILES])
def test_a_long_value_in_every_column(demo: None, command: str, seed: seeds.Seed) -> None:
    grid = list(csv.reader(io.StringIO(seed.data.decode(seed.encoding), newline="")))
    extra = ["--no-similar"] if command == "import-performance" else []
    for column, name in enumerate(grid[0]):
        rows = [list(row) for row in grid]
        rows[1][column] = LONG
        data = write_csv(rows, seed.encoding)
        run_case(command, Case(seed.name, data, seed.args, (f"{name}: 5,000 characters",)), *extra)
