"""The landscape review's pages, data and downloads: what each role sees, and the figures."""

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries

from schoolweave.landscape.reports import SCHOOL_COLUMNS
from tests.conftest import ROLES, Cast
from tests.factories import (
    GroupLinkFactory,
    MembershipFactory,
    SchoolFactory,
    StatutoryGroupFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def _schools_csv(client: Client, code: str = "333") -> dict[int, dict[str, Any]]:
    response = client.get(reverse("la_landscape_download", args=[code, "schools", "csv"]))
    assert response.status_code == 200
    return {int(row["urn"]): row for row in csv.DictReader(io.StringIO(response.content.decode()))}


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_network_counts_only_for_those_who_may_see_it(cast: Cast, role: str) -> None:
    school = cast.unpublished_a.memberships.get().school
    rows = _schools_csv(cast.client(role))
    sees_it = role in {"officer_a", "colleague_a", "leader"}
    assert rows[school.urn]["networks"] == ("1" if sees_it else "0")
    assert rows[school.urn]["isolated"] == ("false" if sees_it else "true")


@pytest.mark.parametrize("role", ROLES)
def test_the_page_map_and_graph_open_for_everyone(cast: Cast, role: str) -> None:
    client = cast.client(role)
    for name in (
        "la_landscape",
        "la_landscape_map",
        "la_landscape_graph",
        "la_landscape_graph_data",
    ):
        assert client.get(reverse(name, args=["333"])).status_code == 200


def test_the_page_says_who_is_out_on_a_limb_and_why(cast: Cast) -> None:
    SchoolFactory(la=cast.la_a, name="Lonely Lane Primary School")
    text = page_text(cast.client("public").get(reverse("la_landscape", args=["333"])))
    assert "Lonely Lane Primary School Primary In no informal network" in text
    assert "Landscape review" in text


def test_a_school_only_in_its_trust_is_told_apart(cast: Cast) -> None:
    trust = StatutoryGroupFactory(name="Black Country Academy Trust")
    member = SchoolFactory(la=cast.la_a)
    GroupLinkFactory(school=member, group=trust)
    GroupLinkFactory(school=SchoolFactory(la=cast.la_a), group=trust)
    assert (
        _schools_csv(cast.client("public"))[member.urn]["reasons"]
        == "works only with its own trust"
    )


def test_the_csv_has_the_columns_users_script_against(cast: Cast) -> None:
    rows = _schools_csv(cast.client("public"))
    first = next(iter(rows.values()))
    assert list(first) == list(SCHOOL_COLUMNS)


def test_every_figure_downloads_as_xlsx(cast: Cast) -> None:
    for table in ("schools", "networks", "coverage", "overlaps", "communities", "bridging"):
        response = cast.client("public").get(
            reverse("la_landscape_download", args=["333", table, "xlsx"])
        )
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None and sheet.max_row >= 1


def test_unknown_las_tables_and_formats_are_not_found(cast: Cast) -> None:
    client = cast.client("public")
    assert client.get(reverse("la_landscape", args=["999"])).status_code == 404
    assert (
        client.get(reverse("la_landscape_download", args=["333", "secrets", "csv"])).status_code
        == 404
    )
    assert (
        client.get(reverse("la_landscape_download", args=["333", "schools", "pdf"])).status_code
        == 404
    )


def test_the_map_data_has_schools_and_outlines(cast: Cast) -> None:
    MembershipFactory(network=cast.published_a, school=SchoolFactory(la=cast.la_a))
    geojson = json.loads(
        cast.client("officer_a").get(reverse("la_landscape_map", args=["333"])).content
    )
    kinds = {f["properties"]["kind"] for f in geojson["features"]}
    assert kinds == {"school", "network"}
    school = next(f for f in geojson["features"] if f["properties"]["kind"] == "school")
    assert {"load", "band", "isolated", "reasons", "url"} <= set(school["properties"])


def test_the_graph_links_schools_that_share_a_network(cast: Cast) -> None:
    graph = json.loads(
        cast.client("public").get(reverse("la_landscape_graph_data", args=["333"])).content
    )
    members = {str(m.school_id) for m in cast.published_a.memberships.all()}
    linked = {frozenset((e["data"]["source"], e["data"]["target"])) for e in graph["edges"]}
    assert frozenset(members) in linked


def test_the_page_takes_a_bounded_number_of_queries(
    cast: Cast, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(30):
        MembershipFactory(network=cast.published_a, school=SchoolFactory(la=cast.la_a))
    with django_assert_max_num_queries(12):
        cast.client("public").get(reverse("la_landscape", args=["333"]))
