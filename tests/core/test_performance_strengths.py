"""Strengths and needs: classified only where the evidence supports it, with the reason."""

import csv
import math
from datetime import date

import pytest

from schoolweave.core.performance.figures import FigureRow
from schoolweave.core.performance.measures import (
    KS2_MATHS_SD,
    KS2_READING_SD,
    KS2_WRITING_SD,
    KS4_PROGRESS8_SD,
)
from schoolweave.core.performance.strengths import Judgement, assess_school
from tests.paths import SHARED_DATA

TODAY = date(2020, 1, 1)


def _peers(values: list[float], measure: str = "ks2_reading_progress", year: int = 2019) -> dict:
    return {1000 + i: [FigureRow(1000 + i, year, measure, v)] for i, v in enumerate(values)}


PEERS = _peers([-1.0, -0.5, 0.0, 0.5, 1.0] * 4)  # 20 schools, mean 0, sd ~0.73


def _assess(figures: list[FigureRow], peers: dict = PEERS, focus: str = "reading"):
    (result,) = assess_school(
        urn=1, figures=figures, comparators=peers, today=TODAY, focus_areas=[focus]
    )
    return result


def test_a_school_clearly_above_its_similar_schools_is_a_strength() -> None:
    result = _assess(
        [
            FigureRow(1, 2019, "ks2_reading_progress", 3.0),
            FigureRow(1, 2019, "ks2_reading_progress_ci_lower", 1.0),
            FigureRow(1, 2019, "ks2_reading_progress_ci_upper", 5.0),
        ]
    )
    assert result.judgement is Judgement.STRENGTH
    assert result.comparators == 20
    assert result.score == pytest.approx(3.0 / 0.7255, rel=1e-3)
    assert "DfE's 95% confidence interval +1.00 to +5.00" in result.reason
    assert "Clearly better than similar schools" in result.reason


def test_a_wide_interval_makes_it_neither() -> None:
    result = _assess(
        [
            FigureRow(1, 2019, "ks2_reading_progress", 3.0),
            FigureRow(1, 2019, "ks2_reading_progress_ci_lower", -1.0),
            FigureRow(1, 2019, "ks2_reading_progress_ci_upper", 7.0),
        ]
    )
    assert result.judgement is Judgement.NEITHER
    assert "within the uncertainty" in result.reason


def test_without_an_interval_the_cohort_gives_the_uncertainty_and_says_so() -> None:
    # The 2019 file has no cohort: 2018's 30 pupils stand in, and the reason says so.
    result = _assess(
        [
            FigureRow(1, 2019, "ks2_reading_progress", -4.0),
            FigureRow(1, 2018, "ks2_pupils", 30.0),
        ]
    )
    assert result.judgement is Judgement.NEED
    se = KS2_READING_SD / math.sqrt(30)
    assert result.interval is not None
    assert result.interval[1] == pytest.approx(
        -4.0 + 1.959964 * math.hypot(se, 0.7255 / math.sqrt(20)), abs=1e-3
    )
    assert "taken from 2017/18: the file has none" in result.reason


def test_no_measure_of_uncertainty_means_not_assessed() -> None:
    result = _assess([FigureRow(1, 2019, "ks2_reading_progress", 4.0)])
    assert result.judgement is Judgement.NOT_ASSESSED
    assert "no confidence interval or cohort size" in result.reason


def test_too_few_similar_schools_means_not_assessed() -> None:
    result = _assess(
        [FigureRow(1, 2019, "ks2_reading_progress", 4.0), FigureRow(1, 2019, "ks2_pupils", 30.0)],
        peers=_peers([0.0] * 5),
    )
    assert result.judgement is Judgement.NOT_ASSESSED
    assert "fewer than the 10 needed" in result.reason


def test_a_suppressed_figure_is_not_assessed_with_dfes_reason() -> None:
    result = _assess([FigureRow(1, 2019, "ks2_reading_progress", None, "SUPP")])
    assert result.judgement is Judgement.NOT_ASSESSED
    assert "SUPP: suppressed by DfE" in result.reason


def test_a_small_but_certain_difference_is_not_called_a_strength() -> None:
    # 600 pupils make the interval tight, but +0.3 is under half a standard deviation (0.36).
    result = _assess(
        [FigureRow(1, 2019, "ks2_reading_progress", 0.3), FigureRow(1, 2019, "ks2_pupils", 600.0)],
        peers=_peers([-0.72, 0.72] * 200),
    )
    assert result.judgement is Judgement.NEITHER


def test_percentages_use_a_binomial_interval() -> None:
    peers = _peers(
        [60.0, 62.0, 64.0, 66.0, 68.0] * 4, measure="ks2_reading_expected_pct", year=2018
    )
    result = _assess(
        [
            FigureRow(1, 2018, "ks2_reading_expected_pct", 95.0),
            FigureRow(1, 2018, "ks2_pupils", 60.0),
        ],
        peers=peers,
    )
    assert result.judgement is Judgement.STRENGTH
    assert "uncertainty of a percentage of 60 pupils" in result.reason


def test_ofsted_and_finance_follow_their_stated_rules() -> None:
    figures = [
        FigureRow(1, 2014, "ofsted_rating", 4.0, as_of=date(2014, 3, 4)),
        FigureRow(1, 2018, "income", 1_000_000.0),
        FigureRow(1, 2018, "balance", -80_000.0),
    ]
    results = {
        a.focus: a for a in assess_school(urn=1, figures=figures, comparators={}, today=TODAY)
    }
    assert results["ofsted"].judgement is Judgement.NEED
    assert "Rated Inadequate at its inspection on 4 March 2014" in results["ofsted"].reason
    assert "more than 5 years ago" in results["ofsted"].reason
    assert results["finance"].judgement is Judgement.NEED
    assert "-8.0% of its income" in results["finance"].reason


def test_areas_without_figures_are_left_out() -> None:
    results = assess_school(
        urn=1, figures=[FigureRow(1, 2019, "ks4_progress8", 0.1)], comparators={}, today=TODAY
    )
    assert [a.focus for a in results] == ["progress8"]


@pytest.mark.national
@pytest.mark.parametrize(
    ("file", "progress", "band", "pupils", "sd"),
    [
        (
            "ks2_perf_2018.csv",
            "Reading Progress",
            "Reading Progress Band",
            "KS2 Pupils",
            KS2_READING_SD,
        ),
        (
            "ks2_perf_2018.csv",
            "Writing Progress",
            "Writing Progress Band",
            "KS2 Pupils",
            KS2_WRITING_SD,
        ),
        ("ks2_perf_2018.csv", "Maths Progress", "Maths Progress Band", "KS2 Pupils", KS2_MATHS_SD),
        ("ks4_perf_2018.csv", "Progress 8", "Progress 8 Band", "KS4 Pupils", KS4_PROGRESS8_SD),
    ],
)
def test_assumed_pupil_sds_never_make_intervals_narrower_than_dfes(
    file: str, progress: str, band: str, pupils: str, sd: float
) -> None:
    """Every school DfE bands as significantly above or below average has |score| * sqrt(n) /
    1.96 above the assumed sd (the cohort counts all pupils, so it is an upper bound): with it,
    an interval from the cohort is at least as wide as DfE's."""
    with (SHARED_DATA / "performance" / file).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    significant = [
        abs(float(row[progress])) * math.sqrt(int(row[pupils])) / 1.96
        for row in rows
        if row[band] in ("1", "2", "4", "5") and row[progress] and row[pupils]
    ]
    assert len(significant) > 1000
    assert min(significant) >= sd - 0.005
