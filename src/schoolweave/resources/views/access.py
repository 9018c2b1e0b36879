"""Access checks shared by the resources pages: each answers 404, like something missing, to
anyone who may not see or change it (ADR 5)."""

from django.http import Http404, HttpRequest

from schoolweave.accounts.permissions import (
    can_fund_network,
    can_manage_funding,
    can_manage_la,
    can_see_funding,
    can_see_network,
    can_see_partner,
    viewer,
)
from schoolweave.networks.models import Network
from schoolweave.networks.selectors import network_get
from schoolweave.register.models import LocalAuthority
from schoolweave.register.selectors import local_authority_get
from schoolweave.resources import selectors
from schoolweave.resources.models import Allocation, FundingStream, PartnerOrganisation

NO_LA = "No local authority has this code"
NO_NETWORK = "No network has this number"
NO_STREAM = "No funding stream has this number"
NO_ALLOCATION = "No allocation has this number"
NO_PARTNER = "No partner organisation has this number"


def la_or_404(code: str) -> LocalAuthority:
    la = local_authority_get(code=code)
    if la is None:
        raise Http404(NO_LA)
    return la


def la_for_officer(request: HttpRequest, code: str) -> LocalAuthority:
    if not can_manage_la(viewer(request), code):
        raise Http404(NO_LA)
    return la_or_404(code)


def network_for_viewer(request: HttpRequest, pk: int) -> Network:
    network = network_get(pk=pk)
    if network is None or not can_see_funding(viewer(request), network):
        raise Http404(NO_NETWORK)
    return network


def network_for_officer(request: HttpRequest, pk: int) -> Network:
    """A network whose LA's officer the viewer is (to link partners or give staff time)."""
    network = network_get(pk=pk)
    who = viewer(request)
    if network is None or not can_see_network(who, network):
        raise Http404(NO_NETWORK)
    if not any(can_manage_la(who, la.code) for la in network.owner_las.all()):
        raise Http404(NO_NETWORK)
    return network


def stream_for_viewer(pk: int) -> FundingStream:
    stream = selectors.stream_get(pk=pk)
    if stream is None:
        raise Http404(NO_STREAM)
    return stream


def stream_for_officer(request: HttpRequest, pk: int) -> FundingStream:
    stream = selectors.stream_get(pk=pk)
    if stream is None or not can_manage_funding(viewer(request), stream.la_id):
        raise Http404(NO_STREAM)
    return stream


def allocation_for_viewer(request: HttpRequest, pk: int) -> Allocation:
    allocation = selectors.allocation_get(pk=pk)
    if allocation is None or not can_see_funding(viewer(request), allocation.network):
        raise Http404(NO_ALLOCATION)
    return allocation


def allocation_for_officer(request: HttpRequest, pk: int) -> Allocation:
    allocation = allocation_for_viewer(request, pk)
    if not can_fund_network(viewer(request), allocation.stream.la_id, allocation.network):
        raise Http404(NO_ALLOCATION)
    return allocation


def partner_for_viewer(request: HttpRequest, pk: int) -> PartnerOrganisation:
    partner = selectors.partner_get(pk=pk)
    if partner is None or not can_see_partner(viewer(request), partner):
        raise Http404(NO_PARTNER)
    return partner


def partner_for_officer(request: HttpRequest, pk: int) -> PartnerOrganisation:
    partner = partner_for_viewer(request, pk)
    if not can_manage_la(viewer(request), partner.la_id):
        raise Http404(NO_PARTNER)
    return partner
