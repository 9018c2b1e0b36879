"""Plain English for the committee report: what the estimate says, and what it cannot."""

from collections.abc import Sequence

from schoolweave.core.impact.did import Fit
from schoolweave.core.performance.measures import Measure, Unit

UNIT_WORDS = {
    Unit.SCORE: "points",
    Unit.SCALED: "points",
    Unit.PERCENT: "percentage points",
    Unit.COUNT: "pupils",
    Unit.GBP: "pounds",
}


def year_label(year: int) -> str:
    """2019 -> "2018/19": the academic year ending in that calendar year."""
    return f"{year - 1}/{year % 100:02d}"


def unit_words(measure: Measure) -> str:
    return UNIT_WORDS.get(measure.unit, "")


def number(value: float, decimals: int | None = None) -> str:
    places = decimals if decimals is not None else (2 if abs(value) < 1 else 1)
    text = f"{value:.{places}f}"
    return text.replace("-", "\u2212")  # a true minus sign reads better in print


def decimals_for(*values: float) -> int:
    """One precision for figures read together: 2 places when all are small, else 1."""
    return 2 if max(abs(v) for v in values) < 1 else 1


def percent(value: float | None) -> str:
    return "not published" if value is None else f"{value:.0f}%"


def span(years: Sequence[int]) -> str:
    first, last = year_label(years[0]), year_label(years[-1])
    return first if first == last else f"{first} to {last}"


def summary(
    *,
    measure: Measure,
    fit: Fit,
    n_comparison: int,
    pre_years: Sequence[int],
    post_years: Sequence[int],
    naive_members: float | None,
    naive_comparison: float | None,
    lost: int,
    listed: int,
    padlocks: int,
) -> str:
    """The paragraph for a committee report."""
    sentences = estimate_sentences(
        measure=measure,
        estimate=fit.estimate,
        ci_low=fit.ci_low,
        ci_high=fit.ci_high,
        n_comparison=n_comparison,
        pre_years=pre_years,
        post_years=post_years,
    )
    for extra in (
        naive_sentence(naive_members, naive_comparison),
        attrition_sentence(lost=lost, listed=listed),
    ):
        if extra:
            sentences.append(extra)
    sentences.append(f"Evidence rating: {padlocks} of 5 padlocks.")
    return " ".join(sentences)


def estimate_sentences(
    *,
    measure: Measure,
    estimate: float,
    ci_low: float,
    ci_high: float,
    n_comparison: int,
    pre_years: Sequence[int],
    post_years: Sequence[int],
) -> list[str]:
    unit = unit_words(measure)
    places = decimals_for(estimate, ci_low, ci_high)
    moved = "rose" if estimate >= 0 else "fell"
    if len(pre_years) == 1 and len(post_years) == 1:
        when = f"Between {year_label(pre_years[0])} and {year_label(post_years[0])}"
    else:
        when = f"From before joining ({span(pre_years)}) to after ({span(post_years)})"
    first = (
        f"{when}, member schools' "
        f"{measure.label} {moved} by {number(abs(estimate), places)} {unit} relative to that of "
        f"{n_comparison} similar schools not in networks (95% confidence interval "
        f"{number(ci_low, places)} to {number(ci_high, places)})."
    )
    if ci_low <= 0 <= ci_high:
        second = (
            "Because the interval includes zero, we cannot tell whether the networks made a "
            "difference to this measure."
        )
    else:
        better = (estimate > 0) == measure.higher_is_better
        second = (
            f"The interval does not include zero: on this evidence member schools did "
            f"{'better' if better else 'worse'} than similar schools, though a comparison "
            "that is not randomised cannot rule out other differences between them."
        )
    return [first, second]


def naive_sentence(cohort_pct: float | None, comparison_pct: float | None) -> str | None:
    if cohort_pct is None:
        return None
    members = f"{cohort_pct:.0f}% of member schools improved"
    if comparison_pct is None:
        return f"{members}; the same figure for the comparison schools is not published."
    joiner = "but so did" if comparison_pct >= cohort_pct - 5 else "against"
    return (
        f"{members}, {joiner} {comparison_pct:.0f}% of the comparison schools: the "
        "difference, not the first figure, is what the networks may have added."
    )


REGRESSION_TO_MEAN = (
    "Member schools had lower results than most schools before joining. Schools with low "
    "results tend to rise afterwards anyway (a bad year is often followed by a better one: "
    "regression to the mean), so the share of members that improved says little on its own. "
    "The comparison group, of schools with similarly low results, is what corrects for this."
)

FEW_CLUSTERS = (
    "The member schools are in only {clusters} networks. The uncertainty is worked out from "
    "the networks, not the schools, so the interval is wide (its t distribution has "
    "{df:.1f} degrees of freedom) and itself uncertain."
)


def method_words(*, k: int, years: int, pre_years: int) -> str:
    design = (
        "difference-in-differences with year effects" if years > 2 else "difference-in-differences"
    )
    check = (
        "Whether members and comparison schools were on the same path before joining is tested "
        "on the years before."
        if pre_years >= 2
        else "With one year before joining, whether members and comparison schools were on the "
        "same path before cannot be tested."
    )
    return (
        f"Matched comparison: each member school is matched, with replacement, to the {k} "
        "schools of its phase not in networks most like it before joining (its result in the "
        "last year before, and its context). The estimate is a "
        f"{design}: how much more members' results changed after joining than the comparison "
        "schools', with standard errors clustered by network and a 95% confidence interval "
        f"whose width allows for the number of networks. {check}"
    )


def attrition_sentence(*, lost: int, listed: int) -> str | None:
    if not lost:
        return None
    return (
        f"{lost} of the {listed} member schools have no result before or after joining "
        "(closed, converted or not published) and are left out."
    )
