"""Impact pages, the printable report and the CSV: what they show and who sees them."""

import csv
import io
import re

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries
from tests.conftest import ROLES, Cast
from tests.evidence.factories import PerformanceImportFactory
from tests.factories import MembershipFactory, NetworkFactory, UnpublishedNetworkFactory
from tests.impact.conftest import TRIAD_START, Scenario
from tests.impact.factories import school_with
from tests.pages import page_text

from schoolweave.impact.report import CSV_COLUMNS

pytestmark = pytest.mark.django_db

# Who may see an unpublished Sandwell network's impact: as its performance figures.
SEES_UNPUBLISHED_A = {"officer_a", "colleague_a", "leader"}
KIND_PAGE = "/la/333/impact/triad/?start_year=2019"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("suffix", ["impact/", "impact/report/", "impact.csv"])
def test_an_unpublished_networks_impact_follows_the_network(
    cast: Cast, role: str, suffix: str
) -> None:
    response = cast.client(role).get(f"/networks/{cast.unpublished_a.pk}/{suffix}")
    if suffix == "impact.csv":  # no figures, so nothing to download, but never a leak
        assert response.status_code == 404
        return
    assert response.status_code == (200 if role in SEES_UNPUBLISHED_A else 404)


def test_another_las_officer_never_sees_an_unpublished_network_in_a_cohort(
    scenario: Scenario,
) -> None:
    cast = scenario.cast
    hidden = UnpublishedNetworkFactory(
        name="Secret Draft Triad", owner_las=[cast.la_a], start_date=TRIAD_START
    )
    source = PerformanceImportFactory()
    for value in (-1.0, -0.5, 0.0):
        school_with(value, value + 3, la=cast.la_a, source=source, network=hidden)
    own = page_text(cast.client("officer_a").get(KIND_PAGE))
    other = page_text(cast.client("officer_b").get(KIND_PAGE))
    assert "12 in the cohort" in own and "9 in the cohort" in other
    assert "Secret Draft Triad" not in other
    officer_b_list = page_text(cast.client("officer_b").get("/la/333/impact/"))
    assert "Secret Draft Triad" not in officer_b_list


def test_a_cohort_of_triads_shows_the_estimate_beside_the_naive_figures(
    scenario: Scenario,
) -> None:
    text = page_text(Client().get(KIND_PAGE))
    assert "What Sandwell's triad networks achieved" in text
    assert "Estimated effect +" in text and "95% confidence interval" in text
    assert "Evidence rating" in text and " out of 5 padlocks" in text
    assert "Members 9 100% Not given" in text  # every member rose: the naive figure
    assert "Matched comparison schools" in text
    assert "In words, for a committee report" in text
    assert "Balance of members and comparison schools" in text
    assert "2018 Before" in text and "2019 After" in text
    assert "Member schools and their matched comparison schools" in text
    response = Client().get(KIND_PAGE)
    assert 'role="img"' in response.content.decode()  # the chart, with its text alternative


def test_one_network_alone_says_why_there_is_no_number(scenario: Scenario) -> None:
    text = page_text(Client().get(f"/networks/{scenario.triads[0].pk}/impact/"))
    assert "No estimate can be given:" in text
    assert "Estimated effect Not given" in text
    assert "No rating" in text
    # The naive figures still show, members beside their comparison schools.
    assert "of member schools improved" in text
    assert re.search(r"Members \d+ \d+%", text) and re.search(
        r"Matched comparison schools \d+ \d+%", text
    )


def test_a_tiny_cohort_shows_the_reason_and_no_number(cast: Cast) -> None:
    network = NetworkFactory(owner_las=[cast.la_a], start_date=TRIAD_START, kind="cluster")
    source = PerformanceImportFactory()
    school_with(-1.0, 1.0, la=cast.la_a, source=source, network=network)
    for value in range(-3, 3):
        school_with(value, value, la=cast.la_a, source=source)
    text = page_text(Client().get("/la/333/impact/cluster/?start_year=2019"))
    assert "No estimate can be given:" in text
    assert "Estimated effect Not given" in text
    assert "Not given: there are too few schools to publish them" in text


def test_a_network_that_started_before_the_figures_says_so(cast: Cast) -> None:
    source = PerformanceImportFactory()
    for value in (-1.0, 0.0):
        school_with(value, value, la=cast.la_a, source=source)
    text = page_text(Client().get(f"/networks/{cast.published_a.pk}/impact/"))
    assert "Oldbury Triad started in 2016/17" in text or "started in 2017/18" in text
    assert "there is no year before it started to compare with" in text


def test_a_bad_choice_is_shown_as_an_error(scenario: Scenario) -> None:
    response = Client().get("/la/333/impact/triad/?measure=ks2_maths_progress&start_year=1999")
    text = page_text(response)
    assert "There is a problem" in text
    assert "Choose a start year with figures before and after it" in text
    assert "Estimated effect" not in text


def test_the_csv_has_the_summary_balance_and_years(scenario: Scenario) -> None:
    response = Client().get("/la/333/impact/triad.csv?measure=ks2_maths_progress&start_year=2019")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == CSV_COLUMNS
    sections = {row["section"] for row in rows}
    assert {"summary", "rating", "naive", "balance", "year", "matched"} <= sections
    summary = {row["item"]: row["value"] for row in rows if row["section"] == "summary"}
    assert summary["measure"] == "ks2_maths_progress" and summary["n_cohort"] == "9"
    assert float(summary["ci_low"]) < float(summary["estimate"]) < float(summary["ci_high"])
    # Spreadsheet-safe: a negative number stays a number, text is never a formula.
    assert all(not row["note"].startswith(("=", "+", "@")) for row in rows)
    years = [row for row in rows if row["section"] == "year"]
    assert [(r["item"], r["year"]) for r in years] == [("before", "2018"), ("after", "2019")]


def test_the_printable_report_has_the_result_without_the_form(scenario: Scenario) -> None:
    text = page_text(Client().get("/la/333/impact/triad/report/?start_year=2019"))
    assert "Impact evaluation report" in text
    assert "Print command" in text
    assert "Estimated effect +" in text
    assert "Evaluate" not in text


def test_the_network_and_la_pages_link_to_impact(scenario: Scenario) -> None:
    triad = scenario.triads[0]
    network_page = Client().get(f"/networks/{triad.pk}/").content.decode()
    assert f'href="/networks/{triad.pk}/impact/"' in network_page
    assert 'href="/la/333/impact/triad/?start_year=2019"' in network_page
    la_page = Client().get("/la/333/").content.decode()
    assert 'href="/la/333/impact/"' in la_page
    listing = page_text(Client().get("/la/333/impact/"))
    assert "Triad, 2018/19 2018/19 9" in listing and "Maths Triad 1" in listing


def test_an_impact_page_is_read_from_the_cache_once_computed(
    scenario: Scenario, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    Client().get(KIND_PAGE)
    with django_assert_max_num_queries(14):
        response = Client().get(KIND_PAGE)
    assert "Estimated effect +" in page_text(response)


def test_a_new_membership_is_seen_at_once(scenario: Scenario) -> None:
    Client().get(KIND_PAGE)
    source = PerformanceImportFactory()
    newcomer = school_with(-2.0, 0.0, la=scenario.cast.la_a, source=source)
    MembershipFactory(network=scenario.triads[0], school=newcomer, joined=TRIAD_START)
    assert "10 in the cohort" in page_text(Client().get(KIND_PAGE))


@pytest.mark.parametrize(
    "path",
    [
        "/la/999/impact/",
        "/la/999/impact/triad/",
        "/la/333/impact/not_a_kind/",
        "/networks/999999/impact/",
        "/networks/999999/impact.csv",
    ],
)
def test_what_does_not_exist_is_not_found(cast: Cast, path: str) -> None:
    assert Client().get(path).status_code == 404
