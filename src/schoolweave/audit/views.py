"""The audit log's pages: an LA's officers read every change to its networks."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from schoolweave.accounts.permissions import can_manage_la, viewer
from schoolweave.audit import selectors
from schoolweave.common.pagination import paginate
from schoolweave.core.numbers import ID_DIGITS, typed_number
from schoolweave.register.models import LocalAuthority
from schoolweave.register.selectors import local_authority_get

NOT_FOUND = "No local authority has this code"


@require_safe
def la_audit(request: HttpRequest, code: str) -> HttpResponse:
    la = _get_la_for_officer(request, code)
    networks = selectors.audit_network_choices(la_code=la.code)
    network_id = _network_filter(request)
    entries = selectors.audit_entry_list(la_code=la.code, network_id=network_id)
    page, pagination = paginate(entries, query=request.GET)
    names = dict(networks)
    context = {
        "la": la,
        "networks": networks,
        "network_id": network_id,
        "network_name": names.get(network_id or 0),
        "items": selectors.audit_items(page, network_names=names),
        "pagination": pagination,
    }
    return render(request, "audit/la_audit.html", context)


def _get_la_for_officer(request: HttpRequest, code: str) -> LocalAuthority:
    """The LA, if the viewer may read its audit log. Anyone else gets the same 404 as for an
    LA that does not exist, so the page tells them nothing."""
    la = local_authority_get(code=code) if can_manage_la(viewer(request), code) else None
    if la is None:
        raise Http404(NOT_FOUND)
    return la


def _network_filter(request: HttpRequest) -> int | None:
    value = request.GET.get("network", "").strip()
    return typed_number(value, max_digits=ID_DIGITS)
