"""The funding spreadsheet LAs keep today: one row per allocation.

Columns: stream (a funding stream's name), network (a network's name), fund_holder_urn (the
member school that holds the money; empty: the LA holds it), financial_year ("2024-25"),
amount_gbp ("50000.00" or "£50,000"), status (committed or paid). Every bad cell is reported,
not only the first; rows are numbered as a spreadsheet shows them (header = row 1).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from schoolweave.core.money import AmountError, Money, parse_gbp
from schoolweave.core.networks.sheet import RowError
from schoolweave.core.resources.vocabulary import AllocationStatus
from schoolweave.core.resources.years import FinancialYear, FinancialYearError

REQUIRED_COLUMNS = (
    "stream",
    "network",
    "fund_holder_urn",
    "financial_year",
    "amount_gbp",
    "status",
)

COLUMN_REQUIRED = "this column is required"
STREAM_REQUIRED = "a funding stream's name is required"
NETWORK_REQUIRED = "a network's name is required"
NOT_A_URN = "{value!r} is not a URN (leave it empty if the local authority holds the money)"
YEAR_REQUIRED = "a financial year is required, for example 2024-25"
STATUS_REQUIRED = "required (committed, paid)"
NOT_A_STATUS = "{value!r} is not one of: committed, paid"
NOTHING_ALLOCATED = "an allocation of £0 is not an allocation: leave the row out"
DUPLICATE_ROW = "row {other} already allocates {stream!r} to {network!r} in {year}"


@dataclass(frozen=True)
class AllocationRow:
    row: int
    stream: str
    network: str
    fund_holder_urn: int | None
    year: FinancialYear
    amount: Money
    status: AllocationStatus

    @property
    def key(self) -> tuple[str, str, FinancialYear]:
        return (self.stream.casefold(), self.network.casefold(), self.year)


def check_header(header: Iterable[str], *, row: int = 1) -> list[RowError]:
    present = {name.strip().lower() for name in header}
    return [
        RowError(row, column, COLUMN_REQUIRED)
        for column in REQUIRED_COLUMNS
        if column not in present
    ]


def parse_rows(
    records: Iterable[Mapping[str, str | None]],
) -> tuple[list[AllocationRow], list[RowError]]:
    """Check every cell; the good rows and every error. Blank rows are skipped; a second row
    for the same stream, network and year is an error (one row per allocation)."""
    parsed: list[AllocationRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str, FinancialYear], int] = {}
    for number, record in enumerate(records, start=2):
        cells = {key.strip().lower(): (value or "").strip() for key, value in record.items()}
        if not any(cells.values()):
            continue
        row, row_errors = _parse_row(number, cells)
        errors.extend(row_errors)
        if row is None:
            continue
        if row.key in seen:
            errors.append(
                RowError(
                    number,
                    "financial_year",
                    DUPLICATE_ROW.format(
                        other=seen[row.key], stream=row.stream, network=row.network, year=row.year
                    ),
                )
            )
            continue
        seen[row.key] = number
        parsed.append(row)
    return parsed, errors


def _parse_row(number: int, cells: dict[str, str]) -> tuple[AllocationRow | None, list[RowError]]:
    errors: list[RowError] = []

    def fail(column: str, reason: str) -> None:
        errors.append(RowError(number, column, reason))

    stream = cells.get("stream", "")
    if not stream:
        fail("stream", STREAM_REQUIRED)
    network = cells.get("network", "")
    if not network:
        fail("network", NETWORK_REQUIRED)
    holder_text = cells.get("fund_holder_urn", "")
    holder: int | None = None
    if holder_text:
        # Python's int() refuses a number of over 4,300 digits; no URN has more than 7.
        digits = holder_text.isascii() and holder_text.isdigit() and len(holder_text) <= 20
        if digits and 0 < int(holder_text) < 10_000_000:
            holder = int(holder_text)
        else:
            fail("fund_holder_urn", NOT_A_URN.format(value=holder_text))
    year: FinancialYear | None = None
    year_text = cells.get("financial_year", "")
    if not year_text:
        fail("financial_year", YEAR_REQUIRED)
    else:
        try:
            year = FinancialYear.parse(year_text)
        except FinancialYearError as error:
            fail("financial_year", str(error))
    amount: Money | None = None
    try:
        amount = parse_gbp(cells.get("amount_gbp", ""))
    except AmountError as error:
        fail("amount_gbp", str(error))
    if amount is not None and not amount:
        fail("amount_gbp", NOTHING_ALLOCATED)
    status: AllocationStatus | None = None
    status_text = cells.get("status", "")
    try:
        status = AllocationStatus(status_text.lower())
    except ValueError:
        fail("status", NOT_A_STATUS.format(value=status_text) if status_text else STATUS_REQUIRED)
    if errors or year is None or amount is None or status is None:
        return None, errors
    return AllocationRow(number, stream, network, holder, year, amount, status), errors
