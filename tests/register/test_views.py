"""The register's pages: home, search, local authorities, schools, and the schools' GeoJSON."""

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, Settings

from schoolweave.register.forms import PHASE_UNKNOWN, SEARCH_EMPTY, SEARCH_TOO_LONG
from schoolweave.register.models import LocalAuthority, School
from tests.accounts.test_permissions import NETWORKS, SEES
from tests.conftest import ROLES, Cast
from tests.factories import (
    ClosedSchoolFactory,
    CoordinatorMembershipFactory,
    EndedGroupLinkFactory,
    FederationFactory,
    GroupLinkFactory,
    IllustrativeNetworkFactory,
    ImportRunFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NetworkFactory,
    PastMembershipFactory,
    ProposedToCloseSchoolFactory,
    SchoolChangeFactory,
    SchoolFactory,
    SecondarySchoolFactory,
    StatutoryGroupFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

OGL = "Contains public sector information licensed under the Open Government Licence v3.0"
OSM = "OpenStreetMap contributors"


def _get(client: Client, name: str, *args: Any, **query: Any) -> Any:
    return client.get(reverse(name, args=args), query)


# Every page


def test_pages_name_the_service_and_credit_the_data(
    client: Client, sandwell: LocalAuthority
) -> None:
    text = page_text(_get(client, "home"))
    assert "Schoolweave" in text
    assert OGL in text
    assert "GOV.UK" not in text


def test_pages_start_with_a_skip_link_and_landmarks(client: Client) -> None:
    html = _get(client, "home").content.decode()
    assert html.index('class="govuk-skip-link"') < html.index("<header")
    assert 'href="#main-content"' in html
    for landmark in ('<main class="govuk-main-wrapper" id="main-content"', "<header", "<footer"):
        assert landmark in html
    assert 'aria-label="Menu"' in html


def test_pages_load_no_inline_script(client: Client, sandwell: LocalAuthority) -> None:
    SchoolFactory(la=sandwell, urn=103950)
    for response in (
        _get(client, "home"),
        _get(client, "la_detail", "333"),
        _get(client, "school_detail", 103950),
    ):
        html = response.content.decode()
        for tag in html.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            assert "src=" in opening or 'type="application/json"' in opening
        assert " onclick=" not in html and " onload=" not in html


def test_an_unknown_page_is_a_friendly_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


# Home


def test_home_says_what_schoolweave_is_and_offers_search(client: Client) -> None:
    response = _get(client, "home")
    assert response.status_code == 200
    text = page_text(response)
    assert "informal networks" in text
    html = response.content.decode()
    assert f'action="{reverse("search")}"' in html
    assert '<label class="govuk-label govuk-label--m" for="id_q">' in html
    assert 'name="q"' in html


def test_home_lists_local_authorities_with_their_open_school_counts(
    client: Client, sandwell: LocalAuthority
) -> None:
    dudley = LocalAuthorityFactory(code="332", name="Dudley")
    SchoolFactory.create_batch(3, la=sandwell)
    ClosedSchoolFactory(la=sandwell)
    SchoolFactory(la=dudley)
    response = _get(client, "home")
    authorities = list(response.context["authorities"])
    assert [(la.code, la.open_schools, la.all_schools) for la in authorities] == [
        ("333", 3, 4),
        ("332", 1, 1),
    ]
    assert reverse("la_detail", args=["332"]) in response.content.decode()


def test_home_puts_the_demo_la_first_and_tags_it(client: Client, sandwell: LocalAuthority) -> None:
    LocalAuthorityFactory(code="330", name="Birmingham")
    response = _get(client, "home")
    assert [la.name for la in response.context["authorities"]] == ["Sandwell", "Birmingham"]
    text = page_text(response)
    assert "Sandwell Demo" in text
    assert "The demo is centred on Sandwell" in text


def test_home_without_the_demo_la_lists_others_by_name(client: Client) -> None:
    LocalAuthorityFactory(code="880", name="Zeta")
    LocalAuthorityFactory(code="881", name="Alpha")
    response = _get(client, "home")
    assert [la.name for la in response.context["authorities"]] == ["Alpha", "Zeta"]
    assert "The demo is centred on" not in page_text(response)


def test_home_says_which_register_file_the_schools_come_from(client: Client) -> None:
    ImportRunFactory(file_name="edubasealldata20251101.csv", source="establishments")
    assert "last loaded from edubasealldata20251101.csv" in page_text(_get(client, "home"))


def test_home_takes_a_bounded_number_of_queries(
    client: Client, sandwell: LocalAuthority, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for code in ("330", "332", "335", "336"):
        SchoolFactory.create_batch(3, la=LocalAuthorityFactory(code=code))
    with django_assert_max_num_queries(3):
        _get(client, "home")


# Local authorities list


def test_la_list_lists_every_local_authority(client: Client, sandwell: LocalAuthority) -> None:
    LocalAuthorityFactory(code="335", name="Walsall")
    response = _get(client, "la_list")
    assert response.status_code == 200
    text = page_text(response)
    assert "Sandwell" in text and "Walsall" in text
    assert 'aria-current="page"' in response.content.decode()


# Search


@pytest.fixture
def oldbury_schools(sandwell: LocalAuthority) -> dict[str, School]:
    return {
        "oakham": SchoolFactory(
            la=sandwell, urn=103950, name="Oakham Primary School", postcode="B69 1SG"
        ),
        "rounds": SchoolFactory(
            la=sandwell, urn=103980, name="Rounds Green Primary School", postcode="B69 2DP"
        ),
        "perryfields": SecondarySchoolFactory(
            la=sandwell, urn=136616, name="Perryfields Academy", postcode="B68 0RG"
        ),
        "old_oakham": ClosedSchoolFactory(
            la=sandwell, urn=103000, name="Oakham Infant School", postcode="B69 1SG"
        ),
    }


def _found(response: Any) -> list[int]:
    return [school.urn for school in response.context["schools"]]


@pytest.mark.parametrize("query", ["oakham", "OAKHAM PRIMARY", "primary oakham", "  Oakham  "])
def test_search_finds_schools_with_every_word_in_any_case_and_order(
    client: Client, oldbury_schools: dict[str, School], query: str
) -> None:
    response = _get(client, "search", q=query)
    assert response.status_code == 200
    assert 103950 in _found(response)
    assert 103980 not in _found(response)


@pytest.mark.parametrize("query", ["b69", "B69 1", "b691sg", "B69 1SG", "b 6 9 1 s g"])
def test_search_matches_the_start_of_postcodes_ignoring_case_and_spaces(
    client: Client, oldbury_schools: dict[str, School], query: str
) -> None:
    found = _found(_get(client, "search", q=query))
    assert 103950 in found
    assert 136616 not in found


def test_search_by_postcode_does_not_match_the_middle_of_a_postcode(
    client: Client, oldbury_schools: dict[str, School]
) -> None:
    assert _found(_get(client, "search", q="1SG")) == []


def test_search_lists_open_schools_before_closed_ones(
    client: Client, oldbury_schools: dict[str, School]
) -> None:
    found = _found(_get(client, "search", q="Oakham"))
    assert found == [103950, 103000]


def test_search_shows_each_schools_urn_la_phase_status_and_postcode(
    client: Client, oldbury_schools: dict[str, School]
) -> None:
    text = page_text(_get(client, "search", q="Perryfields"))
    assert "Perryfields Academy 136616 Sandwell Secondary Open B68 0RG" in text


def test_search_with_an_exact_urn_goes_to_the_school(
    client: Client, oldbury_schools: dict[str, School]
) -> None:
    response = _get(client, "search", q=" 103950 ")
    assert response.status_code == 302
    assert response["Location"] == reverse("school_detail", args=[103950])


def test_search_with_an_unknown_urn_finds_nothing(
    client: Client, oldbury_schools: dict[str, School]
) -> None:
    response = _get(client, "search", q="999999")
    assert response.status_code == 200
    assert _found(response) == []
    assert "No schools match \N{LEFT SINGLE QUOTATION MARK}999999" in page_text(response)


def test_search_lists_matching_local_authorities(
    client: Client, oldbury_schools: dict[str, School]
) -> None:
    for query in ("sandwell", "333"):
        response = _get(client, "search", q=query)
        assert [la.code for la in response.context["authorities"]] == ["333"]
        assert reverse("la_detail", args=["333"]) in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"), [("   ", SEARCH_EMPTY), ("x" * 101, SEARCH_TOO_LONG)]
)
def test_search_without_usable_words_shows_an_error_summary(
    client: Client, query: str, message: str
) -> None:
    response = _get(client, "search", q=query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert f'<a href="#id_q">{message}</a>' in html
    assert "Error: Search" in page_text(response)


def test_search_page_without_a_query_shows_the_form_without_errors(client: Client) -> None:
    response = _get(client, "search")
    assert response.status_code == 200
    assert "govuk-error-summary" not in response.content.decode()
    assert "<h1" in response.content.decode()


def test_search_paginates_and_keeps_the_query_in_page_links(
    client: Client, sandwell: LocalAuthority
) -> None:
    SchoolFactory.create_batch(30, la=sandwell, name="Greenfield Primary")
    first = _get(client, "search", q="greenfield")
    assert len(first.context["schools"]) == 25
    assert "Showing 1 to 25 of 30 schools" in page_text(first)
    assert 'href="?q=greenfield&amp;page=2"' in first.content.decode()
    second = _get(client, "search", q="greenfield", page=2)
    assert len(second.context["schools"]) == 5


def test_search_takes_a_bounded_number_of_queries(
    client: Client, sandwell: LocalAuthority, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for code in ("330", "332"):
        SchoolFactory.create_batch(20, la=LocalAuthorityFactory(code=code), name="Hill School")
    with django_assert_max_num_queries(4):
        _get(client, "search", q="hill")


# Local authority page


@pytest.fixture
def sandwell_schools(sandwell: LocalAuthority) -> list[School]:
    return [
        *SchoolFactory.create_batch(3, la=sandwell),
        SecondarySchoolFactory(la=sandwell, urn=136616, name="Perryfields Academy"),
        ProposedToCloseSchoolFactory(la=sandwell),
        ClosedSchoolFactory(la=sandwell, urn=103000, name="Oakham Infant School"),
        SchoolFactory(la=LocalAuthorityFactory(code="332"), name="Dudley Primary"),
    ]


def test_la_page_shows_name_code_region_and_open_schools_by_phase(
    client: Client, sandwell_schools: list[School]
) -> None:
    response = _get(client, "la_detail", "333")
    assert response.status_code == 200
    text = page_text(response)
    assert "Sandwell" in text
    assert "LA code 333" in text
    assert "Region West Midlands" in text
    assert "Open schools 5" in text
    assert [(c.phase, c.schools) for c in response.context["phase_counts"]] == [
        ("Primary", 4),
        ("Secondary", 1),
    ]


def test_la_page_falls_back_to_the_region_gias_gives_its_schools(client: Client) -> None:
    la = LocalAuthorityFactory(code="880", region="")
    SchoolFactory(la=la, region="North East")
    assert "Region North East" in page_text(_get(client, "la_detail", "880"))


def test_la_page_of_an_unknown_code_is_not_found(client: Client) -> None:
    response = _get(client, "la_detail", "999")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


def test_la_page_lists_open_schools_by_default_with_links(
    client: Client, sandwell_schools: list[School]
) -> None:
    response = _get(client, "la_detail", "333")
    listed = {school.urn for school in response.context["schools"]}
    assert listed == {s.urn for s in sandwell_schools[:5]}
    assert reverse("school_detail", args=[136616]) in response.content.decode()
    assert "Oakham Infant School" not in page_text(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"phase": "Secondary"}, {136616}),
        ({"type_group": "Academies"}, {136616}),
        ({"status": "all", "phase": "Secondary"}, {136616}),
        ({"status": "all", "type_group": "Local authority maintained schools"}, "la_maintained"),
    ],
)
def test_la_page_filters_schools(
    client: Client, sandwell_schools: list[School], query: dict[str, str], expected: Any
) -> None:
    if expected == "la_maintained":
        expected = {s.urn for s in sandwell_schools[:6] if s.type_group_name.startswith("Local")}
    response = _get(client, "la_detail", "333", **query)
    assert {school.urn for school in response.context["schools"]} == expected


def test_la_page_with_all_statuses_includes_closed_schools(
    client: Client, sandwell_schools: list[School]
) -> None:
    response = _get(client, "la_detail", "333", status="all")
    assert 103000 in {school.urn for school in response.context["schools"]}
    assert "Oakham Infant School" in page_text(response)


def test_la_page_keeps_the_chosen_filters_selected(
    client: Client, sandwell_schools: list[School]
) -> None:
    html = _get(client, "la_detail", "333", phase="Secondary", status="all").content.decode()
    assert '<option value="Secondary" selected>Secondary</option>' in html
    assert '<option value="all" selected>All schools, including closed</option>' in html


def test_la_page_ignores_an_unknown_filter_and_says_so(
    client: Client, sandwell_schools: list[School]
) -> None:
    response = _get(client, "la_detail", "333", phase="Sixth form college")
    assert len(response.context["schools"]) == 5
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert f'<a href="#id_phase">{PHASE_UNKNOWN}</a>' in html


def test_la_page_paginates_schools_keeping_the_filters(
    client: Client, sandwell: LocalAuthority
) -> None:
    SchoolFactory.create_batch(30, la=sandwell)
    first = _get(client, "la_detail", "333", phase="Primary")
    assert "Showing 1 to 25 of 30 schools" in page_text(first)
    assert 'href="?phase=Primary&amp;page=2"' in first.content.decode()
    second = _get(client, "la_detail", "333", phase="Primary", page="2")
    assert len(second.context["schools"]) == 5
    assert _get(client, "la_detail", "333", page="nonsense").status_code == 200


def test_la_page_maps_the_filtered_schools(client: Client, sandwell_schools: list[School]) -> None:
    html = _get(client, "la_detail", "333", phase="Secondary").content.decode()
    geojson_url = reverse("la_schools_geojson", args=["333"]) + "?phase=Secondary"
    assert f'data-geojson-url="{geojson_url}"' in html
    assert "sw-marker--secondary" in html  # the map's key
    assert "The table lists the same schools as the map" in html


def test_la_page_says_how_many_listed_schools_are_not_on_the_map(
    client: Client, sandwell: LocalAuthority
) -> None:
    SchoolFactory(la=sandwell)
    SchoolFactory.create_batch(2, la=sandwell, unlocated=True)
    ClosedSchoolFactory(la=sandwell, unlocated=True)
    text = page_text(_get(client, "la_detail", "333"))
    assert "2 of the schools listed have no location in GIAS, so are not on the map." in text


def test_la_page_lists_current_statutory_groups_of_its_schools(
    client: Client, sandwell_schools: list[School]
) -> None:
    trust = StatutoryGroupFactory(name="Black Country Learning Trust")
    GroupLinkFactory(group=trust, school=sandwell_schools[0])
    GroupLinkFactory(group=trust, school=sandwell_schools[1])
    GroupLinkFactory(group=trust, school=sandwell_schools[-1])  # in Dudley
    EndedGroupLinkFactory(
        group=FederationFactory(name="Old Federation"), school=sandwell_schools[2]
    )
    response = _get(client, "la_detail", "333")
    assert [(g.name, g.schools_here) for g in response.context["groups"]] == [
        ("Black Country Learning Trust", 2)
    ]
    assert "Black Country Learning Trust Multi-academy trust Open 2" in page_text(response)


def test_la_page_lists_its_networks_and_tags_illustrative_ones(
    client: Client, sandwell: LocalAuthority
) -> None:
    real = NetworkFactory(name="Tipton Maths Network", owner_las=[sandwell])
    MembershipFactory.create_batch(2, network=real)
    PastMembershipFactory(network=real)
    made_up = IllustrativeNetworkFactory(name="Oldbury Triad", owner_las=[sandwell])
    NetworkFactory(name="Dudley Triad", owner_las=[LocalAuthorityFactory(code="332")])
    response = _get(client, "la_detail", "333")
    text = page_text(response)
    assert "Tipton Maths Network Triad 2 Active" in text
    assert "Oldbury Triad Illustrative Triad 0 Active" in text
    assert "Tipton Maths Network Illustrative" not in text
    assert "Dudley Triad" not in text
    assert reverse("network_detail", args=[made_up.pk]) in response.content.decode()


def test_la_page_takes_a_bounded_number_of_queries(
    client: Client, sandwell: LocalAuthority, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    SchoolFactory.create_batch(40, la=sandwell)
    for _ in range(3):
        GroupLinkFactory(school=SchoolFactory(la=sandwell))
        network = IllustrativeNetworkFactory(owner_las=[sandwell])
        MembershipFactory.create_batch(3, network=network)
    # The register's 9 and the apps' sections: performance data 15 (3 of them the data's stamp
    # its cache is keyed by), resources 1. The count stays the same with three times the schools
    # and networks. Until the data change, the performance section then comes from the cache.
    with django_assert_max_num_queries(25):
        _get(client, "la_detail", "333", status="all")
    with django_assert_max_num_queries(13):
        _get(client, "la_detail", "333", status="all")


# The LA's schools as GeoJSON


def test_geojson_has_the_boundary_and_each_located_school(
    client: Client, sandwell_schools: list[School]
) -> None:
    SchoolFactory(la=sandwell_schools[0].la, unlocated=True)
    response = _get(client, "la_schools_geojson", "333")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    boundary, *schools = data["features"]
    assert boundary["properties"] == {"kind": "boundary", "name": "Sandwell", "code": "333"}
    assert boundary["geometry"]["type"] == "Polygon"
    assert len(schools) == 5  # open and located
    perryfields = next(f for f in schools if f["properties"]["urn"] == 136616)
    school = sandwell_schools[3]
    assert perryfields["geometry"] == {"type": "Point", "coordinates": [school.lon, school.lat]}
    assert perryfields["properties"] | {"marker": None} == {
        "kind": "school",
        "urn": 136616,
        "name": "Perryfields Academy",
        "phase": "Secondary",
        "status": "Open",
        "role": "",
        "url": reverse("school_detail", args=[136616]),
        "marker": None,
    }
    assert perryfields["properties"]["marker"] == {"key": "secondary", "letter": "S"}


def test_geojson_honours_the_filters(client: Client, sandwell_schools: list[School]) -> None:
    def urns(**query: str) -> set[int]:
        features = json.loads(_get(client, "la_schools_geojson", "333", **query).content)
        return {f["properties"]["urn"] for f in features["features"] if "urn" in f["properties"]}

    assert urns(phase="Secondary") == {136616}
    assert 103000 in urns(status="all")
    assert 103000 not in urns()


def test_geojson_without_a_boundary_has_only_schools(client: Client) -> None:
    la = LocalAuthorityFactory(code="880")
    SchoolFactory(la=la)
    features = json.loads(_get(client, "la_schools_geojson", "880").content)["features"]
    assert [f["properties"]["kind"] for f in features] == ["school"]


def test_geojson_of_an_unknown_code_is_not_found(client: Client) -> None:
    assert _get(client, "la_schools_geojson", "999").status_code == 404


def test_geojson_takes_a_bounded_number_of_queries(
    client: Client, sandwell: LocalAuthority, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    SchoolFactory.create_batch(50, la=sandwell)
    with django_assert_max_num_queries(3):
        _get(client, "la_schools_geojson", "333")


# Map tiles


def test_maps_use_the_tiles_setting_and_credit_openstreetmap(
    client: Client, sandwell: LocalAuthority, settings: Settings
) -> None:
    settings.SCHOOLWEAVE_MAP_TILES_URL = "https://tile.example.org/{z}/{x}/{y}.png"
    response = _get(client, "la_detail", "333")
    assert 'data-tiles-url="https://tile.example.org/{z}/{x}/{y}.png"' in response.content.decode()
    assert OSM in page_text(response)


def test_maps_without_tiles_do_not_credit_openstreetmap(
    client: Client, sandwell: LocalAuthority, settings: Settings
) -> None:
    settings.SCHOOLWEAVE_MAP_TILES_URL = ""
    response = _get(client, "la_detail", "333")
    assert 'data-tiles-url=""' in response.content.decode()
    assert OSM not in page_text(response)


def test_pages_without_a_map_do_not_credit_openstreetmap(client: Client) -> None:
    assert OSM not in page_text(_get(client, "home"))


# School page


@pytest.fixture
def oakham(sandwell: LocalAuthority) -> School:
    return SchoolFactory(
        la=sandwell,
        urn=103950,
        name="Oakham Primary School",
        street="Darbys Hill Road",
        town="Oldbury",
        postcode="B69 1SG",
        ofsted_rating="Outstanding",
        ofsted_last_inspection=date(2013, 6, 27),
        open_date=date(1974, 9, 1),
        open_reason="Not applicable",
        head_first_name="Jane",
        head_last_name="Smith",
        percentage_fsm=31.4,
        religious_character="",
        website="www.oakham.sandwell.sch.uk",
    )


def test_school_page_shows_its_gias_details(client: Client, oakham: School) -> None:
    response = _get(client, "school_detail", 103950)
    assert response.status_code == 200
    text = page_text(response)
    for expected in (
        "URN 103950",
        "Local authority Sandwell (333)",
        "Type Community school",
        "Type group Local authority maintained schools",
        "Phase Primary",
        "Status Open",
        "Opened 1 September 1974",
        "Statutory ages 3 to 11",
        "Gender Mixed",
        "Pupils 398",
        "Capacity 420",
        "Pupils eligible for free school meals 31.4%",
        "Ofsted rating Outstanding",
        "Last Ofsted inspection 27 June 2013",
        "Address Darbys Hill Road, Oldbury, B69 1SG",
        "Head teacher Mrs Jane Smith, Headteacher",
    ):
        assert expected in text


def test_school_page_says_not_recorded_for_blank_details(client: Client, oakham: School) -> None:
    text = page_text(_get(client, "school_detail", 103950))
    assert "Religious character Not recorded" in text
    assert "Closed Not recorded" in text
    assert "Trust Not recorded" in text


def test_school_page_links_to_its_website_over_the_web_only(client: Client, oakham: School) -> None:
    html = _get(client, "school_detail", 103950).content.decode()
    assert 'href="http://www.oakham.sandwell.sch.uk"' in html
    oakham.website = "javascript:alert(1)"
    oakham.save(update_fields=("website",))
    html = _get(client, "school_detail", 103950).content.decode()
    assert 'href="javascript' not in html


def test_school_page_of_an_unknown_urn_is_not_found(client: Client) -> None:
    assert _get(client, "school_detail", 999999).status_code == 404


def test_school_page_shows_trust_sponsor_and_federation_fields(
    client: Client, sandwell: LocalAuthority
) -> None:
    SecondarySchoolFactory(la=sandwell, urn=136616, federations_name="Sandwell Federation")
    text = page_text(_get(client, "school_detail", 136616))
    assert "Trust Black Country Learning Trust" in text
    assert "Sponsor name Black Country Learning Trust" in text
    assert "Federation name Sandwell Federation" in text


def test_school_page_lists_its_statutory_groups_with_dates(client: Client, oakham: School) -> None:
    GroupLinkFactory(
        school=oakham,
        group=StatutoryGroupFactory(name="Oldbury Trust"),
        joined_date=date(2016, 1, 1),
    )
    EndedGroupLinkFactory(school=oakham, group=FederationFactory(name="Oldbury Federation"))
    text = page_text(_get(client, "school_detail", 103950))
    assert "Oldbury Trust Multi-academy trust 1 January 2016 Still a member" in text
    assert "Oldbury Federation Federation 1 April 2015 31 March 2018" in text


def test_school_page_lists_current_and_past_networks_with_roles(
    client: Client, oakham: School
) -> None:
    triad = IllustrativeNetworkFactory(name="Oldbury Triad")
    CoordinatorMembershipFactory(network=triad, school=oakham)
    cluster = NetworkFactory(name="Bearwood Reading Cluster", kind="cluster")
    PastMembershipFactory(network=cluster, school=oakham, role="lead")
    response = _get(client, "school_detail", 103950)
    text = page_text(response)
    assert "Oldbury Triad Illustrative Triad Co-ordinating school 1 September 2017" in text
    assert "Bearwood Reading Cluster Lead school 1 September 2017 20 July 2018" in text
    assert "Bearwood Reading Cluster Illustrative" not in text
    assert reverse("network_detail", args=[triad.pk]) in response.content.decode()


def test_school_page_shows_its_change_history(client: Client, oakham: School) -> None:
    run = ImportRunFactory(file_name="edubasealldata20180901.csv")
    SchoolChangeFactory(
        school=oakham,
        run=run,
        changes={"ofsted_rating": ["Good", "Outstanding"], "pupils": [None, 398]},
    )
    text = page_text(_get(client, "school_detail", 103950))
    assert "1 September 2018: GIAS establishments import (edubasealldata20180901.csv)" in text
    assert "Pupils Not recorded 398" in text
    assert "Ofsted rating Good Outstanding" in text


def test_school_page_without_changes_says_so(client: Client, oakham: School) -> None:
    text = page_text(_get(client, "school_detail", 103950))
    assert "No import has changed this school's record" in text


def test_school_page_maps_the_school_when_it_has_a_location(client: Client, oakham: School) -> None:
    response = _get(client, "school_detail", 103950)
    html = response.content.decode()
    assert 'data-geojson-id="school-geojson"' in html
    assert '<script id="school-geojson" type="application/json">' in html
    assert response.context["geojson"]["features"][0]["properties"]["urn"] == 103950


def test_school_page_without_a_location_has_no_map(
    client: Client, sandwell: LocalAuthority
) -> None:
    SchoolFactory(la=sandwell, urn=103951, unlocated=True)
    response = _get(client, "school_detail", 103951)
    assert "data-sw-map" not in response.content.decode()
    assert "GIAS gives no location for this school" in page_text(response)
    assert OSM not in page_text(response)


def test_school_page_takes_a_bounded_number_of_queries(
    client: Client, oakham: School, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(3):
        GroupLinkFactory(school=oakham)
        MembershipFactory(school=oakham, network=IllustrativeNetworkFactory())
        PastMembershipFactory(school=oakham)
        SchoolChangeFactory(school=oakham)
    # The register's 5 and the apps' sections: performance data 6 the first time (1 once kept
    # in the cache), resources 1, knowledge 1.
    with django_assert_max_num_queries(13):
        _get(client, "school_detail", 103950)


# Who sees which networks on LA and school pages


def _networks_listed(cast: Cast, response: Any) -> set[str]:
    html = response.content.decode()
    return {
        name
        for name in NETWORKS
        if reverse("network_detail", args=[getattr(cast, name).pk]) in html
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("code", "owned"),
    [("333", {"published_a", "unpublished_a"}), ("332", {"published_b", "unpublished_b"})],
)
def test_la_page_lists_only_the_networks_the_viewer_may_see(
    cast: Cast, role: str, code: str, owned: set[str]
) -> None:
    response = _get(cast.client(role), "la_detail", code)
    assert response.status_code == 200
    assert _networks_listed(cast, response) == owned & SEES[role]
    text = page_text(response)
    for name in owned - SEES[role]:
        assert getattr(cast, name).name not in text


@pytest.mark.parametrize("role", ROLES)
def test_school_page_lists_only_memberships_of_networks_the_viewer_may_see(
    cast: Cast, role: str
) -> None:
    for name in ("unpublished_a", "published_b"):
        MembershipFactory(network=getattr(cast, name), school=cast.school_a)
    PastMembershipFactory(network=cast.unpublished_b, school=cast.school_a)
    response = _get(cast.client(role), "school_detail", cast.school_a.urn)
    assert response.status_code == 200
    assert _networks_listed(cast, response) == SEES[role]
    text = page_text(response)
    for name in set(NETWORKS) - SEES[role]:
        assert getattr(cast, name).name not in text


def test_la_page_tags_networks_that_are_not_published(cast: Cast) -> None:
    text = page_text(_get(cast.client("officer_a"), "la_detail", "333"))
    assert "Tipton Proposed Triad Not published Triad 1 Active" in text
    assert "Oldbury Triad Not published" not in text
    assert "Networks tagged not published are not in the public directory" in text


def test_school_page_tags_networks_that_are_not_published(cast: Cast) -> None:
    MembershipFactory(network=cast.unpublished_a, school=cast.school_a)
    text = page_text(_get(cast.client("leader"), "school_detail", cast.school_a.urn))
    assert "Tipton Proposed Triad Not published Triad Member" in text
    assert "Oldbury Triad Not published" not in text


def test_la_page_of_a_signed_in_officer_takes_a_bounded_number_of_queries(
    cast: Cast, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(3):
        MembershipFactory.create_batch(3, network=NetworkFactory(owner_las=[cast.la_a]))
    client = cast.client("officer_a")
    # The public page's 25, the session and user, the viewer's roles (3), and what only
    # officers see (local knowledge, the LA's own unpublished networks).
    with django_assert_max_num_queries(31):
        _get(client, "la_detail", "333")
