"""LA staff time: each officer's capacity, their time given to networks, over-allocation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from schoolweave.accounts.permissions import can_manage_staff_time, signed_in_user, viewer
from schoolweave.common.forms import form_errors
from schoolweave.core.resources.vocabulary import TimeUnit
from schoolweave.networks.selectors import networks_owned_by
from schoolweave.resources import selectors, services
from schoolweave.resources.forms import StaffMemberForm, StaffTimeForm
from schoolweave.resources.views.access import la_for_officer
from schoolweave.resources.views.funding import _add_errors, _status

STAFF_ADDED = "{name} has been added"
TIME_GIVEN = "{name}'s time for {network} has been recorded"
NO_STAFF = "No member of staff has this number"


@login_required
@require_safe
def la_staff(request: HttpRequest, code: str) -> HttpResponse:
    la = la_for_officer(request, code)
    rows = selectors.staff_loads(la_code=la.code)
    context = {
        "la": la,
        "rows": rows,
        "over": [row for row in rows if row.load.is_over],
        "today": timezone.localdate(),
    }
    return render(request, "resources/la_staff.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_member_new(request: HttpRequest, code: str) -> HttpResponse:
    la = la_for_officer(request, code)
    form = StaffMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = services.staff_member_create(
            actor=signed_in_user(request), la_code=la.code, **form.cleaned_data
        )
        messages.success(request, STAFF_ADDED.format(name=member.name))
        return redirect("la_staff", code=la.code)
    context = {"la": la, "form": form, "errors": form_errors(form)}
    return render(request, "resources/staff_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def staff_time_new(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.staff_member_get(pk=pk)
    who = viewer(request)
    if member is None or not can_manage_staff_time(who, member.la_id):
        raise Http404(NO_STAFF)
    networks = list(networks_owned_by(la_code=member.la_id, who=who))
    form = StaffTimeForm(
        request.POST or None,
        initial={"network": request.GET.get("network", ""), "start_date": timezone.localdate()},
        networks=[(str(n.pk), n.name) for n in networks],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        network = next(n for n in networks if str(n.pk) == data["network"])
        try:
            services.staff_allocation_create(
                actor=signed_in_user(request),
                staff=member,
                network=network,
                days=data["days"],
                unit=TimeUnit(data["unit"]),
                start_date=data["start_date"],
                end_date=data["end_date"],
                role=data["role"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, TIME_GIVEN.format(name=member.name, network=network.name))
            return redirect("la_staff", code=member.la_id)
    context = {"member": member, "la": member.la, "form": form, "errors": form_errors(form)}
    return render(request, "resources/staff_time_form.html", context, status=_status(form))
