"""GeoJSON for maps (static/js/map.js reads it): schools as points, an LA's boundary as a line."""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from schoolweave.register.models import LocalAuthority, School
from schoolweave.register.phases import phase_marker

GeoJson = dict[str, Any]


def school_feature(school: School, *, role: str = "") -> GeoJson | None:
    """A school as a point, or None when GIAS gives it no location."""
    if school.lat is None or school.lon is None:
        return None
    marker = phase_marker(school.phase_name)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [school.lon, school.lat]},
        "properties": {
            "kind": "school",
            "urn": school.urn,
            "name": school.name,
            "phase": school.phase_name or "Phase not recorded",
            "status": school.get_status_display(),
            "role": role,
            "url": reverse("school_detail", args=[school.urn]),
            "marker": {"key": marker.key, "letter": marker.letter},
        },
    }


def boundary_feature(la: LocalAuthority) -> GeoJson | None:
    if not la.boundary:
        return None
    return {
        "type": "Feature",
        "geometry": la.boundary,
        "properties": {"kind": "boundary", "name": la.name, "code": la.code},
    }


def feature_collection(features: Iterable[GeoJson | None]) -> GeoJson:
    return {"type": "FeatureCollection", "features": [f for f in features if f is not None]}


def schools_geojson(
    schools: Iterable[School], *, boundary_of: LocalAuthority | None = None
) -> GeoJson:
    """Schools as points, after the boundary of `boundary_of` when it is given and known."""
    boundary = boundary_feature(boundary_of) if boundary_of is not None else None
    return feature_collection([boundary, *(school_feature(school) for school in schools)])
