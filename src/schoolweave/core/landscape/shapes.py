"""Shapes for drawing a landscape: network outlines on the map and school links in the graph."""

from collections.abc import Iterable, Sequence

import numpy as np
from scipy.spatial import ConvexHull, QhullError

from schoolweave.core.landscape.model import Affiliation, AffiliationKind, SchoolPoint
from schoolweave.core.landscape.review import AffiliationIndex

LatLon = tuple[float, float]


def outline(points: Sequence[LatLon]) -> list[LatLon]:
    """The convex hull of a network's members, as a closed ring; a line for two schools."""
    unique = sorted(set(points))
    if len(unique) < 3:
        return unique
    try:
        hull = ConvexHull(np.array([(lon, lat) for lat, lon in unique]))
    except QhullError:  # all on one line
        return [unique[0], unique[-1]]
    ring = [unique[i] for i in hull.vertices]
    return [*ring, ring[0]]


def links(
    *, schools: Sequence[SchoolPoint], affiliations: Iterable[Affiliation]
) -> list[tuple[int, int, int]]:
    """(urn, urn, groups shared) for each pair of schools in a network or group together."""
    index = AffiliationIndex.of(schools, affiliations)
    projection = index.projection((AffiliationKind.NETWORK, AffiliationKind.GROUP)).graph
    weights = projection.es["weight"] if projection.ecount() else []
    return [
        (index.schools[a].urn, index.schools[b].urn, int(weight))
        for (a, b), weight in zip(projection.get_edgelist(), weights, strict=True)
    ]
