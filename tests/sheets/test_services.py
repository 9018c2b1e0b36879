"""Submitting, reviewing and applying identification sheets."""

from datetime import UTC, date, datetime

import pytest

from schoolweave.audit.models import AuditEntry
from schoolweave.core.networks.identification import Leader, Member, SheetContent
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind
from schoolweave.networks.models import Membership, NetworkContact
from schoolweave.sheets import services
from schoolweave.sheets.models import IdentificationSheet
from tests.conftest import Cast
from tests.factories import LearningFocusFactory, SchoolFactory

pytestmark = pytest.mark.django_db
MONDAY = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def partners(cast: Cast) -> None:
    LearningFocusFactory(slug="maths")
    SchoolFactory(la=cast.la_a, urn=103980, name="Rounds Green Primary School")
    SchoolFactory(la=cast.la_a, urn=103960, name="Tividale Hall Primary School")


def _triad(cast: Cast, **changes: object) -> SheetContent:
    content = SheetContent(
        name="Rowley Triad",
        kind=NetworkKind.TRIAD,
        purpose="Shared maths moderation",
        learning_focuses=("maths",),
        members=(
            Member(cast.school_a.urn, MembershipRole.COORDINATOR, cast.school_a.name),
            Member(103980, MembershipRole.PARTNER),
            Member(103960, MembershipRole.PARTNER),
        ),
        leaders=(Leader("Ann Leader", "Headteacher", "leader@example.gov.uk"),),
        start_date=date(2025, 9, 1),
        la="333",
    )
    return SheetContent(**{**content.__dict__, **changes})


def test_approving_a_new_network_publishes_it_as_the_sheet_says(cast: Cast) -> None:
    sheet = services.sheet_submit(actor=cast.leader, content=_triad(cast), network=None, now=MONDAY)
    network = services.sheet_approve(actor=cast.officer_a, sheet=sheet, now=MONDAY)
    assert network.is_published
    assert (network.name, network.kind, network.start_date) == (
        "Rowley Triad",
        "triad",
        date(2025, 9, 1),
    )
    assert [la.code for la in network.owner_las.all()] == ["333"]
    roles = dict(network.memberships.values_list("school_id", "role"))
    assert roles == {103950: "coordinator", 103980: "partner", 103960: "partner"}
    assert set(network.memberships.values_list("joined", flat=True)) == {date(2025, 9, 1)}
    sheet.refresh_from_db()
    assert (sheet.status, sheet.network) == ("approved", network)


def test_the_proposer_leads_the_network_they_proposed(cast: Cast) -> None:
    sheet = services.sheet_submit(actor=cast.leader, content=_triad(cast), network=None)
    network = services.sheet_approve(actor=cast.officer_a, sheet=sheet)
    leaders = NetworkContact.objects.filter(network=network, role="leader")
    # The sheet's leader has the proposer's email, so they are one person with an account.
    assert [(c.person.name, c.person.user) for c in leaders] == [("Ann Leader", cast.leader)]


def test_approving_an_update_keeps_membership_history(cast: Cast) -> None:
    sheet = services.sheet_submit(actor=cast.leader, content=_triad(cast), network=None)
    network = services.sheet_approve(actor=cast.officer_a, sheet=sheet, now=MONDAY)
    newcomer = SchoolFactory(la=cast.la_a, urn=103945)
    update = _triad(
        cast,
        members=(
            Member(cast.school_a.urn, MembershipRole.PARTNER, cast.school_a.name),
            Member(103980, MembershipRole.COORDINATOR),
            Member(newcomer.urn, MembershipRole.PARTNER),
        ),
    )
    later = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    second = services.sheet_submit(actor=cast.leader, content=update, network=network, now=later)
    services.sheet_approve(actor=cast.officer_a, sheet=second, now=later)

    history = {
        (m.school_id, m.role, m.joined, m.left) for m in Membership.objects.filter(network=network)
    }
    assert history == {
        (103950, "coordinator", date(2025, 9, 1), date(2026, 1, 5)),
        (103950, "partner", date(2026, 1, 5), None),
        (103980, "partner", date(2025, 9, 1), date(2026, 1, 5)),
        (103980, "coordinator", date(2026, 1, 5), None),
        (103960, "partner", date(2025, 9, 1), date(2026, 1, 5)),
        (103945, "partner", date(2026, 1, 5), None),
    }


def test_asking_for_changes_needs_a_comment_and_a_revision_goes_back_for_review(
    cast: Cast,
) -> None:
    sheet = services.sheet_submit(actor=cast.leader, content=_triad(cast), network=None)
    with pytest.raises(ValueError, match="Say what needs to change"):
        services.sheet_request_changes(actor=cast.officer_a, sheet=sheet, comment="  ")
    services.sheet_request_changes(actor=cast.officer_a, sheet=sheet, comment="Add a purpose")
    assert sheet.status == IdentificationSheet.Status.CHANGES_REQUESTED
    services.sheet_revise(actor=cast.leader, sheet=sheet, content=_triad(cast, purpose="Maths"))
    sheet.refresh_from_db()
    assert sheet.status == IdentificationSheet.Status.SUBMITTED
    assert [v.number for v in sheet.versions.all()] == [2, 1]
    assert sheet.versions.all()[0].content["purpose"] == "Maths"


def test_every_step_is_in_the_audit_log_of_the_la(cast: Cast) -> None:
    sheet = services.sheet_submit(actor=cast.leader, content=_triad(cast), network=None)
    services.sheet_approve(actor=cast.officer_a, sheet=sheet)
    actions = list(AuditEntry.objects.filter(las__code="333").values_list("action", flat=True))
    assert "sheet.submit" in actions
    assert "sheet.approved" in actions
    assert "network.create" in actions
    assert actions.count("membership.start") == 3
    assert "leader.add" in actions
    assert not AuditEntry.objects.filter(las__code="332").exists()
