"""The evidence app's parts of the school, network and LA pages: each reads its selectors,
draws its charts and returns a template context. Access is asked of accounts.permissions."""

import hashlib
import json
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from schoolweave.accounts.permissions import (
    can_record_local_knowledge,
    can_see_local_knowledge,
    viewer,
)
from schoolweave.common.caching import kept
from schoolweave.core.performance.measures import MEASURES, Unit
from schoolweave.core.performance.strengths import FOCUS_AREAS, Judgement
from schoolweave.core.stats.disclosure import MIN_PUPILS, MIN_SCHOOLS
from schoolweave.evidence import charts, selectors
from schoolweave.evidence.figures import data_stamp
from schoolweave.evidence.models import LocalKnowledge
from schoolweave.evidence.selectors.groups import GroupFigures
from schoolweave.evidence.trend_chart import line_chart
from schoolweave.networks.models import Network
from schoolweave.networks.selectors import memberships_stamp
from schoolweave.register.models import LocalAuthority, School

# The progress measures a school's chart shows, by key stage.
_TREND_SETS = (
    ("KS2 progress scores", ("ks2_reading_progress", "ks2_writing_progress", "ks2_maths_progress")),
    ("Progress 8", ("ks4_progress8",)),
    ("A level value added", ("ks5_alevel_value_added",)),
)
JUDGEMENT_TAGS = {
    Judgement.STRENGTH: "govuk-tag--green",
    Judgement.NEED: "govuk-tag--red",
    Judgement.NEITHER: "govuk-tag--grey",
    Judgement.NOT_ASSESSED: "govuk-tag--yellow",
}
_LEGENDS = {
    Unit.SCORE: "Progress score",
    Unit.PERCENT: "Per cent",
    Unit.RATING: "Ofsted (1 best)",
    Unit.SCALED: "Score",
}
RULES = {"min_schools": MIN_SCHOOLS, "min_pupils": MIN_PUPILS}
_SECTION_SECONDS = 3600  # school and network sections: computed on a first visit, not prepared


def school_section(request: HttpRequest, school: School) -> dict[str, Any]:
    # Published figures only, the same for every viewer: kept until the data change (or the
    # day, as judgements of inspections depend on their age). What the LA knows is not kept.
    key = f"evidence:school:{school.urn}:{timezone.localdate()}:{data_stamp()}"
    parts = kept(key, lambda: _school_parts(school), timeout=_SECTION_SECONDS)
    who = viewer(request)
    knowledge = None
    if can_see_local_knowledge(who, urn=school.urn, la_code=school.la_id):
        knowledge = list(LocalKnowledge.objects.filter(school=school).select_related("recorded_by"))
    return {
        "school": school,
        **parts,
        "knowledge": knowledge,
        "can_record": can_record_local_knowledge(who, school.la_id),
        "rules": RULES,
    }


def _school_parts(school: School) -> dict[str, Any]:
    figures = selectors.school_figures(urn=school.urn)
    similar = selectors.similar_get(urn=school.urn, school=school)
    assessments = selectors.strengths_for_schools(
        urns=[school.urn], comparators={school.urn: similar.comparator_urns}
    )[school.urn]
    return {
        "figures": figures,
        "charts": _school_charts(figures, school.name),
        "similar": similar,
        "assessments": [(a, JUDGEMENT_TAGS[a.judgement]) for a in assessments],
    }


def _school_charts(figures: selectors.SchoolFigures, name: str) -> list[dict[str, Any]]:
    drawn = []
    for title, names in _TREND_SETS:
        points = [
            {"series": p["measure"], "year": p["year"], "value": p["value"]}
            for p in selectors.chart_series(figures, names)
        ]
        if len({p["year"] for p in points}) >= 1 and points:
            drawn.append(
                {
                    "title": title,
                    "svg": line_chart(
                        points=points,
                        title=f"{title} of {name} by year: the table below gives the figures",
                        y_title="Score (0 is the national average)",
                    ),
                }
            )
    return drawn


def network_section(request: HttpRequest, network: Network) -> dict[str, Any]:
    # The same for every viewer who may see the network; kept until the figures or any
    # membership change (other networks' members decide what may be published too).
    stamp = f"{network.name}|{data_stamp()}|{memberships_stamp()}"
    key = f"evidence:network:{network.pk}:{hashlib.blake2b(stamp.encode()).hexdigest()}"
    parts = kept(
        key,
        lambda: group_section(selectors.network_figures(network=network)),
        timeout=_SECTION_SECONDS,
    )
    return {"network": network, **parts}


def group_section(figures: GroupFigures) -> dict[str, Any]:
    return {
        "group": figures,
        "trend": _group_trend(figures),
        "member_table": _member_table(figures),
        "rules": RULES,
    }


def _group_trend(figures: GroupFigures) -> list[dict[str, Any]]:
    drawn = []
    for title, names in _TREND_SETS:
        points = []
        for item in figures.measures:
            if item.measure.name not in names:
                continue
            for year in item.years:
                if year.group.is_published and year.group.value is not None:
                    points.append(
                        {
                            "series": f"{item.measure.label}: {figures.label}",
                            "year": year.year,
                            "value": year.group.value,
                        }
                    )
                if year.comparison is not None and year.comparison.is_published:
                    points.append(
                        {
                            "series": f"{item.measure.label}: members' similar schools",
                            "year": year.year,
                            "value": year.comparison.value,
                        }
                    )
        if points:
            drawn.append(
                {
                    "title": title,
                    "svg": line_chart(
                        points=points,
                        title=f"{title} of {figures.label} and of its members' similar schools, "
                        "by year: the table gives the figures",
                        y_title="Score (0 is the national average)",
                    ),
                }
            )
    return drawn


def _member_table(figures: GroupFigures) -> dict[str, Any]:
    """Members' latest figures: a row per school, a column per measure."""
    columns = [item for item in figures.measures if item.members]
    schools: dict[int, str] = {}
    for item in columns:
        for member in item.members:
            schools[member.urn] = member.name
    rows = []
    for urn, name in sorted(schools.items(), key=lambda pair: pair[1]):
        cells = []
        for item in columns:
            found = next((m.cell for m in item.members if m.urn == urn), None)
            cells.append({"cell": found, "measure": item.measure.name})
        rows.append({"urn": urn, "name": name, "cells": cells})
    return {"columns": columns, "rows": rows}


def la_section(request: HttpRequest, la: LocalAuthority) -> dict[str, Any]:
    measure = request.GET.get("evidence_measure", selectors.DEFAULT_MAP_MEASURE)
    if measure not in selectors.MAP_MEASURES:
        measure = selectors.DEFAULT_MAP_MEASURE
    return {"la": la, **_la_kept(la, measure)}


def prepare_la_section(la: LocalAuthority) -> None:
    """Compute the LA's section before anyone asks for it (the worker does, after an import:
    evidence/tasks.py). A second call for the same data and day only reads it."""
    _la_kept(la, selectors.DEFAULT_MAP_MEASURE)


def _la_kept(la: LocalAuthority, measure: str) -> dict[str, Any]:
    # The same for every viewer (public figures only), and about a second for a large LA
    # (every school's strengths against its similar schools), so kept until the figures, the
    # boundary or the day change (judgements of inspections depend on their age).
    boundary = hashlib.blake2b(json.dumps(la.boundary, sort_keys=True).encode(), digest_size=8)
    key = (
        f"evidence:la:{la.code}:{measure}:{timezone.localdate()}:{data_stamp()}:"
        f"{boundary.hexdigest()}"
    )
    parts: dict[str, Any] = kept(key, lambda: _la_parts(la, measure), timeout=None)
    return parts


def _la_parts(la: LocalAuthority, measure: str) -> dict[str, Any]:
    distribution = selectors.la_distribution(la_code=la.code)
    found = selectors.la_map(la_code=la.code, measure_name=measure)
    la_figures = selectors.la_figures(la_code=la.code, la_name=la.name)
    return {
        "distribution": distribution,
        "distribution_chart": _distribution_chart(distribution, la.name),
        "map": found,
        "map_svg": _map_svg(found, la.name),
        "map_choices": [(name, MEASURES[name].label) for name in selectors.MAP_MEASURES],
        "map_measure": measure,
        "la_figures": la_figures,
        "area_figures": selectors.area_figures(
            la_code=la.code, measures=[m.measure.name for m in la_figures.measures]
        ),
        "rules": RULES,
        "judgements": list(Judgement),
    }


def _distribution_chart(distribution: selectors.la.Distribution, name: str) -> Any:
    rows = []
    for focus in distribution.focus:
        for rank, judgement in enumerate(Judgement):
            count = focus.count(judgement.value)
            if count:
                rows.append(
                    {
                        "focus": focus.label,
                        "judgement": judgement.label,
                        "schools": count,
                        "rank": rank,
                    }
                )
    if not rows:
        return None
    return charts.bar_chart(
        rows=rows,
        title=f"Strengths and needs of {name}'s schools, by focus area: the table gives the counts",
    )


def _map_svg(found: selectors.la.LaMap, name: str) -> Any:
    mapped = found.mapped
    if not mapped:
        return None
    measure = found.measure
    return charts.point_map(
        boundary=found.boundary,
        points=[{"lon": p.lon, "lat": p.lat, "value": p.value, "name": p.name} for p in mapped],
        title=f"Map of {name}'s schools coloured by {measure.label}: the table lists the figures",
        legend=_LEGENDS.get(measure.unit, measure.unit.value),
        diverging=measure.unit is Unit.SCORE,
        reverse=measure.unit is Unit.RATING,
    )


def focus_choices() -> list[tuple[str, str]]:
    return [(f.name, f.label) for f in FOCUS_AREAS.values()] + [("other", "Other")]
