"""Partners beyond the network: the register of partner organisations, their partnerships with
networks, and an LA's networks without any partner beyond schools."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from schoolweave.accounts.permissions import (
    can_link_partner,
    can_manage_la,
    can_see_partner_contacts,
    partners_visible,
    signed_in_user,
    viewer,
)
from schoolweave.common.forms import form_errors
from schoolweave.common.pagination import paginate
from schoolweave.core.resources.vocabulary import PartnerKind
from schoolweave.resources import selectors, services
from schoolweave.resources.forms import (
    PartnerContactForm,
    PartnerFiltersForm,
    PartnerForm,
    PartnershipForm,
)
from schoolweave.resources.models import PartnerOrganisation
from schoolweave.resources.views.access import (
    la_for_officer,
    la_or_404,
    network_for_officer,
    partner_for_officer,
    partner_for_viewer,
)
from schoolweave.resources.views.funding import _add_errors, _status

PARTNER_ADDED = "{name} has been added to the register of partners"
CONTACT_ADDED = "{name} has been added as a contact"
PARTNERSHIP_ADDED = "{partner} is now recorded as a partner of {network}"
ILLUSTRATIVE_PARTNERS = (
    "Partners tagged illustrative were made up to demonstrate Schoolweave, like the "
    "illustrative networks: their names are real kinds of organisation, their work with these "
    "networks is not."
)


@require_safe
def partner_list(request: HttpRequest) -> HttpResponse:
    who = viewer(request)
    form = PartnerFiltersForm(request.GET)
    form.is_valid()
    filters = selectors.PartnerFilters(
        q=form.cleaned_data.get("q", "") or "", kind=form.cleaned_data.get("kind", "") or ""
    )
    partners = selectors.partner_list(who=who, filters=filters)
    page, pagination = paginate(partners, query=request.GET)
    context = {
        "form": form,
        "partners": page,
        "pagination": pagination,
        "has_illustrative": any(p.is_illustrative for p in page),
        "illustrative_notice": ILLUSTRATIVE_PARTNERS,
        "officer_of": sorted(who.officer_of),
    }
    return render(request, "resources/partner_list.html", context)


@require_safe
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = partner_for_viewer(request, pk)
    who = viewer(request)
    context = {
        "partner": partner,
        "partnerships": selectors.partner_networks(partner=partner, who=who),
        "show_contacts": can_see_partner_contacts(who),
        "can_manage": can_manage_la(who, partner.la_id),
        "illustrative_notice": ILLUSTRATIVE_PARTNERS,
    }
    return render(request, "resources/partner_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partner_new(request: HttpRequest, code: str) -> HttpResponse:
    la = la_for_officer(request, code)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partner = services.partner_create(
                actor=signed_in_user(request),
                la_code=la.code,
                name=data["name"],
                kind=PartnerKind(data["kind"]),
                offer=data["offer"],
                website=data["website"],
                charity_number=data["charity_number"],
                company_number=data["company_number"],
                is_public=data["is_public"] == "yes",
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, PARTNER_ADDED.format(name=partner.name))
            return redirect("partner_detail", pk=partner.pk)
    context = {"la": la, "form": form, "errors": form_errors(form)}
    return render(request, "resources/partner_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def partner_contact_new(request: HttpRequest, pk: int) -> HttpResponse:
    partner = partner_for_officer(request, pk)
    form = PartnerContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = services.partner_contact_add(
            actor=signed_in_user(request), partner=partner, **form.cleaned_data
        )
        messages.success(request, CONTACT_ADDED.format(name=contact.name))
        return redirect("partner_detail", pk=partner.pk)
    context = {"partner": partner, "form": form, "errors": form_errors(form)}
    return render(request, "resources/partner_contact_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def network_partnership_new(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_for_officer(request, pk)
    who = viewer(request)
    partners = list(partners_visible(who, PartnerOrganisation.objects.all()).order_by("name"))
    form = PartnershipForm(
        request.POST or None,
        initial={"partner": request.GET.get("partner", ""), "start_date": timezone.localdate()},
        partners=[(str(p.pk), p.name) for p in partners],
    )
    if request.method == "POST" and form.is_valid() and can_link_partner(who, network):
        data = form.cleaned_data
        partner = next(p for p in partners if str(p.pk) == data["partner"])
        try:
            services.partnership_create(
                actor=signed_in_user(request),
                partner=partner,
                network=network,
                purpose=data["purpose"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, PARTNERSHIP_ADDED.format(partner=partner.name, network=network.name)
            )
            return redirect("network_funding", pk=network.pk)
    context = {"network": network, "form": form, "errors": form_errors(form)}
    return render(request, "resources/partnership_form.html", context, status=_status(form))


@require_safe
def networks_without_partners(request: HttpRequest, code: str) -> HttpResponse:
    la = la_or_404(code)
    who = viewer(request)
    context = {
        "la": la,
        "networks": selectors.networks_without_partners(la_code=la.code, who=who),
        "can_manage": can_manage_la(who, la.code),
    }
    return render(request, "resources/networks_without_partners.html", context)
