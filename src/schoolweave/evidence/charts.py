"""Charts as SVG, drawn on the server with Vega-Lite (altair, rendered by vl-convert); the
trend lines of school and network pages are drawn directly, in trend_chart.

No JavaScript and nothing from a CDN: the page gets a static SVG with a text alternative
(role="img" and an accessible name), and every chart sits beside a table of the same data.
Series differ by colour, point shape and line dash, so colour is never the only cue. Colours
are GOV.UK Frontend's.
"""

import hashlib
import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from typing import Any, ParamSpec

import altair as alt
import vl_convert as vlc  # type: ignore[import-untyped,unused-ignore]
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from schoolweave.common.caching import kept

PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#505a5f"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
DASHES = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [4, 4], [1, 3]]
JUDGEMENT_COLOURS = {
    "Strength": "#00703c",
    "Neither": "#b1b4b6",
    "Need": "#d4351c",
    "Not assessed": "#f3f2f1",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_CONFIG = {
    "font": FONT,
    "axis": {
        "labelFontSize": 13,
        "titleFontSize": 14,
        "labelColor": "#0b0c0c",
        "titleColor": "#0b0c0c",
        "gridColor": "#e5e6e7",
    },
    "legend": {
        "labelFontSize": 13,
        "titleFontSize": 14,
        "orient": "bottom",
        "columns": 1,
        "labelLimit": 600,
    },
    "view": {"stroke": None},
}
_PADDING = {"left": 5, "top": 5, "right": 30, "bottom": 5}
_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


P = ParamSpec("P")


def _drawn_once(build: Callable[P, SafeString]) -> Callable[P, SafeString]:
    """Each chart is drawn once for its data and kept in the cache, shared by the server's
    processes: building the chart's objects in altair costs more than the rest of a page."""

    @wraps(build)
    def chart(*args: P.args, **kwargs: P.kwargs) -> SafeString:
        data = json.dumps([args, kwargs], sort_keys=True, default=str).encode()
        key = f"chart:{build.__name__}:{hashlib.blake2b(data, digest_size=16).hexdigest()}"
        svg = kept(key, lambda: str(build(*args, **kwargs)))
        return SafeString(svg)  # drawn by this module, labels escaped

    return chart


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    # Altair's JSON-schema validation took about half of a school page's time; the specs are
    # built by this module's fixed code, which tests/evidence/test_charts.py validates once.
    return dict(chart.to_dict(validate=False))


@_drawn_once
def bar_chart(*, rows: Sequence[Mapping[str, Any]], title: str) -> SafeString:
    """Stacked counts of schools per focus area and judgement ("focus", "judgement", "schools")."""
    order = list(JUDGEMENT_COLOURS)
    present = [j for j in order if any(r["judgement"] == j for r in rows)]
    chart = (
        alt.Chart(_data(rows))
        .mark_bar(stroke="#0b0c0c", strokeWidth=0.5)
        .encode(
            y=alt.Y("focus:N", title=None, sort=None),
            x=alt.X("schools:Q", title="Schools"),
            color=alt.Color(
                "judgement:N",
                title=None,
                scale=alt.Scale(domain=present, range=[JUDGEMENT_COLOURS[j] for j in present]),
                sort=present,
            ),
            order=alt.Order("rank:Q"),
        )
        .properties(width=520, height=28 * max(1, len({r["focus"] for r in rows})))
    )
    return _svg(_spec(chart), title)


@_drawn_once
def point_map(
    *,
    boundary: Mapping[str, Any] | None,
    points: Sequence[Mapping[str, Any]],
    title: str,
    legend: str,
    diverging: bool,
    reverse: bool = False,
) -> SafeString:
    """Schools as dots on the LA's outline, coloured by a measure ("lon", "lat", "value",
    "name"): a diverging scale around 0 for progress scores, sequential otherwise."""
    layers = []
    if boundary:
        feature = {"type": "Feature", "geometry": rewind_for_d3(boundary), "properties": {}}
        layers.append(
            alt.Chart(_data([feature]))
            .mark_geoshape(fill="#f3f2f1", stroke="#505a5f", strokeWidth=1)
            .encode()
        )
    if diverging:
        scale = alt.Scale(scheme="redblue", domainMid=0, reverse=reverse)
    else:
        scale = alt.Scale(scheme="blues", reverse=reverse)
    layers.append(
        alt.Chart(_data(points))
        .mark_circle(size=70, opacity=1, stroke="#0b0c0c", strokeWidth=0.7)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            color=alt.Color(
                "value:Q", title=legend, scale=scale, legend=alt.Legend(orient="right")
            ),
        )
    )
    chart = alt.layer(*layers).project(type="mercator").properties(width=520, height=420)
    return _svg(_spec(chart), title)


def _data(values: Sequence[Mapping[str, Any]]) -> Any:
    return alt.Data(values=[dict(v) for v in values])  # type: ignore[no-untyped-call]


def rewind_for_d3(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """GeoJSON (RFC 7946) winds outer rings anticlockwise; d3-geo, under Vega, reads such a
    ring as the rest of the globe. Outer rings clockwise, holes anticlockwise, for d3."""

    def area(ring: Sequence[Sequence[float]]) -> float:
        return sum((x2 - x1) * (y2 + y1) for (x1, y1, *_), (x2, y2, *_) in itertools.pairwise(ring))

    def polygon(rings: Sequence[Sequence[Sequence[float]]]) -> list[list[Sequence[float]]]:
        fixed = []
        for index, ring in enumerate(rings):
            clockwise = area(ring) > 0
            wanted = index == 0
            fixed.append(list(ring) if clockwise == wanted else list(reversed(ring)))
        return fixed

    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [polygon(rings) for rings in geometry["coordinates"]],
        }
    return dict(geometry)


def _svg(spec: dict[str, Any], title: str) -> SafeString:
    spec = {**spec, "config": _CONFIG, "background": "white", "padding": _PADDING}
    text = json.dumps(spec, sort_keys=True, default=str)
    return mark_safe(_render(text, title))  # noqa: S308 - our own SVG, labels escaped below


def _render(spec: str, title: str) -> str:
    svg = vlc.vegalite_to_svg(json.loads(spec))
    svg = _ARIA.sub("", svg)
    ident = "chart-" + hashlib.blake2b(spec.encode(), digest_size=6).hexdigest()
    svg = re.sub(r'\swidth="[\d.]+" height="[\d.]+"', ' width="100%"', svg, count=1)
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{ident}" focusable="false" class="sw-chart" '
        'preserveAspectRatio="xMinYMin meet" ',
        1,
    ).replace(">", f'><title id="{ident}">{escape(title)}</title>', 1)
