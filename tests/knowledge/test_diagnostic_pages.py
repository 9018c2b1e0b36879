"""The six-approach diagnostic on the web: suggestions from the register with their reasons, a
ranked recommendation with reasons, strategies, conditions, pause-for-thought questions and
warnings, saved with its date, and the history of how the LA's approach shifts."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from schoolweave.audit.models import AuditEntry
from schoolweave.core.knowledge.vocabulary import Approach
from schoolweave.knowledge.models import Diagnostic
from schoolweave.knowledge.texts import texts
from tests.conftest import Cast
from tests.factories import MembershipFactory, NetworkFactory, SchoolFactory, SecondarySchoolFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

DIRECTING_LOW = {
    "knowledge": "low_but_policy_strong",
    "structures": "initiative_driven",
    "capacity": "moderate_relies_on_incentives",
    "influence": "low",
    "purpose": "rapid_delivery",
    "notes": "Discussed at the school improvement board.",
}


def test_the_form_suggests_what_the_register_can_answer_with_its_reason(cast: Cast) -> None:
    # Two networks with the same three schools: they overlap; most schools are academies.
    schools = [SchoolFactory(la=cast.la_a) for _ in range(3)]
    first = NetworkFactory(owner_las=[cast.la_a], name="North Triad")
    second = NetworkFactory(owner_las=[cast.la_a], name="North Cluster")
    for school in schools:
        MembershipFactory(network=first, school=school)
        MembershipFactory(network=second, school=school)
    for _ in range(30):
        SecondarySchoolFactory(la=cast.la_a)
    response = cast.client("officer_a").get(reverse("diagnostic_new", args=["333"]))
    text = page_text(response)
    assert "Suggested from the register: Many networks that overlap" in text
    assert "networks share at least half their schools with another network" in text
    assert "Suggested from the register: Low. Schools and networks mostly go their own way." in text
    assert "academies and free schools answer to their trusts" in text
    html = response.content.decode()
    assert 'value="multiple_overlapping_different_purposes" checked' in html
    assert 'value="low" checked' in html


def test_an_officer_gets_a_ranked_recommendation_with_reasons_and_warnings(cast: Cast) -> None:
    client = cast.client("officer_a")
    with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=UTC)):
        response = client.post(reverse("diagnostic_new", args=["333"]), DIRECTING_LOW, follow=True)
    text = page_text(response)
    assert "You saved the diagnostic: Directing comes first" in text
    assert "Recommended approach: Directing" in text
    assert "six-approach diagnostic of 3 March 2026" in text
    directing = texts().approaches[Approach.DIRECTING]
    assert directing.fits[next(iter(directing.fits))] in text  # a reason from the answers
    assert "You answered: “Low. Schools and networks mostly go their own way.”" in text
    for heading in ("Strategies", "Necessary conditions", "What to watch for", "Pause for thought"):
        assert heading in text
    assert directing.strategies[0] in text
    assert directing.pause_for_thought[0] in text
    assert "it was mostly low-influence authorities that tried to direct" in text
    assert "2. Consulting: 2 points" in text
    saved = Diagnostic.objects.get()
    assert saved.best == "directing"
    assert saved.answers["influence"] == "low"
    assert [r["approach"] for r in saved.ranking][:2] == ["directing", "consulting"]
    assert saved.notes == "Discussed at the school improvement board."
    assert AuditEntry.objects.get(action="diagnostic.create").after["best"] == "directing"  # type: ignore[index]


def test_a_missing_answer_is_an_error(cast: Cast) -> None:
    answers = {k: v for k, v in DIRECTING_LOW.items() if k != "purpose"}
    response = cast.client("officer_a").post(reverse("diagnostic_new", args=["333"]), answers)
    assert response.status_code == 400
    assert "Select an answer" in page_text(response)
    assert not Diagnostic.objects.exists()


def test_history_shows_how_the_approach_shifts_and_the_last_answers_are_suggested(
    cast: Cast,
) -> None:
    client = cast.client("officer_a")
    url = reverse("diagnostic_new", args=["333"])
    with time_machine.travel(datetime(2025, 1, 10, 10, 0, tzinfo=UTC)):
        client.post(url, DIRECTING_LOW)
    consulting = {
        **DIRECTING_LOW,
        "knowledge": "less_than_networks",
        "purpose": "buy_in",
        "capacity": "in_networks_fragmented",
    }
    with time_machine.travel(datetime(2026, 2, 20, 10, 0, tzinfo=UTC)):
        client.post(url, consulting)
    history = page_text(client.get(reverse("diagnostic_history", args=["333"])))
    assert history.index("20 Feb 2026 Consulting") < history.index("10 Jan 2025 Directing")
    form = page_text(client.get(url))
    assert "Suggested from your last diagnostic: Less than our networks know." in form
    assert "Your last diagnostic, on 20 February 2026, gave this answer." in form


def test_another_las_diagnostic_is_not_found(cast: Cast) -> None:
    cast.client("officer_a").post(reverse("diagnostic_new", args=["333"]), DIRECTING_LOW)
    diagnostic = Diagnostic.objects.get()
    assert (
        cast.client("officer_b").get(reverse("diagnostic_detail", args=[diagnostic.pk])).status_code
        == 404
    )
