"""Pages of the network identification sheet: propose, revise, review."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from schoolweave.accounts.permissions import (
    can_edit_network,
    can_review_sheet,
    can_revise_sheet,
    signed_in_user,
    viewer,
)
from schoolweave.common.forms import form_errors
from schoolweave.core.networks.identification import OWNER_LA, Change, SheetContent, changes
from schoolweave.networks.models import Network
from schoolweave.networks.selectors import network_get
from schoolweave.register.models import LocalAuthority
from schoolweave.sheets import selectors, services
from schoolweave.sheets.forms import ReviewForm, SheetForms
from schoolweave.sheets.models import IdentificationSheet

SUBMITTED = "Your sheet has been sent to {la} for review"
REVISED = "Your changes have been sent to {la} for review"
DECIDED = {
    "approved": "You approved the sheet: {name} is published in the directory",
    "changes_requested": "You asked the network to change its sheet",
    "rejected": "You rejected the sheet",
}


@login_required
@require_http_methods(["GET", "POST"])
def sheet_new(request: HttpRequest) -> HttpResponse:
    """Propose a network the register does not have yet."""
    return _sheet_form(request, network=None, sheet=None, content=None)


@login_required
@require_http_methods(["GET", "POST"])
def network_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose changes to a network's record."""
    network = _network_for_editor(request, pk)
    content = selectors.network_content(network=network)
    return _sheet_form(request, network=network, sheet=None, content=content)


@login_required
@require_http_methods(["GET", "POST"])
def sheet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet_for(request, pk)
    if not can_revise_sheet(viewer(request), sheet):
        raise Http404("You cannot change this sheet")
    content = SheetContent.from_json(sheet.versions.all()[0].content)
    return _sheet_form(request, network=sheet.network, sheet=sheet, content=content)


@login_required
@require_safe
def sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_sheet(request, _sheet_for(request, pk), ReviewForm())


@login_required
@require_POST
def sheet_review(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet_for(request, pk)
    if not (can_review_sheet(viewer(request), sheet) and sheet.is_open):
        raise Http404("You cannot review this sheet")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _render_sheet(request, sheet, form, status=400)
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
    user = signed_in_user(request)
    if decision == "approved":
        network = services.sheet_approve(actor=user, sheet=sheet, comment=comment)
        messages.success(request, DECIDED[decision].format(name=network.name))
    elif decision == "changes_requested":
        services.sheet_request_changes(actor=user, sheet=sheet, comment=comment)
        messages.success(request, DECIDED[decision])
    else:
        services.sheet_reject(actor=user, sheet=sheet, comment=comment)
        messages.success(request, DECIDED[decision])
    return redirect("sheet_detail", pk=sheet.pk)


@login_required
@require_safe
def review_queue(request: HttpRequest) -> HttpResponse:
    who = viewer(request)
    if not who.is_officer:
        raise Http404("Only LA officers review sheets")
    sheets = list(selectors.sheet_list(who=who, reviewing=True))
    status = IdentificationSheet.Status
    sections = [
        (
            "Waiting for your review",
            [s for s in sheets if s.status == status.SUBMITTED],
            "No sheet is waiting for review.",
        ),
        (
            "Sent back for changes",
            [s for s in sheets if s.status == status.CHANGES_REQUESTED],
            "No sheet is with a network for changes.",
        ),
        ("Decided", [s for s in sheets if not s.is_open][:50], "No sheet has been decided yet."),
    ]
    return render(request, "sheets/review_queue.html", {"sections": sections})


def _sheet_form(
    request: HttpRequest,
    *,
    network: Network | None,
    sheet: IdentificationSheet | None,
    content: SheetContent | None,
) -> HttpResponse:
    fixed_la = content.la if network is not None and content is not None else None
    if request.method != "POST":
        forms = SheetForms.initial(content, fixed_la=fixed_la)
    else:
        forms = SheetForms.bound(request.POST, fixed_la=fixed_la)
        if "add_member" in request.POST or "add_leader" in request.POST:
            forms = _with_another_row(forms, "add_member" in request.POST)
        elif forms.is_valid():
            return _submit(request, forms.content(), network, sheet)
    context = {"forms": forms, "network": network, "sheet": sheet}
    return render(request, "sheets/sheet_form.html", context)


def _with_another_row(forms: SheetForms, member: bool) -> SheetForms:
    sheet = forms.sheet
    sheet.errors.clear()  # a new row is not a submission: show no errors yet
    if member:
        return SheetForms(sheet, forms.members.with_another_row(), forms.leaders)
    return SheetForms(sheet, forms.members, forms.leaders.with_another_row())


def _submit(
    request: HttpRequest,
    content: SheetContent,
    network: Network | None,
    sheet: IdentificationSheet | None,
) -> HttpResponse:
    user = signed_in_user(request)
    if sheet is None:
        sheet = services.sheet_submit(actor=user, content=content, network=network)
        messages.success(request, SUBMITTED.format(la=sheet.la.name))
    else:
        services.sheet_revise(actor=user, sheet=sheet, content=content)
        messages.success(request, REVISED.format(la=sheet.la.name))
    return redirect("sheet_detail", pk=sheet.pk)


def _render_sheet(
    request: HttpRequest, sheet: IdentificationSheet, review_form: ReviewForm, status: int = 200
) -> HttpResponse:
    who = viewer(request)
    latest = SheetContent.from_json(sheet.versions.all()[0].content)
    current = selectors.network_content(network=sheet.network) if sheet.network else None
    context = {
        "sheet": sheet,
        "content": latest,
        "changes": _with_la_names(changes(current, latest)) if sheet.is_open else [],
        "can_review": can_review_sheet(who, sheet) and sheet.is_open,
        "can_revise": can_revise_sheet(who, sheet),
        "review_form": review_form,
        "review_errors": form_errors(review_form) if review_form.is_bound else [],
    }
    return render(request, "sheets/sheet_detail.html", context, status=status)


def _with_la_names(found: list[Change]) -> list[Change]:
    """The owner LA by name, as reviewers know it, rather than its code."""
    names = dict(LocalAuthority.objects.values_list("code", "name"))
    return [
        replace(c, before=names.get(c.before, c.before), after=names.get(c.after, c.after))
        if c.what == OWNER_LA
        else c
        for c in found
    ]


def _sheet_for(request: HttpRequest, pk: int) -> IdentificationSheet:
    sheet = selectors.sheet_get(who=viewer(request), pk=pk)
    if sheet is None:
        raise Http404("No sheet you can see has this number")
    return sheet


def _network_for_editor(request: HttpRequest, pk: int) -> Network:
    network = network_get(pk=pk)
    if network is None or not can_edit_network(viewer(request), network):
        raise Http404("No network you can edit has this number")
    return network
