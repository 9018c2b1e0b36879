"""What an impact evaluation takes in and gives back: the contract between the pure core
(`schoolweave.core.impact`), the Django shell (pages, report, CSV, the `impact` command) and
the JSON the command prints.

No pupil-level data: every input is a school's published figure for a year.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SchoolSeries:
    """One school's published figures of the measure, by year, and what matching needs."""

    urn: int
    phase: str  # GIAS phase, e.g. "Primary"
    values: Mapping[int, float]  # year -> value (missing years are absent, never zero)
    pupils: Mapping[int, float] = field(default_factory=dict)  # year -> pupils behind it
    withheld: Mapping[int, str] = field(default_factory=dict)  # year -> why not publishable
    context: Mapping[str, float | None] = field(default_factory=dict)  # e.g. "fsm", "pupils"
    # The network (or other unit) whose schools share a treatment: standard errors are
    # clustered by it. Comparison schools are their own cluster.
    cluster: str = ""
    # Attrition, followed through GIAS links: "" when the school is open under this URN,
    # else e.g. "closed", "converted to academy (URN 123456)".
    left_because: str = ""


@dataclass(frozen=True)
class BalanceRow:
    """How alike cohort and comparison are on one characteristic, before and after matching."""

    name: str  # e.g. "pre_level", "fsm"
    label: str  # in words, for the balance table
    cohort_mean: float | None
    comparison_mean: float | None  # of the matched comparison group
    pool_mean: float | None  # of every eligible school before matching
    smd_before: float | None  # standardised mean difference, cohort vs pool
    smd_after: float | None  # cohort vs matched comparison
    matched_on: bool = True  # False: shown to check the matching (the trend before joining)


@dataclass(frozen=True)
class YearMeans:
    """Mean of the measure for members and comparison in one year (for the chart)."""

    year: int
    cohort_mean: float | None  # None when disclosure control suppresses it
    comparison_mean: float | None
    cohort_schools: int
    comparison_schools: int
    suppressed: str | None = None


@dataclass(frozen=True)
class NaiveFigures:
    """The Sandwell-style figures: share of schools whose result went up, and by over 15%."""

    schools: int
    improved_pct: float | None
    improved_15pct: float | None


@dataclass(frozen=True)
class Deduction:
    """One reason the evidence rating is lower than 5, and by how much."""

    padlocks: int
    reason: str


@dataclass(frozen=True)
class ImpactResult:
    measure: str
    start_year: int
    pre_years: tuple[int, ...]
    post_years: tuple[int, ...]
    n_cohort: int  # cohort schools with figures before and after
    n_comparison: int
    n_cohort_listed: int  # schools given, before any were lost
    attrition: tuple[tuple[int, str], ...]  # (urn, why it has no "after" figure)
    # None when suppressed (see `suppressed`).
    estimate: float | None  # difference-in-differences, in the measure's unit
    ci_low: float | None  # 95% confidence interval, SEs clustered by network
    ci_high: float | None
    std_error: float | None
    p_value: float | None
    effect_size: float | None  # estimate / pupil-level SD (Hedges-style, as EEF)
    effect_size_basis: str  # how the effect size was standardised, in words
    rating: int | None  # 0-5 padlocks
    deductions: tuple[Deduction, ...]
    naive_cohort: NaiveFigures
    naive_comparison: NaiveFigures
    balance: tuple[BalanceRow, ...]
    years: tuple[YearMeans, ...]
    matched_pairs: tuple[tuple[int, int], ...]  # (cohort urn, comparison urn)
    regression_to_mean_risk: bool
    warnings: tuple[str, ...]
    summary: str  # plain English an officer can paste into a committee report
    suppressed: str | None = None  # why no estimate may be given, in words
    method: str = ""  # the design in words
    # Added by the core (all optional for callers):
    measure_label: str = ""
    unit: str = ""  # the measure's unit in words, e.g. "points"
    degrees_of_freedom: float | None = None  # of the t distribution behind the interval
    cohort_clusters: int = 0  # networks (clusters) the member schools belong to
    pre_trend: str = ""  # "untestable", "no evidence of different trends" or "different"
    pre_trend_difference: float | None = None  # members' extra trend a year, before joining
    pre_trend_p_value: float | None = None
    matches_per_school: int = 0  # comparison schools matched to each member (with replacement)

    def as_json(self) -> dict[str, Any]:
        """The `schoolweave impact --format json` document (a public interface)."""
        hidden = self.suppressed is not None
        return {
            "measure": self.measure,
            "measure_label": self.measure_label,
            "unit": self.unit,
            "start_year": self.start_year,
            "pre_years": list(self.pre_years),
            "post_years": list(self.post_years),
            "suppressed": self.suppressed,
            "estimate": None if hidden else self.estimate,
            "ci_low": None if hidden else self.ci_low,
            "ci_high": None if hidden else self.ci_high,
            "std_error": None if hidden else self.std_error,
            "p_value": None if hidden else self.p_value,
            "degrees_of_freedom": None if hidden else self.degrees_of_freedom,
            "effect_size": None if hidden else self.effect_size,
            "effect_size_basis": self.effect_size_basis,
            "n_cohort": self.n_cohort,
            "n_cohort_listed": self.n_cohort_listed,
            "n_comparison": self.n_comparison,
            "cohort_clusters": self.cohort_clusters,
            "matches_per_school": self.matches_per_school,
            "rating": None if hidden else self.rating,
            "deductions": [asdict(d) for d in self.deductions],
            "naive_improved_pct": self.naive_cohort.improved_pct,
            "naive_improved_15pct": self.naive_cohort.improved_15pct,
            "comparison_naive_improved_pct": self.naive_comparison.improved_pct,
            "comparison_naive_improved_15pct": self.naive_comparison.improved_15pct,
            "naive": {
                "cohort": asdict(self.naive_cohort),
                "comparison": asdict(self.naive_comparison),
            },
            "regression_to_mean_risk": self.regression_to_mean_risk,
            "pre_trend": self.pre_trend,
            "pre_trend_difference": self.pre_trend_difference,
            "pre_trend_p_value": self.pre_trend_p_value,
            "attrition": [{"urn": urn, "reason": reason} for urn, reason in self.attrition],
            "balance": [asdict(row) for row in self.balance],
            "years": [asdict(row) for row in self.years],
            "matched_pairs": [list(pair) for pair in self.matched_pairs],
            "warnings": list(self.warnings),
            "summary": self.summary,
            "method": self.method,
        }
