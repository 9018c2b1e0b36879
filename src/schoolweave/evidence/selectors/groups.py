"""Figures of groups of schools (networks, trusts, LAs, brokering proposals), always through
core.stats.disclosure: pupil-weighted per measure and year, with the schools and pupils
behind each, the trend, the members' similar schools for comparison, and members' own
figures where that discloses nothing."""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from schoolweave.core.performance.figures import FigureRow, by_measure
from schoolweave.core.performance.measures import MEASURES, Measure
from schoolweave.core.performance.strengths import cohort_of
from schoolweave.core.stats.disclosure import Cell, Group, Unit, protect, withheld_reason
from schoolweave.evidence.figures import school_series
from schoolweave.evidence.selectors.similar import comparators_of
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import OPEN_STATUSES, School

# The measures shown for groups: headline progress and attainment, and finance totals.
GROUP_MEASURES = (
    "ks2_reading_progress",
    "ks2_writing_progress",
    "ks2_maths_progress",
    "ks2_rwm_expected_pct",
    "ks4_progress8",
    "ks4_attainment8",
    "ks4_english_maths_grade5_pct",
    "ks4_ebacc_entry_pct",
    "ks5_alevel_aps",
    "ks5_alevel_value_added",
    "income",
    "expenditure",
    "balance",
)
SIMILAR_KEY = "similar schools"
# Priorities for rule 3 (the lowest is suppressed first): the same on every page, so every page
# suppresses the same figures.
_PRIORITY = {"la": 3, "network": 2, "group": 2, "similar": 1}


@dataclass(frozen=True)
class YearFigure:
    year: int
    group: Cell
    comparison: Cell | None
    estimated_pupils: bool  # some pupils are from another year's cohort


@dataclass(frozen=True)
class MemberFigure:
    urn: int
    name: str
    cell: Cell


@dataclass(frozen=True)
class MeasureFigures:
    measure: Measure
    years: Sequence[YearFigure]
    members: Sequence[MemberFigure]  # in the latest year

    @property
    def latest(self) -> YearFigure:
        return self.years[-1]


@dataclass(frozen=True)
class GroupFigures:
    key: str
    label: str
    schools: int
    comparison_schools: int
    measures: Sequence[MeasureFigures]


def group_figures(
    *,
    key: str,
    label: str,
    urns: Collection[int],
    members_shown: bool = True,
    with_comparison: bool = True,
    measures: Sequence[str] = GROUP_MEASURES,
    names: Mapping[int, str] | None = None,
) -> GroupFigures:
    """A group's figures per measure and year. `key` names the group as rule 3 of the
    disclosure control sees it ("network:12", "la:333", "group:4567", "proposal:...")."""
    members = set(urns)
    comparison: set[int] = set()
    if with_comparison:
        for found in comparators_of(members).values():
            comparison.update(found)
        comparison -= members
    wanted = _with_cohorts(measures)
    series = school_series(members | comparison, measures=wanted)
    grouped = {urn: by_measure(rows) for urn, rows in series.items()}
    names = dict(names or School.objects.filter(urn__in=members).values_list("urn", "name"))
    results = []
    for name in measures:
        measure = MEASURES[name]
        years = sorted({r.year for u in members for r in grouped.get(u, {}).get(name, [])})
        if not years:
            continue
        figures = [
            _year(
                key,
                measure,
                year,
                members,
                comparison,
                grouped,
                members_shown and year == years[-1],
            )
            for year in years
        ]
        shown = [
            MemberFigure(urn, names.get(urn, str(urn)), cell)
            for (group_key, urn), cell in figures[-1][1].items()
            if group_key == key
        ]
        results.append(
            MeasureFigures(measure, [f for f, _ in figures], sorted(shown, key=lambda m: m.name))
        )
    return GroupFigures(key, label, len(members), len(comparison), results)


def _with_cohorts(measures: Sequence[str]) -> set[str]:
    return set(measures) | {c for m in measures if (c := MEASURES[m].cohort)}


def _year(
    key: str,
    measure: Measure,
    year: int,
    members: set[int],
    comparison: set[int],
    grouped: dict[int, dict[str, list[FigureRow]]],
    members_shown: bool,
) -> tuple[YearFigure, dict[tuple[str, int], Cell]]:
    units, estimated = _units(measure, year, members | comparison, grouped)
    groups = [Group(key, frozenset(members), _priority(key), members_shown)]
    if comparison and measure.combine == "mean":  # a sum over other schools compares nothing
        groups.append(Group(SIMILAR_KEY, frozenset(comparison), _PRIORITY["similar"]))
    withheld = {u.id for u in units if u.withheld and u.value is not None}
    if withheld:
        extra_groups, extra_units = context_groups(withheld, measure, year, exclude={key})
        groups += extra_groups
        units += [u for u in extra_units if u.id not in {x.id for x in units}]
    groups.sort(key=lambda g: g.key)
    combine = measure.combine
    result = protect(units=units, groups=groups, combine=combine)
    member_estimated = bool(estimated & members)
    return (
        YearFigure(
            year,
            result.groups[key],
            result.groups.get(SIMILAR_KEY),
            member_estimated,
        ),
        dict(result.members),
    )


def _priority(key: str) -> int:
    return _PRIORITY.get(key.split(":", 1)[0], 2)


def _units(
    measure: Measure,
    year: int,
    urns: Collection[int],
    grouped: dict[int, dict[str, list[FigureRow]]],
) -> tuple[list[Unit], set[int]]:
    """Each school's figure and weight. The weight is the cohort that year; when the file gave
    none, the nearest year's (an estimate, flagged). Only a cohort of that very year can make
    a school's own figure too small to show."""
    units, estimated = [], set()
    for urn in urns:
        rows = grouped.get(urn, {})
        row = next((r for r in rows.get(measure.name, []) if r.year == year), None)
        if row is None:
            continue
        pupils: float | None = None
        same_year: float | None = None
        if measure.cohort:
            found = cohort_of(rows, measure.cohort, year)
            if found is not None:
                pupils = found[0]
                if found[1] == year:
                    same_year = found[0]
                else:
                    estimated.add(urn)
        units.append(Unit(urn, row.value, pupils, withheld_reason(pupils=same_year)))
    return units, estimated


def context_groups(
    withheld: set[int], measure: Measure, year: int, *, exclude: Collection[str]
) -> tuple[list[Group], list[Unit]]:
    """Other published figures that contain withheld schools (their LA's figure, the public
    networks they are in), for rule 3: a figure on this page must not combine with those to
    reveal a withheld school. Followed until no new withheld school appears."""
    groups: dict[str, Group] = {}
    units: dict[int, Unit] = {}
    frontier = set(withheld)
    for _ in range(3):
        if not frontier:
            break
        new_members: set[int] = set()
        for la_code in set(School.objects.filter(urn__in=frontier).values_list("la_id", flat=True)):
            members = frozenset(
                School.objects.filter(la_id=la_code, status__in=OPEN_STATUSES).values_list(
                    "urn", flat=True
                )
            )
            groups[f"la:{la_code}"] = Group(f"la:{la_code}", members, _PRIORITY["la"])
            new_members |= members
        networks = Network.objects.filter(
            is_published=True, memberships__school_id__in=frontier, memberships__left__isnull=True
        ).distinct()
        for network in networks:
            members = frozenset(
                Membership.objects.filter(network=network, left__isnull=True).values_list(
                    "school_id", flat=True
                )
            )
            groups[f"network:{network.pk}"] = Group(f"network:{network.pk}", members, 2)
            new_members |= members
        fresh = new_members - set(units)
        series = school_series(fresh, measures=_with_cohorts([measure.name]))
        found, _ = _units(measure, year, fresh, {u: by_measure(r) for u, r in series.items()})
        units.update({u.id: u for u in found})
        frontier = {u.id for u in found if u.withheld and u.value is not None} - withheld
        withheld |= frontier
    kept = [g for k, g in groups.items() if k not in exclude]
    return kept, list(units.values())


def network_figures(*, network: Network) -> GroupFigures:
    names = dict(
        Membership.objects.filter(network=network, left__isnull=True).values_list(
            "school_id", "school__name"
        )
    )
    return group_figures(
        key=f"network:{network.pk}", label=network.name, urns=list(names), names=names
    )


def la_figures(*, la_code: str, la_name: str) -> GroupFigures:
    urns = School.objects.filter(la_id=la_code, status__in=OPEN_STATUSES).values_list(
        "urn", flat=True
    )
    return group_figures(
        key=f"la:{la_code}",
        label=la_name,
        urns=list(urns),
        members_shown=False,
        with_comparison=False,
    )


GROUP_EXPORT_COLUMNS = (
    "scope",
    "urn",
    "name",
    "measure",
    "year",
    "value",
    "schools",
    "pupils",
    "pupils_estimated",
    "suppressed",
)


def group_export_rows(figures: GroupFigures) -> list[dict[str, object]]:
    """The same cells the page shows, suppression and reasons included."""
    rows: list[dict[str, object]] = []
    for item in figures.measures:
        for year in item.years:
            scopes = [(figures.label, year.group)]
            if year.comparison is not None:
                scopes.append(("similar schools of the members", year.comparison))
            for scope, cell in scopes:
                rows.append(
                    _export_row(
                        scope, None, "", item.measure.name, year.year, cell, year.estimated_pupils
                    )
                )
        for member in item.members:
            rows.append(
                _export_row(
                    "member",
                    member.urn,
                    member.name,
                    item.measure.name,
                    item.latest.year,
                    member.cell,
                    False,
                )
            )
    return rows


def _export_row(
    scope: str, urn: int | None, name: str, measure: str, year: int, cell: Cell, estimated: bool
) -> dict[str, object]:
    return {
        "scope": scope,
        "urn": urn,
        "name": name,
        "measure": measure,
        "year": year,
        "value": None if cell.value is None else round(cell.value, 4),
        "schools": cell.schools,
        "pupils": None if cell.pupils is None else round(cell.pupils),
        "pupils_estimated": estimated,
        "suppressed": cell.suppressed or "",
    }
