"""What an impact page shows: the officer's choice of measure and start year (with defaults
from the cohort), the evaluation (kept in the cache until the data change), and the values
the templates render: padlocks, the chart and its table, balance, the matched schools."""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from schoolweave.common.caching import kept
from schoolweave.core.performance.measures import Measure, Unit
from schoolweave.evidence.figures import data_stamp
from schoolweave.evidence.trend_chart import line_chart
from schoolweave.impact import report, selectors
from schoolweave.impact.forms import ImpactForm
from schoolweave.impact.selectors import Cohort, year_words
from schoolweave.impact.services import Evaluation, evaluate_cohort
from schoolweave.networks.selectors import memberships_stamp

CACHE_SECONDS = 60 * 60
NO_SCHOOLS = "No schools are in this cohort for that start year."
NO_PRE_YEAR = (
    "{title} started in {started}, but the figures of {measure} held here begin in {first}: "
    "there is no year before it started to compare with, so no estimate can be made. Import "
    "earlier performance tables, or choose another start year below (the page will then treat "
    "the results of the years before it as before joining, which they were not)."
)
NO_START = "The start of this cohort is not recorded; choose a start year below."


@dataclass(frozen=True)
class Choice:
    form: ImpactForm
    measure: Measure | None
    start_year: int | None
    cohort: Cohort | None
    evaluation: Evaluation | None
    problem: str | None  # why there is no evaluation, in words
    default_start: int | None


def choose(
    data: Mapping[str, str],
    cohort_for: Callable[[int | None], Cohort],
    default_start: int | None,
) -> Choice:
    base = cohort_for(default_start)
    measures = selectors.impact_measures()
    years = selectors.years_by_measure(measures)
    offered = {name: m for name, m in measures.items() if len(years.get(name, ())) >= 2}
    default = selectors.default_measure(selectors.phases_of(base.urns))
    if default not in offered and offered:
        default = next(iter(offered))
    wanted = data.get("measure", default)
    name = wanted if wanted in offered else default
    starts = years.get(name, [])[1:]
    form = ImpactForm(
        data if "measure" in data else None,
        measures=offered,
        start_years=starts,
        initial={"measure": default, "start_year": default_start},
    )
    measure, start = _chosen(form, offered, default, default_start, starts)
    problem = None
    if start is None or measure is None:
        problem = _why_not(base, default_start, measures.get(name), years.get(name, []))
        return Choice(form, measure, start, None, None, problem, default_start)
    cohort = base if start == default_start else cohort_for(start)
    if not cohort.members:
        return Choice(form, measure, start, cohort, None, NO_SCHOOLS, default_start)
    evaluation = _evaluated(cohort, measure, start)
    return Choice(form, measure, start, cohort, evaluation, None, default_start)


def _chosen(
    form: ImpactForm,
    offered: Mapping[str, Measure],
    default: str,
    default_start: int | None,
    starts: list[int],
) -> tuple[Measure | None, int | None]:
    if form.is_bound:
        if not form.is_valid():
            return None, None
        return offered[form.cleaned_data["measure"]], form.cleaned_data["start_year"]
    if default in offered and default_start in starts:
        return offered[default], default_start
    return None, None


def _why_not(
    base: Cohort, default_start: int | None, measure: Measure | None, years: list[int]
) -> str | None:
    if default_start is None:
        return NO_START
    if measure is not None and years and default_start <= years[0]:
        return NO_PRE_YEAR.format(
            title=base.label,
            started=year_words(default_start),
            measure=measure.label,
            first=years[0],
        )
    return None  # the form says what is wrong


def _evaluated(cohort: Cohort, measure: Measure, start_year: int) -> Evaluation:
    """The evaluation, from the cache while neither the figures nor any membership changed
    (memberships decide the cohort and who may be in the comparison pool)."""
    memberships = memberships_stamp()
    members = ",".join(f"{urn}={cluster}" for urn, cluster in sorted(cohort.members.items()))
    raw = f"{cohort.key}|{members}|{measure.name}|{start_year}|{data_stamp()}|{memberships}"
    key = "impact:" + hashlib.sha256(raw.encode()).hexdigest()
    return kept(
        key,
        lambda: evaluate_cohort(cohort=cohort, measure=measure, start_year=start_year),
        CACHE_SECONDS,
    )


def page_context(choice: Choice) -> dict[str, Any]:
    context: dict[str, Any] = {
        "form": choice.form,
        "problem": choice.problem,
        "cohort": choice.cohort,
        "evaluation": choice.evaluation,
        "start_words": year_words(choice.start_year) if choice.start_year else "",
        "default_start": choice.default_start,
        "default_start_words": year_words(choice.default_start) if choice.default_start else "",
        "query": _query(choice),
    }
    if choice.evaluation is not None:
        context |= result_context(choice.evaluation)
    return context


def _query(choice: Choice) -> str:
    if choice.measure is None or choice.start_year is None:
        return ""
    return f"?measure={choice.measure.name}&start_year={choice.start_year}"


def result_context(evaluation: Evaluation) -> dict[str, Any]:
    result, measure = evaluation.result, evaluation.measure
    rating = result.rating
    return {
        "result": result,
        "measure": measure,
        "estimate": report.number(result.estimate, measure, signed=True),
        "ci": report.ci_words(result, measure),
        "padlocks": report.padlocks(rating),
        "padlock_marks": [] if rating is None else [True] * rating + [False] * (5 - rating),
        "naive": [
            ("Members", result.naive_cohort),
            ("Matched comparison schools", result.naive_comparison),
        ],
        "balance": [
            (row, report.smd(row.smd_before), report.smd(row.smd_after)) for row in result.balance
        ],
        "years": [
            (row, "After" if row.year >= evaluation.start_year else "Before")
            for row in result.years
        ],
        "chart": _chart(evaluation),
        "matched": _matched(evaluation),
        "attrition": [(urn, evaluation.names.get(urn, ""), why) for urn, why in result.attrition],
        "followed": [
            (urn, evaluation.names.get(urn, ""), successor, evaluation.names.get(successor, ""))
            for urn, successor in sorted(evaluation.followed.items())
        ],
        "illustrative_notice": report.ILLUSTRATIVE,
    }


def _chart(evaluation: Evaluation) -> SafeString | None:
    points = []
    result = evaluation.result
    for row in result.years:
        if row.cohort_mean is not None:
            points.append({"series": "Members", "year": row.year, "value": row.cohort_mean})
        if row.comparison_mean is not None:
            points.append(
                {"series": "Matched comparison", "year": row.year, "value": row.comparison_mean}
            )
    if not points:
        return None
    label = evaluation.measure.label
    return line_chart(
        points=points,
        title=(
            f"{label} of the members and of the matched comparison schools, by year; the "
            f"first year after joining is {evaluation.start_year}. The table gives the figures."
        ),
        y_title="",  # the caption names the measure: an axis title crowds the tick labels
        # A progress score's 0 is the national average, marked by a rule; other units start at 0.
        zero=evaluation.measure.unit is not Unit.SCORE,
    )


def _matched(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Each member with the comparison schools matched to it."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for member, comparison in evaluation.result.matched_pairs:
        rows.setdefault(member, []).append((comparison, evaluation.names.get(comparison, "")))
    return [
        {"urn": urn, "name": evaluation.names.get(urn, ""), "comparisons": comparisons}
        for urn, comparisons in sorted(rows.items(), key=lambda r: evaluation.names.get(r[0], ""))
    ]
