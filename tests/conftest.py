"""Fixtures shared across the test suite; factories are in tests/factories.py."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from schoolweave.evidence import figures as evidence_figures
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority, School
from tests.factories import (
    LAOfficerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NetworkFactory,
    SchoolFactory,
    SchoolUserFactory,
    UnpublishedNetworkFactory,
    UserFactory,
    leader_of,
)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: computed sections from one test's data must not
    show in the next (keys stamped by import ids can repeat after a rollback)."""
    cache.clear()
    evidence_figures.forget_lineage()


# The permission cast, as healthchecks has Alice, Bob and Charlie. Parametrise access tests
# over ROLES; `cast.client(role)` is a client signed in as that role ("public": anonymous).
ROLES = ("officer_a", "colleague_a", "officer_b", "leader", "school_user", "public")


@dataclass
class Cast:
    la_a: LocalAuthority  # Sandwell
    la_b: LocalAuthority  # Dudley
    officer_a: User
    colleague_a: User
    officer_b: User
    leader: User  # leads unpublished_a
    school_user: User  # responds for school_a
    school_a: School
    published_a: Network
    unpublished_a: Network
    published_b: Network
    unpublished_b: Network

    def user(self, role: str) -> User | None:
        return None if role == "public" else getattr(self, role)

    def client(self, role: str) -> Client:
        client = Client()
        user = self.user(role)
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def cast(db: None) -> Cast:
    la_a = LocalAuthorityFactory(code="333", name="Sandwell")
    la_b = LocalAuthorityFactory(code="332", name="Dudley")
    school_a = SchoolFactory(la=la_a, name="Oakham Primary School", urn=103950)
    networks = {
        "published_a": NetworkFactory(name="Oldbury Triad", owner_las=[la_a]),
        "unpublished_a": UnpublishedNetworkFactory(name="Tipton Proposed Triad", owner_las=[la_a]),
        "published_b": NetworkFactory(name="Halesowen Cluster", owner_las=[la_b]),
        "unpublished_b": UnpublishedNetworkFactory(name="Dudley Draft Hub", owner_las=[la_b]),
    }
    for network in networks.values():
        MembershipFactory(network=network)
    MembershipFactory(network=networks["published_a"], school=school_a)
    leader = UserFactory(username="leader")
    leader_of(networks["unpublished_a"], leader)
    return Cast(
        la_a=la_a,
        la_b=la_b,
        officer_a=LAOfficerFactory(user__username="officer_a", la=la_a).user,
        colleague_a=LAOfficerFactory(user__username="colleague_a", la=la_a).user,
        officer_b=LAOfficerFactory(user__username="officer_b", la=la_b).user,
        leader=leader,
        school_user=SchoolUserFactory(user__username="school_user", school=school_a).user,
        school_a=school_a,
        **networks,
    )


@pytest.fixture
def sandwell(db: None) -> LocalAuthority:
    """The demo's local authority, with a boundary."""
    return LocalAuthorityFactory(
        code="333",
        name="Sandwell",
        region="West Midlands",
        gss_code="E08000028",
        with_boundary=True,
    )
