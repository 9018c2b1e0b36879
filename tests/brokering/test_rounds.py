"""Brokering rounds: the workflow from set-up to published networks, and who may do what."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from schoolweave.audit.models import AuditEntry
from schoolweave.brokering import services
from schoolweave.brokering.models import Round
from schoolweave.core.broker import Shape, Willingness
from tests.conftest import ROLES, Cast
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db
KM = 1 / 111.2


@pytest.fixture
def round(cast: Cast) -> Round:
    """A triad round over six Sandwell primaries near each other, each of which may lead."""
    # The cast's network members in Sandwell stay out of the pool, wherever the factory put them.
    cast.la_a.schools.exclude(urn=cast.school_a.urn).update(phase_name="Secondary")
    for i in range(5):
        SchoolFactory(
            la=cast.la_a, phase_name="Primary", lat=52.5 + i * KM, lon=-2.0, ofsted_rating="Good"
        )
    cast.school_a.phase_name, cast.school_a.lat, cast.school_a.lon = "Primary", 52.5 - KM, -2.0
    cast.school_a.save()
    return services.round_create(
        actor=cast.officer_a,
        la=cast.la_a,
        name="Sandwell Triads",
        shape=Shape.TRIAD,
        settings={
            "phases": ["Primary"],
            "default_willingness": "opted_in",
            "leader_needs_strength": False,
        },
    )


def _run(round: Round, capture: Callable[..., Any], cast: Cast) -> Round:
    with capture(execute=True):
        services.round_run(actor=cast.officer_a, round=round)
    round.refresh_from_db()
    return round


def test_a_round_runs_in_the_background_and_proposes_groups(
    cast: Cast, round: Round, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    ran = _run(round, django_capture_on_commit_callbacks, cast)
    assert ran.status == Round.Status.PROPOSED
    assert ran.result is not None
    assert len(ran.result["groups"]) == 2  # six schools, two triads
    assert {"objective", "bound", "gap", "greedy_objective", "seconds"} <= set(ran.result)


def test_an_opted_out_school_is_left_out_of_the_proposal(
    cast: Cast, round: Round, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    services.round_set_willingness(
        actor=cast.officer_a, round=round, school=cast.school_a, willingness=Willingness.OPTED_OUT
    )
    ran = _run(round, django_capture_on_commit_callbacks, cast)
    placed = {m["urn"] for g in ran.result["groups"] for m in g["members"]}  # type: ignore[index]
    assert cast.school_a.urn not in placed


def test_publishing_makes_the_accepted_groups_networks(
    cast: Cast, round: Round, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    ran = _run(round, django_capture_on_commit_callbacks, cast)
    services.round_consult(actor=cast.officer_a, round=ran)
    first, second = ran.result["groups"]  # type: ignore[index]
    services.round_respond(
        actor=cast.officer_a,
        round=ran,
        school=cast.la_a.schools.get(urn=second["members"][1]["urn"]),
        accepts=False,
        comment="Not this year",
    )
    created = services.round_publish(actor=cast.officer_a, round=ran)
    assert len(created) == 1  # the group with a school that declined is not published
    network = created[0]
    assert network.kind == "triad" and network.is_published
    roles = sorted(network.memberships.values_list("role", flat=True))
    assert roles == ["coordinator", "partner", "partner"]
    assert {m["urn"] for m in first["members"]} == set(
        network.memberships.values_list("school_id", flat=True)
    )
    assert AuditEntry.objects.filter(action="network.create", network_id=network.pk).exists()
    assert Round.objects.get(pk=ran.pk).status == Round.Status.PUBLISHED


def test_the_las_decision_on_a_schools_role_is_kept_with_its_reason(
    cast: Cast, round: Round
) -> None:
    services.round_ask_la_to_decide(actor=cast.school_user, round=round, school=cast.school_a)
    entry = services.round_decide_role(
        actor=cast.officer_a,
        round=round,
        school=cast.school_a,
        may_lead=False,
        reason="Its category is under review",
    )
    assert (entry.asks_la_to_decide, entry.may_lead, entry.decision_reason) == (
        True,
        False,
        "Its category is under review",
    )


def test_an_impossible_pin_fails_the_round_with_the_reason(
    cast: Cast, round: Round, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    far = SchoolFactory(la=cast.la_a, phase_name="Primary", lat=53.5, lon=-2.0)
    round.schools.create(school=far, willingness="opted_in")
    from schoolweave.brokering.models import PairRule

    services.round_add_pair_rule(
        actor=cast.officer_a, round=round, first=cast.school_a, second=far, kind=PairRule.Kind.PIN
    )
    ran = _run(round, django_capture_on_commit_callbacks, cast)
    assert ran.status == Round.Status.FAILED
    assert "pinned together but no group can hold them" in ran.error


# Who may do what -----------------------------------------------------------------------------

PAGES = {
    "round_detail": {"officer_a": 200, "colleague_a": 200, "school_user": 200},
    "la_rounds": {"officer_a": 200, "colleague_a": 200},
}


def _status(
    client: Client, url: str, method: str = "get", data: dict[str, str] | None = None
) -> int:
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/account/sign-in/" in response["Location"]:
        return 401
    return int(response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_a_round(cast: Cast, round: Round, role: str) -> None:
    client = cast.client(role)
    expected_detail = PAGES["round_detail"].get(role, 401 if role == "public" else 404)
    assert _status(client, reverse("round_detail", args=[round.pk])) == expected_detail
    expected_list = PAGES["la_rounds"].get(role, 401 if role == "public" else 404)
    assert _status(client, reverse("la_rounds", args=["333"])) == expected_list


@pytest.mark.parametrize("role", ROLES)
def test_only_the_las_officers_may_run_or_publish(cast: Cast, round: Round, role: str) -> None:
    status = _status(cast.client(role), reverse("round_action", args=[round.pk, "run"]), "post")
    expected = {"officer_a": 302, "colleague_a": 302, "public": 401}.get(role, 404)
    assert status == expected


def test_a_school_user_sees_only_its_own_schools_group_and_answers_for_it(
    cast: Cast, round: Round, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    ran = _run(round, django_capture_on_commit_callbacks, cast)
    services.round_consult(actor=cast.officer_a, round=ran)
    page = cast.client("school_user").get(reverse("round_detail", args=[ran.pk])).content.decode()
    groups = ran.result["groups"]  # type: ignore[index]
    own = next(g for g in groups if any(m["urn"] == cast.school_a.urn for m in g["members"]))
    other = next(g for g in groups if g is not own)
    assert own["members"][0]["name"] in page
    assert all(m["name"] not in page for m in other["members"])
    url = reverse("round_respond", args=[ran.pk, cast.school_a.urn])
    assert cast.client("school_user").post(url, {"accepts": "yes"}).status_code == 302
    assert ran.responses.get(school=cast.school_a).accepts
    stranger = other["members"][0]["urn"]
    assert (
        cast.client("school_user")
        .post(reverse("round_respond", args=[ran.pk, stranger]), {"accepts": "no"})
        .status_code
        == 404
    )


def test_the_new_round_form_explains_a_missing_name(cast: Cast) -> None:
    response = cast.client("officer_a").post(reverse("round_new", args=["333"]), {"shape": "triad"})
    assert "Enter a name for the round" in response.content.decode()
    assert not Round.objects.exists()
