"""A school's figures over the years, across changes of URN, for its page and exports."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from schoolweave.core.performance.figures import FigureRow
from schoolweave.core.performance.measures import (
    MEASURES,
    OFSTED_RATINGS,
    PROGRESS_BANDS,
    Measure,
    Unit,
)
from schoolweave.core.performance.missing import label_of
from schoolweave.evidence.figures import lineage_of, school_series
from schoolweave.evidence.models import EstablishmentLink, Figure, PerformanceImport
from schoolweave.register.models import School

FIGURE_COLUMNS = ("urn", "year", "measure", "value", "missing_reason", "source")
_DETAIL_SUFFIXES = ("_ci_lower", "_ci_upper", "_band")


@dataclass(frozen=True)
class Predecessor:
    urn: int
    name: str


@dataclass(frozen=True)
class FigureCell:
    year: int
    text: str  # the value as shown, or "" when missing
    missing_reason: str = ""
    missing_label: str = ""
    urn: int | None = None  # the URN it was published under, when not the school's own

    @property
    def is_missing(self) -> bool:
        return bool(self.missing_reason)


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    cells: Sequence[FigureCell | None]  # one per year of the table, None: no figure


@dataclass(frozen=True)
class SchoolFigures:
    urn: int
    years: Sequence[int]
    rows: Sequence[MeasureRow]
    predecessors: Sequence[Predecessor]
    series: Sequence[FigureRow]

    @property
    def has_figures(self) -> bool:
        return bool(self.rows)


def school_figures(*, urn: int) -> SchoolFigures:
    history = lineage_of()
    rows = school_series([urn], history=history).get(urn, [])
    earlier = history.history(urn)[1:]
    names = dict(School.objects.filter(urn__in=earlier).values_list("urn", "name"))
    names.update(
        {
            link.linked_urn: link.linked_name
            for link in EstablishmentLink.objects.filter(urn=urn, linked_urn__in=earlier)
            if link.linked_name and link.linked_urn not in names
        }
    )
    predecessors = [Predecessor(u, names.get(u, "")) for u in earlier]
    years = sorted({r.year for r in rows})
    by_key = {(r.measure, r.year): r for r in rows}
    measures = sorted(
        {
            r.measure
            for r in rows
            if not r.measure.endswith(_DETAIL_SUFFIXES) and r.measure in MEASURES
        },
        key=list(MEASURES).index,
    )
    table = [
        MeasureRow(
            MEASURES[name],
            [_cell(by_key.get((name, year)), by_key, urn) for year in years],
        )
        for name in measures
    ]
    return SchoolFigures(urn, years, table, predecessors, rows)


def _cell(
    row: FigureRow | None, by_key: dict[tuple[str, int], FigureRow], urn: int
) -> FigureCell | None:
    if row is None:
        return None
    other = row.urn if row.urn != urn else None
    if row.value is None:
        return FigureCell(row.year, "", row.missing_reason, label_of(row.missing_reason), other)
    measure = MEASURES[row.measure]
    text = format_value(row.value, measure)
    lower, upper = (
        by_key.get((f"{row.measure}_ci_lower", row.year)),
        by_key.get((f"{row.measure}_ci_upper", row.year)),
    )
    if lower and upper and lower.value is not None and upper.value is not None:
        text += f" ({format_value(lower.value, measure)} to {format_value(upper.value, measure)})"
    band = by_key.get((f"{row.measure}_band", row.year))
    if band and band.value is not None:
        text += f", {PROGRESS_BANDS.get(int(band.value), '').lower()}"
    if measure.name == "ofsted_rating" and row.as_of:
        text += f", {row.as_of:%-d %b %Y}"
    return FigureCell(row.year, text, urn=other)


def format_value(value: float, measure: Measure) -> str:
    if measure.unit is Unit.PERCENT:
        return f"{value:.0f}%"
    if measure.unit is Unit.SCORE:
        return f"{value:+.2f}"
    if measure.unit is Unit.COUNT:
        return f"{value:,.0f}"
    if measure.unit is Unit.GBP:
        return f"-£{-value:,.0f}" if value < 0 else f"£{value:,.0f}"
    if measure.unit is Unit.RATING:
        return OFSTED_RATINGS.get(int(value), f"{value:.0f}")
    if measure.unit is Unit.BAND:
        return PROGRESS_BANDS.get(int(value), f"{value:.0f}")
    return f"{value:.1f}"


def figures_export(*, urn: int, with_history: bool = True) -> Iterator[dict[str, object]]:
    """`urn,year,measure,value,missing_reason,source` rows: the school's figures and, unless
    `with_history` is off, its predecessors' (each under the URN it was published under)."""
    urns = lineage_of().history(urn) if with_history else (urn,)
    rows = (
        Figure.objects.filter(school_id__in=urns)
        .order_by("year", "measure", "school_id")
        .values_list("school_id", "year", "measure", "value", "missing_reason", "source_id")
    )
    sources = dict(PerformanceImport.objects.values_list("pk", "file_name"))
    for school, year, measure, value, reason, source in rows:
        yield {
            "urn": school,
            "year": year,
            "measure": measure,
            "value": value,
            "missing_reason": reason,
            "source": sources.get(source, ""),
        }


def chart_series(figures: SchoolFigures, names: Sequence[str]) -> list[dict[str, object]]:
    """Values for a chart: one point per measure and year that has a value."""
    points = []
    for row in figures.series:
        if row.measure in names and row.value is not None:
            points.append(
                {"measure": MEASURES[row.measure].label, "year": row.year, "value": row.value}
            )
    return sorted(points, key=lambda p: (str(p["measure"]), int(p["year"])))  # type: ignore[call-overload]
