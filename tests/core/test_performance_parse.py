"""Reading DfE's, Ofsted's and ESFA's files into tidy figures: the real files, and broken ones."""

from pathlib import Path

import pyarrow.compute as pc
import pytest

from schoolweave.core.performance.files import Kind
from schoolweave.core.performance.links import lineage, links_from_table, parse_links
from schoolweave.core.performance.parse import PerformanceFileError, parse_performance
from schoolweave.demo import DATA
from tests.paths import SHARED_DATA

PERFORMANCE = SHARED_DATA / "performance"
SCHOOLS = SHARED_DATA / "schools"


def _figure(parsed, urn: int, measure: str) -> dict:
    table = parsed.figures
    rows = table.filter(pc.and_(pc.equal(table["urn"], urn), pc.equal(table["measure"], measure)))
    assert rows.num_rows == 1, (urn, measure, rows.num_rows)
    return rows.to_pylist()[0]


@pytest.mark.national
@pytest.mark.parametrize(
    ("name", "year", "kind", "rows", "school_rows", "figures"),
    [
        ("england_ks2final_2019.csv", 2019, Kind.KS2, 16_355, 16_355, 94_577),
        ("england_ks4final_2019.csv", 2019, Kind.KS4, 5_516, 5_516, 30_186),
        ("england_ks5final_2019.csv", 2019, Kind.KS5, 2_903, 2_903, 8_342),
        ("england_ks5final_2017.csv", 2017, Kind.KS5, 3_376, 3_222, 39_493),
        ("ks2_perf_2018.csv", 2018, Kind.KS2, 16_364, 16_364, 273_711),
        ("ks4_perf_2018.csv", 2018, Kind.KS4, 5_519, 5_519, 34_609),
        ("ks5_perf_2018.csv", 2018, Kind.KS5, 2_959, 2_959, 5_627),
    ],
)
def test_it_reads_every_real_performance_table(
    name: str, year: int, kind: Kind, rows: int, school_rows: int, figures: int
) -> None:
    parsed = parse_performance(PERFORMANCE / name, year=year)
    assert parsed.kind is kind  # guessed from the header
    assert (parsed.rows, parsed.school_rows, parsed.figures.num_rows) == (
        rows,
        school_rows,
        figures,
    )


@pytest.mark.national
def test_it_types_dfe_symbols_as_missing_reasons_never_zero() -> None:
    parsed = parse_performance(PERFORMANCE / "england_ks4final_2019.csv", year=2019)
    # City of London School: an independent school, whose Progress 8 DfE does not publish.
    p8 = _figure(parsed, 100003, "ks4_progress8")
    assert (p8["value"], p8["missing_reason"]) == (None, "NP")
    reasons = pc.value_counts(parsed.figures["missing_reason"]).to_pylist()
    counts = {item["values"]: item["counts"] for item in reasons}
    assert counts == {None: 25_085, "NP": 1_308, "NE": 1_869, "SUPP": 1_914, "LOWCOV": 10}
    missing = parsed.figures.filter(pc.is_valid(parsed.figures["missing_reason"]))
    assert pc.all(pc.is_null(missing["value"])).as_py()


@pytest.mark.national
def test_it_reads_percentages_with_their_sign_and_dfe_bands() -> None:
    parsed = parse_performance(PERFORMANCE / "england_ks4final_2019.csv", year=2019)
    assert _figure(parsed, 100003, "ks4_english_maths_grade5_pct")["value"] == 0.0  # "0%"
    ks2 = parse_performance(PERFORMANCE / "ks2_perf_2018.csv", year=2018)
    assert _figure(ks2, 138305, "ks2_reading_expected_pct")["value"] == 92.0  # "92%"
    assert _figure(ks2, 138305, "ks2_reading_progress_band")["value"] == 1.0  # well above


@pytest.mark.national
def test_it_keeps_la_and_england_rows_apart_from_schools() -> None:
    parsed = parse_performance(PERFORMANCE / "england_ks5final_2017.csv", year=2017)
    table = parsed.figures
    areas = set(pc.unique(table["area"]).to_pylist())
    assert {"la:333", "england", "england:state-funded", ""} <= areas
    sandwell = table.filter(
        pc.and_(pc.equal(table["area"], "la:333"), pc.equal(table["measure"], "ks5_alevel_aps"))
    ).to_pylist()
    assert [(r["urn"], r["value"]) for r in sandwell] == [(None, 26.42)]
    # A DfE confidence interval is kept beside its score.
    va = _figure(parsed, 139405, "ks5_alevel_value_added")
    assert va["value"] == -0.3
    assert _figure(parsed, 139405, "ks5_alevel_value_added_ci_lower")["value"] == -0.45


@pytest.mark.national
def test_it_dates_ofsted_inspections_by_academic_year_keeping_the_latest() -> None:
    parsed = parse_performance(SCHOOLS / "ofsted_ratings_2018.csv", year=2018)
    table = parsed.figures
    rows = table.filter(pc.equal(table["urn"], 100000)).to_pylist()
    by_year = {r["year"]: (r["value"], r["as_of"].isoformat()) for r in rows}
    # 18-04-2013: academic year 2012/13; 26-09-2008: 2008/09; 21-09-2005: 2005/06.
    assert by_year == {
        2013: (1.0, "2013-04-18"),
        2009: (1.0, "2008-09-26"),
        2006: (2.0, "2005-09-21"),
    }


@pytest.mark.national
def test_it_reads_finance_and_links() -> None:
    finance = parse_performance(SCHOOLS / "financials_2018.csv", year=2018)
    assert finance.kind is Kind.FINANCE
    assert _figure(finance, 100000, "balance")["value"] == pytest.approx(-19660.82)
    links = parse_links(SHARED_DATA / "gias" / "links_edubasealldata20250422.csv")
    assert links.rows == 33_801
    chains = lineage(links_from_table(links.table))
    assert chains.history(132245)[0] == 132245


def test_it_reads_the_shipped_demo_extracts() -> None:
    parsed = parse_performance(
        DATA / "england_ks2final_2019_sandwell_and_neighbours.csv", year=2019
    )
    assert parsed.rows == 648
    assert _figure(parsed, 103950, "ks2_maths_progress")["value"] == 4.3


def _write(tmp_path: Path, text: str, name: str = "table.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


KS4_HEADER = "RECTYPE,URN,SCHNAME,P8MEA,ATT8SCR,PTL2BASICS_95\n"


def test_it_names_the_line_and_column_of_a_bad_value(tmp_path: Path) -> None:
    path = _write(tmp_path, KS4_HEADER + "1,100001,A,0.1,50,40%\n1,100002,B,0.2,5O,41%\n")
    with pytest.raises(PerformanceFileError) as error:
        parse_performance(path, year=2019)
    assert (error.value.line, error.value.column) == (3, "ATT8SCR")
    assert "'5O' is not a number" in str(error.value)


def test_it_rejects_a_percentage_over_100(tmp_path: Path) -> None:
    path = _write(tmp_path, KS4_HEADER + "1,100001,A,0.1,50,140%\n")
    with pytest.raises(PerformanceFileError, match="not a percentage"):
        parse_performance(path, year=2019)


def test_it_rejects_a_repeated_urn(tmp_path: Path) -> None:
    path = _write(tmp_path, KS4_HEADER + "1,100001,A,0.1,50,40%\n1,100001,A,0.2,51,41%\n")
    with pytest.raises(PerformanceFileError, match="appears twice: also on line 2") as error:
        parse_performance(path, year=2019)
    assert error.value.line == 3


def test_it_guesses_the_kind_and_refuses_the_wrong_one(tmp_path: Path) -> None:
    path = _write(tmp_path, KS4_HEADER + "1,100001,A,0.1,50,40%\n")
    assert parse_performance(path, year=2019).kind is Kind.KS4
    with pytest.raises(PerformanceFileError, match="--kind ks2 was given, but this looks like"):
        parse_performance(path, year=2019, kind=Kind.KS2)


def test_it_refuses_a_file_it_does_not_know(tmp_path: Path) -> None:
    path = _write(tmp_path, "URN,Colour\n100001,blue\n")
    with pytest.raises(PerformanceFileError, match="not one Schoolweave knows") as error:
        parse_performance(path, year=2019)
    assert error.value.line == 1


def test_year_must_agree_with_a_file_that_states_it(tmp_path: Path) -> None:
    header = "URN,KS5 Pupils,Avg A-level Points,Academic Year\n"
    path = _write(tmp_path, header + "100001,10,30.1,2018\n")
    assert parse_performance(path, year=2018).figures.num_rows == 2
    with pytest.raises(PerformanceFileError, match="academic year ending in 2019") as error:
        parse_performance(path, year=2019)
    assert (error.value.line, error.value.column) == (2, "Academic Year")


def test_it_needs_a_year_for_undated_figures(tmp_path: Path) -> None:
    path = _write(tmp_path, KS4_HEADER + "1,100001,A,0.1,50,40%\n")
    with pytest.raises(PerformanceFileError, match="--year is needed"):
        parse_performance(path, year=None)


def test_a_truncated_row_is_reported_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, KS4_HEADER + "1,100001,A,0.1,50,40%\n1,100002,B\n")
    with pytest.raises(PerformanceFileError, match="ends after 3 of 6 fields") as error:
        parse_performance(path, year=2019)
    assert error.value.line == 3


def test_an_impossible_inspection_date_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "URN,Rating,Inspection Date\n100001,Good,20180231\n")
    with pytest.raises(PerformanceFileError, match="is not a date") as error:
        parse_performance(path, year=2018)
    assert (error.value.line, error.value.column) == (2, "Inspection Date")
