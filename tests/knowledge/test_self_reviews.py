"""Self-reviews: a network against the five challenges and an LA against the five brokerage
roles, each kept with its history, and the LA's summary of where networks struggle."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from schoolweave.audit.models import AuditEntry
from schoolweave.core.knowledge.vocabulary import Rating, ReviewKind
from schoolweave.knowledge import services
from schoolweave.knowledge.models import SelfReview
from schoolweave.knowledge.texts import texts
from tests.conftest import Cast
from tests.knowledge.factories import SelfReviewFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def _all(kind: ReviewKind, rating: str, **overrides: str) -> dict[str, str]:
    data = {}
    for section in texts().sections(kind):
        for question in section.questions:
            data[f"{question.key}-rating"] = overrides.get(question.key, rating)
            data[f"{question.key}-evidence"] = ""
            data[f"{question.key}-actions"] = ""
    return data


def test_a_leader_reviews_the_network_and_the_next_review_shows_what_moved(cast: Cast) -> None:
    client = cast.client("leader")
    url = reverse("network_review_new", args=[cast.unpublished_a.pk])
    form = page_text(client.get(url))
    assert "1. Focus" in form and "5. Effectiveness" in form
    assert texts().challenges[1].questions[0].text in form
    first = _all(ReviewKind.NETWORK_CHALLENGES, "developing", ownership_2="struggling")
    first["ownership_2-evidence"] = "Heads stopped coming to meetings."
    first["ownership_2-actions"] = "Meet each head one to one this term."
    with time_machine.travel(datetime(2025, 10, 1, 9, 0, tzinfo=UTC)):
        client.post(url, first)
    second = _all(
        ReviewKind.NETWORK_CHALLENGES, "developing", ownership_2="strong", focus_1="not_started"
    )
    with time_machine.travel(datetime(2026, 3, 1, 9, 0, tzinfo=UTC)):
        response = client.post(url, second, follow=True)
    text = page_text(response)
    assert "Compared with the review of 1 October 2025" in text
    assert "Strong Better than last time" in text
    assert "Not started Worse than last time" in text
    assert SelfReview.objects.count() == 2  # history kept, nothing overwritten
    older = SelfReview.objects.order_by("created_at").first()
    assert older is not None
    answer = older.answers.get(question="ownership_2")
    assert (answer.rating, answer.actions) == ("struggling", "Meet each head one to one this term.")
    assert AuditEntry.objects.filter(action="self_review.network_challenges").count() == 2
    history = page_text(client.get(reverse("network_reviews", args=[cast.unpublished_a.pk])))
    assert history.index("1 March 2026") < history.index("1 October 2025")


def test_a_new_review_starts_from_the_last(cast: Cast) -> None:
    SelfReviewFactory(network=cast.unpublished_a, ratings={"focus_1": Rating.STRUGGLING})
    html = cast.client("leader").get(reverse("network_review_new", args=[cast.unpublished_a.pk]))
    assert "The answers start from your last review" in page_text(html)
    assert 'name="focus_1-rating" type="radio" value="struggling" checked' in html.content.decode()


def test_every_question_needs_a_rating(cast: Cast) -> None:
    data = _all(ReviewKind.NETWORK_CHALLENGES, "strong")
    del data["capacity_3-rating"]
    response = cast.client("leader").post(
        reverse("network_review_new", args=[cast.unpublished_a.pk]), data
    )
    assert response.status_code == 400
    assert "Select a rating for question 4.3" in page_text(response)
    assert not SelfReview.objects.exists()


def test_the_la_sees_where_its_networks_say_they_struggle(cast: Cast) -> None:
    SelfReviewFactory(
        network=cast.published_a,
        ratings={"ownership_1": Rating.STRUGGLING, "focus_1": Rating.STRONG},
    )
    SelfReviewFactory(network=cast.unpublished_a, ratings={"ownership_1": Rating.NOT_STARTED})
    with time_machine.travel(datetime(2026, 1, 1, tzinfo=UTC)):
        # A newer review of the first network: it no longer struggles with ownership.
        SelfReviewFactory(
            network=cast.published_a,
            created_at=datetime(2026, 1, 1, tzinfo=UTC),
            ratings={"ownership_1": Rating.DEVELOPING},
        )
    SelfReviewFactory(network=cast.published_b, ratings={"ownership_1": Rating.NOT_STARTED})
    text = page_text(cast.client("officer_a").get(reverse("la_reviews", args=["333"])))
    assert "2 of 2 networks have reviewed themselves" in text
    ownership = texts().challenges[1]
    assert f"Ownership 1 of 2 2.0 {ownership.questions[0].text}" in text
    assert "Focus 0 of 0 None None" in text  # its latest review did not rate focus


def test_an_la_reviews_its_brokerage_roles_with_history(cast: Cast) -> None:
    client = cast.client("officer_a")
    url = reverse("brokerage_review_new", args=["333"])
    form = page_text(client.get(url))
    assert "Brokering knowledge exchange within and beyond networks" in form
    assert "How can the authority make the range of expertise in a network visible?" in form
    client.post(url, _all(ReviewKind.LA_BROKERAGE, "developing", knowledge_1="struggling"))
    review = SelfReview.objects.get(kind=ReviewKind.LA_BROKERAGE)
    assert review.network is None and review.la_id == "333"
    assert review.answers.count() == 21
    summary = page_text(client.get(reverse("la_reviews", args=["333"])))
    assert "Review your brokerage roles again" in summary


def test_a_question_not_in_the_content_is_refused(cast: Cast) -> None:
    with pytest.raises(ValueError, match="not a question"):
        services.self_review_save(
            actor=cast.officer_a,
            kind=ReviewKind.LA_BROKERAGE,
            la=cast.la_a,
            answers=[services.ReviewAnswer("focus_1", Rating.STRONG)],
        )


def test_the_public_cannot_review(cast: Cast) -> None:
    url = reverse("network_review_new", args=[cast.published_a.pk])
    assert Client().post(url, {}).status_code == 302
    assert not SelfReview.objects.exists()
