"""An LA's performance section: where its schools' strengths and needs lie, a map of its
schools by a chosen measure, and the LA's own figures (DfE's, and its schools' combined)."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from schoolweave.core.performance.measures import MEASURES, Measure
from schoolweave.core.performance.strengths import FOCUS_AREAS, Judgement
from schoolweave.evidence.figures import school_series
from schoolweave.evidence.models import AreaFigure
from schoolweave.evidence.selectors.similar import strengths_for_schools
from schoolweave.register.models import OPEN_STATUSES, LocalAuthority, School

MAP_MEASURES = (
    "ks2_reading_progress",
    "ks2_writing_progress",
    "ks2_maths_progress",
    "ks2_rwm_expected_pct",
    "ks4_progress8",
    "ks4_attainment8",
    "ks4_english_maths_grade5_pct",
    "ks5_alevel_aps",
    "ofsted_rating",
)
DEFAULT_MAP_MEASURE = "ks2_reading_progress"


@dataclass(frozen=True)
class FocusCount:
    focus: str
    label: str
    counts: dict[str, int]  # judgement value -> schools

    def count(self, judgement: str) -> int:
        return self.counts.get(judgement, 0)

    @property
    def assessed(self) -> int:
        return sum(n for j, n in self.counts.items() if j != Judgement.NOT_ASSESSED)


@dataclass(frozen=True)
class Distribution:
    schools: int
    focus: Sequence[FocusCount]


@dataclass(frozen=True)
class MapPoint:
    urn: int
    name: str
    lat: float | None
    lon: float | None
    value: float | None
    missing_reason: str
    year: int | None


@dataclass(frozen=True)
class LaMap:
    measure: Measure
    year: int | None
    points: Sequence[MapPoint]
    boundary: dict[str, object] | None

    @property
    def mapped(self) -> list[MapPoint]:
        return [p for p in self.points if p.lat is not None and p.value is not None]


def la_distribution(*, la_code: str, today: date | None = None) -> Distribution:
    urns = list(
        School.objects.filter(la_id=la_code, status__in=OPEN_STATUSES).values_list("urn", flat=True)
    )
    assessed = strengths_for_schools(urns=urns, today=today)
    counts: dict[str, Counter[str]] = {name: Counter() for name in FOCUS_AREAS}
    for assessments in assessed.values():
        for a in assessments:
            counts[a.focus][a.judgement.value] += 1
    return Distribution(
        schools=len(urns),
        focus=[
            FocusCount(name, FOCUS_AREAS[name].label, dict(counter))
            for name, counter in counts.items()
            if counter
        ],
    )


def la_map(*, la_code: str, measure_name: str) -> LaMap:
    measure = MEASURES[measure_name]
    schools = list(
        School.objects.filter(la_id=la_code, status__in=OPEN_STATUSES)
        .order_by("name")
        .values_list("urn", "name", "lat", "lon")
    )
    series = school_series([s[0] for s in schools], measures=[measure_name])
    years = [r.year for rows in series.values() for r in rows]
    year = max(years) if years else None
    points = []
    for urn, name, lat, lon in schools:
        if measure_name == "ofsted_rating":
            rows = sorted(series.get(urn, []), key=lambda r: r.year, reverse=True)
            row = rows[0] if rows else None
        else:
            row = next((r for r in series.get(urn, []) if r.year == year), None)
        if row is None:
            continue
        points.append(MapPoint(urn, name, lat, lon, row.value, row.missing_reason, row.year))
    la = LocalAuthority.objects.filter(code=la_code).only("boundary").first()
    return LaMap(measure, year, points, la.boundary if la else None)


@dataclass(frozen=True)
class AreaRow:
    measure: Measure
    year: int
    la: float | None
    england: float | None


def area_figures(*, la_code: str, measures: Sequence[str]) -> list[AreaRow]:
    """DfE's own figures for the LA and England, where the imported files carried them."""
    rows = AreaFigure.objects.filter(
        area__in=[f"la:{la_code}", "england:state-funded", "england"], measure__in=measures
    ).values_list("area", "year", "measure", "value")
    found: dict[tuple[str, int], dict[str, float | None]] = {}
    for area, year, measure, value in rows:
        found.setdefault((measure, year), {})[area] = value
    result = []
    for (measure, year), values in sorted(found.items()):
        england = values.get("england:state-funded", values.get("england"))
        result.append(AreaRow(MEASURES[measure], year, values.get(f"la:{la_code}"), england))
    return result
