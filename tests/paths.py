"""Where test data lives."""

from pathlib import Path

TESTS = Path(__file__).parent
GIAS_DATA = TESTS / "data" / "gias"
# The real national data CI puts beside the checkout; tests may read it, the product may not.
SHARED_DATA = TESTS.parent.parent / "shared" / "data"
NATIONAL_GIAS = SHARED_DATA / "gias" / "edubasealldata_assembled_2018.csv"
