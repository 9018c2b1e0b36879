"""The landscape review pages: an LA's schools and networks, who carries the load and who is
out on a limb, as a report, a map, a graph and downloads."""

import io
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from schoolweave.accounts.permissions import viewer
from schoolweave.core.spreadsheet import write_csv
from schoolweave.core.xlsx import XLSX_CONTENT_TYPE, write_xlsx
from schoolweave.landscape.reports import (
    LOAD_BANDS,
    LaLandscape,
    graph_elements,
    la_landscape,
    map_geojson,
    tables,
)
from schoolweave.register.models import LocalAuthority
from schoolweave.register.selectors import local_authority_get

TOP = 25  # schools shown in the load table until the user asks for all
SORTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "load": lambda row: (-row["load"], row["name"]),
    "partners": lambda row: (-row["partners"], row["name"]),
    "bridging": lambda row: (-row["betweenness"], row["name"]),
    "nearest": lambda row: (-(row["nearest_networked_km"] or 0.0), row["name"]),
    "name": lambda row: row["name"],
}


@require_safe
def la_landscape_page(request: HttpRequest, code: str) -> HttpResponse:
    report = _report(request, code)
    figures = tables(report)
    sort = request.GET.get("sort", "load")
    schools = sorted(figures["schools"].rows, key=SORTS.get(sort, SORTS["load"]))
    show_all = request.GET.get("all") == "1"
    context = {
        "la": report.la,
        "report": report,
        "figures": figures,
        "schools": schools if show_all else schools[:TOP],
        "hidden": 0 if show_all else max(0, len(schools) - TOP),
        "isolated": sorted(
            (row for row in figures["schools"].rows if row["isolated"]), key=SORTS["name"]
        ),
        "sort": sort if sort in SORTS else "load",
        "load_bands": [name for _, name in reversed(LOAD_BANDS)],
    }
    return render(request, "landscape/la_landscape.html", context)


@require_safe
def la_landscape_map(request: HttpRequest, code: str) -> JsonResponse:
    response = JsonResponse(map_geojson(_report(request, code), url_of=_school_url))
    response["Content-Type"] = "application/geo+json"
    return response


@require_safe
def la_landscape_graph_page(request: HttpRequest, code: str) -> HttpResponse:
    la = _la(code)
    return render(request, "landscape/la_graph.html", {"la": la})


@require_safe
def la_landscape_graph(request: HttpRequest, code: str) -> JsonResponse:
    return JsonResponse(graph_elements(_report(request, code), url_of=_school_url))


@require_safe
def la_landscape_download(request: HttpRequest, code: str, table: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Downloads are CSV or XLSX")
    figures = tables(_report(request, code))
    if table not in figures:
        raise Http404("No such table")
    chosen = figures[table]
    name = f"landscape-{code}-{table}"
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(buffer, chosen.columns, chosen.rows, sheet_title=chosen.title)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        write_csv(response, chosen.columns, chosen.rows)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _report(request: HttpRequest, code: str) -> LaLandscape:
    return la_landscape(who=viewer(request), la=_la(code))


def _la(code: str) -> LocalAuthority:
    la = local_authority_get(code=code)
    if la is None:
        raise Http404("No local authority has this code")
    return la


def _school_url(urn: int) -> str:
    return reverse("school_detail", args=[urn])
