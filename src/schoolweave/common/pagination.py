"""Pages of a long list, and the links of the GOV.UK pagination component to move between them.

Links keep the rest of the query string (search terms, filters), so paging never loses them.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import QueryDict

M = TypeVar("M", bound=Model)
PER_PAGE = 25


@dataclass(frozen=True)
class PageLink:
    """A numbered link, or a gap ("…") when `number` is None."""

    number: int | None
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    previous_href: str | None
    next_href: str | None
    links: list[PageLink]
    first_index: int
    last_index: int
    count: int

    @property
    def needed(self) -> bool:
        return self.previous_href is not None or self.next_href is not None


def paginate(
    items: QuerySet[M], *, query: QueryDict, per_page: int = PER_PAGE
) -> tuple[Page[Any], Pagination]:
    """The page the query's `page` asks for (the first or last when it is out of range)."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(query.get("page"))

    def href(number: int) -> str:
        params = query.copy()
        params["page"] = str(number)
        return f"?{params.urlencode()}"

    links = [
        PageLink(number, href(number), number == page.number)
        if isinstance(number, int)
        else PageLink(None)
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    pagination = Pagination(
        previous_href=href(page.previous_page_number()) if page.has_previous() else None,
        next_href=href(page.next_page_number()) if page.has_next() else None,
        links=links,
        first_index=page.start_index(),
        last_index=page.end_index(),
        count=paginator.count,
    )
    return page, pagination
