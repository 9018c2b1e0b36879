"""Funding pages: an LA's funding overview, a stream, committing money to a network, an
allocation and its payments, and a network's funding and staff time."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from schoolweave.accounts.permissions import (
    can_fund_network,
    can_manage_funding,
    can_manage_la,
    can_see_contacts,
    signed_in_user,
    viewer,
)
from schoolweave.common.forms import form_errors
from schoolweave.core.money import Money
from schoolweave.core.resources.funding import OverLimit
from schoolweave.core.resources.vocabulary import AllocationStatus, FundHolderKind, PaymentStatus
from schoolweave.core.resources.years import FinancialYear
from schoolweave.networks.models import Membership, Network
from schoolweave.networks.selectors import networks_owned_by
from schoolweave.register.geojson import schools_geojson
from schoolweave.register.phases import map_key
from schoolweave.resources import selectors, services
from schoolweave.resources.forms import (
    REASON_REQUIRED,
    AllocationForm,
    CommitForm,
    PaymentForm,
    StreamForm,
    year_choices,
)
from schoolweave.resources.models import PartnerOrganisation
from schoolweave.resources.views.access import (
    allocation_for_officer,
    allocation_for_viewer,
    la_for_officer,
    la_or_404,
    network_for_viewer,
    stream_for_officer,
    stream_for_viewer,
)

STREAM_ADDED = "{name} has been added"
COMMITTED = "{amount} a year committed to {network} for {years}"
PAYMENT_RECORDED = "Payment of {amount} recorded"
ALLOCATION_CHANGED = "The allocation has been changed"
ILLUSTRATIVE_FUNDING = (
    "Funding tagged illustrative was made up to demonstrate Schoolweave, like the illustrative "
    "networks it goes to: the amounts are not real."
)


@require_safe
def la_funding(request: HttpRequest, code: str) -> HttpResponse:
    la = la_or_404(code)
    funding = selectors.la_funding(la=la, who=viewer(request))
    context = {
        "la": la,
        "funding": funding,
        "geojson": schools_geojson(funding.schools_benefiting, boundary_of=la),
        "map_key": map_key(s.phase_name for s in funding.schools_benefiting),
        "unmapped": sum(1 for s in funding.schools_benefiting if s.lat is None),
        "illustrative_notice": ILLUSTRATIVE_FUNDING,
    }
    return render(request, "resources/la_funding.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stream_new(request: HttpRequest, code: str) -> HttpResponse:
    la = la_for_officer(request, code)
    today = timezone.localdate()
    form = StreamForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            stream = services.stream_create(
                actor=signed_in_user(request),
                la_code=la.code,
                name=data["name"],
                source=data["source"],
                purpose=data["purpose"],
                amount=data["amount"],
                first=FinancialYear(int(data["first_year"])),
                last=FinancialYear(int(data["last_year"])),
                conditions=data["conditions"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, STREAM_ADDED.format(name=stream.name))
            return redirect("funding_stream", pk=stream.pk)
    context = {"la": la, "form": form, "errors": form_errors(form)}
    return render(request, "resources/stream_form.html", context, status=_status(form))


@require_safe
def stream_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stream = stream_for_viewer(pk)
    who = viewer(request)
    views, hidden = selectors.stream_allocations(stream=stream, who=who)
    allocated = services.allocated_total(stream)
    context = {
        "stream": stream,
        "allocations": views,
        "hidden": hidden,
        "allocated": allocated,
        "remaining": stream.amount - allocated,
        "is_over": allocated > stream.amount,
        "over_by": max(allocated - stream.amount, Money.zero()),
        "can_manage": can_manage_funding(who, stream.la_id),
        "illustrative_notice": ILLUSTRATIVE_FUNDING,
    }
    return render(request, "resources/stream_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stream_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Commit money from a stream to a network for one or more financial years."""
    stream = stream_for_officer(request, pk)
    who = viewer(request)
    networks = list(networks_owned_by(la_code=stream.la_id, who=who))
    initial: dict[str, Any] = {
        "network": request.GET.get("network", ""),
        "first_year": str(
            max(stream.first_year, FinancialYear.containing(timezone.localdate()).start_year)
        ),
        "awarded_on": timezone.localdate(),
    }
    form = CommitForm(
        request.POST or None,
        initial=initial,
        networks=[(str(n.pk), n.name) for n in networks],
        years=year_choices(stream.first_year, stream.last_year),
        schools=_member_schools(networks),
        partners=_partners(stream.la_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        network = next(n for n in networks if str(n.pk) == data["network"])
        years = int(data["years"])
        try:
            if not can_fund_network(who, stream.la_id, network):
                raise ValidationError(
                    {"network": services.NOT_OWNED.format(network=network.name, la=stream.la.name)}
                )
            services.allocation_commit(
                actor=signed_in_user(request),
                stream=stream,
                network=network,
                first=FinancialYear(int(data["first_year"])),
                years=years,
                amount_each=data["amount"],
                fund_holder=_holder(data),
                awarded_on=data["awarded_on"],
                override_reason=form.override_reason(),
            )
        except OverLimit as error:
            form.add_error("amount", f"{str(error)[0].upper()}{str(error)[1:]}")
            if form.cleaned_data.get("allow_over"):
                form.add_error("over_reason", REASON_REQUIRED)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            first = FinancialYear(int(data["first_year"]))
            span = str(first) if years == 1 else f"{first} to {first + (years - 1)}"
            messages.success(
                request, COMMITTED.format(amount=data["amount"], network=network.name, years=span)
            )
            return redirect("network_funding", pk=network.pk)
    context = {"stream": stream, "form": form, "errors": form_errors(form)}
    return render(request, "resources/commit_form.html", context, status=_status(form))


@require_safe
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = allocation_for_viewer(request, pk)
    who = viewer(request)
    context = {
        "view": selectors.allocation_view(allocation),
        "allocation": allocation,
        "payments": selectors.payments_of(allocation=allocation),
        "can_manage": can_fund_network(who, allocation.stream.la_id, allocation.network),
    }
    return render(request, "resources/allocation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def allocation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = allocation_for_officer(request, pk)
    initial = {
        "amount": str(allocation.amount).replace("£", ""),
        "status": allocation.status,
        "fund_holder": allocation.fund_holder_kind.value,
        "fund_holder_school": allocation.fund_holder_school_id or "",
        "fund_holder_partner": allocation.fund_holder_partner_id or "",
        "awarded_on": allocation.awarded_on,
    }
    form = AllocationForm(
        request.POST or None,
        initial=initial,
        schools=_member_schools([allocation.network]),
        partners=_partners(allocation.stream.la_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.allocation_update(
                actor=signed_in_user(request),
                allocation=allocation,
                amount=data["amount"],
                fund_holder=_holder(data),
                status=AllocationStatus(data["status"]),
                awarded_on=data["awarded_on"],
                override_reason=form.override_reason() or allocation.over_limit_reason,
            )
        except OverLimit as error:
            form.add_error("amount", f"{str(error)[0].upper()}{str(error)[1:]}")
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, ALLOCATION_CHANGED)
            return redirect("allocation_detail", pk=allocation.pk)
    context = {"allocation": allocation, "form": form, "errors": form_errors(form)}
    return render(request, "resources/allocation_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def payment_new(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = allocation_for_officer(request, pk)
    view = selectors.allocation_view(allocation)
    initial = {"amount": str(view.to_pay).replace("£", ""), "date": timezone.localdate()}
    form = PaymentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.payment_record(
                actor=signed_in_user(request),
                allocation=allocation,
                amount=data["amount"],
                day=data["date"],
                status=PaymentStatus(data["status"]),
                reference=data["reference"],
                override_reason=form.override_reason(),
            )
        except OverLimit as error:
            form.add_error("amount", f"{str(error)[0].upper()}{str(error)[1:]}")
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, PAYMENT_RECORDED.format(amount=data["amount"]))
            return redirect("network_funding", pk=allocation.network_id)
    context = {"allocation": allocation, "view": view, "form": form, "errors": form_errors(form)}
    return render(request, "resources/payment_form.html", context, status=_status(form))


@require_safe
def network_funding(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_for_viewer(request, pk)
    who = viewer(request)
    funding = selectors.network_funding(network=network, who=who, today=timezone.localdate())
    owners = list(network.owner_las.all())
    context = {
        "network": network,
        "owner_las": owners,
        "funding": funding,
        "show_contacts": can_see_contacts(who),
        "can_manage_staff": any(can_manage_la(who, la.code) for la in owners),
        "illustrative_notice": ILLUSTRATIVE_FUNDING,
    }
    return render(request, "resources/network_funding.html", context)


def _member_schools(networks: list[Network]) -> list[tuple[str, str]]:
    memberships = (
        Membership.objects.filter(network__in=networks)
        .select_related("school", "network")
        .order_by("school__name")
    )
    seen: dict[int, str] = {}
    for m in memberships:
        seen.setdefault(m.school_id, f"{m.school.name} ({m.network.name})")
    return [(str(urn), label) for urn, label in seen.items()]


def _partners(la_code: str) -> list[tuple[str, str]]:
    partners = PartnerOrganisation.objects.filter(la_id=la_code).order_by("name")
    return [(str(p.pk), p.name) for p in partners]


def _holder(data: dict[str, Any]) -> services.FundHolder:
    kind = FundHolderKind(data["fund_holder"])
    school = data.get("fund_holder_school") or None
    partner = data.get("fund_holder_partner") or None
    return services.FundHolder(
        kind=kind,
        school_urn=int(school) if school and kind == FundHolderKind.SCHOOL else None,
        partner_id=int(partner) if partner and kind == FundHolderKind.PARTNER else None,
    )


def _add_errors(form: Any, error: ValidationError) -> None:
    """A service's errors on the form's fields (others at the top)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200
