"""Signing in: every sign-in, sign-out and failed sign-in in the audit log, and the lockout
after repeated failures (django-axes, on in tests as in production)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client, RequestFactory, override_settings

from schoolweave.accounts import sign_in
from schoolweave.audit.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SIGN_IN_URL = "/account/sign-in/"
WRONG = "not-the-password-at-all"


def _sign_in(client: Client, username: str, password: str, address: str = "192.0.2.1") -> int:
    response = client.post(
        SIGN_IN_URL, {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response.status_code


def _actions() -> list[tuple[str, str, str]]:
    return list(
        AuditEntry.objects.order_by("pk").values_list("action", "actor_label", "object_repr")
    )


@pytest.fixture
def olu() -> User:
    return UserFactory(username="olu")


def test_a_sign_in_and_a_sign_out_are_recorded(olu: User) -> None:
    client = Client()

    assert _sign_in(client, "olu", PASSWORD) == 302
    client.post("/account/sign-out/")

    assert _actions() == [("sign_in", "olu", "olu"), ("sign_out", "olu", "olu")]
    entry = AuditEntry.objects.get(action="sign_in")
    assert (entry.actor, entry.object_type, entry.object_id) == (olu, "user", str(olu.pk))
    assert not entry.las.exists()  # not a change to any LA's networks


def test_a_failed_sign_in_is_recorded_against_the_account_without_the_password(
    olu: User,
) -> None:
    assert _sign_in(Client(), "olu", WRONG) == 200

    assert _actions() == [("sign_in.failed", "anonymous", "olu")]
    assert WRONG not in str(list(AuditEntry.objects.values()))


def test_a_failed_sign_in_to_no_account_does_not_keep_what_was_typed() -> None:
    _sign_in(Client(), "Tr0ub4dor&3-typed-in-the-wrong-box", WRONG)

    assert _actions() == [("sign_in.failed", "anonymous", sign_in.UNKNOWN_ACCOUNT)]
    assert "Tr0ub4dor" not in str(list(AuditEntry.objects.values()))


def test_five_failures_lock_the_account_out_from_that_address_for_half_an_hour(
    olu: User,
) -> None:
    client = Client()
    for _ in range(4):
        assert _sign_in(client, "olu", WRONG) == 200

    response = client.post(
        SIGN_IN_URL, {"username": "olu", "password": WRONG}, REMOTE_ADDR="192.0.2.1"
    )

    assert response.status_code == 429
    assert b"Sign-in locked for now" in response.content
    assert _sign_in(client, "olu", PASSWORD) == 429  # even with the right password
    assert _sign_in(Client(), "olu", PASSWORD, address="198.51.100.9") == 302
    assert [action for action, *_ in _actions()].count("sign_in.locked_out") >= 1


def test_a_successful_sign_in_clears_the_count_of_failures(olu: User) -> None:
    client = Client()
    for _ in range(4):
        _sign_in(client, "olu", WRONG)

    assert _sign_in(client, "olu", PASSWORD) == 302
    assert not AccessAttempt.objects.exists()


@override_settings(SCHOOLWEAVE_PROXY_COUNT=1)
def test_behind_a_proxy_the_client_is_the_address_the_proxy_added() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )

    assert sign_in.client_address(request) == "203.0.113.5"


def test_without_a_proxy_the_client_is_the_connection() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert sign_in.client_address(request) == "10.0.0.2"
