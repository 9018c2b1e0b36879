"""The evidence app's sections of the school, network and LA pages, and value formatting.

Each section tag reads the page's own object and request and hands them to evidence.sections,
which does the reading; the tags only render."""

from typing import Any

from django import template

from schoolweave.core.performance.measures import MEASURES
from schoolweave.core.performance.missing import label_of
from schoolweave.evidence import sections
from schoolweave.evidence.selectors import format_value

register = template.Library()


@register.inclusion_tag("evidence/school_performance.html", takes_context=True)
def school_performance(context: template.Context) -> dict[str, Any]:
    return {
        **sections.school_section(context["request"], context["school"]),
        "request": context["request"],
    }


@register.inclusion_tag("evidence/network_performance.html", takes_context=True)
def network_performance(context: template.Context) -> dict[str, Any]:
    return {
        **sections.network_section(context["request"], context["network"]),
        "request": context["request"],
    }


@register.inclusion_tag("evidence/la_performance.html", takes_context=True)
def la_performance(context: template.Context) -> dict[str, Any]:
    return {**sections.la_section(context["request"], context["la"]), "request": context["request"]}


@register.filter
def measure_value(value: float | None, measure_name: str) -> str:
    """A figure in its measure's units: +1.23, 45%, £1,234, Good."""
    if value is None:
        return ""
    return format_value(value, MEASURES[measure_name])


@register.filter
def missing_label(code: str) -> str:
    return label_of(code)


@register.filter
def pupils(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"
