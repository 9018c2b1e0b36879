"""Impact pages: one per network, one per cohort of a kind of network in an LA (the networks of
that kind that started in one academic year), and an LA's list of such cohorts. Each page has a
printable report and a CSV. Access is asked of accounts.permissions; the numbers come from the
core through services.evaluate_cohort. Pages only read."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from schoolweave.accounts.permissions import can_see_impact, impact_networks, viewer
from schoolweave.core.networks.vocabulary import NetworkKind
from schoolweave.core.spreadsheet import write_csv
from schoolweave.impact import report, selectors
from schoolweave.impact.pages import Choice, choose, page_context
from schoolweave.impact.selectors import Cohort
from schoolweave.networks import selectors as networks
from schoolweave.networks.models import Network
from schoolweave.register import selectors as register
from schoolweave.register.models import LocalAuthority

NOT_FOUND = "Not found"
KINDS = frozenset(kind.value for kind in NetworkKind)


@dataclass(frozen=True)
class Scope:
    """What an impact page is about, and where its pages are."""

    title: str
    cohort_for: Callable[[int | None], Cohort]
    default_start: int | None
    url: str  # the page; the report is url + "report/", the CSV url[:-1] + ".csv"
    network: Network | None = None
    la: LocalAuthority | None = None
    kind: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _network_scope(request: HttpRequest, pk: int) -> Scope:
    network = networks.network_get(pk=pk)
    if network is None or not can_see_impact(viewer(request), network):
        raise Http404(NOT_FOUND)
    return Scope(
        title=network.name,
        cohort_for=lambda start: selectors.network_cohort(network=network, start_year=start),
        default_start=selectors.network_start_year(network),
        url=reverse("impact:network", args=[network.pk]),
        network=network,
    )


def _kind_scope(request: HttpRequest, code: str, kind: str) -> Scope:
    la = register.local_authority_get(code=code)
    if la is None or kind not in KINDS:
        raise Http404(NOT_FOUND)
    visible = impact_networks(viewer(request), Network.objects.all())
    cohorts = [year for k, year, _ in selectors.kind_cohorts(la=la, networks=visible) if k == kind]
    asked = request.GET.get("start_year", "")
    is_year = asked.isascii() and asked.isdigit() and len(asked) == 4
    default = int(asked) if is_year and int(asked) in cohorts else None
    return Scope(
        title=f"{la.name}'s {selectors.kind_words(kind)}",
        cohort_for=lambda start: selectors.kind_cohort(
            la=la, kind=kind, start_year=start or 0, networks=visible
        ),
        default_start=default or (cohorts[0] if cohorts else None),
        url=reverse("impact:kind", args=[la.code, kind]),
        la=la,
        kind=kind,
        extra={"cohort_years": cohorts},
    )


def _render(request: HttpRequest, scope: Scope, template: str) -> HttpResponse:
    choice = choose(request.GET, scope.cohort_for, scope.default_start)
    context = {"scope": scope, **page_context(choice)}
    if scope.network is not None:
        context["network"] = scope.network
    return render(request, template, context)


def _csv(request: HttpRequest, scope: Scope, name: str) -> HttpResponse:
    choice: Choice = choose(request.GET, scope.cohort_for, scope.default_start)
    if choice.evaluation is None:
        raise Http404(choice.problem or NOT_FOUND)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    write_csv(response, report.CSV_COLUMNS, report.csv_rows(choice.evaluation))
    filename = f"schoolweave-impact-{name}-{choice.evaluation.measure.name}-{choice.start_year}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def network_impact(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _network_scope(request, pk), "impact/impact.html")


@require_safe
def network_impact_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _network_scope(request, pk), "impact/report.html")


@require_safe
def network_impact_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _csv(request, _network_scope(request, pk), f"network-{pk}")


@require_safe
def kind_impact(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    return _render(request, _kind_scope(request, code, kind), "impact/impact.html")


@require_safe
def kind_impact_report(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    return _render(request, _kind_scope(request, code, kind), "impact/report.html")


@require_safe
def kind_impact_csv(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    return _csv(request, _kind_scope(request, code, kind), f"la-{code}-{kind}")


@require_safe
def la_impact(request: HttpRequest, code: str) -> HttpResponse:
    la = register.local_authority_get(code=code)
    if la is None:
        raise Http404(NOT_FOUND)
    visible = impact_networks(viewer(request), Network.objects.all())
    cohorts = [
        {
            "kind": kind,
            "label": NetworkKind(kind).label,
            "year": year,
            "year_words": selectors.year_words(year),
            "schools": schools,
        }
        for kind, year, schools in selectors.kind_cohorts(la=la, networks=visible)
        if kind in KINDS
    ]
    owned = visible.filter(owner_las=la).order_by("name")
    context = {"la": la, "cohorts": cohorts, "networks": owned}
    return render(request, "impact/la_impact.html", context)
