"""Evaluating a cohort: gather its series and the pool's, and ask the core. A pure read."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from schoolweave.core.impact import evaluate
from schoolweave.core.impact.result import ImpactResult
from schoolweave.core.performance.measures import Measure
from schoolweave.evidence.figures import lineage_of
from schoolweave.impact import selectors
from schoolweave.impact.selectors import Cohort
from schoolweave.register.models import School

Progress = Callable[[str], None]


class UnknownMeasure(ValueError):
    """A measure an evaluation cannot take; the message lists those it can."""


def impact_measure(name: str) -> Measure:
    measures = selectors.impact_measures()
    if name not in measures:
        raise UnknownMeasure(
            f"{name!r} is not a measure an impact evaluation can take; use one of: "
            + ", ".join(sorted(measures))
        )
    return measures[name]


@dataclass(frozen=True)
class Evaluation:
    cohort: Cohort
    measure: Measure
    start_year: int
    result: ImpactResult
    names: Mapping[int, str]  # URN -> name: cohort and matched comparison schools
    followed: Mapping[int, int]  # cohort URN -> the URN its figures were followed to
    not_in_register: tuple[int, ...]
    pool_schools: int


def evaluate_cohort(
    *, cohort: Cohort, measure: Measure, start_year: int, progress: Progress | None = None
) -> Evaluation:
    say = progress or (lambda _: None)
    say(f"reading the figures of {len(cohort.members)} cohort schools")
    history = lineage_of()
    members = selectors.cohort_series(cohort, measure=measure, start_year=start_year)
    say("reading the figures of schools in no network (the pool)")
    pool = selectors.pool_series(cohort, measure=measure, start_year=start_year, history=history)
    say(f"matching and estimating ({len(pool)} schools in the pool)")
    result = evaluate(
        members.series, pool, measure=measure, start_year=start_year, progress=progress
    )
    matched = {comparison for _, comparison in result.matched_pairs}
    names = dict(members.names)
    names |= dict(School.objects.filter(urn__in=list(matched)).values_list("urn", "name"))
    return Evaluation(
        cohort=cohort,
        measure=measure,
        start_year=start_year,
        result=result,
        names=names,
        followed=members.followed,
        not_in_register=members.not_in_register,
        pool_schools=len(pool),
    )
