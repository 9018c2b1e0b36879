"""The hand-drawn trend chart: well-formed SVG with its text alternative, every point and
series drawn inside the plot, and an axis that always shows 0 on whole ticks."""

import math
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as ET
from hypothesis import given
from hypothesis import strategies as st

from schoolweave.evidence import trend_chart
from schoolweave.evidence.trend_chart import PLOT_HEIGHT, format_tick, line_chart, nice_domain

SVG = "{http://www.w3.org/2000/svg}"


def _points(values: dict[str, list[float | None]]) -> list[dict[str, object]]:
    return [
        {"series": series, "year": 2016 + offset, "value": value}
        for series, row in values.items()
        for offset, value in enumerate(row)
        if value is not None
    ]


def test_a_chart_is_well_formed_svg_named_by_its_title() -> None:
    svg = line_chart(
        points=_points({"Reading <KS2>": [0.5, -1.2, 0.3], "Maths": [1.5, None, -0.8]}),
        title="Progress of St Mary's & St John's",
        y_title="Score",
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Progress of St Mary's & St John's"
    assert root.get("aria-labelledby") == title.get("id")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Reading <KS2>" in texts and "Maths" in texts and "Academic year ending" in texts
    assert [t for t in texts if t and t.startswith("201")] == ["2016", "2017", "2018"]


def test_each_series_has_its_own_colour_dash_and_shape() -> None:
    svg = line_chart(points=_points({"A": [1, 2], "B": [2, 1], "C": [0, 3]}), title="t", y_title="")
    root = ET.fromstring(svg)
    lines = list(root.iter(f"{SVG}polyline"))
    assert len({line.get("stroke") for line in lines}) == 3
    assert len({line.get("stroke-dasharray") for line in lines}) == 3
    # Each series' markers: two points and a legend entry.
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    assert len(list(root.iter(f"{SVG}polygon"))) == 2 * 3


def test_a_rule_marks_the_national_average_only_for_scores() -> None:
    points = _points({"A": [61.0, 64.0]})
    scores = ET.fromstring(line_chart(points=points, title="t", y_title="", zero=False))
    percent = ET.fromstring(line_chart(points=points, title="t", y_title="", zero=True))
    assert len(list(scores.iter(f"{SVG}line"))) == len(list(percent.iter(f"{SVG}line"))) + 1


def test_tick_labels_use_a_true_minus_and_never_minus_zero() -> None:
    assert format_tick(-1.5, 0.5) == "\u22121.5"
    assert format_tick(-0.0, 1) == "0"
    assert format_tick(2, 1) == "2"
    assert format_tick(40, 20) == "40"


@given(
    st.lists(
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_subnormal=False),
        min_size=1,
        max_size=12,
    )
)
def test_the_axis_covers_every_value_and_zero_in_about_six_whole_ticks(
    values: list[float],
) -> None:
    low, high, step = nice_domain(min([0.0, *values]), max([0.0, *values]))
    assert low <= min([0.0, *values]) and high >= max([0.0, *values])
    assert math.isclose(low / step, round(low / step), abs_tol=1e-6)
    assert 2 <= (high - low) / step <= 2 * 6 + 1


@given(
    st.dictionaries(
        st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=30),
        st.lists(
            st.one_of(st.none(), st.floats(min_value=-100, max_value=100, allow_nan=False)),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=6,
    ).filter(lambda rows: any(v is not None for row in rows.values() for v in row))
)
def test_every_point_is_drawn_inside_the_plot(values: dict[str, list[float | None]]) -> None:
    svg = line_chart(points=_points(values), title="t", y_title="y", zero=False)
    root = ET.fromstring(svg)  # every label escaped, whatever it holds
    top = 28.0
    plot = root.find(f"{SVG}g[@class='sw-chart-lines']")
    assert plot is not None
    ys = [float(c.get("cy", "nan")) for c in plot.iter(f"{SVG}circle")]
    ys += [y for line in plot.iter(f"{SVG}polyline") for y in _ys(line)]
    assert all(top - 0.1 <= y <= top + PLOT_HEIGHT + 0.1 for y in ys)
    reach = 1.3 * trend_chart._MARKER  # a marker's corners around its point
    corners = [y for marker in plot.iter(f"{SVG}polygon") for y in _ys(marker)]
    assert all(top - reach <= y <= top + PLOT_HEIGHT + reach for y in corners)
    legend = root.find(f"{SVG}g[@class='sw-chart-legend']")
    assert legend is not None
    assert sorted(t.text or "" for t in legend.iter(f"{SVG}text")) == sorted(
        name for name, row in values.items() if any(v is not None for v in row)
    )


def _ys(shape: Element) -> list[float]:
    return [float(pair.split(",")[1]) for pair in (shape.get("points") or "").split()]


def test_drawing_needs_no_vega() -> None:
    assert "altair" not in trend_chart.__dict__ and "vlc" not in trend_chart.__dict__
