"""Strengths and needs: where a school stands against its similar schools, and how sure that is.

For each focus area the school's latest figure is compared with the average of its similar
schools in the same year. The difference has two sources of uncertainty: the school's own
figure (DfE's 95% confidence interval where the file gives one; otherwise DfE's model of a
school average, pupil-level standard deviation over the square root of the cohort, or a
binomial model for a percentage of pupils) and the comparison average (the spread of the
similar schools over the square root of their number). A school is called:

- a strength when the whole 95% interval of the difference is above zero and the difference
  is at least half a standard deviation of its similar schools' figures;
- a need when the whole interval is below zero by the same margin;
- neither otherwise; and not assessed when the figures cannot support a judgement (no figure,
  no measure of its uncertainty, or fewer than 10 similar schools with the figure).

Ofsted and finance are judgements and accounts, not samples, and follow stated rules instead.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from statistics import fmean, stdev

from schoolweave.core.performance.figures import FigureRow, by_measure, latest_value, value_in
from schoolweave.core.performance.measures import MEASURES, OFSTED_RATINGS, Measure, Unit
from schoolweave.core.performance.missing import label_of
from schoolweave.core.stats.intervals import (
    Z95,
    se_from_interval,
    se_of_mean,
    se_of_percentage,
)

MIN_COMPARATORS = 10
MIN_EFFECT = 0.5  # standard deviations of the similar schools' figures
DEFICIT_NEED = -0.05  # spending more than 5% above income in the year
OLD_INSPECTION_YEARS = 5


class Judgement(StrEnum):
    STRENGTH = "strength"
    NEED = "need"
    NEITHER = "neither"
    NOT_ASSESSED = "not_assessed"

    @property
    def label(self) -> str:
        return {
            "strength": "Strength",
            "need": "Need",
            "neither": "Neither",
            "not_assessed": "Not assessed",
        }[self.value]


@dataclass(frozen=True)
class FocusArea:
    name: str
    label: str
    measures: tuple[str, ...] = ()  # in order of preference, when years tie


FOCUS_AREAS: dict[str, FocusArea] = {
    area.name: area
    for area in (
        FocusArea("reading", "Reading", ("ks2_reading_progress", "ks2_reading_expected_pct")),
        FocusArea("writing", "Writing", ("ks2_writing_progress", "ks2_writing_expected_pct")),
        FocusArea("maths", "Maths", ("ks2_maths_progress", "ks2_maths_expected_pct")),
        FocusArea("progress8", "Progress 8", ("ks4_progress8",)),
        FocusArea("english_maths", "English and maths at GCSE", ("ks4_english_maths_grade5_pct",)),
        FocusArea("ebacc", "EBacc", ("ks4_ebacc_entry_pct", "ks4_ebacc_grade5_pct")),
        FocusArea("sixth_form", "Sixth form (A level)", ("ks5_alevel_value_added",)),
        FocusArea(
            "disadvantaged",
            "Disadvantaged pupils",
            (
                "ks2_rwm_expected_pct_disadvantaged",
                "ks4_progress8_disadvantaged",
                "ks5_alevel_value_added_disadvantaged",
            ),
        ),
        FocusArea("ofsted", "Ofsted", ("ofsted_rating",)),
        FocusArea("finance", "Finance", ("balance", "income")),
    )
}


def measures_read() -> frozenset[str]:
    """Every measure an assessment may read: focus measures, their intervals and cohorts."""
    names: set[str] = set()
    for area in FOCUS_AREAS.values():
        for name in area.measures:
            m = MEASURES[name]
            names |= {name} | {n for n in (m.ci_lower, m.ci_upper, m.cohort, m.band) if n}
    return frozenset(names)


@dataclass(frozen=True)
class Assessment:
    urn: int
    focus: str
    judgement: Judgement
    reason: str
    score: float | None = None  # the difference in standard deviations of similar schools
    measure: str | None = None
    year: int | None = None
    value: float | None = None
    comparison: float | None = None  # the similar schools' average
    comparators: int = 0
    interval: tuple[float, float] | None = None  # 95% interval of the difference

    @property
    def focus_label(self) -> str:
        return FOCUS_AREAS[self.focus].label


Figures = Sequence[FigureRow]


def assess_school(
    *,
    urn: int,
    figures: Figures,
    comparators: Mapping[int, Figures],
    today: date,
    focus_areas: Sequence[str] | None = None,
) -> tuple[Assessment, ...]:
    """An assessment per focus area the school's figures touch (all of them, or those named)."""
    names = focus_areas if focus_areas is not None else list(FOCUS_AREAS)
    grouped = by_measure(figures)
    others = {other: by_measure(rows) for other, rows in comparators.items()}
    results = []
    for name in names:
        area = FOCUS_AREAS[name]
        if not any(m in grouped for m in area.measures):
            continue  # not applicable: the school has no such figure in any year
        results.append(_assess(urn, area, grouped, others, today))
    return tuple(results)


def _assess(
    urn: int,
    area: FocusArea,
    grouped: Mapping[str, list[FigureRow]],
    others: Mapping[int, Mapping[str, list[FigureRow]]],
    today: date,
) -> Assessment:
    if area.name == "ofsted":
        return _ofsted(urn, grouped, others, today)
    if area.name == "finance":
        return _finance(urn, grouped, others)
    choice = _latest_measure(area, grouped)
    if choice is None:
        return _unpublished(urn, area, grouped)
    measure, row = choice
    return compare(
        urn=urn, focus=area.name, measure=MEASURES[measure], row=row, grouped=grouped, others=others
    )


def _latest_measure(
    area: FocusArea, grouped: Mapping[str, list[FigureRow]]
) -> tuple[str, FigureRow] | None:
    best: tuple[str, FigureRow] | None = None
    for measure in area.measures:
        row = latest_value(grouped.get(measure))
        if row is not None and (best is None or row.year > best[1].year):
            best = (measure, row)
    return best


def _unpublished(urn: int, area: FocusArea, grouped: Mapping[str, list[FigureRow]]) -> Assessment:
    rows = [r for m in area.measures for r in grouped.get(m, [])]
    latest = max(rows, key=lambda r: r.year)
    why = label_of(latest.missing_reason) if latest.missing_reason else "not published"
    return Assessment(
        urn,
        area.name,
        Judgement.NOT_ASSESSED,
        f"No figure to judge: {MEASURES[latest.measure].label} for {_years(latest.year)} is "
        f"missing ({latest.missing_reason}: {why}).",
        measure=latest.measure,
        year=latest.year,
    )


def compare(
    *,
    urn: int,
    focus: str,
    measure: Measure,
    row: FigureRow,
    grouped: Mapping[str, list[FigureRow]],
    others: Mapping[int, Mapping[str, list[FigureRow]]],
) -> Assessment:
    """The statistical comparison described in the module's docstring."""
    year, value = row.year, row.value
    assert value is not None
    peers = [v for o in others.values() if (v := value_in(o, measure.name, year)) is not None]
    base = Assessment(
        urn,
        focus,
        Judgement.NOT_ASSESSED,
        "",
        measure=measure.name,
        year=year,
        value=value,
        comparators=len(peers),
    )
    label = f"{measure.label} in {_years(year)} was {_fmt(value, measure)}"
    if len(peers) < MIN_COMPARATORS:
        return _with(
            base,
            reason=f"{label}; only {len(peers)} of its similar schools have this "
            f"figure for that year, fewer than the {MIN_COMPARATORS} needed to compare.",
        )
    uncertainty = school_uncertainty(measure, row, grouped)
    mean, spread = fmean(peers), stdev(peers)
    sign = 1.0 if measure.higher_is_better else -1.0
    if uncertainty is None:
        return _with(
            base,
            comparison=mean,
            reason=f"{label}; no confidence interval or cohort "
            "size is published for it, so how sure a comparison would be is unknown.",
        )
    se_school, how = uncertainty
    difference = sign * (value - mean)
    se = math.sqrt(se_school**2 + spread**2 / len(peers))
    low, high = difference - Z95 * se, difference + Z95 * se
    score = difference / spread if spread > 0 else None
    judgement = _judge(low, high, score)
    reason = (
        f"{label} ({how}), against an average of {_fmt(mean, measure)} at its {len(peers)} "
        f"similar schools with this figure: {_direction(difference, measure)} "
        f"(95% interval for the difference {_fmt(low, measure, sign=True)} to "
        f"{_fmt(high, measure, sign=True)}"
        + (
            f"; {abs(score):.1f} standard deviations of those schools' figures"
            if score is not None
            else ""
        )
        + "). "
        + _verdict(judgement, low, high, score)
    )
    return Assessment(
        urn,
        focus,
        judgement,
        reason,
        score=score,
        measure=measure.name,
        year=year,
        value=value,
        comparison=mean,
        comparators=len(peers),
        interval=(low, high),
    )


def school_uncertainty(
    measure: Measure, row: FigureRow, grouped: Mapping[str, list[FigureRow]]
) -> tuple[float, str] | None:
    """The standard error of the school's figure and, in words, where it comes from."""
    if measure.ci_lower and measure.ci_upper:
        lower = value_in(grouped, measure.ci_lower, row.year)
        upper = value_in(grouped, measure.ci_upper, row.year)
        if lower is not None and upper is not None:
            return (
                se_from_interval(lower, upper),
                f"DfE's 95% confidence interval {_fmt(lower, measure)} to {_fmt(upper, measure)}",
            )
    if measure.cohort is None:
        return None
    cohort = cohort_of(grouped, measure.cohort, row.year)
    if cohort is None:
        return None
    pupils, cohort_year = cohort
    source = (
        "" if cohort_year == row.year else f", taken from {_years(cohort_year)}: the file has none"
    )
    if measure.unit is Unit.SCORE and measure.pupil_sd is not None:
        return (
            se_of_mean(measure.pupil_sd, pupils),
            f"uncertainty from {pupils:.0f} pupils{source}, assuming a pupil-level standard "
            f"deviation of {measure.pupil_sd}",
        )
    if measure.unit is Unit.PERCENT:
        return (
            se_of_percentage(row.value or 0.0, pupils),
            f"uncertainty of a percentage of {pupils:.0f} pupils{source}",
        )
    return None


def cohort_of(
    grouped: Mapping[str, list[FigureRow]], measure: str, year: int
) -> tuple[float, int] | None:
    """The cohort in `year`, or else in the nearest year that has one (an estimate)."""
    rows = [r for r in grouped.get(measure, []) if r.value is not None and r.value > 0]
    if not rows:
        return None
    nearest = min(rows, key=lambda r: (abs(r.year - year), -r.year))
    assert nearest.value is not None
    return nearest.value, nearest.year


def _judge(low: float, high: float, score: float | None) -> Judgement:
    if score is None:
        return Judgement.NEITHER
    if low > 0 and score >= MIN_EFFECT:
        return Judgement.STRENGTH
    if high < 0 and score <= -MIN_EFFECT:
        return Judgement.NEED
    return Judgement.NEITHER


def _verdict(judgement: Judgement, low: float, high: float, score: float | None) -> str:
    if judgement is Judgement.STRENGTH:
        return "Clearly better than similar schools, by a margin that matters."
    if judgement is Judgement.NEED:
        return "Clearly behind similar schools, by a margin that matters."
    if low <= 0 <= high:
        return "The difference is within the uncertainty: neither a strength nor a need."
    return (
        f"The difference is beyond the uncertainty but smaller than {MIN_EFFECT} standard "
        "deviations of similar schools' figures: neither a strength nor a need."
    )


def _ofsted(
    urn: int,
    grouped: Mapping[str, list[FigureRow]],
    others: Mapping[int, Mapping[str, list[FigureRow]]],
    today: date,
) -> Assessment:
    row = latest_value(grouped.get("ofsted_rating"))
    if row is None or row.value is None:
        return Assessment(urn, "ofsted", Judgement.NOT_ASSESSED, "No Ofsted rating is recorded.")
    rating = int(row.value)
    peers = [r.value for o in others.values() if (r := latest_value(o.get("ofsted_rating")))]
    peer_values = [v for v in peers if v is not None]
    mean = fmean(peer_values) if peer_values else None
    spread = stdev(peer_values) if len(peer_values) > 1 else 0.0
    score = (mean - rating) / spread if mean is not None and spread > 0 else None
    when = f"at its inspection on {row.as_of:%-d %B %Y}" if row.as_of else f"in {_years(row.year)}"
    old = ""
    if row.as_of and (today - row.as_of).days > 365 * OLD_INSPECTION_YEARS:
        old = f" The inspection was more than {OLD_INSPECTION_YEARS} years ago."
    judgement = {1: Judgement.STRENGTH, 2: Judgement.NEITHER}.get(rating, Judgement.NEED)
    average = f"; its similar schools average {mean:.1f} on Ofsted's 1-4 scale" if mean else ""
    rule = {
        Judgement.STRENGTH: "An Outstanding judgement is a strength.",
        Judgement.NEITHER: "A Good judgement is neither a strength nor a need.",
        Judgement.NEED: "A judgement below Good is a need.",
    }[judgement]
    return Assessment(
        urn,
        "ofsted",
        judgement,
        f"Rated {OFSTED_RATINGS.get(rating, str(rating))} {when}{average}. {rule}{old}",
        score=score,
        measure="ofsted_rating",
        year=row.year,
        value=float(rating),
        comparison=mean,
        comparators=len(peer_values),
    )


def _finance(
    urn: int,
    grouped: Mapping[str, list[FigureRow]],
    others: Mapping[int, Mapping[str, list[FigureRow]]],
) -> Assessment:
    balance = latest_value(grouped.get("balance"))
    income = value_in(grouped, "income", balance.year) if balance else None
    if balance is None or balance.value is None or not income:
        return Assessment(urn, "finance", Judgement.NOT_ASSESSED, "No income and balance recorded.")
    ratio = balance.value / income
    peer_ratios = []
    for o in others.values():
        b, i = value_in(o, "balance", balance.year), value_in(o, "income", balance.year)
        if b is not None and i:
            peer_ratios.append(b / i)
    mean = fmean(peer_ratios) if peer_ratios else None
    spread = stdev(peer_ratios) if len(peer_ratios) > 1 else 0.0
    score = (ratio - mean) / spread if mean is not None and spread > 0 else None
    judgement = Judgement.NEED if ratio <= DEFICIT_NEED else Judgement.NEITHER
    average = (
        f"; its {len(peer_ratios)} similar schools with accounts averaged {100 * mean:+.1f}%"
        if mean is not None
        else ""
    )
    rule = (
        f"Spending more than {abs(DEFICIT_NEED):.0%} above income in a year is a need."
        if judgement is Judgement.NEED
        else f"Only an in-year deficit of more than {abs(DEFICIT_NEED):.0%} of income is "
        "called a need; one year's accounts cannot show a strength."
    )
    return Assessment(
        urn,
        "finance",
        judgement,
        f"In {_years(balance.year)} its in-year balance was {100 * ratio:+.1f}% of its income "
        f"(£{balance.value:,.0f} on £{income:,.0f}){average}. {rule}",
        score=score,
        measure="balance",
        year=balance.year,
        value=balance.value,
        comparison=mean,
        comparators=len(peer_ratios),
    )


def _with(base: Assessment, **changes: object) -> Assessment:
    values = {**base.__dict__, **changes}
    return Assessment(**values)


def _years(year: int) -> str:
    return f"{year - 1}/{str(year)[2:]}"


def _fmt(value: float, measure: Measure, *, sign: bool = False) -> str:
    if measure.unit is Unit.PERCENT:
        return f"{value:+.0f} points" if sign else f"{value:.0f}%"
    if measure.unit is Unit.SCORE:
        return f"{value:+.2f}"
    return f"{value:+.1f}" if sign else f"{value:.1f}"


def _direction(difference: float, measure: Measure) -> str:
    word = "above" if difference > 0 else "below" if difference < 0 else "level with"
    amount = _fmt(abs(difference), measure, sign=True).lstrip("+")
    return f"{word} them by {amount}" if difference else word
