"""The permission rules, role by role, on the shared cast."""

import pytest

from schoolweave.accounts.permissions import (
    PUBLIC,
    can_edit_network,
    can_manage_la,
    can_manage_network,
    can_see_contacts,
    can_see_network,
    networks_visible,
    viewer_of,
)
from schoolweave.networks.models import Network
from tests.conftest import ROLES, Cast

pytestmark = pytest.mark.django_db

# Which of the cast's networks each role may see.
SEES = {
    "officer_a": {"published_a", "unpublished_a", "published_b"},
    "colleague_a": {"published_a", "unpublished_a", "published_b"},
    "officer_b": {"published_a", "published_b", "unpublished_b"},
    "leader": {"published_a", "unpublished_a", "published_b"},
    "school_user": {"published_a", "published_b"},
    "public": {"published_a", "published_b"},
}
NETWORKS = ("published_a", "unpublished_a", "published_b", "unpublished_b")


def _viewer(cast: Cast, role: str):  # type: ignore[no-untyped-def]
    user = cast.user(role)
    return PUBLIC if user is None else viewer_of(user)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_exactly_its_networks(cast: Cast, role: str) -> None:
    who = _viewer(cast, role)
    names = {getattr(cast, n).name: n for n in NETWORKS}
    visible = {names[n.name] for n in networks_visible(who, Network.objects.all())}
    assert visible == SEES[role]
    assert {n for n in NETWORKS if can_see_network(who, getattr(cast, n))} == SEES[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_an_owning_officer_manages_and_a_leader_edits_their_own(cast: Cast, role: str) -> None:
    who = _viewer(cast, role)
    manages = {n for n in NETWORKS if can_manage_network(who, getattr(cast, n))}
    edits = {n for n in NETWORKS if can_edit_network(who, getattr(cast, n))}
    expected_manage = {
        "officer_a": {"published_a", "unpublished_a"},
        "colleague_a": {"published_a", "unpublished_a"},
        "officer_b": {"published_b", "unpublished_b"},
    }.get(role, set())
    assert manages == expected_manage
    assert edits == expected_manage | ({"unpublished_a"} if role == "leader" else set())


@pytest.mark.parametrize("role", ROLES)
def test_contacts_need_a_sign_in_and_las_are_managed_by_their_officers(
    cast: Cast, role: str
) -> None:
    who = _viewer(cast, role)
    assert can_see_contacts(who) == (role != "public")
    assert can_manage_la(who, "333") == (role in {"officer_a", "colleague_a"})
    assert can_manage_la(who, "332") == (role == "officer_b")
