"""The network page: what a network is, who runs it, which schools are in it and have left."""

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from schoolweave.core.networks.vocabulary import NetworkContactRole
from schoolweave.networks.models import Network
from schoolweave.networks.views import (
    CONTACTS_NEED_SIGN_IN,
    ILLUSTRATIVE_NOTICE,
    NOT_PUBLISHED_NOTICE,
)
from schoolweave.register.models import LocalAuthority
from tests.accounts.test_permissions import NETWORKS, SEES
from tests.conftest import ROLES, Cast
from tests.factories import (
    CoordinatorMembershipFactory,
    EndedNetworkFactory,
    HubAndSpokeNetworkFactory,
    IdentificationSheetFactory,
    IllustrativeNetworkFactory,
    LearningFocusFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NetworkContactFactory,
    NetworkFactory,
    PastMembershipFactory,
    PersonFactory,
    SchoolFactory,
    SecondarySchoolFactory,
    SheetReviewFactory,
    SheetVersionFactory,
    UserFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def _page(client: Client, network: Network) -> Any:
    return client.get(reverse("network_detail", args=[network.pk]))


@pytest.fixture
def oldbury_triad(sandwell: LocalAuthority) -> Network:
    """The demo's Oldbury Triad: Oakham co-ordinates, two partners, one school has left."""
    triad = IllustrativeNetworkFactory(
        name="Oldbury Triad",
        owner_las=[sandwell],
        learning_focuses=[LearningFocusFactory(slug="maths"), LearningFocusFactory(slug="reading")],
    )
    oakham = SchoolFactory(la=sandwell, urn=103950, name="Oakham Primary School")
    CoordinatorMembershipFactory(network=triad, school=oakham)
    for urn, name in ((103980, "Rounds Green Primary School"), (103960, "Tividale Hall Primary")):
        MembershipFactory(
            network=triad, school=SchoolFactory(la=sandwell, urn=urn, name=name), role="partner"
        )
    PastMembershipFactory(
        network=triad,
        school=SchoolFactory(la=sandwell, urn=103933, name="Bearwood Primary School"),
        role="partner",
        joined=date(2017, 9, 1),
        left=date(2018, 7, 20),
    )
    return triad


def test_network_page_describes_the_network(client: Client, oldbury_triad: Network) -> None:
    response = _page(client, oldbury_triad)
    assert response.status_code == 200
    text = page_text(response)
    for expected in (
        "Triad Oldbury Triad",
        "Kind Triad",
        "Status Active",
        "Owner local authority Sandwell",
        "Purpose Schools visit each other termly",
        "Learning focuses Maths, Reading",
        "Started 1 September 2017",
        "Schools in it now 3",
    ):
        assert expected in text
    assert reverse("la_detail", args=["333"]) in response.content.decode()


def test_network_page_lists_current_members_leading_role_first(
    client: Client, oldbury_triad: Network
) -> None:
    response = _page(client, oldbury_triad)
    current = response.context["members"].current
    assert [m.school.urn for m in current] == [103950, 103980, 103960]
    text = page_text(response)
    assert "Oakham Primary School Co-ordinating school Primary Sandwell 1 September 2017" in text
    assert reverse("school_detail", args=[103950]) in response.content.decode()


def test_network_page_lists_past_members_separately(client: Client, oldbury_triad: Network) -> None:
    response = _page(client, oldbury_triad)
    assert [m.school.urn for m in response.context["members"].past] == [103933]
    text = page_text(response)
    current_part, past_part = text.split("Schools that have left", 1)
    assert "Bearwood Primary School" not in current_part
    assert "Bearwood Primary School Partner 1 September 2017 20 July 2018" in past_part


def test_hub_and_spoke_roles_are_named_in_users_words(
    client: Client, sandwell: LocalAuthority
) -> None:
    hub = HubAndSpokeNetworkFactory(name="Wednesbury Transition Hub", owner_las=[sandwell])
    MembershipFactory(network=hub, role="spoke", school=SchoolFactory(la=sandwell, name="Aspoke"))
    MembershipFactory(
        network=hub, role="hub", school=SecondarySchoolFactory(la=sandwell, name="Zhub Academy")
    )
    text = page_text(_page(client, hub))
    assert "Hub and spoke Wednesbury Transition Hub" in text
    assert text.index("Zhub Academy Hub") < text.index("Aspoke Spoke")


def test_an_illustrative_network_says_so_prominently(
    client: Client, oldbury_triad: Network
) -> None:
    response = _page(client, oldbury_triad)
    html = response.content.decode()
    assert "govuk-notification-banner" in html
    assert ILLUSTRATIVE_NOTICE in page_text(response)
    assert html.index("govuk-notification-banner") < html.index("<h1")
    assert "Active Illustrative" in page_text(response)
    assert "Oldbury Triad (illustrative) \N{EN DASH} Schoolweave" in page_text(response)


def test_a_real_network_has_no_illustrative_notice(client: Client) -> None:
    network = NetworkFactory(name="Tipton Maths Network")
    response = _page(client, network)
    assert ILLUSTRATIVE_NOTICE not in page_text(response)
    assert "Illustrative" not in page_text(response)
    assert "govuk-notification-banner" not in response.content.decode()


def _priya(network: Network) -> None:
    NetworkContactFactory(
        network=network,
        person=PersonFactory(
            name="Priya Shah",
            job_title="Deputy headteacher",
            email="priya.shah@example.sch.uk",
            telephone="01215550123",
        ),
        role=NetworkContactRole.LEADER,
    )


def test_network_page_lists_contacts_with_details_to_signed_in_users(
    client: Client, oldbury_triad: Network
) -> None:
    _priya(oldbury_triad)
    client.force_login(UserFactory())
    response = _page(client, oldbury_triad)
    text = page_text(response)
    assert (
        "Priya Shah Network leader Deputy headteacher priya.shah@example.sch.uk 01215550123"
    ) in text
    assert 'href="mailto:priya.shah@example.sch.uk"' in response.content.decode()
    assert CONTACTS_NEED_SIGN_IN not in text


def test_network_page_shows_the_public_leaders_names_and_roles_only(
    client: Client, oldbury_triad: Network
) -> None:
    _priya(oldbury_triad)
    response = _page(client, oldbury_triad)
    text = page_text(response)
    assert "Priya Shah Network leader Deputy headteacher" in text
    html = response.content.decode()
    for private in ("priya.shah@example.sch.uk", "01215550123", "mailto:", "Telephone"):
        assert private not in html
    assert f"Sign in {CONTACTS_NEED_SIGN_IN}" in text
    assert f'href="{reverse("login")}?next=/networks/{oldbury_triad.pk}/"' in html


def test_network_page_without_contacts_says_so(client: Client, oldbury_triad: Network) -> None:
    assert "No contacts are recorded for this network." in page_text(_page(client, oldbury_triad))


def test_an_ended_network_shows_its_end_date_and_status(client: Client) -> None:
    network = EndedNetworkFactory(name="Bearwood Reading Cluster", kind="cluster")
    PastMembershipFactory(network=network)
    response = _page(client, network)
    text = page_text(response)
    assert "Status Ended" in text
    assert "Ended 20 July 2018" in text
    assert "No schools are in this network now." in text
    assert "data-sw-map" not in response.content.decode()


def test_network_owned_by_two_las_names_both(client: Client, sandwell: LocalAuthority) -> None:
    dudley = LocalAuthorityFactory(code="332", name="Dudley")
    network = NetworkFactory(name="Black Country Leadership Network", owner_las=[dudley, sandwell])
    assert "Owner local authorities Dudley, Sandwell" in page_text(_page(client, network))


def test_network_page_maps_current_members_only(client: Client, oldbury_triad: Network) -> None:
    response = _page(client, oldbury_triad)
    html = response.content.decode()
    assert 'data-geojson-id="network-geojson"' in html
    features = response.context["geojson"]["features"]
    assert [f["properties"]["urn"] for f in features] == [103950, 103980, 103960]
    assert features[0]["properties"]["role"] == "Co-ordinating school"


def test_network_page_of_an_unknown_network_is_not_found(client: Client) -> None:
    response = client.get(reverse("network_detail", args=[999999]))
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


def test_network_page_takes_a_bounded_number_of_queries(
    client: Client,
    oldbury_triad: Network,
    sandwell: LocalAuthority,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    MembershipFactory.create_batch(20, network=oldbury_triad)
    PastMembershipFactory.create_batch(5, network=oldbury_triad)
    NetworkContactFactory.create_batch(3, network=oldbury_triad)
    for _ in range(3):  # history: approved sheets, each sent twice and decided on
        sheet = IdentificationSheetFactory(network=oldbury_triad, la=sandwell, status="approved")
        for number in (1, 2):
            SheetReviewFactory(sheet=sheet, version=SheetVersionFactory(sheet=sheet, number=number))
    # The page's 5, the history's sheets, versions, their senders, reviews, reviewers (5), and
    # the apps' sections: performance data 7 the first time (2 once kept in the cache),
    # resources 2, knowledge 2, identification sheets 2.
    # The count stays the same with twice the history.
    with django_assert_max_num_queries(21):
        _page(client, oldbury_triad)


def test_network_page_leaves_a_place_for_the_history_after_the_members(
    client: Client, oldbury_triad: Network
) -> None:
    response = _page(client, oldbury_triad)
    names = [t.name for t in response.templates]
    assert "networks/includes/history.html" in names


# Who sees which network's page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", NETWORKS)
def test_a_network_page_is_found_only_by_those_who_may_see_it(
    cast: Cast, role: str, name: str
) -> None:
    network = getattr(cast, name)
    response = _page(cast.client(role), network)
    if name in SEES[role]:
        assert response.status_code == 200
        assert network.name in page_text(response)
    else:
        assert response.status_code == 404  # not 403: its existence does not leak
        assert network.name not in response.content.decode()


def test_an_invisible_network_answers_exactly_as_a_missing_one(cast: Cast) -> None:
    client = cast.client("officer_b")
    hidden = _page(client, cast.unpublished_a)
    missing = client.get(reverse("network_detail", args=[999999]))
    assert hidden.status_code == missing.status_code == 404
    assert page_text(hidden) == page_text(missing)


@pytest.mark.parametrize("role", ["officer_a", "colleague_a", "leader"])
def test_an_unpublished_network_says_so_to_those_who_see_it(cast: Cast, role: str) -> None:
    response = _page(cast.client(role), cast.unpublished_a)
    text = page_text(response)
    assert NOT_PUBLISHED_NOTICE in text
    assert "Active Not published" in text
    assert "(not published)" in text.split(" \N{EN DASH} Schoolweave")[0]


def test_a_published_network_has_no_not_published_tag(cast: Cast) -> None:
    text = page_text(_page(cast.client("officer_a"), cast.published_a))
    assert "Not published" not in text
    assert NOT_PUBLISHED_NOTICE not in text
