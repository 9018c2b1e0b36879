"""Year-by-year means of members and comparison schools, for the chart, under disclosure
control (`schoolweave.core.stats.disclosure`).

The means weigh schools as the estimate does (each member once, each comparison school as
often as it was matched), so the chart shows exactly what the estimate compares; a
pupil-weighted mean would show another quantity. `protect` sums the weighted figures
(combine="sum", whose rules 1 to 3 are the same as a mean's) and the mean is that sum over the
weights: a group resting on fewer than 3 schools or 6 pupils is suppressed, and so is one that,
with the other published figures, would reveal a withheld school's figure. If a group's mean
is suppressed in any year, it is suppressed in every year, so that the estimate and the other
years cannot be combined to recover it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace

from schoolweave.core.impact.panel import Periods, values
from schoolweave.core.impact.result import BalanceRow, SchoolSeries, YearMeans
from schoolweave.core.stats.disclosure import Cell, Group, Unit, protect

ALSO_SUPPRESSED = "suppressed because this group's figure in another year is not published"


def year_means(
    members: Sequence[SchoolSeries],
    comparison: Sequence[SchoolSeries],
    *,
    weights: Mapping[int, float],
    periods: Periods,
) -> tuple[YearMeans, ...]:
    cells: dict[int, tuple[Cell, Cell, float, float]] = {}
    for year in periods.years:
        units, weight_of = [], {}
        for series, weight in [
            *((s, 1.0) for s in members),
            *((s, weights.get(s.urn, 0.0)) for s in comparison),
        ]:
            value = values(series).get(year)
            if value is None or not weight > 0:
                continue
            weight_of[series.urn] = weight
            units.append(
                Unit(
                    series.urn,
                    value * weight,
                    series.pupils.get(year),
                    series.withheld.get(year) or None,
                )
            )
        groups = [
            Group("members", frozenset(s.urn for s in members), priority=1),
            Group("comparison", frozenset(s.urn for s in comparison)),
        ]
        protected = protect(units=units, groups=groups, combine="sum")
        member_cell, comparison_cell = protected.groups["members"], protected.groups["comparison"]
        cells[year] = (
            member_cell,
            comparison_cell,
            sum(weight_of[u.id] for u in units if u.id in groups[0].units),
            sum(weight_of[u.id] for u in units if u.id in groups[1].units),
        )
    hide_members = any(c[0].suppressed for c in cells.values())
    hide_comparison = any(c[1].suppressed for c in cells.values())
    return tuple(
        _row(year, cell, hide_members, hide_comparison) for year, cell in sorted(cells.items())
    )


def _row(
    year: int, cells: tuple[Cell, Cell, float, float], hide_members: bool, hide_comparison: bool
) -> YearMeans:
    member_cell, comparison_cell, member_weight, comparison_weight = cells
    reasons = []
    if hide_members:
        reasons.append(f"members: {member_cell.suppressed or ALSO_SUPPRESSED}")
    if hide_comparison:
        reasons.append(f"comparison: {comparison_cell.suppressed or ALSO_SUPPRESSED}")
    return YearMeans(
        year=year,
        cohort_mean=None if hide_members else _mean(member_cell, member_weight),
        comparison_mean=None if hide_comparison else _mean(comparison_cell, comparison_weight),
        cohort_schools=member_cell.schools,
        comparison_schools=comparison_cell.schools,
        suppressed="; ".join(reasons) or None,
    )


def _mean(cell: Cell, weight: float) -> float | None:
    if not cell.is_published or cell.value is None or not weight > 0:
        return None
    return cell.value / weight


MEASURE_ROWS = ("pre_level", "pre_trend")  # balance rows made of the measure's own figures


def protect_balance(
    rows: Sequence[BalanceRow],
    *,
    members: Sequence[SchoolSeries],
    pool: Sequence[SchoolSeries],
    periods: Periods,
    years: Sequence[YearMeans],
) -> tuple[BalanceRow, ...]:
    """The balance rows made of the measure's figures, with a group's mean (and the
    differences that would give it away) blanked where it could reveal a withheld figure:
    members' and comparison means go with their year means; the pool's mean, which overlaps
    the comparison group with other weights, is shown only if no pool school's figure before
    joining is withheld. Context rows (free school meals, pupils) are public already."""
    hide_members = any(y.suppressed and y.cohort_mean is None for y in years)
    hide_comparison = any(y.suppressed and y.comparison_mean is None for y in years)
    hide_members = hide_members or _withheld_before(members, periods)
    hide_pool = _withheld_before(pool, periods)
    out = []
    for row in rows:
        if row.name not in MEASURE_ROWS:
            out.append(row)
            continue
        out.append(
            replace(
                row,
                cohort_mean=None if hide_members else row.cohort_mean,
                comparison_mean=None if hide_comparison else row.comparison_mean,
                pool_mean=None if hide_pool else row.pool_mean,
                smd_before=None if hide_members or hide_pool else row.smd_before,
                smd_after=None if hide_members or hide_comparison else row.smd_after,
            )
        )
    return tuple(out)


def _withheld_before(schools: Sequence[SchoolSeries], periods: Periods) -> bool:
    pre = set(periods.pre_years)
    return any(reason and year in pre for s in schools for year, reason in s.withheld.items())
