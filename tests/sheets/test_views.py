"""Sheet pages: who may open each, and what the form does with good and bad input."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from schoolweave.core.networks.identification import Member, SheetContent
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind
from schoolweave.sheets import forms as sheet_forms
from schoolweave.sheets import services
from schoolweave.sheets.models import IdentificationSheet
from tests.conftest import ROLES, Cast
from tests.factories import SchoolFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(cast: Cast) -> IdentificationSheet:
    content = SheetContent(
        name="Tipton Proposed Triad",
        kind=NetworkKind.TRIAD,
        members=(Member(cast.school_a.urn, MembershipRole.COORDINATOR, cast.school_a.name),),
        la="333",
    )
    return services.sheet_submit(actor=cast.leader, content=content, network=cast.unpublished_a)


def _status(client: Client, url: str, method: str = "get", **data: Any) -> int:
    response = getattr(client, method)(url, data)
    if response.status_code == 302 and "/account/sign-in/" in response["Location"]:
        return 401  # sent to sign in
    return int(response.status_code)


PAGES = {
    # page: {role: status}; a role not named gets the "other" status.
    "sheet_new": {"public": 401, "other": 200},
    "network_sheet": {
        "officer_a": 200,
        "colleague_a": 200,
        "leader": 200,
        "public": 401,
        "other": 404,
    },
    "sheet_detail": {
        "officer_a": 200,
        "colleague_a": 200,
        "leader": 200,
        "public": 401,
        "other": 404,
    },
    "sheet_edit": {"leader": 200, "public": 401, "other": 404},
    "review_queue": {
        "officer_a": 200,
        "colleague_a": 200,
        "officer_b": 200,
        "public": 401,
        "other": 404,
    },
}


def _url(page: str, cast: Cast, sheet: IdentificationSheet) -> str:
    if page == "network_sheet":
        return reverse(page, args=[cast.unpublished_a.pk])
    if page in ("sheet_detail", "sheet_edit"):
        return reverse(page, args=[sheet.pk])
    return reverse(page)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_who_may_open_each_sheet_page(
    cast: Cast, sheet: IdentificationSheet, role: str, page: str
) -> None:
    expected = PAGES[page].get(role, PAGES[page]["other"])
    assert _status(cast.client(role), _url(page, cast, sheet)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_las_officers_may_review(
    cast: Cast, sheet: IdentificationSheet, role: str
) -> None:
    url = reverse("sheet_review", args=[sheet.pk])
    status = _status(
        cast.client(role), url, "post", decision="changes_requested", comment="Add a leader"
    )
    expected = {"officer_a": 302, "colleague_a": 302, "public": 401}.get(role, 404)
    assert status == expected
    sheet.refresh_from_db()
    reviewed = role in ("officer_a", "colleague_a")
    assert sheet.status == ("changes_requested" if reviewed else "submitted")


def _sheet_data(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Rowley Triad",
        "kind": "triad",
        "la": "333",
        "purpose": "",
        "members-count": "3",
        "members-0-school": "Oakham Primary School",
        "members-0-role": "coordinator",
        "members-1-school": "103980",
        "members-1-role": "partner",
        "members-2-school": "",
        "members-2-role": "member",
        "leaders-count": "1",
        "leaders-0-name": "",
        "leaders-0-job_title": "",
        "leaders-0-email": "",
    }
    return {**data, **overrides}


def test_a_leader_sends_a_sheet_and_sees_it_waiting(cast: Cast) -> None:
    SchoolFactory(la=cast.la_a, urn=103980)
    client = cast.client("leader")
    response = client.post(reverse("sheet_new"), _sheet_data(), follow=True)
    assert "Your sheet has been sent to Sandwell for review" in page_text(response)
    sheet = IdentificationSheet.objects.get()
    assert sheet.status == "submitted"
    assert [m["urn"] for m in sheet.versions.get().content["members"]] == [103950, 103980]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, sheet_forms.NAME_REQUIRED),
        ({"kind": ""}, sheet_forms.KIND_REQUIRED),
        ({"members-0-school": "Nowhere Academy"}, sheet_forms.SCHOOL_NOT_FOUND),
        ({"members-1-school": "103950"}, sheet_forms.SCHOOL_TWICE),
        ({"members-0-school": "", "members-1-school": ""}, sheet_forms.MEMBERS_REQUIRED),
        ({"leaders-0-email": "head@example.org"}, sheet_forms.LEADER_NAME_REQUIRED),
        (
            {"start_date_0": "31", "start_date_1": "2", "start_date_2": "2025"},
            "Start date must be a real date",
        ),
    ],
)
def test_the_form_explains_each_problem_and_saves_nothing(
    cast: Cast, overrides: dict[str, str], message: str
) -> None:
    SchoolFactory(la=cast.la_a, urn=103980)
    response = cast.client("leader").post(reverse("sheet_new"), _sheet_data(**overrides))
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert message in text
    assert not IdentificationSheet.objects.exists()


def test_a_name_two_schools_share_asks_for_the_urn(cast: Cast) -> None:
    SchoolFactory(la=cast.la_a, urn=103980)
    SchoolFactory(la=cast.la_b, urn=140001, name="Oakham Primary School")
    response = cast.client("leader").post(reverse("sheet_new"), _sheet_data())
    expected = (
        "More than one school has this name: enter its URN (140001 in Dudley, 103950 in Sandwell)"
    )
    assert expected in page_text(response)


def test_add_another_school_adds_a_row_without_complaining(cast: Cast) -> None:
    response = cast.client("leader").post(
        reverse("sheet_new"), _sheet_data(name="", add_member="1")
    )
    text = page_text(response)
    assert "There is a problem" not in text
    assert "School 4" in text
    assert 'value="Oakham Primary School"' in response.content.decode()


def test_a_network_leader_starts_from_the_network_as_it_is(cast: Cast) -> None:
    response = cast.client("leader").get(reverse("network_sheet", args=[cast.unpublished_a.pk]))
    html = response.content.decode()
    assert 'value="Tipton Proposed Triad"' in html
    assert "Update Tipton Proposed Triad" in page_text(response)
