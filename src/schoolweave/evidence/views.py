"""Pages and downloads of performance data. Access is asked of accounts.permissions; the
figures come from selectors, already through core.stats.disclosure where they combine schools."""

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from schoolweave.accounts.permissions import (
    can_record_local_knowledge,
    can_see_network,
    signed_in_user,
    viewer,
)
from schoolweave.common.forms import form_errors
from schoolweave.core.spreadsheet import write_csv
from schoolweave.core.xlsx import XLSX_CONTENT_TYPE, write_xlsx
from schoolweave.evidence import sections, selectors
from schoolweave.evidence.forms import LocalKnowledgeForm
from schoolweave.evidence.models import LocalKnowledge
from schoolweave.evidence.services import local_knowledge_create, local_knowledge_delete
from schoolweave.networks import selectors as networks
from schoolweave.register import selectors as register
from schoolweave.register.models import School

NOT_FOUND = "Not found"


def _download(
    kind: str, name: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> HttpResponse:
    if kind == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(buffer, columns, rows, sheet_title="Figures")
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        write_csv(response, columns, rows)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _school(urn: int) -> School:
    school = register.school_get(urn=urn)
    if school is None:
        raise Http404(NOT_FOUND)
    return school


@require_safe
def school_figures_download(request: HttpRequest, urn: int, kind: str) -> HttpResponse:
    school = _school(urn)
    rows = list(selectors.figures_export(urn=school.urn))
    return _download(kind, f"schoolweave-figures-{urn}", selectors.FIGURE_COLUMNS, rows)


@require_safe
def network_figures_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    network = networks.network_get(pk=pk)
    if network is None or not can_see_network(viewer(request), network):
        raise Http404(NOT_FOUND)
    figures = selectors.network_figures(network=network)
    rows = selectors.group_export_rows(figures)
    return _download(
        kind, f"schoolweave-network-{pk}-figures", selectors.GROUP_EXPORT_COLUMNS, rows
    )


@require_safe
def la_figures_download(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    la = register.local_authority_get(code=code)
    if la is None:
        raise Http404(NOT_FOUND)
    figures = selectors.la_figures(la_code=la.code, la_name=la.name)
    rows = selectors.group_export_rows(figures)
    return _download(kind, f"schoolweave-la-{code}-figures", selectors.GROUP_EXPORT_COLUMNS, rows)


@require_safe
def group_performance(request: HttpRequest, uid: int) -> HttpResponse:
    group = register.group_get(uid=uid)
    if group is None:
        raise Http404(NOT_FOUND)
    urns = [link.school_id for link in group.links.filter(ended_date__isnull=True)]
    figures = selectors.group_figures(key=f"group:{uid}", label=group.name, urns=urns)
    context = {"statutory_group": group, **sections.group_section(figures)}
    return render(request, "evidence/group_performance.html", context)


@require_http_methods(["GET", "POST"])
def knowledge_new(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(urn)
    if not can_record_local_knowledge(viewer(request), school.la_id):
        raise Http404(NOT_FOUND)
    form = LocalKnowledgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        local_knowledge_create(
            school=school, recorded_by=signed_in_user(request), **form.cleaned_data
        )
        return redirect(f"{school_url(school)}#local-knowledge")
    context = {"school": school, "form": form, "errors": form_errors(form)}
    return render(request, "evidence/knowledge_form.html", context)


@require_POST
def knowledge_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(LocalKnowledge.objects.select_related("school"), pk=pk)
    if not can_record_local_knowledge(viewer(request), entry.la_id):
        raise Http404(NOT_FOUND)
    school = entry.school
    local_knowledge_delete(entry=entry)
    return redirect(f"{school_url(school)}#local-knowledge")


def school_url(school: School) -> str:
    return reverse("school_detail", args=[school.urn])
