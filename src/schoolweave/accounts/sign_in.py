"""Signing in and out, in the audit log, and the client address sign-in throttling counts by.

Every sign-in, sign-out, failed sign-in and lockout is an audit entry about the account (admin:
Audit log, filtered by action). Django's authentication signals are the one place all of them
pass, whichever view or client signed in. The password is never read: Django replaces it in
`credentials` before the signal is sent, and only the username is used. A failed sign-in for
a username that has no account is recorded without that username, as people type passwords
into the username field.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from schoolweave.audit.models import AuditEntry
from schoolweave.audit.services import audit_record

SIGN_IN = "sign_in"
SIGN_OUT = "sign_out"
SIGN_IN_FAILED = "sign_in.failed"
LOCKED_OUT = "sign_in.locked_out"
UNKNOWN_ACCOUNT = "an account that does not exist"


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the one the nearest of SCHOOLWEAVE_PROXY_COUNT trusted proxies
    appended to X-Forwarded-For (what a client sends itself is to the left of those), else
    the address of the connection."""
    count: int = settings.SCHOOLWEAVE_PROXY_COUNT
    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if count and len(addresses) >= count:
        return addresses[-count]
    address: str | None = request.META.get("REMOTE_ADDR")
    return address or None


def signed_in(
    *, sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **_: Any
) -> None:
    _record(action=SIGN_IN, actor=user, account=user)


def signed_out(
    *, sender: Any, request: HttpRequest | None, user: AbstractBaseUser | None, **_: Any
) -> None:
    if user is not None:
        _record(action=SIGN_OUT, actor=user, account=user)


def sign_in_failed(*, sender: Any, credentials: dict[str, Any], **_: Any) -> None:
    _record(action=SIGN_IN_FAILED, actor=None, account=_account(credentials))


def locked_out(*, sender: Any, username: str | None = None, **_: Any) -> None:
    _record(action=LOCKED_OUT, actor=None, account=_account({"username": username}))


def _account(credentials: dict[str, Any]) -> AbstractBaseUser | None:
    model = get_user_model()
    username = credentials.get(model.USERNAME_FIELD)
    if not isinstance(username, str) or not username:
        return None
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


def _record(
    *, action: str, actor: AbstractBaseUser | None, account: AbstractBaseUser | None
) -> None:
    if account is not None:
        audit_record(actor=actor, action=action, obj=account, las=(), before=None, after=None)
        return
    AuditEntry.objects.create(
        at=timezone.now(),
        actor_label="anonymous",
        action=action,
        object_type="user",
        object_id="",
        object_repr=UNKNOWN_ACCOUNT,
    )
