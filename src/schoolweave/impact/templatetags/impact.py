"""Filters for the impact app's templates."""

from datetime import date

from django import template

from schoolweave.impact.selectors import academic_year as _academic_year
from schoolweave.impact.selectors import kind_words as _kind_words

register = template.Library()


@register.filter
def academic_year(day: date | None) -> int | str:
    """The academic year a date falls in, by the year it ends in (1 Sept 2018 -> 2019)."""
    return "" if day is None else _academic_year(day)


@register.filter
def kind_words(kind: str) -> str:
    """A kind of network in words, plural: "triad networks"."""
    return _kind_words(kind)
