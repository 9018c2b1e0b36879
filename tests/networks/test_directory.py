"""The directory of networks: its page, search and filters, and its CSV and XLSX downloads."""

import csv
import io
import zipfile
from datetime import date
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from schoolweave.core.networks.vocabulary import NetworkContactRole
from schoolweave.networks.exports import CONTACT_COLUMNS, DIRECTORY_COLUMNS
from schoolweave.networks.forms import KIND_UNKNOWN, LA_UNKNOWN
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority
from tests.accounts.test_permissions import NETWORKS, SEES
from tests.conftest import ROLES, Cast
from tests.factories import (
    EndedNetworkFactory,
    HubAndSpokeNetworkFactory,
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
    UnpublishedNetworkFactory,
    UserFactory,
)
from tests.knowledge.factories import ExpertiseFactory
from tests.pages import page_text
from tests.resources.factories import PartnershipFactory, PrivatePartnerFactory

pytestmark = pytest.mark.django_db

DOWNLOADS = ("network_directory_csv", "network_directory_xlsx")


def _page(client: Client, **query: Any) -> Any:
    return client.get(reverse("network_directory"), query)


def _listed(response: Any) -> list[str]:
    return [network.name for network in response.context["networks"]]


def _csv(client: Client, **query: Any) -> list[dict[str, str]]:
    response = client.get(reverse("network_directory_csv"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="schoolweave-networks.csv"'
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _xlsx(client: Client, **query: Any) -> tuple[Any, bytes]:
    response = client.get(reverse("network_directory_xlsx"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return openpyxl.load_workbook(io.BytesIO(response.content)).active, response.content


def _xlsx_rows(client: Client, **query: Any) -> list[dict[str, Any]]:
    sheet, _ = _xlsx(client, **query)
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def _names(client: Client, view: str, **query: Any) -> set[str]:
    """The networks a page or download lists for the query."""
    if view == "network_directory":
        return set(_listed(_page(client, **query)))
    if view == "network_directory_csv":
        return {row["name"] for row in _csv(client, **query)}
    return {row["name"] for row in _xlsx_rows(client, **query)}


@pytest.fixture
def directory(sandwell: LocalAuthority) -> dict[str, Network]:
    """Networks of Sandwell and Dudley with learning focuses, phases and leaders."""
    dudley = LocalAuthorityFactory(code="332", name="Dudley")
    maths, reading = LearningFocusFactory(slug="maths"), LearningFocusFactory(slug="reading")
    oldbury = NetworkFactory(
        name="Oldbury Maths Triad", owner_las=[sandwell], learning_focuses=[maths, reading]
    )
    oakham = SchoolFactory(la=sandwell, urn=103950, name="Oakham Primary School")
    MembershipFactory(network=oldbury, school=oakham, role="coordinator")
    MembershipFactory.create_batch(2, network=oldbury)
    PastMembershipFactory(network=oldbury)
    hub = HubAndSpokeNetworkFactory(
        name="Wednesbury Transition Hub", owner_las=[sandwell, dudley], learning_focuses=[reading]
    )
    MembershipFactory(network=hub, school=SecondarySchoolFactory(la=sandwell, name="Zhub Academy"))
    NetworkContactFactory(
        network=hub,
        person=PersonFactory(
            name="Priya Shah", email="priya.shah@example.sch.uk", telephone="01215550123"
        ),
        role=NetworkContactRole.LEADER,
    )
    NetworkContactFactory(
        network=hub, person=PersonFactory(name="Link Officer"), role="la_link_officer"
    )
    made_up = IllustrativeNetworkFactory(
        name="Bearwood Cluster", kind="cluster", owner_las=[dudley]
    )
    ended = EndedNetworkFactory(name="Halesowen Reading Network", owner_las=[dudley])
    PastMembershipFactory(network=ended, school=oakham)
    hidden = UnpublishedNetworkFactory(name="Tipton Draft Triad", owner_las=[sandwell])
    MembershipFactory(network=hidden, school=oakham)
    return {"oldbury": oldbury, "hub": hub, "made_up": made_up, "ended": ended, "hidden": hidden}


# The page


def test_directory_lists_published_networks_real_ones_first(
    client: Client, directory: dict[str, Network]
) -> None:
    response = _page(client)
    assert response.status_code == 200
    assert _listed(response) == [
        "Halesowen Reading Network",
        "Oldbury Maths Triad",
        "Wednesbury Transition Hub",
        "Bearwood Cluster",
    ]


def test_directory_shows_each_networks_public_fields(
    client: Client, directory: dict[str, Network]
) -> None:
    response = _page(client)
    text = page_text(response)
    assert "Oldbury Maths Triad Triad Sandwell Maths, Reading 3 Not recorded" in text
    assert "Wednesbury Transition Hub Hub and spoke Dudley, Sandwell Reading 1 Priya Shah" in text
    assert "Bearwood Cluster Illustrative Cluster Dudley Not recorded 0" in text
    assert "Halesowen Reading Network Ended Triad" in text
    assert "Networks tagged illustrative were made up" in text
    html = response.content.decode()
    for network in ("oldbury", "hub", "made_up", "ended"):
        assert reverse("network_detail", args=[directory[network].pk]) in html
    assert "Link Officer" not in text  # leaders only


def test_directory_shows_leaders_emails_only_to_signed_in_users(
    client: Client, directory: dict[str, Network]
) -> None:
    assert "priya.shah@example.sch.uk" not in _page(client).content.decode()
    client.force_login(UserFactory())
    assert 'href="mailto:priya.shah@example.sch.uk"' in _page(client).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "triad"}, ["Oldbury Maths Triad"]),
        ({"q": "  MATHS oldbury "}, ["Oldbury Maths Triad"]),
        ({"q": "wednesbury triad"}, []),
        (
            {"la": "332"},
            ["Halesowen Reading Network", "Wednesbury Transition Hub", "Bearwood Cluster"],
        ),
        ({"kind": "hub_and_spoke"}, ["Wednesbury Transition Hub"]),
        ({"focus": "reading"}, ["Oldbury Maths Triad", "Wednesbury Transition Hub"]),
        ({"focus": "maths", "la": "333"}, ["Oldbury Maths Triad"]),
        ({"phase": "Secondary"}, ["Wednesbury Transition Hub"]),
        ({"phase": "Primary"}, ["Oldbury Maths Triad"]),
        ({"school": "oakham"}, ["Oldbury Maths Triad"]),
        ({"school": "103950"}, ["Oldbury Maths Triad"]),
        ({"school": " 103 950 "}, ["Oldbury Maths Triad"]),
        ({"school": "Zhub academy", "kind": "triad"}, []),
    ],
)
def test_directory_searches_and_filters(
    client: Client, directory: dict[str, Network], query: dict[str, str], expected: list[str]
) -> None:
    response = _page(client, **query)
    assert response.status_code == 200
    assert _listed(response) == expected


def test_filters_keep_their_values_and_offer_only_known_choices(
    client: Client, directory: dict[str, Network]
) -> None:
    response = _page(client, q="Maths", la="333", kind="triad", phase="Primary", focus="maths")
    html = response.content.decode()
    assert 'value="Maths"' in html
    for selected in (
        '"333" selected',
        '"triad" selected',
        '"Primary" selected',
        '"maths" selected',
    ):
        assert f"value={selected}" in html
    form = response.context["form"]
    assert [code for code, _ in form.fields["la"].choices] == ["", "332", "333"]


def test_phases_offered_are_those_of_schools_in_networks_now(
    client: Client, directory: dict[str, Network], sandwell: LocalAuthority
) -> None:
    SchoolFactory(la=sandwell, phase_name="Nursery")  # in no network
    form = _page(client).context["form"]
    phases = [phase for phase, _ in form.fields["phase"].choices if phase]
    assert "Nursery" not in phases and {"Primary", "Secondary"} <= set(phases)


def test_an_unknown_filter_value_is_reported_and_ignored(
    client: Client, directory: dict[str, Network]
) -> None:
    response = _page(client, la="999", kind="pyramid")
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert LA_UNKNOWN in text and KIND_UNKNOWN in text
    assert len(_listed(response)) == 4


def test_a_search_that_matches_nothing_says_so(
    client: Client, directory: dict[str, Network]
) -> None:
    text = page_text(_page(client, q="nothing like this"))
    assert "No networks match this search." in text
    assert "Download" not in text


def test_directory_is_paginated_and_pages_keep_the_filters(
    client: Client, sandwell: LocalAuthority
) -> None:
    NetworkFactory.create_batch(30, owner_las=[sandwell], kind="cluster")
    first = _page(client, kind="cluster")
    assert len(_listed(first)) == 25
    assert "Showing 1 to 25 of 30 networks" in page_text(first)
    assert "?kind=cluster&amp;page=2" in first.content.decode()
    second = _page(client, kind="cluster", page=2)
    assert len(_listed(second)) == 5


def test_download_links_carry_the_filters_but_not_the_page(
    client: Client, directory: dict[str, Network]
) -> None:
    html = _page(client, q="triad", page=1).content.decode()
    assert f'href="{reverse("network_directory_csv")}?q=triad"' in html
    assert f'href="{reverse("network_directory_xlsx")}?q=triad"' in html


def test_service_navigation_offers_the_directory(client: Client) -> None:
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("network_directory")}">Directory of networks</a>' in html
    html = _page(client).content.decode()
    active = 'aria-current="page"><strong class="govuk-service-navigation__active-fallback">'
    assert f"{active}Directory of networks" in html


def test_directory_takes_a_bounded_number_of_queries(
    client: Client, sandwell: LocalAuthority, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    focus = LearningFocusFactory(slug="maths")
    for _ in range(25):
        network = NetworkFactory(owner_las=[sandwell], learning_focuses=[focus])
        MembershipFactory.create_batch(2, network=network)
        NetworkContactFactory(network=network)
        PartnershipFactory(network=network, partner__la=sandwell)
    with django_assert_max_num_queries(10):
        _page(client, focus="maths")
    with django_assert_max_num_queries(9):
        _csv(client)


def test_directory_names_public_partners_beyond_schools_and_not_private_ones(
    client: Client, directory: dict[str, Network], sandwell: LocalAuthority
) -> None:
    hub = directory["hub"]
    PartnershipFactory(network=hub, partner__la=sandwell, partner__name="Sandwell College")
    PartnershipFactory(network=hub, partner=PrivatePartnerFactory(la=sandwell, name="Secret Trust"))
    PartnershipFactory(
        network=hub, partner__la=sandwell, partner__name="Old Police", end_date=date(2025, 7, 31)
    )
    text = page_text(_page(client, kind="hub_and_spoke"))
    assert "Sandwell College" in text
    assert "Secret Trust" not in text and "Old Police" not in text  # private; ended
    (row,) = _csv(client, kind="hub_and_spoke")
    assert row["partners"] == "Sandwell College"
    (oldbury,) = _csv(client, q="oldbury")
    assert oldbury["partners"] == ""


def test_directory_shows_the_expertise_a_network_makes_public(
    client: Client, directory: dict[str, Network]
) -> None:
    hub = directory["hub"]
    focus = LearningFocusFactory(slug="phonics", name="Phonics")
    ExpertiseFactory(network=hub, school=None, focus=focus, title="Phonics catch-up", phase="ks1")
    ExpertiseFactory(network=hub, school=None, title="Not ready to share", is_public=False)
    text = page_text(_page(client, kind="hub_and_spoke"))
    assert "Phonics catch-up (Phonics, " in text
    assert "Not ready to share" not in text
    (row,) = _csv(client, kind="hub_and_spoke")
    assert row["expertise"].startswith("Phonics catch-up (Phonics, ")


# Downloads


def test_csv_lists_exactly_what_the_page_lists(
    client: Client, directory: dict[str, Network]
) -> None:
    for query in ({}, {"la": "332"}, {"focus": "reading", "q": "hub"}, {"la": "999"}):
        rows = _csv(client, **query)
        assert [row["name"] for row in rows] == _listed(_page(client, **query))


def test_csv_has_the_public_columns_for_the_public(
    client: Client, directory: dict[str, Network]
) -> None:
    response = client.get(reverse("network_directory_csv"), {"kind": "hub_and_spoke"})
    header, *_ = response.content.decode().splitlines()
    assert tuple(header.split(",")) == DIRECTORY_COLUMNS
    (row,) = _csv(client, kind="hub_and_spoke")
    assert row | {"id": "", "url": ""} == {
        "id": "",
        "name": "Wednesbury Transition Hub",
        "kind": "Hub and spoke",
        "status": "Active",
        "owner_la_codes": "332; 333",
        "owner_las": "Dudley; Sandwell",
        "learning_focuses": "Reading",
        "schools_now": "1",
        "leaders": "Priya Shah",
        "partners": "",
        "expertise": "",
        "illustrative": "false",
        "published": "true",
        "url": "",
    }
    assert row["id"] == str(directory["hub"].pk)
    assert row["url"] == f"http://testserver/networks/{directory['hub'].pk}/"
    assert "priya.shah@example.sch.uk" not in response.content.decode()


def test_downloads_add_contacts_for_signed_in_users(
    client: Client, directory: dict[str, Network]
) -> None:
    client.force_login(UserFactory())
    (row,) = _csv(client, kind="hub_and_spoke")
    assert tuple(row) == DIRECTORY_COLUMNS + CONTACT_COLUMNS
    assert row["leader_contacts"] == "Priya Shah, priya.shah@example.sch.uk, 01215550123"
    (xlsx_row,) = _xlsx_rows(client, kind="hub_and_spoke")
    assert xlsx_row["leader_contacts"] == row["leader_contacts"]


def test_xlsx_lists_exactly_what_the_csv_lists(
    client: Client, directory: dict[str, Network]
) -> None:
    for query in ({}, {"la": "332"}, {"school": "oakham"}):
        rows = _xlsx_rows(client, **query)
        assert [row["name"] for row in rows] == [row["name"] for row in _csv(client, **query)]
    (hub,) = _xlsx_rows(client, kind="hub_and_spoke")
    assert hub["schools_now"] == 1  # a number, not text
    assert hub["illustrative"] is False
    assert tuple(hub) == DIRECTORY_COLUMNS


FORMULA = '=HYPERLINK("http://example.com","Click")'


def test_downloads_cannot_run_formulas(client: Client, sandwell: LocalAuthority) -> None:
    network = NetworkFactory(name=FORMULA, owner_las=[sandwell])
    NetworkContactFactory(network=network, person=PersonFactory(name="@SUM(1+1)"))
    client.force_login(UserFactory())
    (row,) = _csv(client)
    assert row["name"] == "'" + FORMULA
    assert row["leaders"] == "'@SUM(1+1)"
    sheet, content = _xlsx(client)
    cells = [cell for line in sheet.iter_rows() for cell in line]
    assert {(c.value, c.data_type) for c in cells if c.data_type not in ("s", "n", "b")} == set()
    assert [c.value for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value] == [
        "'" + FORMULA
    ]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize("view", ("network_directory", *DOWNLOADS))
def test_the_directory_only_answers_get(client: Client, view: str) -> None:
    for method in (client.post, client.put, client.delete):
        assert method(reverse(view)).status_code == 405


# Who sees which networks


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ("network_directory", *DOWNLOADS))
def test_the_directory_lists_exactly_the_networks_each_role_may_see(
    cast: Cast, role: str, view: str
) -> None:
    names = _names(cast.client(role), view)
    assert names == {getattr(cast, name).name for name in SEES[role]}


@pytest.mark.parametrize("view", ("network_directory", *DOWNLOADS))
@pytest.mark.parametrize(
    "query",
    [{"q": "Tipton Proposed"}, {"la": "333"}, {"kind": "triad"}, {"school": "Oakham"}],
)
def test_an_officer_of_another_la_never_finds_an_unpublished_network(
    cast: Cast, view: str, query: dict[str, str]
) -> None:
    MembershipFactory(network=cast.unpublished_a, school=cast.school_a)
    client = cast.client("officer_b")
    assert cast.unpublished_a.name not in _names(client, view, **query)
    if view == "network_directory":
        response = _page(client, **query)
        assert cast.unpublished_a.name not in response.content.decode()


@pytest.mark.parametrize("role", ["officer_a", "colleague_a", "leader"])
def test_the_directory_tags_unpublished_networks_for_those_who_see_them(
    cast: Cast, role: str
) -> None:
    text = page_text(_page(cast.client(role)))
    assert "Tipton Proposed Triad Not published" in text
    assert "Oldbury Triad Not published" not in text


def test_the_public_is_not_offered_an_la_that_owns_only_unpublished_networks(cast: Cast) -> None:
    walsall = LocalAuthorityFactory(code="335", name="Walsall")
    UnpublishedNetworkFactory(owner_las=[walsall])
    public = [code for code, _ in _page(cast.client("public")).context["form"].fields["la"].choices]
    assert "335" not in public
    assert set(NETWORKS)  # the cast's networks are all there to be hidden
