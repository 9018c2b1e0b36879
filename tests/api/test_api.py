"""The read-only JSON API: its schema and docs, each endpoint's filters, pages and shapes."""

import json
import re
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from schoolweave.core.networks.vocabulary import NetworkContactRole
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority, School
from tests.factories import (
    ClosedSchoolFactory,
    EndedGroupLinkFactory,
    FederationFactory,
    GroupLinkFactory,
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
    StatutoryGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = (
    "/api/las",
    "/api/las/{code}",
    "/api/schools",
    "/api/schools/{urn}",
    "/api/groups",
    "/api/groups/{uid}",
    "/api/networks",
    "/api/networks/{id}",
    "/api/memberships",
)
LISTS = tuple(path for path in ENDPOINTS if "{" not in path)


def _get(client: Client, path: str, **query: Any) -> Any:
    response = client.get(path, query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


@pytest.fixture
def register(sandwell: LocalAuthority) -> dict[str, Any]:
    dudley = LocalAuthorityFactory(code="332", name="Dudley", region="West Midlands")
    oakham = SchoolFactory(
        la=sandwell, urn=103950, name="Oakham Primary School", postcode="B69 1SG"
    )
    perryfields = SecondarySchoolFactory(la=sandwell, urn=136616, name="Perryfields Academy")
    closed = ClosedSchoolFactory(la=sandwell, urn=103000, name="Oakham Infant School")
    halesowen = SchoolFactory(la=dudley, urn=103800, name="Halesowen Primary")
    trust = StatutoryGroupFactory(uid=5001, group_id="TR00001", name="Black Country Trust")
    GroupLinkFactory(group=trust, school=perryfields)
    GroupLinkFactory(group=trust, school=halesowen)
    federation = FederationFactory(uid=5002, name="Oldbury Federation")
    EndedGroupLinkFactory(group=federation, school=oakham)
    triad = NetworkFactory(
        name="Oldbury Triad",
        owner_las=[sandwell],
        learning_focuses=[LearningFocusFactory(slug="maths")],
        purpose="Moderation",
        initiatives="Maths hub\n\nhttps://example.org/ ",
    )
    MembershipFactory(network=triad, school=oakham, role="coordinator")
    MembershipFactory(network=triad, school=perryfields, role="partner")
    PastMembershipFactory(network=triad, school=halesowen)
    NetworkContactFactory(
        network=triad,
        person=PersonFactory(name="Priya Shah", email="priya@example.sch.uk", telephone="0121"),
        role=NetworkContactRole.LEADER,
    )
    NetworkContactFactory(
        network=triad,
        person=PersonFactory(name="Sam Link", job_title="Adviser"),
        role="la_link_officer",
    )
    cluster = IllustrativeNetworkFactory(name="Dudley Cluster", kind="cluster", owner_las=[dudley])
    MembershipFactory(network=cluster, school=halesowen)
    return {
        "oakham": oakham,
        "perryfields": perryfields,
        "closed": closed,
        "halesowen": halesowen,
        "triad": triad,
        "cluster": cluster,
    }


# The schema and docs


def test_openapi_schema_is_valid_json_describing_every_endpoint(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Schoolweave API"
    assert set(schema["paths"]) == set(ENDPOINTS)
    for path, methods in schema["paths"].items():
        assert set(methods) == {"get"}, path
        operation = methods["get"]
        assert operation["summary"] and operation["description"]
        assert "200" in operation["responses"]
        if "{" in path:
            assert "404" in operation["responses"]
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', response.content.decode()))
    assert refs and refs <= set(schema["components"]["schemas"])


@pytest.mark.parametrize("path", LISTS)
def test_every_list_documents_its_pagination(client: Client, path: str) -> None:
    schema = json.loads(client.get("/api/openapi.json").content)
    operation = schema["paths"][path]["get"]
    params = {p["name"] for p in operation["parameters"]}
    assert {"limit", "offset"} <= params
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    fields = schema["components"]["schemas"][page.rsplit("/", 1)[1]]["properties"]
    assert set(fields) == {"count", "limit", "offset", "next", "previous", "items"}


def test_docs_page_describes_every_endpoint_and_loads_nothing_from_elsewhere(
    client: Client,
) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    for path in ENDPOINTS:
        assert f"GET {path}</code>" in html
    assert 'href="/api/openapi.json"' in html
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
        source = re.search(r'(?:src|href)="([^"]*)"', tag)
        assert source is None or source.group(1).startswith("/static/"), tag
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_endpoint_accepts_a_change(
    client: Client, register: dict[str, Any], path: str, method: str
) -> None:
    concrete = path.format(code="333", urn=103950, uid=5001, id=register["triad"].pk)
    client.force_login(UserFactory(is_superuser=True))
    response = getattr(client, method)(concrete, data="{}", content_type="application/json")
    assert response.status_code == 405
    assert Network.objects.filter(pk=register["triad"].pk).exists()


# Local authorities


def test_las_lists_every_la_by_name_with_counts(client: Client, register: dict[str, Any]) -> None:
    page = _get(client, "/api/las")
    assert page["count"] == 2
    assert [(la["code"], la["open_schools"], la["all_schools"]) for la in page["items"]] == [
        ("332", 1, 1),
        ("333", 2, 3),
    ]
    assert page["items"][1]["url"] == "http://testserver/la/333/"


def test_la_detail_lists_its_networks(client: Client, register: dict[str, Any]) -> None:
    la = _get(client, "/api/las/333")
    assert la["name"] == "Sandwell" and la["gss_code"] == "E08000028"
    assert [n["name"] for n in la["networks"]] == ["Oldbury Triad"]
    assert client.get("/api/las/999").status_code == 404


# Schools


@pytest.mark.parametrize(
    ("query", "urns"),
    [
        ({}, [103800, 103950, 136616]),
        ({"status": "all"}, [103000, 103800, 103950, 136616]),
        ({"la": "333"}, [103950, 136616]),
        ({"phase": "Secondary"}, [136616]),
        ({"q": "oakham", "status": "all"}, [103000, 103950]),
        ({"q": "b69 1"}, [103950]),
        ({"q": "103800"}, [103800]),
        ({"q": "1" * 30}, []),
    ],
)
def test_schools_filter(
    client: Client, register: dict[str, Any], query: dict[str, str], urns: list[int]
) -> None:
    page = _get(client, "/api/schools", **query)
    assert [school["urn"] for school in page["items"]] == urns
    assert page["count"] == len(urns)


@pytest.mark.parametrize(
    "query",
    [{"la": "33"}, {"status": "closed"}, {"limit": "0"}, {"limit": "501"}, {"offset": "-1"}],
)
def test_bad_filters_are_rejected(client: Client, query: dict[str, str]) -> None:
    assert client.get("/api/schools", query).status_code == 422


def test_schools_are_paginated_with_links(client: Client, sandwell: LocalAuthority) -> None:
    SchoolFactory.create_batch(5, la=sandwell)
    first = _get(client, "/api/schools", limit=2)
    assert (first["count"], first["limit"], first["offset"], len(first["items"])) == (5, 2, 0, 2)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/schools?limit=2&offset=2"
    last = _get(client, "/api/schools", limit=2, offset=4)
    assert len(last["items"]) == 1 and last["next"] is None
    assert last["previous"] == "http://testserver/api/schools?limit=2&offset=2"
    beyond = _get(client, "/api/schools", offset=50)
    assert beyond["items"] == [] and beyond["count"] == 5
    urns = [
        s["urn"]
        for o in (0, 2, 4)
        for s in _get(client, "/api/schools", limit=2, offset=o)["items"]
    ]
    assert urns == sorted(School.objects.values_list("urn", flat=True))


def test_school_detail_has_its_groups_and_networks(
    client: Client, register: dict[str, Any]
) -> None:
    school = _get(client, "/api/schools/103950")
    assert school["name"] == "Oakham Primary School"
    assert school["status"] == "open" and school["phase"] == "Primary"
    assert school["la_code"] == "333" and school["la_name"] == "Sandwell"
    assert [(g["uid"], g["type"], g["ended"]) for g in school["groups"]] == [
        (5002, "Federation", "2018-03-31")
    ]
    assert [(m["network"]["name"], m["role"]) for m in school["networks"]] == [
        ("Oldbury Triad", "coordinator")
    ]
    assert school["url"] == "http://testserver/schools/103950/"
    assert client.get("/api/schools/999999").status_code == 404


# Statutory groups


@pytest.mark.parametrize(
    ("query", "uids"),
    [
        ({}, [5001, 5002]),
        ({"la": "332"}, [5001]),
        ({"la": "333"}, [5001]),  # Oakham left the federation
        ({"type": "Federation"}, [5002]),
        ({"q": "black trust"}, [5001]),
        ({"q": "tr00001"}, [5001]),
        ({"q": "5002"}, [5002]),
    ],
)
def test_groups_filter(
    client: Client, register: dict[str, Any], query: dict[str, str], uids: list[int]
) -> None:
    assert [g["uid"] for g in _get(client, "/api/groups", **query)["items"]] == uids


def test_group_detail_lists_its_schools(client: Client, register: dict[str, Any]) -> None:
    group = _get(client, "/api/groups/5001")
    assert group["schools_now"] == 2
    assert [s["school"]["urn"] for s in group["schools"]] == [103800, 136616]
    assert client.get("/api/groups/1").status_code == 404


# Networks and memberships


def test_networks_list_the_directory_with_public_fields(
    client: Client, register: dict[str, Any]
) -> None:
    page = _get(client, "/api/networks")
    assert [n["name"] for n in page["items"]] == ["Oldbury Triad", "Dudley Cluster"]
    triad = page["items"][0]
    assert triad | {"id": 0, "url": ""} == {
        "id": 0,
        "name": "Oldbury Triad",
        "kind": "triad",
        "status": "active",
        "is_illustrative": False,
        "is_published": True,
        "owner_las": [{"code": "333", "name": "Sandwell"}],
        "learning_focuses": [{"slug": "maths", "name": "Maths"}],
        "schools_now": 2,
        "leaders": [
            {
                "name": "Priya Shah",
                "role": "leader",
                "job_title": "School improvement adviser",
                "email": None,
                "telephone": None,
            }
        ],
        "url": "",
    }


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"la": "332"}, ["Dudley Cluster"]),
        ({"kind": "cluster"}, ["Dudley Cluster"]),
        ({"focus": "maths"}, ["Oldbury Triad"]),
        ({"phase": "Secondary"}, ["Oldbury Triad"]),
        ({"school": "103800"}, ["Dudley Cluster"]),  # it left the triad
        ({"q": "oldbury"}, ["Oldbury Triad"]),
    ],
)
def test_networks_take_the_directorys_filters(
    client: Client, register: dict[str, Any], query: dict[str, str], names: list[str]
) -> None:
    assert [n["name"] for n in _get(client, "/api/networks", **query)["items"]] == names
    page = client.get("/networks/", query)
    assert [n.name for n in page.context["networks"]] == names


def test_an_unknown_kind_is_rejected(client: Client) -> None:
    assert client.get("/api/networks", {"kind": "pyramid"}).status_code == 422


def test_signed_in_users_get_contact_details(client: Client, register: dict[str, Any]) -> None:
    client.force_login(UserFactory())
    (leader,) = _get(client, "/api/networks", q="oldbury")["items"][0]["leaders"]
    assert (leader["email"], leader["telephone"]) == ("priya@example.sch.uk", "0121")
    detail = _get(client, f"/api/networks/{register['triad'].pk}")
    assert {c["name"]: c["email"] for c in detail["contacts"]}["Priya Shah"] == (
        "priya@example.sch.uk"
    )
    assert all(c["email"] and c["telephone"] for c in detail["contacts"])


def test_network_detail_has_its_contacts_and_members(
    client: Client, register: dict[str, Any]
) -> None:
    network = _get(client, f"/api/networks/{register['triad'].pk}")
    assert network["purpose"] == "Moderation"
    assert network["initiatives"] == ["Maths hub", "https://example.org/"]
    assert [(c["name"], c["role"], c["email"]) for c in network["contacts"]] == [
        ("Sam Link", "la_link_officer", None),
        ("Priya Shah", "leader", None),
    ]
    assert [(m["school"]["urn"], m["role"], m["left"]) for m in network["members"]] == [
        (103950, "coordinator", None),
        (136616, "partner", None),
        (103800, "member", "2018-07-20"),
    ]
    assert network["schools_now"] == 2
    assert client.get("/api/networks/999999").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {},
            {
                ("Dudley Cluster", 103800),
                ("Oldbury Triad", 103950),
                ("Oldbury Triad", 136616),
                ("Oldbury Triad", 103800),
            },
        ),
        (
            {"current": "true"},
            {("Dudley Cluster", 103800), ("Oldbury Triad", 103950), ("Oldbury Triad", 136616)},
        ),
        ({"current": "false"}, {("Oldbury Triad", 103800)}),
        ({"urn": "103800"}, {("Dudley Cluster", 103800), ("Oldbury Triad", 103800)}),
        ({"la": "333"}, {("Oldbury Triad", 103950), ("Oldbury Triad", 136616)}),
    ],
)
def test_memberships_filter(
    client: Client, register: dict[str, Any], query: dict[str, str], expected: set[tuple[str, int]]
) -> None:
    items = _get(client, "/api/memberships", **query)["items"]
    assert {(m["network"]["name"], m["school"]["urn"]) for m in items} == expected


def test_memberships_filter_by_network(client: Client, register: dict[str, Any]) -> None:
    items = _get(client, "/api/memberships", network=register["cluster"].pk)["items"]
    assert [(m["school"]["urn"], m["role"], m["is_current"]) for m in items] == [
        (103800, "member", True)
    ]


# Query counts


@pytest.mark.parametrize("path", LISTS)
def test_lists_take_a_bounded_number_of_queries(
    client: Client,
    sandwell: LocalAuthority,
    path: str,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    focus = LearningFocusFactory(slug="maths")
    for _ in range(12):
        network = NetworkFactory(owner_las=[sandwell], learning_focuses=[focus])
        MembershipFactory.create_batch(2, network=network)
        NetworkContactFactory(network=network)
        GroupLinkFactory(school=SchoolFactory(la=sandwell))
    client.force_login(UserFactory())
    # The session and user, the viewer's roles (3), the count and the page, and the network
    # list's prefetches (3).
    with django_assert_max_num_queries(10):
        _get(client, path, limit=100)


@pytest.mark.parametrize("path", ENDPOINTS)
def test_details_take_a_bounded_number_of_queries(
    client: Client,
    register: dict[str, Any],
    path: str,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    concrete = path.format(code="333", urn=103950, uid=5001, id=register["triad"].pk)
    with django_assert_max_num_queries(6):
        _get(client, concrete)
