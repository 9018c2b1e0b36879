"""Access checks of the knowledge pages: each answers 404, like something missing, to anyone
who may not see or change it (ADR 5). The rules are in accounts.permissions."""

from django.http import Http404, HttpRequest

from schoolweave.accounts.permissions import (
    can_change_expertise,
    can_record_enquiry,
    can_record_network_expertise,
    can_record_school_expertise,
    can_review_brokerage,
    can_run_diagnostic,
    can_see_enquiry,
    can_see_network,
    can_self_review_network,
    viewer,
)
from schoolweave.core.knowledge.vocabulary import EnquiryStage, ReviewKind
from schoolweave.knowledge import selectors
from schoolweave.knowledge.models import Diagnostic, Enquiry, Expertise, SelfReview
from schoolweave.networks.models import Network
from schoolweave.networks.selectors import network_get
from schoolweave.register.models import LocalAuthority, School
from schoolweave.register.selectors import local_authority_get, school_get

NO_LA = "No local authority has this code"
NO_NETWORK = "No network has this number"
NO_SCHOOL = "No school has this URN"
NO_EXPERTISE = "No expertise has this number"
NO_ENQUIRY = "No enquiry has this number"
NO_STAGE = "The enquiry cycle has no such stage"
NO_DIAGNOSTIC = "No diagnostic has this number"
NO_REVIEW = "No self-review has this number"


def la_for_officer(request: HttpRequest, code: str) -> LocalAuthority:
    la = local_authority_get(code=code)
    if la is None or not can_run_diagnostic(viewer(request), code):
        raise Http404(NO_LA)
    return la


def la_for_brokerage(request: HttpRequest, code: str) -> LocalAuthority:
    la = local_authority_get(code=code)
    if la is None or not can_review_brokerage(viewer(request), code):
        raise Http404(NO_LA)
    return la


def school_for_responder(request: HttpRequest, urn: int) -> School:
    school = school_get(urn=urn)
    if school is None or not can_record_school_expertise(viewer(request), school):
        raise Http404(NO_SCHOOL)
    return school


def network_for_viewer(request: HttpRequest, pk: int) -> Network:
    network = network_get(pk=pk)
    if network is None or not can_see_network(viewer(request), network):
        raise Http404(NO_NETWORK)
    return network


def network_for_expertise(request: HttpRequest, pk: int) -> Network:
    network = network_get(pk=pk)
    if network is None or not can_record_network_expertise(viewer(request), network):
        raise Http404(NO_NETWORK)
    return network


def network_for_enquiry(request: HttpRequest, pk: int) -> Network:
    network = network_get(pk=pk)
    if network is None or not can_record_enquiry(viewer(request), network):
        raise Http404(NO_NETWORK)
    return network


def network_for_review(request: HttpRequest, pk: int) -> Network:
    network = network_get(pk=pk)
    if network is None or not can_self_review_network(viewer(request), network):
        raise Http404(NO_NETWORK)
    return network


def expertise_for_editor(request: HttpRequest, pk: int) -> Expertise:
    who = viewer(request)
    item = selectors.expertise_get(who=who, pk=pk)
    if item is None or not can_change_expertise(who, item):
        raise Http404(NO_EXPERTISE)
    return item


def enquiry_for_viewer(request: HttpRequest, pk: int) -> Enquiry:
    enquiry = selectors.enquiry_get(pk=pk)
    if enquiry is None or not can_see_enquiry(viewer(request), enquiry):
        raise Http404(NO_ENQUIRY)
    return enquiry


def enquiry_for_editor(request: HttpRequest, pk: int) -> Enquiry:
    enquiry = selectors.enquiry_get(pk=pk)
    if enquiry is None or not can_record_enquiry(viewer(request), enquiry.network):
        raise Http404(NO_ENQUIRY)
    return enquiry


def stage_or_404(stage: str) -> EnquiryStage:
    try:
        return EnquiryStage(stage)
    except ValueError:
        raise Http404(NO_STAGE) from None


def diagnostic_for_officer(request: HttpRequest, pk: int) -> Diagnostic:
    diagnostic = selectors.diagnostic_get(pk=pk)
    if diagnostic is None or not can_run_diagnostic(viewer(request), diagnostic.la_id):
        raise Http404(NO_DIAGNOSTIC)
    return diagnostic


def review_for_viewer(request: HttpRequest, pk: int) -> SelfReview:
    review = selectors.review_get(pk=pk)
    who = viewer(request)
    if review is None:
        raise Http404(NO_REVIEW)
    if review.kind == ReviewKind.LA_BROKERAGE:
        allowed = can_review_brokerage(who, review.la_id)
    else:
        allowed = review.network is not None and can_self_review_network(who, review.network)
    if not allowed:
        raise Http404(NO_REVIEW)
    return review
