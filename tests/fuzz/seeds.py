"""The real, valid files that the fuzz tests break: the demo's extracts and the test data.

Large files are cut to their header and first records (at a record boundary, in their own
encoding and line endings), so that each generated case is quick to import and still real.
"""

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl

from schoolweave import demo
from tests.paths import GIAS_DATA

DEMO_DATA = demo.DATA
HEAD_RECORDS = 40  # data records kept from a large file


class Seed:
    """A valid file: its name (the suffix tells importers CSV from XLSX) and its bytes; `args`
    are the command's other arguments this file needs (e.g. --year). Not a dataclass, so that
    hypothesis prints its name rather than its bytes."""

    def __init__(self, name: str, data: bytes, args: tuple[str, ...] = ()) -> None:
        self.name, self.data, self.args = name, data, args

    @property
    def encoding(self) -> str:
        return text_encoding(self.data)

    def __repr__(self) -> str:
        return f"Seed({self.name!r}, {len(self.data)} bytes, args={self.args})"


def text_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def head(path: Path, records: int = HEAD_RECORDS) -> bytes:
    """The file's header and first `records` data records, byte for byte."""
    data = path.read_bytes()
    encoding = text_encoding(data)
    text = data.decode(encoding)
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    for _ in range(records + 1):
        if next(reader, None) is None:
            return data
    return "".join(lines[: reader.line_num]).encode(encoding)


def seed(path: Path, *args: str, records: int = HEAD_RECORDS) -> Seed:
    return Seed(path.name, head(path, records), args)


def as_xlsx(source: Seed, *, typed: bool = True) -> Seed:
    """The CSV seed as an LA's spreadsheet program saves it: a workbook whose number and date
    cells are typed (URNs as numbers, dates as dates), as Excel makes them from typing."""
    rows = list(csv.reader(io.StringIO(source.data.decode(source.encoding), newline="")))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "networks"
    for row in rows:
        sheet.append([_typed(cell) if typed else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Seed(Path(source.name).with_suffix(".xlsx").name, buffer.getvalue(), source.args)


def _typed(cell: str) -> object:
    if cell.isdigit():
        return int(cell)
    try:
        return date.fromisoformat(cell)
    except ValueError:
        return cell


GIAS_ESTABLISHMENTS = (
    seed(GIAS_DATA / "establishments_valid.csv"),
    seed(demo.GIAS_EXTRACT, records=25),
)
GIAS_GROUPS = seed(GIAS_DATA / "groups.csv")
GIAS_LINKS = seed(GIAS_DATA / "group_links.csv")

NETWORKS = seed(DEMO_DATA / "illustrative_networks.csv")
NETWORK_SHEETS = (NETWORKS, as_xlsx(NETWORKS))

FUNDING = seed(DEMO_DATA / "illustrative_funding.csv")
FUNDING_SHEETS = (FUNDING, as_xlsx(FUNDING))

PERFORMANCE = (
    seed(DEMO_DATA / "england_ks2final_2019_sandwell_and_neighbours.csv", "--year", "2019"),
    seed(DEMO_DATA / "ks2_perf_2018_sandwell_and_neighbours.csv", "--year", "2018"),
    seed(DEMO_DATA / "england_ks4final_2019_sandwell_and_neighbours.csv", "--year", "2019"),
    seed(DEMO_DATA / "ks4_perf_2018_sandwell_and_neighbours.csv", "--year", "2018"),
    seed(DEMO_DATA / "england_ks5final_2019_sandwell_and_neighbours.csv", "--year", "2019"),
    seed(DEMO_DATA / "england_ks5final_2017_sandwell_and_neighbours.csv", "--year", "2017"),
    seed(DEMO_DATA / "ks5_perf_2018_sandwell_and_neighbours.csv", "--year", "2018"),
    seed(DEMO_DATA / "ofsted_ratings_2018_sandwell_and_neighbours.csv"),
    seed(DEMO_DATA / "financials_2018_sandwell_and_neighbours.csv", "--year", "2018"),
    seed(DEMO_DATA / "links_edubasealldata20250422_sandwell_and_neighbours.csv"),
)

EVERY_SEED = (
    *GIAS_ESTABLISHMENTS,
    GIAS_GROUPS,
    GIAS_LINKS,
    *NETWORK_SHEETS,
    *FUNDING_SHEETS,
    *PERFORMANCE,
)
