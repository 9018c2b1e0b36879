"""The core's inputs: each school's published figures of a measure by year (`SchoolSeries`),
for a cohort and for the pool its comparison group is matched from.

Figures follow schools across academy conversion (GIAS Predecessor/Successor links), as every
page does. A cohort school that closed is followed to the school it became when GIAS links the
two one-to-one; otherwise it is lost to the evaluation, and why is recorded (attrition).

The pool is every open school of the cohort's comparison groups (phase, special and
independent schools apart) that has figures for the measure and was in no network in the
register at any time in the period, less the cohort and the schools it became or came from.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Min, Q

from schoolweave.core.impact.result import SchoolSeries
from schoolweave.core.performance.figures import (
    FigureRow,
    RegisterFacts,
    by_measure,
    comparison_group,
    school_context,
)
from schoolweave.core.performance.links import SUCCESSOR, Lineage
from schoolweave.core.performance.measures import MEASURES, KeyStage, Measure, Unit
from schoolweave.core.performance.strengths import cohort_of
from schoolweave.core.stats.disclosure import withheld_reason
from schoolweave.evidence.figures import lineage_of, school_series
from schoolweave.evidence.models import EstablishmentLink, Figure
from schoolweave.impact.selectors.cohorts import Cohort, school_cluster
from schoolweave.networks.models import Membership
from schoolweave.register.models import OPEN_STATUSES, School

# What matching reads of a school besides the measure itself: its context, from the register
# and from figures of the years before the start (never after: membership may change them).
CONTEXT_FEATURES = ("prior_attainment", "fsm", "disadvantaged", "pupils", "cohort")
_CONTEXT_MEASURES = {
    KeyStage.KS2: (
        "ks2_pupils",
        "ks2_disadvantaged_pct",
        "ks2_reading_score",
        "ks2_reading_progress",
        "ks2_maths_score",
        "ks2_maths_progress",
    ),
    KeyStage.KS4: ("ks4_pupils", "ks4_disadvantaged_pct", "ks4_attainment8", "ks4_progress8"),
    KeyStage.KS5: ("ks5_students", "ks5_alevel_students"),
}
_SCHOOL_FIELDS = (
    "urn",
    "name",
    "status",
    "close_reason",
    "close_date",
    "phase_name",
    "type_group_name",
    "region",
    "percentage_fsm",
    "pupils",
    "urban_rural",
    "ofsted_rating",
)
# Measures an impact evaluation can take: school results that average over pupils.
_EVALUABLE_UNITS = (Unit.SCORE, Unit.SCALED, Unit.PERCENT)
_EVALUABLE_STAGES = (KeyStage.KS2, KeyStage.KS4, KeyStage.KS5)
# The headline measure by phase: the default of the form and the network section.
DEFAULT_MEASURES = {"primary": "ks2_maths_progress", "secondary": "ks4_progress8"}
FALLBACK_MEASURE = "ks2_maths_progress"


def impact_measures() -> dict[str, Measure]:
    """Measures an evaluation can take, by name: progress, attainment and percentages of
    key stages 2, 4 and 5 with a count of pupils behind them (not intervals or bands)."""
    return {
        name: m
        for name, m in MEASURES.items()
        if m.unit in _EVALUABLE_UNITS
        and m.stage in _EVALUABLE_STAGES
        and m.cohort is not None
        and not name.endswith(("_ci_lower", "_ci_upper"))
    }


def default_measure(phases: Iterable[str]) -> str:
    """KS2 maths progress for a mostly primary cohort, Progress 8 for a secondary one."""
    groups = [comparison_group(phase, "") for phase in phases]
    if groups and groups.count("secondary") > groups.count("primary"):
        return DEFAULT_MEASURES["secondary"]
    return DEFAULT_MEASURES["primary"]


def measure_years(measure: Measure) -> list[int]:
    """The years the store holds figures of the measure for."""
    return sorted(
        Figure.objects.filter(measure=measure.name, value__isnull=False)
        .values_list("year", flat=True)
        .distinct()
    )


def years_by_measure(names: Collection[str]) -> dict[str, list[int]]:
    """The years the store holds figures for, of each of the measures that it holds."""
    found: dict[str, set[int]] = {}
    rows = (
        Figure.objects.filter(measure__in=list(names), value__isnull=False)
        .values_list("measure", "year")
        .distinct()
    )
    for name, year in rows:
        found.setdefault(name, set()).add(year)
    return {name: sorted(found[name]) for name in names if name in found}


def known_urns(urns: Collection[int]) -> list[int]:
    """Those of the URNs the register holds."""
    return list(School.objects.filter(urn__in=list(urns)).values_list("urn", flat=True))


def phases_of(urns: Collection[int]) -> list[str]:
    return list(School.objects.filter(urn__in=list(urns)).values_list("phase_name", flat=True))


@dataclass(frozen=True)
class CohortSeries:
    """The cohort as the core takes it, and what the page says about how it was read."""

    series: Sequence[SchoolSeries]
    names: Mapping[int, str]  # URN -> school name, cohort schools and the URNs they became
    followed: Mapping[int, int]  # cohort URN -> the URN whose figures carry it on
    not_in_register: tuple[int, ...]  # listed URNs the register does not hold


def cohort_series(cohort: Cohort, *, measure: Measure, start_year: int) -> CohortSeries:
    schools = {
        s["urn"]: s for s in School.objects.filter(urn__in=cohort.urns).values(*_SCHOOL_FIELDS)
    }
    history = lineage_of()
    followed = {
        urn: history.current(urn)
        for urn, school in schools.items()
        if school["status"] == School.Status.CLOSED and history.current(urn) != urn
    }
    left = _left_because(schools, followed)
    figures = school_series(
        {followed.get(urn, urn) for urn in schools}, history=history, measures=_needed(measure)
    )
    successors = School.objects.filter(urn__in=list(followed.values()))
    names = dict(successors.values_list("urn", "name"))
    series = [
        _series(
            school,
            figures.get(followed.get(urn, urn), []),
            measure=measure,
            start_year=start_year,
            cluster=cohort.members[urn],
            left_because=left.get(urn, ""),
        )
        for urn, school in sorted(schools.items())
    ]
    names |= {urn: s["name"] for urn, s in schools.items()}
    missing = tuple(urn for urn in cohort.urns if urn not in schools)
    return CohortSeries(series, names, followed, missing)


def pool_series(
    cohort: Cohort, *, measure: Measure, start_year: int, history: Lineage | None = None
) -> list[SchoolSeries]:
    """Schools a comparison group may be matched from (see the module's docstring)."""
    history = history if history is not None else lineage_of()
    cohort_schools = School.objects.filter(urn__in=cohort.urns)
    groups = {
        comparison_group(phase, type_group)
        for phase, type_group in cohort_schools.values_list("phase_name", "type_group_name")
    }
    if not groups:
        return []
    first_year = Figure.objects.filter(measure=measure.name).aggregate(first=Min("year"))["first"]
    period_start = date((first_year or start_year) - 1, 9, 1)
    networked = Membership.objects.filter(Q(left__isnull=True) | Q(left__gte=period_start))
    candidates = (
        School.objects.filter(status__in=OPEN_STATUSES, phase_name__in=_phases_of(groups))
        .exclude(urn__in=networked.values("school_id"))
        .exclude(urn__in=cohort.urns)
        .values(*_SCHOOL_FIELDS)
    )
    related = set(cohort.urns) | {history.current(urn) for urn in cohort.urns}
    schools = {
        s["urn"]: s
        for s in candidates
        if comparison_group(s["phase_name"], s["type_group_name"]) in groups
        and not related & set(history.history(s["urn"]))
    }
    figures = school_series(list(schools), history=history, measures=_needed(measure))
    pool = []
    for urn, school in sorted(schools.items()):
        one = _series(
            school,
            figures.get(urn, []),
            measure=measure,
            start_year=start_year,
            cluster=school_cluster(urn),
        )
        if one.values:
            pool.append(one)
    return pool


def _phases_of(groups: Collection[str]) -> list[str]:
    """The register's phase names that fall in any of the comparison groups."""
    bases = {g.removeprefix("special ").removeprefix("independent ") for g in groups}
    names = School.objects.order_by().values_list("phase_name", flat=True).distinct()
    return [name for name in names if comparison_group(name, "") in bases]


def _needed(measure: Measure) -> set[str]:
    needed = {measure.name, *_CONTEXT_MEASURES.get(measure.stage, ())}
    if measure.cohort:
        needed.add(measure.cohort)
    return needed


def _series(
    school: Mapping[str, object],
    rows: Sequence[FigureRow],
    *,
    measure: Measure,
    start_year: int,
    cluster: str,
    left_because: str = "",
) -> SchoolSeries:
    """One school's series. Pupils of a year without a published cohort are the nearest
    year's (the weight of a figure, as group figures do); only a cohort of that very year can
    make the school's own figure too small to publish."""
    grouped = by_measure(rows)
    values: dict[int, float] = {}
    pupils: dict[int, float] = {}
    withheld: dict[int, str] = {}
    for row in grouped.get(measure.name, []):
        if row.value is None:
            continue
        values[row.year] = row.value
        same_year: float | None = None
        found = cohort_of(grouped, measure.cohort, row.year) if measure.cohort else None
        if found is not None:
            pupils[row.year] = found[0]
            same_year = found[0] if found[1] == row.year else None
        reason = withheld_reason(pupils=same_year)
        if reason:
            withheld[row.year] = reason
    return SchoolSeries(
        urn=int(str(school["urn"])),
        phase=str(school["phase_name"]),
        values=values,
        pupils=pupils,
        withheld=withheld,
        context=_context(school, [r for r in rows if r.year < start_year]),
        cluster=cluster,
        left_because=left_because,
    )


def _context(school: Mapping[str, object], before: Iterable[FigureRow]) -> dict[str, float | None]:
    facts = RegisterFacts(
        urn=int(str(school["urn"])),
        phase=str(school["phase_name"]),
        type_group=str(school["type_group_name"]),
        region=str(school["region"]),
        percentage_fsm=_float(school["percentage_fsm"]),
        pupils=_int(school["pupils"]),
        urban_rural=str(school["urban_rural"]),
        ofsted_rating=str(school["ofsted_rating"]),
    )
    features = school_context(facts=facts, figures=before).features
    return {name: features.get(name) for name in CONTEXT_FEATURES}


def _left_because(
    schools: Mapping[int, Mapping[str, object]], followed: Mapping[int, int]
) -> dict[int, str]:
    """Why a closed cohort school has no figures after it closed, in words: GIAS's closing
    reason and any link to the schools that took its pupils (a merger, a split)."""
    closed = [
        urn
        for urn, s in schools.items()
        if s["status"] == School.Status.CLOSED and urn not in followed
    ]
    links: dict[int, list[str]] = {}
    for urn, linked, link_type in EstablishmentLink.objects.filter(
        urn__in=closed, link_type__startswith=SUCCESSOR
    ).values_list("urn", "linked_urn", "link_type"):
        links.setdefault(urn, []).append(f"{link_type.lower()}: URN {linked}")
    reasons = {}
    for urn in closed:
        school = schools[urn]
        words = str(school["close_reason"] or "closed").lower()
        if words != "closed":
            words = f"closed ({words})"
        if school["close_date"]:
            words += f" on {school['close_date']:%-d %B %Y}"
        if urn in links:
            words += "; GIAS links it to " + ", ".join(sorted(links[urn]))
        reasons[urn] = words
    return reasons


def _float(value: object) -> float | None:
    return None if value is None else float(str(value))


def _int(value: object) -> int | None:
    return None if value is None else int(str(value))
