"""The audit log page of an LA: only its officers read it; every change, who, when, before and
after, newest first, a page at a time, for the whole LA or one network."""

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schoolweave.audit.models import AuditEntry
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind
from schoolweave.networks.models import Membership, Network
from schoolweave.networks.services import membership_update, network_create, network_update
from schoolweave.networks.sheet_import import networks_import_file
from tests.conftest import ROLES, Cast
from tests.factories import SchoolFactory, UserFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

READS = {"333": {"officer_a", "colleague_a"}, "332": {"officer_b"}}


def _audit(client: Client, code: str = "333", **query: Any) -> Any:
    return client.get(reverse("la_audit", args=[code]), query)


def _changes(cast: Cast) -> None:
    """One change to a network of each LA, by its own officer."""
    network_update(actor=cast.officer_a, network=cast.published_a, purpose="Moderating maths")
    network_update(actor=cast.officer_b, network=cast.published_b, purpose="Writing at KS2")


@pytest.fixture
def superuser(db: None) -> User:
    return User.objects.create_superuser("root", "root@example.gov.uk", "x")


@pytest.fixture
def tipton_sheet(cast: Cast, tmp_path: Path) -> Path:
    """Sandwell's sheet: a new triad that Oakham co-ordinates, with a partner."""
    SchoolFactory(urn=103970, name="Tipton Green Junior School", la=cast.la_a)
    sheet = tmp_path / "sandwell.csv"
    sheet.write_text(
        "network,kind,urn,role,joined,left,learning_focus,la\n"
        "Tipton Triad,triad,103950,partner,2018-09-03,,maths,\n"
        "Tipton Triad,triad,103970,coordinator,2018-09-03,,maths,\n",
        encoding="utf-8",
    )
    return sheet


# Who may read it -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["333", "332"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_las_officers_read_its_audit_log(cast: Cast, role: str, code: str) -> None:
    _changes(cast)

    response = _audit(cast.client(role), code)

    if role in READS[code]:
        assert response.status_code == 200
        assert "Audit log" in page_text(response)
    else:
        assert response.status_code == 404
        assert "Audit log" not in page_text(response)


@pytest.mark.parametrize("code", ["333", "332"])
def test_a_superuser_reads_every_las_audit_log(cast: Cast, superuser: User, code: str) -> None:
    client = Client()
    client.force_login(superuser)

    assert _audit(client, code).status_code == 200


def test_an_la_that_does_not_exist_is_not_found_even_for_a_superuser(superuser: User) -> None:
    client = Client()
    client.force_login(superuser)

    assert _audit(client, "999").status_code == 404


def test_an_officer_never_sees_another_las_changes(cast: Cast) -> None:
    _changes(cast)

    text = page_text(_audit(cast.client("officer_a")))

    assert "Moderating maths" in text
    assert "Writing at KS2" not in text
    assert cast.published_b.name not in text
    assert "Showing 1 to 1 of 1 changes" in text


def test_a_network_of_another_la_shows_nothing_of_it(cast: Cast) -> None:
    _changes(cast)

    text = page_text(_audit(cast.client("officer_a"), network=cast.published_b.pk))

    assert "No changes are recorded for this network." in text
    assert "Writing at KS2" not in text


# What it shows -------------------------------------------------------------------------------


def test_it_shows_an_imported_membership_and_a_corrected_role(
    cast: Cast, tipton_sheet: Path
) -> None:
    with time_machine.travel(datetime(2018, 7, 20, 15, 30, tzinfo=UTC), tick=False):
        networks_import_file(tipton_sheet, actor="import-networks sandwell.csv")
    oakham = Membership.objects.get(network__name="Tipton Triad", school_id=103950)
    with time_machine.travel(datetime(2018, 11, 2, 9, 5, tzinfo=UTC), tick=False):
        membership_update(
            actor=cast.officer_a, membership=oakham, role=MembershipRole.LEAD, left=None
        )

    text = page_text(_audit(cast.client("colleague_a")))

    assert "Showing 1 to 4 of 4 changes" in text
    corrected = (
        "Membership corrected: Oakham Primary School in Tipton Triad (Lead school)"
        " Network page of Tipton Triad Changes to this network, Tipton Triad"
        " 2 November 2018, 09:05 by officer_a"
        " What changed Field Before After Role Partner Lead school"
    )
    joined = (
        "School joined: Oakham Primary School in Tipton Triad (Partner)"
        " Network page of Tipton Triad Changes to this network, Tipton Triad"
        " 20 July 2018, 16:30 by import-networks sandwell.csv"  # British Summer Time
        " Values recorded"
        " School Oakham Primary School (URN 103950) Role Partner Joined 3 September 2018"
    )
    created = (
        "Network added: Tipton Triad"
        " Network page of Tipton Triad Changes to this network, Tipton Triad"
        " 20 July 2018, 16:30 by import-networks sandwell.csv"
        " Values recorded Name Tipton Triad Kind Triad Status Active"
        " Started 3 September 2018 Published Yes Illustrative No"
        " Owner local authorities Sandwell (333) Learning focuses Maths"
    )
    assert corrected in text
    assert joined in text
    assert created in text
    assert text.index(corrected) < text.index(joined) < text.index(created)  # newest first


def test_it_narrows_to_one_network(cast: Cast) -> None:
    _changes(cast)
    network_update(actor=cast.officer_a, network=cast.unpublished_a, purpose="Tipton's plans")
    url = f"{reverse('la_audit', args=['333'])}?network={cast.unpublished_a.pk}"

    response = cast.client("officer_a").get(url)

    text = page_text(response)
    assert "Changes to Tipton Proposed Triad" in text
    assert "Tipton's plans" in text
    assert "Moderating maths" not in text
    assert "Showing 1 to 1 of 1 changes" in text
    html = response.content.decode()
    assert f'<option value="{cast.unpublished_a.pk}" selected>' in html
    assert f'href="{reverse("la_audit", args=["333"])}"' in html  # back to all networks


def test_each_entry_links_to_its_networks_changes(cast: Cast) -> None:
    _changes(cast)

    html = _audit(cast.client("officer_a")).content.decode()

    assert f"/la/333/audit/?network={cast.published_a.pk}" in html
    assert reverse("network_detail", args=[cast.published_a.pk]) in html


def test_a_filter_that_is_not_a_number_shows_every_change(cast: Cast) -> None:
    _changes(cast)

    response = _audit(cast.client("officer_a"), network="oldbury")

    assert response.status_code == 200
    assert "Moderating maths" in page_text(response)


def test_it_pages_through_the_log_newest_first(cast: Cast) -> None:
    for number in range(30):
        network_update(actor=cast.officer_a, network=cast.published_a, purpose=f"Version {number}")
    client = cast.client("officer_a")

    first, second = page_text(_audit(client)), page_text(_audit(client, page=2))

    assert "Showing 1 to 25 of 30 changes" in first
    assert "Showing 26 to 30 of 30 changes" in second
    assert _purposes_after(first) == list(range(29, 4, -1))
    assert _purposes_after(second) == [4, 3, 2, 1, 0]


def _purposes_after(text: str) -> list[int]:
    """The purpose each change on a page set, in the order shown: "Purpose <before> <after>"."""
    return [
        int(n)
        for n in re.findall(r"Purpose (?:Version \d+|Schools visit[^.]*\.) Version (\d+)", text)
    ]


def test_it_shows_that_nothing_is_recorded_yet(cast: Cast) -> None:
    text = page_text(_audit(cast.client("officer_a")))

    assert "No changes to Sandwell’s networks are recorded yet." in text  # noqa: RUF001


@pytest.mark.parametrize("entries", [3, 40])
def test_the_page_reads_a_fixed_number_of_queries(cast: Cast, entries: int) -> None:
    """Names (schools, LAs, learning focuses) are read once for the page, not per entry: the
    session and user, the viewer's roles (3), the LA, its networks, the count, the entries
    and the three kinds of name make 12, however many entries there are."""
    network = network_create(
        actor=cast.officer_a,
        name="Rowley Regis Learning Community",
        kind=NetworkKind.LEARNING_COMMUNITY,
        owner_las=["333"],
        learning_focuses=["maths", "reading"],
    )
    for number in range(entries):
        school = SchoolFactory(la=cast.la_a)
        membership = Membership.objects.create(
            network=network, school=school, role="member", joined=date(2019, 9, number % 28 + 1)
        )
        membership_update(
            actor=cast.officer_a, membership=membership, role=MembershipRole.LEAD, left=None
        )
    client = cast.client("officer_a")

    with CaptureQueriesContext(connection) as queries:
        response = _audit(client)

    assert response.status_code == 200
    assert len(queries) <= 12, "\n".join(q["sql"] for q in queries.captured_queries)


# The admin -----------------------------------------------------------------------------------


def test_the_admin_shows_the_log_read_only(cast: Cast, superuser: User) -> None:
    _changes(cast)
    client = Client()
    client.force_login(superuser)
    entry = AuditEntry.objects.first()
    assert entry is not None

    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    change = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_staff_without_superuser_rights_cannot_read_an_las_log(cast: Cast) -> None:
    staff = UserFactory(username="staff", is_staff=True)
    client = Client()
    client.force_login(staff)

    assert _audit(client).status_code == 404
    assert Network.objects.exists()
