"""The Sandwell-style figures: the share of schools whose result improved from the last year
before joining to the first year after, and the share that improved by more than 15%.

"Improved" respects the measure's direction. A 15% improvement is read against the school's
own earlier figure, which means something only on a scale with a true zero (percentages,
counts, money, Attainment 8). On a score centred on the national average (a progress score,
value added) or a scale with an arbitrary floor (KS2 scaled scores, 80 to 120), 15% of the
earlier figure is not a size of change at all (15% of -0.2 is 0.03 points, of +0.2 is the
other way round), so that figure is not given, and the warnings say why.

A comparison school counts as often as it was matched, as in the estimate. Shares resting on
fewer than 3 schools are not published (disclosure control).
"""

from collections.abc import Mapping, Sequence

from schoolweave.core.impact.panel import Periods, first_after, last_before
from schoolweave.core.impact.result import NaiveFigures, SchoolSeries
from schoolweave.core.performance.measures import KeyStage, Measure, Unit
from schoolweave.core.stats.disclosure import MIN_SCHOOLS

THRESHOLD = 0.15


def has_true_zero(measure: Measure) -> bool:
    if measure.unit in (Unit.PERCENT, Unit.COUNT, Unit.GBP):
        return True
    return measure.unit is Unit.SCALED and measure.stage is not KeyStage.KS2


def no_15pct_reason(measure: Measure) -> str | None:
    if has_true_zero(measure):
        return None
    return (
        f'"Improved by more than 15%" is not given: {measure.label} has no true zero (it is '
        "a score measured from an average or from an arbitrary floor), so a percentage of a "
        "school's earlier figure is not a size of change."
    )


def naive_figures(
    schools: Sequence[SchoolSeries],
    *,
    measure: Measure,
    periods: Periods,
    weights: Mapping[int, float] | None = None,
) -> NaiveFigures:
    sign = 1.0 if measure.higher_is_better else -1.0
    counted = 0
    total = improved = improved_15 = 0.0
    for series in schools:
        before, after = last_before(series, periods), first_after(series, periods)
        weight = 1.0 if weights is None else weights.get(series.urn, 0.0)
        if before is None or after is None or not weight > 0:
            continue
        counted += 1
        total += weight
        gain = sign * (after - before)
        if gain > 0:
            improved += weight
            if before != 0 and gain > THRESHOLD * abs(before):
                improved_15 += weight
    if counted < MIN_SCHOOLS or not total > 0:
        return NaiveFigures(counted, None, None)
    return NaiveFigures(
        counted,
        100.0 * improved / total,
        100.0 * improved_15 / total if has_true_zero(measure) else None,
    )
