"""Similar schools: for every school, the schools most like it in context, found at once for
all of them with a KD-tree (scipy's cKDTree), never one school at a time.

The method (docs/performance-data.md, docs/adr/0006-similar-schools.md) builds on DfE's
financial benchmarking tool (FBIT) and EEF's Families of Schools:

- schools are compared only within their comparison group (phase; special and independent
  schools apart), as both do;
- each context feature is scaled by its range across the group (a robust range, the 1st to
  99th percentile, so one extreme school does not squash everyone else), weighted, and the
  distance is Euclidean: FBIT's weighted range-normalised distance;
- a feature known for fewer than half of the group is not used, and the pages say so; a school
  missing a used feature gets the group's median for it (FBIT's rule) and is flagged, but only
  schools with every used feature are anyone's comparators (FBIT's "data present" rule), and a
  school knowing less than half of the weighted context gets none;
- a school's comparator set is FBIT's: its 60 nearest schools, of which those in its own
  region come first, filled to 30 with the nearest others; its family is EEF's: its 50 nearest.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from scipy.spatial import cKDTree  # type: ignore[import-untyped,unused-ignore]

CANDIDATES = 60  # FBIT's first cut
SET_SIZE = 30  # FBIT's comparator set
FAMILY_SIZE = 50  # EEF's families of schools
MIN_COVERAGE = 0.5  # a feature known for fewer of a group's schools is not used
MIN_KNOWN_WEIGHT = 0.5  # a school knowing less of the (weighted) context gets no comparators


@dataclass(frozen=True)
class Feature:
    name: str
    label: str
    log: bool = False  # compare sizes by ratio, not difference


@dataclass(frozen=True)
class Slot:
    """One aspect of context: the first of its features that enough schools have is used."""

    name: str
    label: str
    weight: float
    features: tuple[Feature, ...]


SLOTS: tuple[Slot, ...] = (
    Slot(
        "prior_attainment",
        "Prior attainment",
        0.40,
        (
            Feature(
                "prior_attainment",
                "pupils' prior attainment (DfE's estimate from their earlier results: "
                "average score less progress score)",
            ),
        ),
    ),
    Slot(
        "deprivation",
        "Disadvantage",
        0.30,
        (
            Feature("fsm", "pupils eligible for free school meals (%, GIAS)"),
            Feature("disadvantaged", "disadvantaged pupils (%, DfE performance tables)"),
        ),
    ),
    Slot(
        "size",
        "Size",
        0.15,
        (
            Feature("pupils", "pupils on roll (GIAS)", log=True),
            Feature("cohort", "size proxy: pupils in the tested year group (DfE tables)", log=True),
        ),
    ),
    Slot("ofsted", "Ofsted", 0.10, (Feature("ofsted", "latest Ofsted rating (1 to 4)"),)),
    Slot("urban", "Urban or rural", 0.05, (Feature("urban", "urban (GIAS urban/rural)"),)),
)
FEATURES: dict[str, Feature] = {f.name: f for slot in SLOTS for f in slot.features}


@dataclass(frozen=True)
class SchoolContext:
    urn: int
    group: str  # comparison group: "primary", "secondary", "special primary"...
    region: str
    features: Mapping[str, float | None]


class Neighbour(NamedTuple):
    """A tuple: millions are made for the whole country, and a dataclass costs more."""

    urn: int
    distance: float
    same_region: bool


@dataclass(frozen=True)
class SimilarSet:
    urn: int
    comparators: tuple[Neighbour, ...]  # FBIT-style set, most similar first
    family: tuple[Neighbour, ...]  # EEF-style 50 nearest, most similar first
    imputed: tuple[str, ...] = ()  # used features this school lacked (median assumed)


@dataclass(frozen=True)
class FeatureUse:
    feature: str
    label: str
    weight: float  # after renormalising over the used features; 0 when not used
    known: int  # schools of the group that have it
    used: bool


@dataclass(frozen=True)
class GroupSummary:
    group: str
    schools: int
    features: tuple[FeatureUse, ...]


@dataclass(frozen=True)
class SimilarResult:
    sets: Mapping[int, SimilarSet]
    groups: Mapping[str, GroupSummary] = field(default_factory=dict)


def similar_schools(
    *,
    schools: Sequence[SchoolContext],
    candidates: int = CANDIDATES,
    set_size: int = SET_SIZE,
    family_size: int = FAMILY_SIZE,
    workers: int = -1,
) -> SimilarResult:
    """Comparator sets and families for every school, group by group."""
    by_group: dict[str, list[SchoolContext]] = {}
    for school in schools:
        by_group.setdefault(school.group, []).append(school)
    sets: dict[int, SimilarSet] = {}
    summaries: dict[str, GroupSummary] = {}
    for group, members in sorted(by_group.items()):
        members.sort(key=lambda s: s.urn)
        points, uses, missing = feature_matrix(members)
        summaries[group] = GroupSummary(group, len(members), uses)
        sets.update(
            _nearest(members, points, missing, uses, candidates, set_size, family_size, workers)
        )
    return SimilarResult(sets=sets, groups=summaries)


def feature_matrix(
    members: Sequence[SchoolContext],
) -> tuple[np.ndarray, tuple[FeatureUse, ...], np.ndarray]:
    """Weighted, range-normalised coordinates (Euclidean distance between rows is the
    method's distance), which features were used, and which values were imputed."""
    n = len(members)
    chosen: list[tuple[Slot, Feature, np.ndarray]] = []
    uses: list[FeatureUse] = []
    for slot in SLOTS:
        picked = None
        for feature in slot.features:
            raw = np.array([_number(m.features.get(feature.name)) for m in members], dtype=float)
            if feature.log:
                raw = np.log1p(np.where(raw >= 0, raw, np.nan))
            known = int(np.isfinite(raw).sum())
            spread = _spread(raw)
            usable = n > 0 and known >= MIN_COVERAGE * n and spread > 0
            if picked is None and usable:
                picked = (slot, feature, raw)
            uses.append(FeatureUse(feature.name, feature.label, slot.weight, known, False))
        if picked is not None:
            chosen.append(picked)
    total = sum(slot.weight for slot, _, _ in chosen) or 1.0
    used_names = {feature.name for _, feature, _ in chosen}
    weights = {feature.name: slot.weight / total for slot, feature, _ in chosen}
    uses = [
        FeatureUse(
            u.feature, u.label, weights.get(u.feature, 0.0), u.known, u.feature in used_names
        )
        for u in uses
    ]
    columns, missing = [], []
    for _, feature, raw in chosen:
        lo, hi = _robust_range(raw)
        scaled = (raw - lo) / (hi - lo)
        absent = ~np.isfinite(scaled)
        scaled[absent] = np.nanmedian(scaled)
        columns.append(scaled * math.sqrt(weights[feature.name]))
        missing.append(absent)
    if not columns:
        return np.zeros((n, 0)), tuple(uses), np.zeros((n, 0), dtype=bool)
    return np.column_stack(columns), tuple(uses), np.column_stack(missing)


def _number(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _robust_range(values: np.ndarray) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    lo, hi = np.percentile(finite, [1, 99])
    if hi <= lo:
        lo, hi = finite.min(), finite.max()
    return float(lo), float(hi)


def _spread(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.max() - finite.min()) if finite.size else 0.0


def _nearest(
    members: Sequence[SchoolContext],
    points: np.ndarray,
    missing: np.ndarray,
    uses: Sequence[FeatureUse],
    candidates: int,
    set_size: int,
    family_size: int,
    workers: int,
) -> dict[int, SimilarSet]:
    n = len(members)
    used = [u.feature for u in uses if u.used]
    weights = np.array([u.weight for u in uses if u.used])
    # Only schools with every used feature are candidates (FBIT's rule: no comparator rests on
    # an assumed value); a school needs at least half the weight known to be given any.
    complete = ~missing.any(axis=1) if missing.size else np.ones(n, dtype=bool)
    known_weight = (~missing * weights).sum(axis=1) if missing.size else np.ones(n)
    pool = np.flatnonzero(complete)
    if pool.size < 2 or points.shape[1] == 0:
        return {m.urn: SimilarSet(m.urn, (), ()) for m in members}
    k = min(max(candidates, family_size) + 1, pool.size)
    distances, nearest = cKDTree(points[pool]).query(points, k=k, workers=workers)
    distances, indices = distances.reshape(n, k), pool[nearest.reshape(n, k)]
    urns = np.array([m.urn for m in members])
    order = _ranked(indices, distances, urns)
    indices = np.take_along_axis(indices, order, axis=1)
    distances = np.take_along_axis(distances, order, axis=1)
    region_codes = {region: code for code, region in enumerate(sorted({m.region for m in members}))}
    regions = np.array([region_codes[m.region] if m.region else -1 for m in members])
    same = (regions[indices] == regions[:, None]) & (regions[:, None] >= 0)
    keep = indices != np.arange(n)[:, None]  # the school itself is not its own neighbour
    result = {}
    wanted = max(candidates, family_size)
    for row, school in enumerate(members):
        imputed = tuple(name for name, gap in zip(used, missing[row], strict=True) if gap)
        if known_weight[row] < MIN_KNOWN_WEIGHT:
            result[school.urn] = SimilarSet(school.urn, (), (), imputed)
            continue
        mask = keep[row]
        near = [
            Neighbour(u, d, r)
            for u, d, r in zip(
                urns[indices[row][mask]][:wanted].tolist(),
                distances[row][mask][:wanted].tolist(),
                same[row][mask][:wanted].tolist(),
                strict=True,
            )
        ]
        result[school.urn] = SimilarSet(
            urn=school.urn,
            comparators=comparator_set(near[:candidates], set_size),
            family=tuple(near[:family_size]),
            imputed=imputed,
        )
    return result


def _ranked(indices: np.ndarray, distances: np.ndarray, urns: np.ndarray) -> np.ndarray:
    """Each row's order: nearest first, ties (to 12 decimals) broken by URN."""
    return np.lexsort((urns[indices], np.round(distances, 12)), axis=1)


def comparator_set(candidates: Sequence[Neighbour], size: int = SET_SIZE) -> tuple[Neighbour, ...]:
    """FBIT's rule: of the nearest candidates, those in the school's region first, then the
    nearest others up to `size`; shown most similar first."""
    same = [n for n in candidates if n.same_region]
    others = [n for n in candidates if not n.same_region]
    chosen = {n.urn for n in (same + others)[:size]}
    return tuple(n for n in candidates if n.urn in chosen)  # `candidates` are nearest first


def brute_force_nearest(points: np.ndarray, k: int, *, chunk: int = 2048) -> np.ndarray:
    """The k nearest rows of each row (itself included), by computing every distance: the
    baseline the KD-tree is measured and checked against."""
    n = points.shape[0]
    k = min(k, n)
    squared = (points**2).sum(axis=1)
    result = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, chunk):
        block = points[start : start + chunk]
        d2 = squared[start : start + chunk, None] - 2 * block @ points.T + squared[None, :]
        nearest = np.argpartition(d2, k - 1, axis=1)[:, :k]
        order = np.take_along_axis(d2, nearest, axis=1).argsort(axis=1)
        result[start : start + chunk] = np.take_along_axis(nearest, order, axis=1)
    return result
