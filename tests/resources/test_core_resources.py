"""core.resources without a database: financial years, staff load, funding sheet cells."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.money import Money
from schoolweave.core.resources.funding import even_years, per_pupil
from schoolweave.core.resources.funding_sheet import check_header, parse_rows
from schoolweave.core.resources.staff import TimeGiven, load_on, peak_load
from schoolweave.core.resources.vocabulary import TimeUnit
from schoolweave.core.resources.years import FinancialYear, FinancialYearError


def test_financial_years_run_from_april_to_march() -> None:
    year = FinancialYear.parse("2024-25")
    assert (year.first_day, year.last_day) == (date(2024, 4, 1), date(2025, 3, 31))
    assert str(year) == "2024-25" and str(FinancialYear(1999)) == "1999-00"
    assert FinancialYear.containing(date(2025, 3, 31)) == year
    assert FinancialYear.containing(date(2025, 4, 1)) == year + 1
    assert year.label() == "2024-25 (April 2024 to March 2025)"


@pytest.mark.parametrize(
    "text", ["2024/25", "2024-2025", "2024-26", "24-25", "2024", "", "0024-25"]
)
def test_it_refuses_anything_but_a_financial_year(text: str) -> None:
    with pytest.raises(FinancialYearError):
        FinancialYear.parse(text)


@given(st.dates(min_value=date(1991, 1, 1), max_value=date(2099, 12, 31)))
def test_every_day_is_in_exactly_its_financial_year(day: date) -> None:
    year = FinancialYear.containing(day)
    assert year.first_day <= day <= year.last_day
    assert FinancialYear.parse(str(year)) == year


def test_a_commitment_splits_across_years_to_the_penny() -> None:
    assert even_years(Money.pounds(150_000), first=FinancialYear(2024), years=3) == [
        (FinancialYear(2024), Money.pounds(50_000)),
        (FinancialYear(2025), Money.pounds(50_000)),
        (FinancialYear(2026), Money.pounds(50_000)),
    ]


def test_per_pupil_needs_every_schools_number() -> None:
    assert per_pupil(Money.pounds(50_000), [200, 200]) == Money.pounds(125)
    assert per_pupil(Money.pounds(50_000), [200, None]) is None
    assert per_pupil(Money.pounds(50_000), []) is None


allocations = st.lists(
    st.builds(
        TimeGiven,
        network_id=st.integers(1, 5),
        days=st.decimals(min_value=Decimal("0.5"), max_value=Decimal(10), places=1),
        unit=st.sampled_from(list(TimeUnit)),
        start=st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 3, 1)),
        end=st.one_of(st.none(), st.dates(min_value=date(2024, 3, 1), max_value=date(2024, 6, 1))),
    ),
    max_size=6,
)


@given(allocations)
def test_the_peak_load_is_the_busiest_day(given_time: list[TimeGiven]) -> None:
    load = peak_load(given_time, capacity=Decimal(20))
    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(0, 190)]
    busiest = max((load_on(given_time, day) for day in days), default=Decimal(0))
    assert load.peak == busiest
    assert load.is_over == (busiest > 20)
    if load.peak_from is not None:
        assert load_on(given_time, load.peak_from) == load.peak


def test_days_a_term_count_three_terms_to_the_year() -> None:
    given_time = TimeGiven(1, Decimal(2), TimeUnit.TERM, date(2024, 9, 1))
    assert given_time.days_a_year == Decimal(6)


def test_the_funding_sheet_needs_its_columns_and_reads_good_rows() -> None:
    assert [e.column for e in check_header(["stream", "network"])] == [
        "fund_holder_urn",
        "financial_year",
        "amount_gbp",
        "status",
    ]
    rows, errors = parse_rows(
        [
            {
                "stream": "Triads",
                "network": "Oldbury Triad",
                "fund_holder_urn": "103950",
                "financial_year": "2024-25",
                "amount_gbp": "£50,000",
                "status": "Paid",
            },
            {},
            {
                "stream": "Triads",
                "network": "Oldbury Triad",
                "fund_holder_urn": "",
                "financial_year": "2025-26",
                "amount_gbp": "0",
                "status": "committed",
            },
        ]
    )
    assert [(r.row, r.amount, r.fund_holder_urn) for r in rows] == [
        (2, Money.pounds(50_000), 103950)
    ]
    assert [str(e) for e in errors] == [
        "row 4, column amount_gbp: an allocation of £0 is not an allocation: leave the row out"
    ]
