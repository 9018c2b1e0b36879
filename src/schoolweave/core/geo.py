"""Coordinates: British National Grid (EPSG:27700) to WGS84 latitude/longitude (EPSG:4326).

pyproj without the OSTN15 grid file (not shipped in its wheel, and not fetched at run time)
uses the published 7-parameter Helmert transformation: accurate to a few metres, far finer
than a school site.
"""

from functools import cache
from typing import cast

import numpy as np
import numpy.typing as npt
from pyproj import Transformer

FloatArray = npt.NDArray[np.float64]


@cache
def _bng_to_wgs84() -> Transformer:
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def bng_to_wgs84(eastings: FloatArray, northings: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(latitudes, longitudes) rounded to 6 places (about 0.1 m); NaN where a point is missing.

    GIAS writes 0 or nothing for schools without a location; both become NaN.
    """
    eastings = np.where(eastings > 0, eastings, np.nan)
    northings = np.where(northings > 0, northings, np.nan)
    lons, lats = _bng_to_wgs84().transform(eastings, northings)
    return _finite_or_nan(lats), _finite_or_nan(lons)


def _finite_or_nan(values: FloatArray) -> FloatArray:
    # pyproj returns inf, not NaN, for a missing input point.
    values = np.asarray(values, dtype=np.float64)
    return cast(FloatArray, np.round(np.where(np.isfinite(values), values, np.nan), 6))


EARTH_RADIUS_KM = 6371.0088


def unit_vectors(lats: FloatArray, lons: FloatArray) -> FloatArray:
    """Points on the unit sphere, so that a KD-tree's straight-line distances order points as
    great-circle distances do."""
    lat, lon = np.radians(lats), np.radians(lons)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def chord_to_km(chord: FloatArray) -> FloatArray:
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0.0, 1.0))


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    points = unit_vectors(np.array([a[0], b[0]]), np.array([a[1], b[1]]))
    return float(chord_to_km(np.array([np.linalg.norm(points[0] - points[1])]))[0])
