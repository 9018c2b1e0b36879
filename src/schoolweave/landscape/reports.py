"""An LA's landscape review as the page, its downloads, its map and graph, and the CLI show it.

Everything here comes from one `la_landscape` computation, so the figures agree wherever they
are shown.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from schoolweave.accounts.permissions import Viewer
from schoolweave.core.landscape import (
    Landscape,
    NetworkMetrics,
    ReviewSettings,
    SchoolMetrics,
    SchoolPoint,
    links,
    outline,
    review,
)
from schoolweave.core.progress import Progress
from schoolweave.landscape.selectors import Inputs, landscape_inputs, national_inputs
from schoolweave.register.models import LocalAuthority

# Load bands for colouring the map, heaviest first; the map's key says what each means.
LOAD_BANDS = ((3.0, "heavy"), (2.0, "moderate"), (0.01, "light"))


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


@dataclass(frozen=True)
class LaLandscape:
    la: LocalAuthority | None  # None: all of England
    landscape: Landscape
    inputs: Inputs  # what the review was given: the graph and outlines draw on it
    settings: ReviewSettings

    @cached_property
    def schools(self) -> dict[int, SchoolPoint]:
        """Every school the review refers to."""
        return {s.urn: s for s in self.inputs.schools}

    def school(self, urn: int) -> SchoolPoint:
        return self.schools[urn]

    @property
    def isolated(self) -> list[SchoolMetrics]:
        return [m for m in self.landscape.schools if m.isolated]

    @property
    def by_load(self) -> list[SchoolMetrics]:
        return sorted(self.landscape.schools, key=lambda m: (-m.load, -m.partners, m.urn))

    @property
    def bridging(self) -> list[SchoolMetrics]:
        """Schools with partners in other LAs, most bridging first."""
        found = [m for m in self.landscape.schools if m.partner_las]
        return sorted(found, key=lambda m: (-m.betweenness, m.urn))

    def network_name(self, key: str) -> str:
        return next((n.name for n in self.landscape.networks if n.key == key), key)


def la_landscape(
    *, who: Viewer, la: LocalAuthority, settings: ReviewSettings | None = None
) -> LaLandscape:
    settings = settings or ReviewSettings()
    inputs = landscape_inputs(who=who, la_code=la.code, settings=settings)
    return _reviewed(la, inputs, settings, None)


def national_landscape(
    *, who: Viewer, settings: ReviewSettings, progress: Progress | None = None
) -> LaLandscape:
    return _reviewed(None, national_inputs(who=who), settings, progress)


def _reviewed(
    la: LocalAuthority | None, inputs: Inputs, settings: ReviewSettings, progress: Progress | None
) -> LaLandscape:
    result = review(
        schools=inputs.schools,
        affiliations=inputs.affiliations,
        in_scope=inputs.scope,
        settings=settings,
        progress=progress,
    )
    return LaLandscape(la, result, inputs, settings)


def report_json(report: LaLandscape) -> dict[str, Any]:
    """The whole review as plain JSON: what `schoolweave landscape --format json` prints."""
    landscape = report.landscape
    return {
        "la": {"code": report.la.code, "name": report.la.name} if report.la else None,
        "settings": {
            "role_weights": dict(report.settings.role_weights),
            "group_weight": report.settings.group_weight,
            "far_km": report.settings.far_km,
            "betweenness": "sampled" if landscape.betweenness_sampled else "exact",
        },
        **{name: table.rows for name, table in tables(report).items()},
        "community_match": landscape.community_match,
    }


def load_band(load: float) -> str:
    return next((name for floor, name in LOAD_BANDS if load >= floor), "none")


# Tables: every figure, as the page shows it and as CSV/XLSX ------------------------------------

SCHOOL_COLUMNS = (
    "urn",
    "name",
    "phase",
    "networks",
    "groups",
    "load",
    "partners",
    "network_partners",
    "betweenness",
    "nearest_networked_km",
    "partner_las",
    "isolated",
    "reasons",
)


def school_rows(report: LaLandscape) -> list[dict[str, Any]]:
    return [
        {
            "urn": m.urn,
            "name": report.school(m.urn).name,
            "phase": report.school(m.urn).phase,
            "networks": m.networks,
            "groups": m.groups,
            "load": m.load,
            "partners": m.partners,
            "network_partners": m.network_partners,
            "betweenness": m.betweenness,
            "nearest_networked_km": m.nearest_networked_km,
            "partner_las": "; ".join(m.partner_las),
            "isolated": m.isolated,
            "reasons": "; ".join(m.reasons_in_words()),
        }
        for m in report.landscape.schools
    ]


def network_rows(report: LaLandscape) -> list[dict[str, Any]]:
    return [_network_row(report, n) for n in report.landscape.networks]


def _network_row(report: LaLandscape, n: NetworkMetrics) -> dict[str, Any]:
    return {
        "network": n.name,
        "kind": n.group_type,
        "size": n.size,
        "phases": "; ".join(f"{phase} {count}" for phase, count in n.phases.items()),
        "closest_overlap": report.network_name(n.closest_overlap[0]) if n.closest_overlap else "",
        "overlap_jaccard": n.closest_overlap[1] if n.closest_overlap else None,
        "largest_trust_share": n.largest_trust_share,
        "spread_km": n.spread_km,
        "could_bring_in": "; ".join(f"{report.school(u).name} ({u})" for u in n.could_bring_in),
    }


def tables(report: LaLandscape) -> dict[str, Table]:
    """Every figure on the landscape page, by the name its download has."""
    landscape = report.landscape
    return {
        "schools": Table("Schools", SCHOOL_COLUMNS, school_rows(report)),
        "networks": Table(
            "Networks",
            (
                "network",
                "kind",
                "size",
                "phases",
                "closest_overlap",
                "overlap_jaccard",
                "largest_trust_share",
                "spread_km",
                "could_bring_in",
            ),
            network_rows(report),
        ),
        "coverage": Table(
            "Coverage by phase",
            ("phase", "open_schools", "in_a_network", "share"),
            [
                {
                    "phase": c.phase,
                    "open_schools": c.schools,
                    "in_a_network": c.in_network,
                    "share": round(c.share, 3),
                }
                for c in landscape.coverage
            ],
        ),
        "overlaps": Table(
            "Networks that may duplicate each other",
            ("first", "second", "shared_schools", "jaccard"),
            [
                {
                    "first": report.network_name(o.first),
                    "second": report.network_name(o.second),
                    "shared_schools": o.shared,
                    "jaccard": o.jaccard,
                }
                for o in landscape.overlaps
            ],
        ),
        "communities": Table(
            "Communities found in the links between schools",
            ("community", "schools", "school_urns", "networks"),
            [
                {
                    "community": c.number,
                    "schools": len(c.urns),
                    "school_urns": "; ".join(str(u) for u in c.urns),
                    "networks": "; ".join(f"{report.network_name(k)} ({n})" for k, n in c.networks),
                }
                for c in landscape.communities
            ],
        ),
        "bridging": Table(
            "Schools that bridge local authorities",
            ("urn", "name", "partner_las", "betweenness"),
            [
                {
                    "urn": m.urn,
                    "name": report.school(m.urn).name,
                    "partner_las": "; ".join(m.partner_las),
                    "betweenness": m.betweenness,
                }
                for m in report.bridging
            ],
        ),
    }


# Map and graph ---------------------------------------------------------------------------------


def map_geojson(report: LaLandscape, *, url_of: Callable[[int], str]) -> dict[str, Any]:
    """The LA's schools as points (load band, isolated, reasons) and its networks' outlines."""
    features: list[dict[str, Any]] = []
    for m in report.landscape.schools:
        school = report.school(m.urn)
        if school.lat is None or school.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [school.lon, school.lat]},
                "properties": {
                    "kind": "school",
                    "urn": m.urn,
                    "name": school.name,
                    "url": url_of(m.urn),
                    "load": m.load,
                    "band": load_band(m.load),
                    "isolated": m.isolated,
                    "reasons": m.reasons_in_words(),
                },
            }
        )
    features += [_outline_feature(report, n) for n in report.landscape.networks]
    return {"type": "FeatureCollection", "features": [f for f in features if f]}


def _outline_feature(report: LaLandscape, network: NetworkMetrics) -> dict[str, Any]:
    members = {a.urn for a in report.inputs.affiliations if a.key == network.key}
    points = [
        (report.school(u).lat, report.school(u).lon)
        for u in members
        if report.school(u).lat is not None and report.school(u).lon is not None
    ]
    ring = outline(points)  # type: ignore[arg-type]
    if len(ring) < 2:
        return {}
    geometry = (
        {"type": "Polygon", "coordinates": [[[lon, lat] for lat, lon in ring]]}
        if len(ring) > 3
        else {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in ring]}
    )
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"kind": "network", "name": network.name, "size": network.size},
    }


def graph_elements(report: LaLandscape, *, url_of: Callable[[int], str]) -> dict[str, Any]:
    """The school-to-school links as cytoscape.js elements: the LA's schools and their partners
    elsewhere, joined where they share a network or group (weight = how many)."""
    metrics = {m.urn: m for m in report.landscape.schools}
    edges = links(schools=report.inputs.schools, affiliations=report.inputs.affiliations)
    shown = {u for a, b, _ in edges for u in (a, b)} | set(metrics)
    nodes = [
        {
            "data": {
                "id": str(urn),
                "label": report.school(urn).name,
                "url": url_of(urn),
                "la": report.school(urn).la,
                "in_scope": urn in metrics,
                "band": load_band(metrics[urn].load) if urn in metrics else "elsewhere",
                "isolated": metrics[urn].isolated if urn in metrics else False,
            }
        }
        for urn in sorted(shown)
    ]
    return {
        "nodes": nodes,
        "edges": [
            {"data": {"id": f"{a}-{b}", "source": str(a), "target": str(b), "weight": w}}
            for a, b, w in edges
        ],
    }
