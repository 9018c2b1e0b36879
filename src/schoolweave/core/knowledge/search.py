"""Distances for the expertise search: "who is strong in KS2 reading within 10 km of here?"

Points go on the unit sphere (core.geo), so a KD-tree's straight-line radius selects by
great-circle distance; the distances returned are great-circle kilometres.
"""

import math
from collections.abc import Hashable, Sequence
from typing import TypeVar

import numpy as np
from scipy.spatial import cKDTree

from schoolweave.core.geo import EARTH_RADIUS_KM, chord_to_km, unit_vectors

K = TypeVar("K", bound=Hashable)


def km_to_chord(km: float) -> float:
    return 2 * math.sin(min(km / EARTH_RADIUS_KM, math.pi) / 2)


def distances_within(
    *,
    origin: tuple[float, float],
    points: Sequence[tuple[K, float, float]],
    km: float | None,
) -> dict[K, float]:
    """{key: km from origin} for the (key, lat, lon) points within `km` of the origin (every
    point when km is None), to 0.1 km."""
    if not points:
        return {}
    lats = np.array([p[1] for p in points], dtype=np.float64)
    lons = np.array([p[2] for p in points], dtype=np.float64)
    vectors = unit_vectors(lats, lons)
    here = unit_vectors(np.array([origin[0]]), np.array([origin[1]]))[0]
    if km is None:
        indices = list(range(len(points)))
    else:
        tree = cKDTree(vectors)
        indices = sorted(tree.query_ball_point(here, km_to_chord(km) + 1e-12))
    if not indices:
        return {}
    chords = np.linalg.norm(vectors[indices] - here, axis=1)
    kms = chord_to_km(chords)
    return {points[i][0]: round(float(d), 1) for i, d in zip(indices, kms, strict=True)}
