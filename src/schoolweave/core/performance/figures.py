"""A school's figures as plain data, and the context the similar-schools method reads."""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from schoolweave.core.performance.measures import OFSTED_BY_WORD
from schoolweave.core.performance.similar import SchoolContext


@dataclass(frozen=True)
class FigureRow:
    urn: int  # the URN the figure was published under (a predecessor's, for older years)
    year: int
    measure: str
    value: float | None
    missing_reason: str = ""
    as_of: date | None = None


def by_measure(figures: Iterable[FigureRow]) -> dict[str, list[FigureRow]]:
    """Figures per measure, latest year first."""
    grouped: dict[str, list[FigureRow]] = {}
    for row in figures:
        grouped.setdefault(row.measure, []).append(row)
    for rows in grouped.values():
        rows.sort(key=lambda r: (r.year, r.as_of or date.min), reverse=True)
    return grouped


def latest_value(rows: Sequence[FigureRow] | None, *, year: int | None = None) -> FigureRow | None:
    """The latest figure with a value (in `year`, if given)."""
    for row in rows or ():
        if row.value is not None and (year is None or row.year == year):
            return row
    return None


def value_in(grouped: Mapping[str, list[FigureRow]], measure: str, year: int) -> float | None:
    row = latest_value(grouped.get(measure), year=year)
    return None if row is None else row.value


@dataclass(frozen=True)
class RegisterFacts:
    """What the register (GIAS) says about a school that the comparison needs."""

    urn: int
    phase: str
    type_group: str
    region: str
    percentage_fsm: float | None = None
    pupils: int | None = None
    urban_rural: str = ""
    ofsted_rating: str = ""


_PHASES = {
    "primary": "primary",
    "middle deemed primary": "primary",
    "secondary": "secondary",
    "middle deemed secondary": "secondary",
    "all-through": "all-through",
    "16 plus": "16 plus",
    "nursery": "nursery",
}
_STAGE_OF_GROUP = {"primary": "ks2", "secondary": "ks4", "all-through": "ks4", "16 plus": "ks5"}


def comparison_group(phase: str, type_group: str) -> str:
    """Schools are compared within phase, special and independent schools apart (as FBIT)."""
    base = _PHASES.get(phase.strip().lower(), "other")
    kind = type_group.lower()
    if "special" in kind:
        return f"special {base}"
    if "independent" in kind:
        return f"independent {base}"
    return base


def stage_of(group: str) -> str | None:
    return _STAGE_OF_GROUP.get(group.removeprefix("special ").removeprefix("independent "))


def prior_attainment(grouped: Mapping[str, list[FigureRow]], stage: str | None) -> float | None:
    """DfE's own estimate of what the school's pupils would score given their earlier results:
    the average score less the progress score (KS2: reading and maths scaled scores; KS4:
    Attainment 8 less ten times Progress 8), in the latest year that gives both."""
    pairs: tuple[tuple[str, str], ...]
    if stage == "ks2":
        pairs = (
            ("ks2_reading_score", "ks2_reading_progress"),
            ("ks2_maths_score", "ks2_maths_progress"),
        )
        factor = 1.0
    elif stage == "ks4":
        pairs = (("ks4_attainment8", "ks4_progress8"),)
        factor = 10.0
    else:
        return None
    years = sorted({r.year for score, _ in pairs for r in grouped.get(score, ())}, reverse=True)
    for year in years:
        estimates = []
        for score, progress in pairs:
            s, p = value_in(grouped, score, year), value_in(grouped, progress, year)
            if s is not None and p is not None:
                estimates.append(s - factor * p)
        if estimates:
            return sum(estimates) / len(estimates)
    return None


_COHORT = {"ks2": "ks2_pupils", "ks4": "ks4_pupils", "ks5": "ks5_students"}
_DISADVANTAGED = {"ks2": "ks2_disadvantaged_pct", "ks4": "ks4_disadvantaged_pct"}


def school_context(*, facts: RegisterFacts, figures: Iterable[FigureRow]) -> SchoolContext:
    grouped = by_measure(figures)
    group = comparison_group(facts.phase, facts.type_group)
    stage = stage_of(group)
    cohort = latest_value(grouped.get(_COHORT.get(stage or "", "")))
    disadvantaged = latest_value(grouped.get(_DISADVANTAGED.get(stage or "", "")))
    ofsted = latest_value(grouped.get("ofsted_rating"))
    ofsted_value = ofsted.value if ofsted else OFSTED_BY_WORD.get(facts.ofsted_rating.lower())
    urban = facts.urban_rural.lower()
    return SchoolContext(
        urn=facts.urn,
        group=group,
        region=facts.region,
        features={
            "prior_attainment": prior_attainment(grouped, stage),
            "fsm": _finite(facts.percentage_fsm),
            "disadvantaged": disadvantaged.value if disadvantaged else None,
            "pupils": float(facts.pupils) if facts.pupils else None,
            "cohort": cohort.value if cohort else None,
            "ofsted": float(ofsted_value) if ofsted_value is not None else None,
            "urban": 1.0 if "urban" in urban else 0.0 if "rural" in urban else None,
        },
    )


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None
