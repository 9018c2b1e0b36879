"""Values over years as an SVG line chart, written directly rather than through Vega-Lite.

Why by hand: a school or network page's first visit drew its trend chart with altair and
vl-convert, about 70 ms of the server's time (altair's objects 25 ms, vl-convert's render
35 ms at best), more than the rest of the page. Under 50 people browsing (bench/load.py) that
cost alone kept those pages' p95 above 200 ms. A line chart of a few years is axes, lines,
markers and a legend; written here it takes under a millisecond and looks the same as the
other charts (charts.py: same colours, shapes, dashes and font). The LA pages' bar chart and
map, drawn once per LA, still go through Vega-Lite.
"""

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from schoolweave.evidence.charts import DASHES, FONT, PALETTE, SHAPES

PLOT_WIDTH = 520
PLOT_HEIGHT = 240
_TICKS = 6  # as Vega's default for a 240 px axis: one tick per 40 px
_CHAR = 7.2  # average width of a 13 px character, to leave room for labels
_MARKER = 5.4  # radius: a marker of about 90 square pixels
_LEGEND_ROW = 22
_INK = "#0b0c0c"
_GRID = "#e5e6e7"
_RULE = "#505a5f"
_MINUS = "\u2212"
_SHOWN = 1.25  # drawn at this scale, its 13 px labels show at about the page's 16 px
_STEPS = ((10, math.sqrt(50)), (5, math.sqrt(10)), (2, math.sqrt(2)))


@dataclass(frozen=True)
class _Frame:
    """Where the plot sits in the picture, and its y scale."""

    left: float
    top: float
    low: float
    high: float

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.top + PLOT_HEIGHT * (1 - share)


def line_chart(
    *, points: Sequence[Mapping[str, Any]], title: str, y_title: str, zero: bool = False
) -> SafeString:
    """Values over years, one line per series ("series", "year", "value").

    The y axis always shows 0: with zero=False (progress scores, where 0 is the national
    average) a rule marks it; otherwise the axis starts there."""
    series = sorted({str(p["series"]) for p in points})
    years = sorted({int(p["year"]) for p in points})
    values = [float(p["value"]) for p in points]
    low, high, step = nice_domain(min([0.0, *values]), max([0.0, *values]))
    ticks = tick_values(low, high, step)
    labels = [format_tick(t, step) for t in ticks]
    left = max(len(label) for label in labels) * _CHAR + 12
    top = 28.0 if y_title else 14.0
    frame = _Frame(left=left, top=top, low=low, high=high)
    x = {year: left + PLOT_WIDTH * (i + 0.5) / len(years) for i, year in enumerate(years)}
    legend_top = top + PLOT_HEIGHT + 62
    width = max(left + PLOT_WIDTH + 30, left + 48 + _CHAR * max(len(s) for s in series))
    height = legend_top + _LEGEND_ROW * len(series)
    parts = [
        _y_axis(frame, ticks, labels, y_title),
        _x_axis(frame, x),
        "" if zero else _line(left, frame.y(0), left + PLOT_WIDTH, frame.y(0), _RULE, 1),
    ]
    lines, legend = [], []
    for index, name in enumerate(series):
        mine = sorted(
            (int(p["year"]), float(p["value"])) for p in points if str(p["series"]) == name
        )
        lines.append(_series([(x[year], frame.y(value)) for year, value in mine], index))
        legend.append(_legend_entry(left, legend_top + _LEGEND_ROW * index, name, index))
    parts.append(f'<g class="sw-chart-lines">{"".join(lines)}</g>')
    parts.append(f'<g class="sw-chart-legend">{"".join(legend)}</g>')
    return _svg(title, width, height, "".join(parts))


def nice_domain(low: float, high: float) -> tuple[float, float, float]:
    """The extent widened to whole ticks, and the tick step (d3's tickIncrement: a step of
    1, 2 or 5 times a power of ten giving about _TICKS ticks)."""
    if high - low < 1e-9:
        high = low + 1
    step = tick_step(low, high)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    step = tick_step(low, high)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def tick_step(low: float, high: float) -> float:
    raw = (high - low) / _TICKS
    power = 10 ** math.floor(math.log10(raw))
    error = raw / power
    factor = next((f for f, bound in _STEPS if error >= bound), 1)
    return float(power * factor)


def tick_values(low: float, high: float, step: float) -> list[float]:
    first, last = round(low / step), round(high / step)
    return [k * step for k in range(first, last + 1)]


def format_tick(value: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    text = f"{abs(value):.{decimals}f}"
    return _MINUS + text if value < 0 and float(text) != 0 else text


def _y_axis(frame: _Frame, ticks: list[float], labels: list[str], title: str) -> str:
    right = frame.left + PLOT_WIDTH
    out = []
    for tick, label in zip(ticks, labels, strict=True):
        y = frame.y(tick)
        out.append(_line(frame.left, y, right, y, _GRID, 1))
        out.append(_text(frame.left - 8, y + 4.5, label, anchor="end"))
    if title:
        out.append(_text(4, frame.top - 14, title, size=14, bold=True))
    return "".join(out)


def _x_axis(frame: _Frame, x: dict[int, float]) -> str:
    bottom = frame.top + PLOT_HEIGHT
    out = [_line(frame.left, bottom, frame.left + PLOT_WIDTH, bottom, "#888888", 1)]
    for year, position in x.items():
        out.append(_line(position, bottom, position, bottom + 5, "#888888", 1))
        out.append(_text(position, bottom + 20, str(year), anchor="middle"))
    title = "Academic year ending"
    out.append(
        _text(frame.left + PLOT_WIDTH / 2, bottom + 42, title, size=14, bold=True, anchor="middle")
    )
    return "".join(out)


def _series(at: list[tuple[float, float]], index: int) -> str:
    colour = PALETTE[index % len(PALETTE)]
    out = []
    if len(at) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in at)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"'
            f"{_dash(index)}/>"
        )
    out.extend(_marker(x, y, index) for x, y in at)
    return "".join(out)


def _legend_entry(left: float, top: float, name: str, index: int) -> str:
    middle = top + _LEGEND_ROW / 2
    colour = PALETTE[index % len(PALETTE)]
    sample = (
        f'<line x1="{left:.1f}" y1="{middle:.1f}" x2="{left + 30:.1f}" y2="{middle:.1f}" '
        f'stroke="{colour}" stroke-width="3"{_dash(index)}/>'
    )
    return sample + _marker(left + 15, middle, index) + _text(left + 38, middle + 4.5, name)


def _dash(index: int) -> str:
    dash = DASHES[index % len(DASHES)]
    return "" if dash == [1, 0] else f' stroke-dasharray="{" ".join(map(str, dash))}"'


def _marker(x: float, y: float, index: int) -> str:
    colour = PALETTE[index % len(PALETTE)]
    shape = SHAPES[index % len(SHAPES)]
    r = _MARKER
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}"/>'
    corners = {
        "square": [(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],
        "triangle-up": [(0, -1.2), (1.1, 0.9), (-1.1, 0.9)],
        "triangle-down": [(0, 1.2), (1.1, -0.9), (-1.1, -0.9)],
        "diamond": [(0, -1.25), (1.0, 0), (0, 1.25), (-1.0, 0)],
        "cross": [
            (-0.35, -1.1),
            (0.35, -1.1),
            (0.35, -0.35),
            (1.1, -0.35),
            (1.1, 0.35),
            (0.35, 0.35),
            (0.35, 1.1),
            (-0.35, 1.1),
            (-0.35, 0.35),
            (-1.1, 0.35),
            (-1.1, -0.35),
            (-0.35, -0.35),
        ],
    }[shape]
    path = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in corners)
    return f'<polygon points="{path}" fill="{colour}"/>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{width}"/>'
    )


def _text(
    x: float, y: float, text: str, *, size: int = 13, bold: bool = False, anchor: str = "start"
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"'
        f"{weight}>{escape(text)}</text>"
    )


def _svg(title: str, width: float, height: float, body: str) -> SafeString:
    ident = "chart-" + hashlib.blake2b((title + body).encode(), digest_size=6).hexdigest()
    return mark_safe(  # noqa: S308 - our own markup; every label and the title are escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}" '
        f'focusable="false" class="sw-chart" width="{width * _SHOWN:.0f}" '
        f'height="{height * _SHOWN:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" '
        f'preserveAspectRatio="xMinYMin meet" font-family="{escape(FONT)}" fill="{_INK}">'
        f'<title id="{ident}">{escape(title)}</title>'
        f'<rect width="100%" height="100%" fill="white"/>{body}</svg>'
    )
