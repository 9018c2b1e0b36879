"""The whole evaluation, stage by stage (see the package docstring)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from schoolweave.core.impact import did, matching, naive, panel, rating, wording
from schoolweave.core.impact.balance import SERIOUS_IMBALANCE, balance_rows, pooled_sd
from schoolweave.core.impact.result import (
    BalanceRow,
    ImpactResult,
    NaiveFigures,
    SchoolSeries,
    YearMeans,
)
from schoolweave.core.impact.years import protect_balance, year_means
from schoolweave.core.performance.measures import Measure
from schoolweave.core.stats.disclosure import MIN_SCHOOLS

MIN_CLUSTERS = 2  # a clustered standard error needs at least two networks
FEW_CLUSTERS = 10  # below this, the interval is wide and we say so
PRE_TREND_ALPHA = 0.05

TOO_FEW_MEMBERS = (
    "Only {n} member school{s} {have} results both before and after joining: at least "
    f"{MIN_SCHOOLS} are needed before any figure about them may be published, and many more "
    "before an estimate means much."
)
ONE_NETWORK = (
    "All the member schools are in one network. The uncertainty of the estimate is worked out "
    "from differences between networks, so with one network it cannot be worked out, and "
    "anything else that happened to that network would look like its effect."
)
TOO_FEW_COMPARISON = (
    "Fewer than {n} schools not in networks have results before and after: there is no "
    "comparison group to set the members' results against."
)
TOO_FEW_MATCHED = (
    "Only {n} member schools have schools of their own phase, not in networks, to be compared "
    f"with: at least {MIN_SCHOOLS} are needed."
)
NOT_AVERAGEABLE = "{label} is a grade, not a figure that can be averaged or differenced."
NO_ESTIMATE = (
    "The figures cannot support an estimate: the members and comparison schools do not "
    "have results in enough years to compare the change."
)


@dataclass(frozen=True)
class _Setup:
    """What every result needs, suppressed or not."""

    measure: Measure
    start_year: int
    periods: panel.Periods
    cohort: panel.Cohort
    warnings: list[str]


def evaluate(
    cohort: Sequence[SchoolSeries],
    pool: Sequence[SchoolSeries],
    *,
    measure: Measure,
    start_year: int,
    progress: Callable[[str], None] | None = None,
) -> ImpactResult:
    """Whether the cohort's `measure` changed more after `start_year` (the first academic
    year of membership, whose results count as "after") than a matched comparison's."""
    say = progress or (lambda message: None)
    say("Finding the member schools with results before and after joining")
    split = panel.split_cohort(cohort, start_year=start_year)
    periods = panel.periods(split.members, start_year=start_year)
    setup = _Setup(measure, start_year, periods, split, [])
    if split.in_several:
        setup.warnings.append(
            f"{split.in_several} member school{'s are' if split.in_several > 1 else ' is'} "
            "listed in more than one network: each counts once, in the first network listed."
        )
    if not measure.is_aggregatable:
        return _suppressed(setup, NOT_AVERAGEABLE.format(label=measure.label))
    if len(split.members) < MIN_SCHOOLS:
        return _suppressed(setup, _too_few(len(split.members)))
    listed = {s.urn for s in cohort}
    eligible = panel.eligible_pool(pool, members=split.members, excluded=listed, periods=periods)
    if len(eligible) < MIN_SCHOOLS:
        return _suppressed(setup, TOO_FEW_COMPARISON.format(n=MIN_SCHOOLS))
    say(f"Matching each member school to similar schools among {len(eligible)} not in networks")
    found, notes = matching.covariates(
        split.members, eligible, periods=periods, label=measure.label
    )
    setup.warnings.extend(notes)
    member_matrix, pool_matrix, notes = matching.standardise(found)
    setup.warnings.extend(notes)
    matched = matching.match(
        split.members, eligible, member_matrix=member_matrix, pool_matrix=pool_matrix
    )
    if matched.unmatched:
        setup.warnings.append(
            f"{len(matched.unmatched)} member schools have no school of their phase to compare "
            "with and are left out."
        )
    members = tuple(s for s in split.members if s.urn not in set(matched.unmatched))
    if matched.unmatched:
        found, _ = matching.covariates(members, eligible, periods=periods, label=measure.label)
    return _estimate(setup, members, eligible, found, matched, say)


def _estimate(
    setup: _Setup,
    members: tuple[SchoolSeries, ...],
    eligible: tuple[SchoolSeries, ...],
    found: Sequence[matching.Covariate],
    matched: matching.Match,
    say: Callable[[str], None],
) -> ImpactResult:
    measure, periods, start_year = setup.measure, setup.periods, setup.start_year
    clusters = len({panel.cluster_of(s) for s in members})
    comparison = tuple(s for s in eligible if matched.weights.get(s.urn, 0.0) > 0)
    if len(members) < MIN_SCHOOLS:
        return _suppressed(setup, TOO_FEW_MATCHED.format(n=len(members)))
    if len(comparison) < MIN_SCHOOLS:
        return _suppressed(setup, TOO_FEW_COMPARISON.format(n=MIN_SCHOOLS))
    say("Checking balance between members and comparison schools")
    balance = balance_rows(found, pool=eligible, weights=matched.weights)
    if clusters < MIN_CLUSTERS:
        return _one_network(setup, members, comparison, eligible, matched, balance)
    say("Estimating the difference-in-differences")
    long = did.build_panel(members, comparison, weights=matched.weights, periods=periods)
    fit = did.difference_in_differences(long, start_year=start_year)
    if fit is None:
        return _suppressed(setup, NO_ESTIMATE)
    trend_fit = did.pre_trend_test(long, start_year=start_year)
    trend = _pre_trend_state(trend_fit)
    risk = _regression_to_mean_risk(balance, measure)
    setup.warnings.extend(_warnings(measure, trend_fit, trend, clusters, fit, risk))
    say("Working out the naive figures")
    shown = _shown(setup, members, comparison, eligible, matched, balance)
    say("Rating the evidence")
    lost = len(setup.cohort.attrition)
    padlocks, deductions = rating.rate(
        n_cohort=len(members),
        clusters=clusters,
        attrition_rate=lost / (len(members) + lost),
        balance=balance,
        pre_trend=trend,
        regression_to_mean_risk=risk,
    )
    effect_size, basis = _effect_size(fit.estimate, measure, members, eligible, periods)
    summary = wording.summary(
        measure=measure,
        fit=fit,
        n_comparison=len(comparison),
        pre_years=periods.pre_years,
        post_years=periods.post_years,
        naive_members=shown.naive_members.improved_pct,
        naive_comparison=shown.naive_comparison.improved_pct,
        lost=lost,
        listed=setup.cohort.listed,
        padlocks=padlocks,
    )
    return ImpactResult(
        measure=measure.name,
        start_year=start_year,
        pre_years=periods.pre_years,
        post_years=periods.post_years,
        n_cohort=len(members),
        n_comparison=len(comparison),
        n_cohort_listed=setup.cohort.listed,
        attrition=setup.cohort.attrition,
        estimate=fit.estimate,
        ci_low=fit.ci_low,
        ci_high=fit.ci_high,
        std_error=fit.std_error,
        p_value=fit.p_value,
        effect_size=effect_size,
        effect_size_basis=basis,
        rating=padlocks,
        deductions=deductions,
        naive_cohort=shown.naive_members,
        naive_comparison=shown.naive_comparison,
        balance=shown.balance,
        years=shown.years,
        matched_pairs=matched.pairs,
        regression_to_mean_risk=risk,
        warnings=tuple(setup.warnings),
        summary=summary,
        method=wording.method_words(
            k=matched.k, years=len(periods.years), pre_years=len(periods.pre_years)
        ),
        measure_label=measure.label,
        unit=wording.unit_words(measure),
        degrees_of_freedom=fit.df,
        cohort_clusters=clusters,
        pre_trend=trend.value,
        pre_trend_difference=None if trend_fit is None else trend_fit.estimate,
        pre_trend_p_value=None if trend_fit is None else trend_fit.p_value,
        matches_per_school=matched.k,
    )


def _warnings(
    measure: Measure,
    trend_fit: did.Fit | None,
    trend: rating.PreTrend,
    clusters: int,
    fit: did.Fit,
    risk: bool,
) -> list[str]:
    found = []
    if trend is rating.PreTrend.DIFFERENT and trend_fit is not None:
        found.append(
            "Before joining, members' results were already moving differently from the "
            f"comparison schools' (by {wording.number(trend_fit.estimate)} "
            f"{wording.unit_words(measure)} a year, p = {trend_fit.p_value:.2f}): the "
            "estimate may reflect that rather than the networks."
        )
    if clusters < FEW_CLUSTERS:
        found.append(wording.FEW_CLUSTERS.format(clusters=clusters, df=fit.df))
    reason = naive.no_15pct_reason(measure)
    if reason:
        found.append(reason)
    if risk:
        found.append(wording.REGRESSION_TO_MEAN)
    return found


def _too_few(n: int) -> str:
    return TOO_FEW_MEMBERS.format(n=n, s="" if n == 1 else "s", have="has" if n == 1 else "have")


def _pre_trend_state(fit: did.Fit | None) -> rating.PreTrend:
    if fit is None:
        return rating.PreTrend.UNTESTABLE
    if fit.p_value < PRE_TREND_ALPHA:
        return rating.PreTrend.DIFFERENT
    return rating.PreTrend.PARALLEL


def _regression_to_mean_risk(balance: Sequence[BalanceRow], measure: Measure) -> bool:
    """Members were markedly worse than the pool before joining (SMD beyond 0.25)."""
    level = next((row for row in balance if row.name == "pre_level"), None)
    if level is None or level.smd_before is None:
        return False
    worse = -level.smd_before if measure.higher_is_better else level.smd_before
    return worse > SERIOUS_IMBALANCE


def _effect_size(
    estimate: float,
    measure: Measure,
    members: Sequence[SchoolSeries],
    pool: Sequence[SchoolSeries],
    periods: panel.Periods,
) -> tuple[float | None, str]:
    if measure.pupil_sd:
        return estimate / measure.pupil_sd, (
            f"the estimate over the pupil-level standard deviation of {measure.label} "
            f"({measure.pupil_sd} {wording.unit_words(measure)}), as EEF's effect sizes are"
        )
    before = [panel.last_before(s, periods) for s in (*members, *pool)]
    known = np.array([v for v in before if v is not None], dtype=float)
    sd = pooled_sd(known, known) if known.size >= 2 else None
    if not sd:
        return None, "no effect size: the schools' results before joining do not vary"
    return estimate / sd, (
        f"the estimate over the standard deviation of schools' {measure.label} before joining "
        f"({wording.number(sd)}): school-level, so larger than EEF's pupil-level effect sizes"
    )


def _one_network(
    setup: _Setup,
    members: tuple[SchoolSeries, ...],
    comparison: tuple[SchoolSeries, ...],
    eligible: tuple[SchoolSeries, ...],
    matched: matching.Match,
    balance: Sequence[BalanceRow],
) -> ImpactResult:
    """No estimate, but what can honestly be shown: the naive figures of members and of
    their matched comparison side by side, the years' means and the balance. The lesson of
    the naive figure needs no interval."""
    shown = _shown(setup, members, comparison, eligible, matched, balance)
    words = wording.naive_sentence(
        shown.naive_members.improved_pct, shown.naive_comparison.improved_pct
    )
    result = _suppressed(setup, ONE_NETWORK)
    return replace(
        result,
        n_cohort=len(members),
        n_comparison=len(comparison),
        naive_cohort=shown.naive_members,
        naive_comparison=shown.naive_comparison,
        balance=shown.balance,
        years=shown.years,
        matched_pairs=matched.pairs,
        regression_to_mean_risk=_regression_to_mean_risk(balance, setup.measure),
        summary=" ".join(filter(None, (result.summary, words))),
        cohort_clusters=1,
        matches_per_school=matched.k,
    )


@dataclass(frozen=True)
class _Shown:
    """What a result shows whether or not it has an estimate: the naive figures of members
    and of their matched comparison, the years' means, and the balance with any row that
    could reveal a withheld figure blanked."""

    naive_members: NaiveFigures
    naive_comparison: NaiveFigures
    years: tuple[YearMeans, ...]
    balance: tuple[BalanceRow, ...]


def _shown(
    setup: _Setup,
    members: tuple[SchoolSeries, ...],
    comparison: tuple[SchoolSeries, ...],
    eligible: tuple[SchoolSeries, ...],
    matched: matching.Match,
    balance: Sequence[BalanceRow],
) -> _Shown:
    periods = setup.periods
    years = year_means(members, comparison, weights=matched.weights, periods=periods)
    return _Shown(
        naive_members=naive.naive_figures(members, measure=setup.measure, periods=periods),
        naive_comparison=naive.naive_figures(
            comparison, measure=setup.measure, periods=periods, weights=matched.weights
        ),
        years=years,
        balance=protect_balance(
            balance, members=members, pool=eligible, periods=periods, years=years
        ),
    )


def _suppressed(setup: _Setup, reason: str) -> ImpactResult:
    empty = NaiveFigures(0, None, None)
    return ImpactResult(
        measure=setup.measure.name,
        start_year=setup.start_year,
        pre_years=setup.periods.pre_years,
        post_years=setup.periods.post_years,
        n_cohort=len(setup.cohort.members),
        n_comparison=0,
        n_cohort_listed=setup.cohort.listed,
        attrition=setup.cohort.attrition,
        estimate=None,
        ci_low=None,
        ci_high=None,
        std_error=None,
        p_value=None,
        effect_size=None,
        effect_size_basis="",
        rating=None,
        deductions=(),
        naive_cohort=empty,
        naive_comparison=empty,
        balance=(),
        years=(),
        matched_pairs=(),
        regression_to_mean_risk=False,
        warnings=tuple(setup.warnings),
        summary=f"No estimate can be given. {reason}",
        suppressed=reason,
        measure_label=setup.measure.label,
        unit=wording.unit_words(setup.measure),
    )
