"""The charts' Vega-Lite specs are valid: pages skip altair's schema check for speed, so the
check runs here, once per kind of chart."""

from typing import Any

import altair as alt
import pytest

from schoolweave.evidence import charts


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> None:
    def spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
        return dict(chart.to_dict(validate=True))

    monkeypatch.setattr(charts, "_spec", spec)


@pytest.mark.usefixtures("validated")
def test_bar_chart_spec_is_valid() -> None:
    rows = [{"focus": "Maths", "judgement": "Strength", "schools": 3, "rank": 0}]
    assert "<svg" in charts.bar_chart(rows=rows, title="Strengths")


@pytest.mark.usefixtures("validated")
def test_point_map_spec_is_valid() -> None:
    boundary = {
        "type": "Polygon",
        "coordinates": [[[-2, 52.5], [-1.9, 52.5], [-2, 52.6], [-2, 52.5]]],
    }
    points = [{"lon": -1.95, "lat": 52.52, "value": 0.5, "name": "A school"}]
    svg = charts.point_map(
        boundary=boundary, points=points, title="Map", legend="Score", diverging=True
    )
    assert "<svg" in svg
