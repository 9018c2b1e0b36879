"""The expertise register's pages: the searchable directory, and recording what a school or
network can offer."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from schoolweave.accounts.permissions import can_see_expertise_people, signed_in_user, viewer
from schoolweave.common.forms import form_errors
from schoolweave.common.pagination import paginate
from schoolweave.core.knowledge.vocabulary import Phase
from schoolweave.knowledge import selectors, services
from schoolweave.knowledge.forms import PUBLIC, ExpertiseForm, ExpertiseSearchForm
from schoolweave.knowledge.models import Expertise
from schoolweave.knowledge.views.access import (
    expertise_for_editor,
    la_for_officer,
    network_for_expertise,
    school_for_responder,
)
from schoolweave.networks.models import LearningFocus, Network
from schoolweave.register.models import School

SAVED = "Your expertise was saved"
REMOVED = "The expertise was removed"
REFRESHED = (
    "Strengths from the performance data: {added} added, {updated} updated, {removed} removed, "
    "{unchanged} unchanged"
)


@require_safe
def expertise_directory(request: HttpRequest) -> HttpResponse:
    """Who can offer what, and where: searchable by focus, phase, LA and distance."""
    who = viewer(request)
    form = ExpertiseSearchForm(request.GET or None)
    filters = selectors.ExpertiseFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.ExpertiseFilters(**form.cleaned_data)
    results = selectors.expertise_search(who=who, filters=filters)
    # paginate() is typed for querysets; Django's Paginator takes any sequence.
    page, pagination = paginate(cast(Any, results.rows), query=request.GET)
    context = {
        "form": form,
        "page_rows": list(page),
        "pagination": pagination,
        "errors": form_errors(form) if form.is_bound else [],
        "results": results,
        "searched": bool(request.GET),
        "show_people": can_see_expertise_people(who),
    }
    return render(request, "knowledge/expertise_directory.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def school_expertise_new(request: HttpRequest, urn: int) -> HttpResponse:
    school = school_for_responder(request, urn)
    return _expertise_form(request, None, school=school, network=None)


@login_required
@require_http_methods(["GET", "POST"])
def network_expertise_new(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_for_expertise(request, pk)
    return _expertise_form(request, None, school=None, network=network)


@login_required
@require_http_methods(["GET", "POST"])
def expertise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = expertise_for_editor(request, pk)
    return _expertise_form(request, item, school=item.school, network=item.network)


@login_required
@require_POST
def expertise_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = expertise_for_editor(request, pk)
    back = _back_url(item.school, item.network)
    services.expertise_delete(actor=signed_in_user(request), expertise=item)
    messages.success(request, REMOVED)
    return redirect(back)


@login_required
@require_POST
def expertise_refresh(request: HttpRequest, code: str) -> HttpResponse:
    """Bring the LA's schools' computed strengths up to date with the performance data."""
    la = la_for_officer(request, code)
    strengths = selectors.computed_strengths(la_code=la.code)
    counts = services.expertise_sync_computed(
        actor=signed_in_user(request), la_code=la.code, strengths=strengths
    )
    messages.success(request, REFRESHED.format(**counts.__dict__))
    return redirect(reverse("expertise_directory") + f"?la={la.code}")


def _expertise_form(
    request: HttpRequest,
    item: Expertise | None,
    *,
    school: School | None,
    network: Network | None,
) -> HttpResponse:
    computed = item is not None and item.is_computed
    if request.method == "POST":
        form = ExpertiseForm(request.POST, computed=computed)
        if form.is_valid():
            fields = _fields(form, item)
            user = signed_in_user(request)
            if item is None:
                services.expertise_create(actor=user, fields=fields, school=school, network=network)
            else:
                services.expertise_update(actor=user, expertise=item, fields=fields)
            messages.success(request, SAVED)
            return redirect(_back_url(school, network))
    else:
        form = ExpertiseForm(initial=_initial(item), computed=computed)
    context = {
        "form": form,
        "errors": form_errors(form),
        "item": item,
        "school": school,
        "network": network,
        "back": _back_url(school, network),
    }
    return render(
        request, "knowledge/expertise_form.html", context, status=400 if form.errors else 200
    )


def _initial(item: Expertise | None) -> dict[str, object]:
    if item is None:
        return {}
    return {
        "focus": item.focus.slug,
        "phase": item.phase,
        "title": item.title,
        "description": item.description,
        "person_name": item.person_name,
        "person_role": item.person_role,
        "evidence_text": item.evidence_text,
        "evidence_date": item.evidence_date,
        "visibility": PUBLIC if item.is_public else "private",
    }


def _fields(form: ExpertiseForm, item: Expertise | None) -> services.ExpertiseFields:
    data = form.cleaned_data
    if item is not None and item.is_computed:
        focus, phase, title = item.focus, Phase(item.phase), item.title
    else:
        focus = LearningFocus.objects.get(slug=data["focus"])
        phase, title = Phase(data["phase"]), data["title"]
    return services.ExpertiseFields(
        focus=focus,
        phase=phase,
        title=title,
        description=data["description"],
        person_name=data["person_name"],
        person_role=data["person_role"],
        evidence_text=data.get("evidence_text", ""),
        evidence_date=data.get("evidence_date"),
        is_public=data["visibility"] == PUBLIC,
    )


def _back_url(school: School | None, network: Network | None) -> str:
    if school is not None:
        return reverse("school_detail", args=[school.urn]) + "#expertise"
    assert network is not None
    return reverse("network_detail", args=[network.pk]) + "#expertise"
