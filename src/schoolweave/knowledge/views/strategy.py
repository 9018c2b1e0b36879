"""The LA's strategy pages: the six-approach diagnostic and its history; self-reviews of a
network against the five challenges and of the LA against the five brokerage roles; and the
LA's summary of where its networks say they struggle."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from schoolweave.accounts.permissions import signed_in_user, viewer
from schoolweave.common.forms import form_errors
from schoolweave.core.knowledge.diagnostic import parse_answers
from schoolweave.core.knowledge.reviews import changes
from schoolweave.core.knowledge.suggest import suggest
from schoolweave.core.knowledge.vocabulary import Approach, Criterion, Rating, ReviewKind
from schoolweave.knowledge import selectors, services
from schoolweave.knowledge.forms import DiagnosticForm, SelfReviewForm
from schoolweave.knowledge.models import Diagnostic, SelfReview
from schoolweave.knowledge.texts import texts
from schoolweave.knowledge.views.access import (
    diagnostic_for_officer,
    la_for_brokerage,
    la_for_officer,
    network_for_review,
    review_for_viewer,
)
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority

DIAGNOSTIC_SAVED = "You saved the diagnostic: {approach} comes first"
REVIEW_SAVED = "You saved the self-review"


# The diagnostic -------------------------------------------------------------------------------


@login_required
@require_safe
def diagnostic_history(request: HttpRequest, code: str) -> HttpResponse:
    la = la_for_officer(request, code)
    diagnostics = selectors.la_diagnostics(la_code=la.code)
    content = texts()
    rows = [
        {
            "diagnostic": d,
            "best": content.approaches[Approach(d.best)].name,
            "answers": [content.criteria[c].label(d.answers[c.value]) for c in Criterion],
        }
        for d in diagnostics
    ]
    context = {
        "la": la,
        "rows": rows,
        "criteria": [content.criteria[c] for c in Criterion],
        "approaches": content.approaches,
    }
    return render(request, "knowledge/diagnostic_history.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def diagnostic_new(request: HttpRequest, code: str) -> HttpResponse:
    la = la_for_officer(request, code)
    suggestions = suggest(
        facts=selectors.register_facts(who=viewer(request), la=la),
        previous=selectors.previous_diagnostic(la_code=la.code),
    )
    content = texts()
    form = DiagnosticForm(request.POST or None, content=content, suggestions=suggestions)
    if request.method == "POST" and form.is_valid():
        answers = parse_answers({c.value: form.cleaned_data[c.value] for c in Criterion})
        diagnostic = services.diagnostic_save(
            actor=signed_in_user(request),
            la=la,
            answers=answers,
            suggestions=suggestions,
            notes=form.cleaned_data["notes"],
        )
        name = content.approaches[Approach(diagnostic.best)].name
        messages.success(request, DIAGNOSTIC_SAVED.format(approach=name))
        return redirect("diagnostic_detail", pk=diagnostic.pk)
    context = {"la": la, "form": form, "errors": form_errors(form), "suggested": len(suggestions)}
    return render(
        request, "knowledge/diagnostic_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_safe
def diagnostic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    diagnostic = diagnostic_for_officer(request, pk)
    content = texts()
    ranking = [
        {**entry, "text": content.approaches[Approach(entry["approach"])], "rank": rank}
        for rank, entry in enumerate(diagnostic.ranking, 1)
    ]
    answers = [
        {
            "criterion": content.criteria[c],
            "answer": content.criteria[c].label(diagnostic.answers[c.value]),
            "suggestion": _suggestion_words(diagnostic, c),
        }
        for c in Criterion
    ]
    context = {
        "diagnostic": diagnostic,
        "la": diagnostic.la,
        "best": ranking[0],
        "others": ranking[1:],
        "answers": answers,
    }
    return render(request, "knowledge/diagnostic_detail.html", context)


def _suggestion_words(diagnostic: Diagnostic, criterion: Criterion) -> str:
    suggested = diagnostic.suggestions.get(criterion.value)
    if not suggested:
        return ""
    if suggested["value"] == diagnostic.answers[criterion.value]:
        return f"As suggested: {suggested['reason']}"
    label = texts().criteria[criterion].label(suggested["value"])
    return f"Suggested: {label} ({suggested['reason']})"


# Self-reviews ---------------------------------------------------------------------------------


@login_required
@require_safe
def network_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_for_review(request, pk)
    reviews = selectors.network_reviews(network=network)
    context = {"network": network, "rows": _history(reviews)}
    return render(request, "knowledge/network_reviews.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_review_new(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_for_review(request, pk)
    la = network.owner_las.order_by("code").first()
    assert la is not None
    return _review_form(request, ReviewKind.NETWORK_CHALLENGES, la, network)


@login_required
@require_http_methods(["GET", "POST"])
def brokerage_review_new(request: HttpRequest, code: str) -> HttpResponse:
    la = la_for_brokerage(request, code)
    return _review_form(request, ReviewKind.LA_BROKERAGE, la, None)


@login_required
@require_safe
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for_viewer(request, pk)
    previous = selectors.previous_review(review)
    moved = changes(
        selectors.ratings_of(review), selectors.ratings_of(previous) if previous else None
    )
    sections = texts().sections(ReviewKind(review.kind))
    answers = {a.question: a for a in review.answers.all()}
    grouped = []
    for section in sections:
        keys = [q.key for q in section.questions] + [
            a.question for a in answers.values() if a.section == section.key
        ]
        items = [
            {"answer": answers[k], "rating": Rating(answers[k].rating), "change": moved.get(k)}
            for k in dict.fromkeys(keys)
            if k in answers
        ]
        grouped.append((section, items))
    context = {"review": review, "previous": previous, "grouped": grouped}
    return render(request, "knowledge/review_detail.html", context)


@login_required
@require_safe
def la_reviews(request: HttpRequest, code: str) -> HttpResponse:
    """Where the LA's networks say they struggle, and the LA's own brokerage self-reviews."""
    la = la_for_brokerage(request, code)
    summary = selectors.la_struggles(who=viewer(request), la_code=la.code)
    challenges = {s.key: s for s in texts().challenges}
    questions = {q.key: q.text for s in texts().challenges for q in s.questions}
    sections = [
        {
            "summary": s,
            "section": challenges[s.key],
            "hardest": [questions[k] for k in s.hardest],
        }
        for s in summary.sections
    ]
    context = {
        "la": la,
        "summary": summary,
        "sections": sections,
        "brokerage": _history(selectors.brokerage_reviews(la_code=la.code)),
    }
    return render(request, "knowledge/la_reviews.html", context)


def _history(reviews: list[SelfReview]) -> list[dict[str, Any]]:
    rows = []
    for review in reviews:
        ratings = selectors.ratings_of(review)
        rows.append(
            {
                "review": review,
                "answered": len(ratings),
                "struggles": sum(1 for r in ratings.values() if r.is_struggle),
                "strong": sum(1 for r in ratings.values() if r is Rating.STRONG),
            }
        )
    return rows


def _review_form(
    request: HttpRequest, kind: ReviewKind, la: LocalAuthority, network: Network | None
) -> HttpResponse:
    sections = texts().sections(kind)
    initial = _last_answers(kind, la, network)
    form = SelfReviewForm(request.POST or None, initial=initial, sections=sections)
    if request.method == "POST" and form.is_valid():
        review = services.self_review_save(
            actor=signed_in_user(request),
            kind=kind,
            la=la,
            network=network,
            answers=[services.ReviewAnswer(*answer) for answer in form.answers()],
            notes=form.cleaned_data["notes"],
        )
        messages.success(request, REVIEW_SAVED)
        return redirect("review_detail", pk=review.pk)
    context = {
        "form": form,
        "errors": form_errors(form),
        "kind": kind,
        "la": la,
        "network": network,
        "prefilled": bool(initial),
    }
    return render(
        request, "knowledge/review_form.html", context, status=400 if form.errors else 200
    )


def _last_answers(kind: ReviewKind, la: LocalAuthority, network: Network | None) -> dict[str, str]:
    """The last review's answers, to start from: a review is usually a revision of the last."""
    reviews = (
        selectors.network_reviews(network=network)
        if network is not None
        else selectors.brokerage_reviews(la_code=la.code)
    )
    if not reviews or reviews[0].kind != kind:
        return {}
    initial: dict[str, str] = {}
    for answer in reviews[0].answers.all():
        initial[f"{answer.question}-rating"] = answer.rating
        initial[f"{answer.question}-evidence"] = answer.evidence
        initial[f"{answer.question}-actions"] = answer.actions
    return initial
