"""Brokering round pages: set up, run, look at the proposal, consult, publish."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from schoolweave.accounts.permissions import (
    can_manage_la,
    can_manage_round,
    can_see_round,
    schools_responding,
    signed_in_user,
    viewer,
)
from schoolweave.brokering import forms, services
from schoolweave.brokering.models import PairRule, Round
from schoolweave.brokering.selectors import partners_now_of, round_groups
from schoolweave.common.forms import form_errors
from schoolweave.core.broker import Shape, Willingness
from schoolweave.register.models import LocalAuthority, School

RUN_QUEUED = "The round is queued: the page shows its progress"


@login_required
@require_safe
def la_rounds(request: HttpRequest, code: str) -> HttpResponse:
    la = _la_for_officer(request, code)
    rounds = Round.objects.filter(la=la).order_by("-updated_at")
    return render(request, "brokering/la_rounds.html", {"la": la, "rounds": rounds})


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest, code: str) -> HttpResponse:
    la = _la_for_officer(request, code)
    phases = sorted(
        {p for p in School.objects.filter(la=la).values_list("phase_name", flat=True) if p}
    )
    form = forms.RoundForm(request.POST or None, phases=phases)
    if request.method == "POST" and form.is_valid():
        created = services.round_create(
            actor=signed_in_user(request),
            la=la,
            name=form.cleaned_data["name"],
            shape=Shape(form.cleaned_data["shape"]),
            settings=form.criteria(),
        )
        return redirect("round_detail", pk=created.pk)
    context = {"la": la, "form": form, "errors": form_errors(form) if form.is_bound else []}
    return render(request, "brokering/round_new.html", context)


@login_required
@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_for(request, pk)
    who = viewer(request)
    entries = list(round.schools.select_related("school", "decided_by"))
    managing = can_manage_round(who, round)
    own = schools_responding(who, round)
    groups = (
        round_groups(round.result, partners_now_of(who, [e.school_id for e in entries]))
        if round.result
        else []
    )
    responses = {r.school_id: r for r in round.responses.all()}
    for group in groups:
        group["members"] = [{**m, "response": responses.get(m["urn"])} for m in group["members"]]
    context: dict[str, Any] = {
        "round": round,
        "managing": managing,
        "entries": entries if managing else [e for e in entries if e.school_id in own],
        "groups": groups if managing else [g for g in groups if _has(g, own)],
        "rules": list(round.pair_rules.select_related("first", "second")),
        "own_schools": own,
        "pair_form": forms.PairRuleForm(urns=set()),
        "response_form": forms.ResponseForm(),
        "willingness": forms.WILLINGNESS,
    }
    return render(request, "brokering/round_detail.html", context)


@login_required
@require_safe
def round_map(request: HttpRequest, pk: int) -> JsonResponse:
    round = _round_for(request, pk)
    own = schools_responding(viewer(request), round)
    managing = can_manage_round(viewer(request), round)
    groups = [g for g in (round.result or {}).get("groups", []) if managing or _has(g, own)]
    urns = {m["urn"] for g in groups for m in g["members"]}
    where = {s.urn: s for s in School.objects.filter(urn__in=urns)}
    features: list[dict[str, Any]] = []
    for number, group in enumerate(groups, start=1):
        for member in group["members"]:
            school = where[member["urn"]]
            if school.lat is None or school.lon is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [school.lon, school.lat]},
                    "properties": {
                        "group": number,
                        "role": member["role"],
                        "leads": member is group["members"][0],
                        "name": school.name,
                        "url": reverse("school_detail", args=[school.urn]),
                    },
                }
            )
    return JsonResponse({"type": "FeatureCollection", "features": features})


@login_required
@require_POST
def round_willingness(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_for_manager(request, pk)
    choices = {
        int(key.removeprefix("school-")): Willingness(value)
        for key, value in request.POST.items()
        if key.startswith("school-") and value in {w.value for w in Willingness}
    }
    changed = services.round_set_willingness_many(
        actor=signed_in_user(request), round=round, choices=choices
    )
    messages.success(
        request, f"Willingness saved for {changed} school{'s' if changed != 1 else ''}"
    )
    return redirect("round_detail", pk=round.pk)


@login_required
@require_POST
def round_pair(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_for_manager(request, pk)
    form = forms.PairRuleForm(
        request.POST, urns=set(round.schools.values_list("school_id", flat=True))
    )
    if not form.is_valid():
        messages.error(request, "; ".join(message for _, message in form_errors(form)))
        return redirect("round_detail", pk=round.pk)
    first, second = form.schools()
    services.round_add_pair_rule(
        actor=signed_in_user(request),
        round=round,
        first=first,
        second=second,
        kind=PairRule.Kind(form.cleaned_data["kind"]),
    )
    messages.success(request, "Saved: run the round again to use it")
    return redirect("round_detail", pk=round.pk)


@login_required
@require_POST
def round_decide(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_for_manager(request, pk)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(message for _, message in form_errors(form)))
        return redirect("round_detail", pk=round.pk)
    school = _school_in(round, form.cleaned_data["urn"])
    services.round_decide_role(
        actor=signed_in_user(request),
        round=round,
        school=school,
        may_lead=form.cleaned_data["may_lead"] == "yes",
        reason=form.cleaned_data["reason"],
    )
    messages.success(request, f"Decision recorded for {school.name}")
    return redirect("round_detail", pk=round.pk)


@login_required
@require_POST
def round_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run, send for consultation, or publish."""
    round = _round_for_manager(request, pk)
    user = signed_in_user(request)
    if action == "run":
        try:
            services.round_run(actor=user, round=round)
        except ValueError as exc:
            messages.error(request, str(exc))
            return redirect("round_detail", pk=round.pk)
        messages.success(request, RUN_QUEUED)
    elif action == "consult" and round.status == Round.Status.PROPOSED:
        services.round_consult(actor=user, round=round)
        messages.success(request, "The schools in the proposal can now see their group and answer")
    elif action == "publish" and round.status in (Round.Status.PROPOSED, Round.Status.CONSULTING):
        created = services.round_publish(actor=user, round=round)
        messages.success(request, f"Published {len(created)} networks in the register")
    else:
        raise Http404("Not an action this round can take now")
    return redirect("round_detail", pk=round.pk)


@login_required
@require_POST
def round_respond(request: HttpRequest, pk: int, urn: int) -> HttpResponse:
    round = _round_for(request, pk)
    if (
        urn not in schools_responding(viewer(request), round)
        or round.status != Round.Status.CONSULTING
    ):
        raise Http404("You cannot answer for this school in this round")
    form = forms.ResponseForm(request.POST)
    if form.is_valid():
        services.round_respond(
            actor=signed_in_user(request),
            round=round,
            school=_school_in(round, urn),
            accepts=form.cleaned_data["accepts"] == "yes",
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, "Your answer is saved")
    return redirect("round_detail", pk=round.pk)


@login_required
@require_POST
def round_ask(request: HttpRequest, pk: int, urn: int) -> HttpResponse:
    round = _round_for(request, pk)
    if urn not in schools_responding(viewer(request), round):
        raise Http404("You cannot ask for this school")
    services.round_ask_la_to_decide(
        actor=signed_in_user(request), round=round, school=_school_in(round, urn)
    )
    messages.success(request, "The local authority will decide your school's role and say why")
    return redirect("round_detail", pk=round.pk)


def _has(group: dict[str, Any], urns: frozenset[int]) -> bool:
    return any(m["urn"] in urns for m in group["members"])


def _school_in(round: Round, urn: int) -> School:
    entry = round.schools.select_related("school").filter(school_id=urn).first()
    if entry is None:
        raise Http404("That school is not in this round")
    return entry.school


def _la_for_officer(request: HttpRequest, code: str) -> LocalAuthority:
    la = LocalAuthority.objects.filter(code=code).first()
    if la is None or not can_manage_la(viewer(request), code):
        raise Http404("No local authority you manage has this code")
    return la


def _round_for(request: HttpRequest, pk: int) -> Round:
    round = Round.objects.select_related("la").filter(pk=pk).first()
    if round is None or not can_see_round(viewer(request), round):
        raise Http404("No brokering round you can see has this number")
    return round


def _round_for_manager(request: HttpRequest, pk: int) -> Round:
    round = _round_for(request, pk)
    if not can_manage_round(viewer(request), round):
        raise Http404("No brokering round you manage has this number")
    return round
