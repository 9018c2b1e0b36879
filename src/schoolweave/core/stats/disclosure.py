"""Disclosure control for figures of groups of schools: the one place its rules live.

Every figure Schoolweave publishes about a group of schools (a network, a trust, an LA, a
brokering proposal, a school's similar schools) is computed and protected here, for pages,
downloads and the command line alike. No pupil-level data is ever involved: the units are
schools' published figures.

Rules, for each measure and year:

1. A group's figure resting on fewer than 3 schools, or on fewer than 6 pupils, is suppressed.
2. A school's own figure is *withheld* (never shown as a member's contribution) when Schoolweave
   holds it but may not publish it: it rests on fewer than 6 pupils, or its source marks it
   confidential. A withheld figure may still count in a group's figure, which is the point of
   publishing network rather than school figures.
3. No withheld figure, nor the combined figure of fewer than 3 withheld schools or 6 pupils,
   may be recoverable by combining published figures. A reader who knows every public school
   figure learns, from each published group figure, the total of its withheld members. So the
   group figures published together are checked as a linear system: if any combination of
   them isolates a small set of withheld schools ("network total minus the other members"),
   the lowest-priority group figure involved is suppressed, and the check runs again.

Suppressed cells carry the reason in words; nothing about them is published but that.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

MIN_SCHOOLS = 3
MIN_PUPILS = 6
# Sets of withheld schools checked for isolation are those of fewer than MIN_SCHOOLS schools,
# and those of fewer than MIN_PUPILS pupils, whose size cannot exceed MIN_PUPILS - 1.
_MAX_LIGHT_SET = MIN_PUPILS - 1

FEWER_SCHOOLS = f"fewer than {MIN_SCHOOLS} schools have this figure"
FEWER_PUPILS = f"it rests on fewer than {MIN_PUPILS} pupils"
WITHHELD_SMALL = f"the school's figure rests on fewer than {MIN_PUPILS} pupils"
DIFFERENCING = (
    "with other published figures ({others}) it would reveal a figure that is not published"
)
NO_WEIGHT = "not counted: the number of pupils behind the figure is not known"


@dataclass(frozen=True)
class Unit:
    """One school's figure for one measure and year."""

    id: int  # URN
    value: float | None  # None: the school has no figure (DfE's missing reasons)
    pupils: float | None  # the pupils behind it; None when not known
    withheld: str | None = None  # why the school's own figure may not be published


@dataclass(frozen=True)
class Group:
    """A figure to publish: the combination of some schools' figures."""

    key: str
    units: frozenset[int]
    priority: int = 0  # when one of several must go, the lowest priority goes first
    members_shown: bool = False  # publish each member's contribution too


@dataclass(frozen=True)
class Cell:
    key: str
    value: float | None  # None when suppressed or when no school has the figure
    schools: int
    pupils: float | None
    suppressed: str | None = None  # why, in words
    excluded: tuple[int, ...] = ()  # members whose figure could not be counted

    @property
    def is_published(self) -> bool:
        return self.suppressed is None and self.value is not None


@dataclass(frozen=True)
class Protected:
    groups: Mapping[str, Cell]
    members: Mapping[tuple[str, int], Cell] = field(default_factory=dict)


def withheld_reason(*, pupils: float | None, confidential: bool = False) -> str | None:
    """Rule 2: whether Schoolweave may show a school's own figure."""
    if confidential:
        return "the school's figure is confidential"
    if pupils is not None and pupils < MIN_PUPILS:
        return WITHHELD_SMALL
    return None


def protect(*, units: Iterable[Unit], groups: Sequence[Group], combine: str = "mean") -> Protected:
    """Each group's figure (pupil-weighted mean, or sum), with rules 1-3 applied."""
    by_id = {unit.id: unit for unit in units}
    cells = {group.key: _combine(group, by_id, combine) for group in groups}
    counted = {
        group.key: frozenset(u.id for u in _contributors(group, by_id, combine)) for group in groups
    }
    _secondary_suppression(groups, cells, counted, by_id)
    members: dict[tuple[str, int], Cell] = {}
    for group in groups:
        if not group.members_shown:
            continue
        for urn in sorted(group.units):
            unit = by_id.get(urn)
            if unit is None or unit.value is None:
                continue
            members[(group.key, urn)] = Cell(
                key=f"{group.key}:{urn}",
                value=None if unit.withheld else unit.value,
                schools=1,
                pupils=None if unit.withheld else unit.pupils,
                suppressed=unit.withheld,
            )
    return Protected(groups=cells, members=members)


def _contributors(group: Group, by_id: Mapping[int, Unit], combine: str) -> list[Unit]:
    present = [by_id[u] for u in sorted(group.units) if u in by_id]
    with_value = [u for u in present if u.value is not None]
    if combine == "mean":
        return [u for u in with_value if u.pupils is not None and u.pupils > 0]
    return with_value


def _combine(group: Group, by_id: Mapping[int, Unit], combine: str) -> Cell:
    counted = _contributors(group, by_id, combine)
    excluded = tuple(
        u.id
        for u in (by_id[i] for i in sorted(group.units) if i in by_id)
        if u.value is not None and u not in counted
    )
    schools = len(counted)
    known = [u.pupils for u in counted if u.pupils is not None]
    pupils = float(sum(known)) if len(known) == schools and schools else None
    if schools == 0:
        return Cell(group.key, None, 0, None, excluded=excluded)
    if schools < MIN_SCHOOLS:
        return Cell(group.key, None, schools, None, FEWER_SCHOOLS, excluded)
    if pupils is not None and pupils < MIN_PUPILS:
        return Cell(group.key, None, schools, None, FEWER_PUPILS, excluded)
    values = np.array([u.value for u in counted], dtype=float)
    if combine == "mean":
        weights = np.array([u.pupils for u in counted], dtype=float)
        value = float(np.dot(values, weights) / weights.sum())
    else:
        value = float(values.sum())
    return Cell(group.key, value, schools, pupils, None, excluded)


def _secondary_suppression(
    groups: Sequence[Group],
    cells: dict[str, Cell],
    members: Mapping[str, frozenset[int]],
    by_id: Mapping[int, Unit],
) -> None:
    """Rule 3, until no published combination isolates a small set of withheld schools.
    `members` are the schools each group's figure actually counts."""
    order = {group.key: index for index, group in enumerate(groups)}
    while True:
        published = [g for g in groups if cells[g.key].is_published]
        found = _isolation(
            [members[g.key] for g in published],
            {u.id: u.pupils or 0.0 for u in by_id.values() if u.withheld and u.value is not None},
        )
        if found is None:
            return
        involved = [published[row] for row in found[1]]
        victim = min(involved, key=lambda g: (g.priority, -order[g.key]))
        others = ", ".join(g.key for g in involved if g is not victim) or "the schools' figures"
        cell = cells[victim.key]
        cells[victim.key] = Cell(
            cell.key,
            None,
            cell.schools,
            None,
            DIFFERENCING.format(others=others),
            cell.excluded,
        )


def disclosive_set(
    published: Sequence[frozenset[int]], *, withheld: Mapping[int, float]
) -> frozenset[int] | None:
    """A small set of withheld schools whose combined figure the published group figures
    give away, or None. `withheld` maps each withheld school to its pupils."""
    found = _isolation(published, withheld)
    return None if found is None else found[0]


def _isolation(
    published: Sequence[frozenset[int]], withheld: Mapping[int, float]
) -> tuple[frozenset[int], list[int]] | None:
    """A small isolated set of withheld schools, and the published rows that combine to
    isolate it.

    What readers learn about withheld figures is the row space of the matrix M whose rows are
    the published groups' withheld members. A set T of them is isolated when some combination
    a of rows is zero outside T and not zero on it: rank(M) > rank(M without T's columns). The
    combinations zero outside T are the left null space of M without T's columns.
    """
    involved = sorted({u for units in published for u in units if u in withheld})
    if not involved:
        return None
    column = {urn: index for index, urn in enumerate(involved)}
    matrix = np.zeros((len(published), len(involved)))
    for row, units in enumerate(published):
        for urn in units:
            if urn in column:
                matrix[row, column[urn]] = 1.0
    full_rank = np.linalg.matrix_rank(matrix)
    for candidate in _small_sets(involved, withheld):
        inside = [column[u] for u in involved if u in candidate]
        keep = [column[u] for u in involved if u not in candidate]
        rest = np.linalg.matrix_rank(matrix[:, keep]) if keep else 0
        if full_rank > rest:
            return candidate, _rows_combining(matrix, keep, inside)
    return None


def _rows_combining(matrix: np.ndarray, keep: list[int], inside: list[int]) -> list[int]:
    """Rows with a part in some combination that is zero on `keep` and not on `inside`."""
    if not keep:
        return [int(i) for i in np.flatnonzero(np.abs(matrix[:, inside]).sum(axis=1) > 0)]
    _, singular, vt = np.linalg.svd(matrix[:, keep].T, full_matrices=True)
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]  # rows: combinations of published rows that vanish outside the set
    useful = [a for a in null if np.abs(a @ matrix[:, inside]).max() > 1e-9]
    rows = {int(i) for a in useful for i in np.flatnonzero(np.abs(a) > 1e-9)}
    return sorted(rows)


def _small_sets(involved: Sequence[int], pupils: Mapping[int, float]) -> Iterable[frozenset[int]]:
    """Sets of withheld schools too small to publish a figure for: fewer than 3 schools, or
    fewer than 6 pupils in all."""
    seen: set[frozenset[int]] = set()
    for size in range(1, MIN_SCHOOLS):
        for combo in combinations(involved, size):
            seen.add(frozenset(combo))
            yield frozenset(combo)
    light = [u for u in involved if pupils[u] < MIN_PUPILS]
    for size in range(MIN_SCHOOLS, min(len(light), _MAX_LIGHT_SET) + 1):
        for combo in combinations(light, size):
            if sum(pupils[u] for u in combo) < MIN_PUPILS and frozenset(combo) not in seen:
                yield frozenset(combo)
