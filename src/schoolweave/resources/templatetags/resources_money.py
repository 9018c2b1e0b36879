"""Small lookups for the funding tables."""

from typing import Any

from django import template

from schoolweave.core.money import Money
from schoolweave.core.resources.years import FinancialYear

register = template.Library()


@register.filter
def year_amount(by_year: dict[FinancialYear, Money], year: FinancialYear) -> Money | str:
    """A network's money in a financial year, or a dash when it has none."""
    return by_year.get(year, "\N{EN DASH}")


@register.filter
def get_finance(finance: dict[int, Any], urn: int) -> Any:
    return finance.get(urn)
