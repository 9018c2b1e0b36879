"""Who sees what through the API: every role against every endpoint that can show a network,
including an officer of one LA trying another's unpublished network."""

import json
from typing import Any

import pytest
from django.test import Client

from tests.accounts.test_permissions import NETWORKS, SEES
from tests.conftest import ROLES, Cast
from tests.factories import MembershipFactory, NetworkContactFactory, PersonFactory

pytestmark = pytest.mark.django_db

OWNED = {"333": {"published_a", "unpublished_a"}, "332": {"published_b", "unpublished_b"}}


@pytest.fixture
def cast_in_networks(cast: Cast) -> Cast:
    """school_a in every one of the cast's networks, each with a leader's contact details."""
    for name in NETWORKS:
        network = getattr(cast, name)
        if name != "published_a":  # already a member
            MembershipFactory(network=network, school=cast.school_a)
        NetworkContactFactory(
            network=network,
            person=PersonFactory(name=f"Leader of {name}", email=f"{name}@example.sch.uk"),
        )
    return cast


def _json(client: Client, path: str, **query: Any) -> Any:
    response = client.get(path, query)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def _by_id(cast: Cast) -> dict[int, str]:
    return {getattr(cast, name).pk: name for name in NETWORKS}


@pytest.mark.parametrize("role", ROLES)
def test_network_list_has_exactly_the_networks_each_role_may_see(
    cast_in_networks: Cast, role: str
) -> None:
    cast = cast_in_networks
    items = _json(cast.client(role), "/api/networks")["items"]
    assert {_by_id(cast)[n["id"]] for n in items} == SEES[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", NETWORKS)
def test_network_detail_is_404_unless_the_role_may_see_it(
    cast_in_networks: Cast, role: str, name: str
) -> None:
    cast = cast_in_networks
    network = getattr(cast, name)
    response = cast.client(role).get(f"/api/networks/{network.pk}")
    if name in SEES[role]:
        assert response.status_code == 200
        assert json.loads(response.content)["name"] == network.name
    else:
        assert response.status_code == 404
        assert json.loads(response.content) == {"detail": "Not Found"}
        assert network.name not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_memberships_are_only_of_networks_the_role_may_see(
    cast_in_networks: Cast, role: str
) -> None:
    cast = cast_in_networks
    client = cast.client(role)
    items = _json(client, "/api/memberships", limit=500)["items"]
    assert {_by_id(cast)[m["network"]["id"]] for m in items} == SEES[role]
    for name in NETWORKS:
        filtered = _json(client, "/api/memberships", network=getattr(cast, name).pk)
        assert (filtered["count"] > 0) == (name in SEES[role])


@pytest.mark.parametrize("role", ROLES)
def test_a_schools_networks_are_only_those_the_role_may_see(
    cast_in_networks: Cast, role: str
) -> None:
    cast = cast_in_networks
    school = _json(cast.client(role), f"/api/schools/{cast.school_a.urn}")
    assert {_by_id(cast)[m["network"]["id"]] for m in school["networks"]} == SEES[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", ["333", "332"])
def test_an_las_networks_are_only_those_the_role_may_see(
    cast_in_networks: Cast, role: str, code: str
) -> None:
    cast = cast_in_networks
    la = _json(cast.client(role), f"/api/las/{code}")
    assert {_by_id(cast)[n["id"]] for n in la["networks"]} == OWNED[code] & SEES[role]


@pytest.mark.parametrize("role", ROLES)
def test_contact_details_only_for_signed_in_users(cast_in_networks: Cast, role: str) -> None:
    cast = cast_in_networks
    client = cast.client(role)
    leaders = [
        leader
        for network in _json(client, "/api/networks")["items"]
        for leader in network["leaders"]
    ]
    detail = _json(client, f"/api/networks/{cast.published_a.pk}")
    contacts = leaders + detail["contacts"]
    assert contacts
    signed_in = role != "public"
    assert all((c["email"] is not None) == signed_in for c in contacts)
    assert all((c["telephone"] is not None) == signed_in for c in contacts)
    raw = client.get("/api/networks").content.decode()
    assert ("published_a@example.sch.uk" in raw) == signed_in


CROSS_LA_REQUESTS = (
    ("/api/networks", {}),
    ("/api/networks", {"q": "Tipton Proposed"}),
    ("/api/networks", {"la": "333"}),
    ("/api/networks", {"school": "103950"}),
    ("/api/memberships", {"limit": "500"}),
    ("/api/memberships", {"urn": "103950"}),
    ("/api/memberships", {"la": "333"}),
    ("/api/las", {}),
    ("/api/las/333", {}),
    ("/api/schools", {"la": "333"}),
    ("/api/schools/103950", {}),
    ("/api/groups", {}),
)


@pytest.mark.parametrize(("path", "query"), CROSS_LA_REQUESTS)
def test_an_officer_of_another_la_never_sees_an_unpublished_network(
    cast_in_networks: Cast, path: str, query: dict[str, str]
) -> None:
    cast = cast_in_networks
    hidden = cast.unpublished_a
    response = cast.client("officer_b").get(path, query)
    assert response.status_code == 200
    body = response.content.decode()
    assert hidden.name not in body
    assert f"/networks/{hidden.pk}/" not in body
    assert "unpublished_a@example.sch.uk" not in body


def test_an_officer_of_another_la_gets_404_for_an_unpublished_network_and_its_members(
    cast_in_networks: Cast,
) -> None:
    cast = cast_in_networks
    client = cast.client("officer_b")
    hidden = client.get(f"/api/networks/{cast.unpublished_a.pk}")
    missing = client.get("/api/networks/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert _json(client, "/api/memberships", network=cast.unpublished_a.pk)["count"] == 0
