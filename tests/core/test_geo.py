import numpy as np
import pytest

from schoolweave.core.geo import bng_to_wgs84


def test_it_converts_a_known_point() -> None:
    # Easting 400000 is the grid's central meridian, 2 degrees west.
    lats, lons = bng_to_wgs84(np.array([400000.0, 533498.0]), np.array([293160.0, 181201.0]))
    assert lons[0] == pytest.approx(-2.0, abs=0.01)  # Sandwell, on the grid's central meridian
    assert lats[0] == pytest.approx(52.536, abs=0.001)
    assert (lats[1], lons[1]) == pytest.approx((51.5140, -0.0775), abs=0.0005)  # City of London


def test_missing_points_become_nan_not_infinity() -> None:
    lats, lons = bng_to_wgs84(np.array([np.nan, 0.0]), np.array([np.nan, 0.0]))
    assert np.isnan(lats).all()
    assert np.isnan(lons).all()
