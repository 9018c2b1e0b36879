"""Limit/offset pages of the API's lists, with links to the next and previous pages."""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from schoolweave.api.schemas import Paging

M = TypeVar("M", bound=Model)


def window(
    request: HttpRequest, items: QuerySet[M], paging: Paging
) -> tuple[dict[str, Any], list[M]]:
    """The page's count, limit, offset and links, and the rows on it (two queries, plus the
    queryset's prefetches)."""
    count = items.count()
    end = paging.offset + paging.limit
    rows = list(items[paging.offset : end]) if paging.offset < count else []
    fields = {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "next": _link(request, end) if end < count else None,
        "previous": _link(request, max(paging.offset - paging.limit, 0))
        if paging.offset > 0
        else None,
    }
    return fields, rows


def _link(request: HttpRequest, offset: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
