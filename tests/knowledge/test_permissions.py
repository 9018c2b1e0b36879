"""Who may see and do what in the knowledge pages, role by role over the shared cast: what one
may not see answers 404 (or, for the public, asks them to sign in)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schoolweave.core.knowledge.vocabulary import EnquiryStage, Rating, Sharing
from schoolweave.knowledge import services
from schoolweave.knowledge.models import Enquiry
from tests.conftest import ROLES, Cast
from tests.knowledge.factories import (
    DiagnosticFactory,
    EnquiryFactory,
    ExpertiseFactory,
    FinishedEnquiryFactory,
    NetworkExpertiseFactory,
    PrivateExpertiseFactory,
    SelfReviewFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

OFFICERS_A = {"officer_a", "colleague_a"}


def _status(cast: Cast, role: str, url: str) -> int:
    return cast.client(role).get(url).status_code


def _expect(role: str, allowed: set[str], status: int) -> None:
    if role in allowed:
        assert status == 200
    elif role == "public":
        assert status in (302, 404)
    else:
        assert status == 404


@pytest.mark.parametrize("role", ROLES)
def test_a_school_records_its_own_expertise(cast: Cast, role: str) -> None:
    url = reverse("school_expertise_new", args=[cast.school_a.urn])
    _expect(role, OFFICERS_A | {"school_user"}, _status(cast, role, url))


@pytest.mark.parametrize("role", ROLES)
def test_a_networks_leaders_and_its_las_officers_record_its_expertise(
    cast: Cast, role: str
) -> None:
    url = reverse("network_expertise_new", args=[cast.unpublished_a.pk])
    _expect(role, OFFICERS_A | {"leader"}, _status(cast, role, url))


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_may_change_an_offer_open_its_form(cast: Cast, role: str) -> None:
    item = PrivateExpertiseFactory(school=cast.school_a)
    _expect(
        role,
        OFFICERS_A | {"school_user"},
        _status(cast, role, reverse("expertise_edit", args=[item.pk])),
    )


@pytest.mark.parametrize("role", ROLES)
def test_schools_choose_what_of_their_expertise_is_public(cast: Cast, role: str) -> None:
    ExpertiseFactory(school=cast.school_a, title="Public phonics offer")
    PrivateExpertiseFactory(school=cast.school_a, title="Private phonics draft")
    NetworkExpertiseFactory(network=cast.unpublished_a, title="Unpublished network offer")
    text = page_text(cast.client(role).get(reverse("expertise_directory")))
    assert "Public phonics offer" in text
    assert ("Private phonics draft" in text) == (role in OFFICERS_A | {"school_user"})
    assert ("Unpublished network offer" in text) == (role in OFFICERS_A | {"leader"})


@pytest.mark.parametrize("role", ROLES)
def test_people_behind_expertise_are_named_only_to_those_signed_in(cast: Cast, role: str) -> None:
    ExpertiseFactory(school=cast.school_a, person_name="Priya Shah")
    text = page_text(cast.client(role).get(reverse("expertise_directory")))
    assert ("Priya Shah" in text) == (role != "public")


@pytest.mark.parametrize("role", ROLES)
def test_a_networks_leaders_and_its_las_officers_start_enquiries(cast: Cast, role: str) -> None:
    url = reverse("enquiry_new", args=[cast.unpublished_a.pk])
    _expect(role, OFFICERS_A | {"leader"}, _status(cast, role, url))


@pytest.mark.parametrize(
    ("sharing", "finished", "sees_summary", "sees_working"),
    [
        (Sharing.NETWORK, False, OFFICERS_A, OFFICERS_A),
        (
            Sharing.LA,
            False,
            OFFICERS_A | {"leader", "school_user"},
            OFFICERS_A | {"leader", "school_user"},
        ),
        (
            Sharing.PUBLISHED,
            False,
            OFFICERS_A | {"leader", "school_user"},
            OFFICERS_A | {"leader", "school_user"},
        ),
        (Sharing.PUBLISHED, True, set(ROLES), OFFICERS_A | {"leader", "school_user"}),
        (Sharing.NETWORK, True, OFFICERS_A, OFFICERS_A),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_an_enquiry_and_its_working(
    cast: Cast,
    role: str,
    sharing: Sharing,
    finished: bool,
    sees_summary: set[str],
    sees_working: set[str],
) -> None:
    factory = FinishedEnquiryFactory if finished else EnquiryFactory
    enquiry = factory(network=cast.published_a, sharing=sharing, title="Confident readers")
    response = cast.client(role).get(reverse("enquiry_detail", args=[enquiry.pk]))
    assert response.status_code == (200 if role in sees_summary else 404)
    if response.status_code == 200:
        assert ("The enquiry cycle" in page_text(response)) == (role in sees_working)
    library = page_text(cast.client(role).get(reverse("enquiry_library")))
    assert ("Confident readers" in library) == (role in sees_summary)


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_networks_published_enquiry_stays_with_those_who_see_the_network(
    cast: Cast, role: str
) -> None:
    enquiry = FinishedEnquiryFactory(network=cast.unpublished_a)
    url = reverse("enquiry_detail", args=[enquiry.pk])
    _expect(role, OFFICERS_A | {"leader"}, _status(cast, role, url))


@pytest.mark.parametrize("role", ROLES)
def test_attachments_download_only_for_those_who_see_the_working(cast: Cast, role: str) -> None:
    enquiry = FinishedEnquiryFactory(network=cast.published_a, sharing=Sharing.LA)
    attachment = services.enquiry_attachment_add(
        actor=cast.officer_a,
        enquiry=enquiry,
        stage=EnquiryStage.GATHERING,
        upload=SimpleUploadedFile("survey.csv", b"school,score\nOakham,3\n"),
    )
    url = reverse("enquiry_attachment", args=[enquiry.pk, attachment.pk])
    response = cast.client(role).get(url)
    _expect(role, OFFICERS_A | {"leader", "school_user"}, response.status_code)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"school,score\nOakham,3\n"  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_record_an_enquiry_change_its_stages(cast: Cast, role: str) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a, sharing=Sharing.LA)
    url = reverse("enquiry_stage", args=[enquiry.pk, "planning"])
    _expect(role, OFFICERS_A | {"leader"}, _status(cast, role, url))
    response = cast.client(role).post(
        reverse("enquiry_note_new", args=[enquiry.pk, "planning"]), {"text": "A note"}
    )
    assert (response.status_code == 302 and role != "public") == (role in OFFICERS_A | {"leader"})
    assert Enquiry.objects.get(pk=enquiry.pk).notes.count() == (role in OFFICERS_A | {"leader"})


@pytest.mark.parametrize("role", ROLES)
def test_the_diagnostic_is_the_la_officers_own(cast: Cast, role: str) -> None:
    diagnostic = DiagnosticFactory(la=cast.la_a)
    for url in (
        reverse("diagnostic_history", args=["333"]),
        reverse("diagnostic_new", args=["333"]),
        reverse("diagnostic_detail", args=[diagnostic.pk]),
    ):
        _expect(role, OFFICERS_A, _status(cast, role, url))


@pytest.mark.parametrize("role", ROLES)
def test_the_summary_of_networks_self_reviews_is_the_la_officers_own(cast: Cast, role: str) -> None:
    for url in (
        reverse("la_reviews", args=["333"]),
        reverse("brokerage_review_new", args=["333"]),
    ):
        _expect(role, OFFICERS_A, _status(cast, role, url))


@pytest.mark.parametrize("role", ROLES)
def test_a_networks_self_review_is_for_its_leaders_and_its_las_officers(
    cast: Cast, role: str
) -> None:
    review = SelfReviewFactory(network=cast.unpublished_a, ratings={"focus_1": Rating.STRONG})
    for url in (
        reverse("network_review_new", args=[cast.unpublished_a.pk]),
        reverse("network_reviews", args=[cast.unpublished_a.pk]),
        reverse("review_detail", args=[review.pk]),
    ):
        _expect(role, OFFICERS_A | {"leader"}, _status(cast, role, url))


@pytest.mark.parametrize("role", ROLES)
def test_the_la_school_and_network_pages_show_each_role_its_sections(cast: Cast, role: str) -> None:
    ExpertiseFactory(school=cast.school_a, title="Public phonics offer")
    la = page_text(cast.client(role).get(reverse("la_detail", args=["333"])))
    assert "Knowledge exchange" in la
    assert ("Six-approach diagnostic" in la) == (role in OFFICERS_A)
    school = page_text(cast.client(role).get(reverse("school_detail", args=[cast.school_a.urn])))
    assert "Public phonics offer" in school
    assert ("Record expertise this school can offer" in school) == (
        role in OFFICERS_A | {"school_user"}
    )
    network = cast.client(role).get(reverse("network_detail", args=[cast.published_a.pk]))
    assert network.status_code == 200
    text = page_text(network)
    assert "Public phonics offer" in text  # school_a is a member
    assert ("Start an enquiry" in text) == (role in OFFICERS_A)
    assert ("Self-review against the five challenges" in text) == (role in OFFICERS_A)
