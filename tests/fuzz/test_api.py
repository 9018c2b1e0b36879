"""schemathesis over the whole OpenAPI schema, as the public and as every role of the cast:
no server errors, status codes, content types and bodies as the schema says, and no response
to a role that may not see it shows anything of an unpublished network of LA 333.

The full run (marked fuzz) sends generated requests, valid and invalid, to every operation as
every role; the default run keeps a small smoke version, and the checks that the schema is the
one served and that the leak detector sees the network where it may be seen."""

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, Case, GenerationMode

from schoolweave.core.networks.vocabulary import MembershipRole
from schoolweave.networks.models import Network
from tests.conftest import ROLES, Cast
from tests.factories import (
    GroupLinkFactory,
    MembershipFactory,
    NetworkContactFactory,
    PersonFactory,
    SchoolFactory,
    UnpublishedNetworkFactory,
)
from tests.fuzz.api import (
    API_TALLY,
    CANARY,
    OPERATIONS,
    SCHEMA_DICT,
    checks_for,
    leaks,
    send,
    served_schema,
)

pytestmark = pytest.mark.django_db

# Who may see an unpublished network of LA 333 that they do not lead (accounts.permissions,
# networks_visible): its LA's officers only.
MAY_SEE_HIDDEN = {"officer_a", "colleague_a"}
BOTH = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
# The cast's fixture is made once per test, not per example: the API only reads.
api_settings = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


@pytest.fixture
def hidden(cast: Cast) -> Network:
    """An unpublished network of LA 333 whose every text field carries the canary word, with a
    school in no other network, school_a, and a contact; and a trust for school_a, so that
    every detail endpoint has something real to show."""
    network = UnpublishedNetworkFactory(
        name=f"{CANARY} Hidden Triad",
        purpose=f"{CANARY}: a draft nobody outside Sandwell's officers may see.",
        partners=f"{CANARY} Teaching School",
        initiatives=f"{CANARY} pilot",
        owner_las=[cast.la_a],
    )
    MembershipFactory(
        network=network,
        school=SchoolFactory(la=cast.la_a),
        role=MembershipRole.COORDINATOR.value,
    )
    MembershipFactory(network=network, school=cast.school_a)
    NetworkContactFactory(
        network=network,
        person=PersonFactory(name=f"Ada {CANARY}", email=f"{CANARY.lower()}@example.sch.uk"),
    )
    GroupLinkFactory(school=cast.school_a)
    return network


def _real_values(cast: Cast, hidden: Network) -> dict[str, list[Any]]:
    """Path parameters that name real things, so that detail endpoints answer 200 too."""
    link = cast.school_a.group_links.get()
    return {
        "code": [cast.la_a.code, cast.la_b.code],
        "urn": [cast.school_a.urn, *hidden.memberships.values_list("school_id", flat=True)],
        "uid": [link.group_id],
        "id": list(Network.objects.values_list("pk", flat=True)),
    }


def _cases(
    operation: APIOperation, real: dict[str, list[Any]], modes: tuple[GenerationMode, ...]
) -> st.SearchStrategy[Case]:
    strategies = [operation.as_strategy(generation_mode=mode) for mode in modes]
    names = [parameter.name for parameter in operation.path_parameters]
    if names:
        fixed = st.fixed_dictionaries({name: st.sampled_from(real[name]) for name in names})
        strategies.append(
            fixed.flatmap(lambda values: operation.as_strategy(path_parameters=values))
        )
    return st.one_of(strategies)


def _check(client: Client, role: str, case: Case, hidden: Network) -> None:
    response = send(client, case)
    API_TALLY.add(role, response.status_code)
    case.validate_response(response, checks=checks_for(case))
    if role not in MAY_SEE_HIDDEN:
        found = leaks(response.content, hidden)
        assert not found, f"{role} was shown {found} by {case.formatted_path}"


@pytest.mark.fuzz
@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("role", ROLES)
@settings(api_settings, max_examples=20)
@given(data=st.data())
def test_every_operation_as_every_role(
    cast: Cast, hidden: Network, role: str, operation: str, data: st.DataObject
) -> None:
    case = data.draw(_cases(OPERATIONS[operation], _real_values(cast, hidden), BOTH), label="case")
    _check(cast.client(role), role, case, hidden)


# The default run -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["public", "officer_b"])
@settings(api_settings, max_examples=10)
@given(data=st.data())
def test_smoke_every_operation(cast: Cast, hidden: Network, role: str, data: st.DataObject) -> None:
    operation = data.draw(st.sampled_from(sorted(OPERATIONS)), label="operation")
    modes = (GenerationMode.POSITIVE,)
    case = data.draw(_cases(OPERATIONS[operation], _real_values(cast, hidden), modes), label="case")
    _check(cast.client(role), role, case, hidden)


def test_the_fuzzed_schema_is_the_one_served(client: Client) -> None:
    assert served_schema(client) == SCHEMA_DICT


@pytest.mark.parametrize("role", ROLES)
def test_the_leak_check_sees_the_hidden_network_where_it_may_be_seen(
    cast: Cast, hidden: Network, role: str
) -> None:
    """The detector is not blind: the hidden network's officers are shown it, everyone else
    gets a 404 that says nothing of it."""
    response = cast.client(role).get(f"/api/networks/{hidden.pk}")
    if role in MAY_SEE_HIDDEN:
        assert response.status_code == 200
        assert leaks(response.content, hidden)
    else:
        assert response.status_code == 404
        assert not leaks(response.content, hidden)
