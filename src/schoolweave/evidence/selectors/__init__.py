"""Reads of performance data for pages, exports, the CLI and the brokering engine.

`school_strengths` and `strengths_for_schools` are the brokering engine's entry points: per
school and focus area, strength, need or neither, with a score relative to similar schools
and the reason in words.
"""

from schoolweave.evidence.selectors.groups import (
    GROUP_EXPORT_COLUMNS,
    GroupFigures,
    group_export_rows,
    group_figures,
    la_figures,
    network_figures,
)
from schoolweave.evidence.selectors.la import (
    DEFAULT_MAP_MEASURE,
    MAP_MEASURES,
    area_figures,
    la_distribution,
    la_map,
)
from schoolweave.evidence.selectors.school import (
    FIGURE_COLUMNS,
    SchoolFigures,
    chart_series,
    figures_export,
    format_value,
    school_figures,
)
from schoolweave.evidence.selectors.similar import (
    SimilarView,
    comparators_of,
    pool_description,
    school_strengths,
    similar_computed,
    similar_get,
    strengths_for_schools,
)

__all__ = [
    "DEFAULT_MAP_MEASURE",
    "FIGURE_COLUMNS",
    "GROUP_EXPORT_COLUMNS",
    "MAP_MEASURES",
    "GroupFigures",
    "SchoolFigures",
    "SimilarView",
    "area_figures",
    "chart_series",
    "comparators_of",
    "figures_export",
    "format_value",
    "group_export_rows",
    "group_figures",
    "la_distribution",
    "la_figures",
    "la_map",
    "network_figures",
    "pool_description",
    "school_figures",
    "school_strengths",
    "similar_computed",
    "similar_get",
    "strengths_for_schools",
]
