"""Recording changes. Services that change networks and memberships call audit_record inside
their transaction, so an entry exists exactly when the change does."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model
from django.forms.models import model_to_dict
from django.utils import timezone

from schoolweave.audit.models import AuditEntry
from schoolweave.register.models import LocalAuthority

Actor = AbstractBaseUser | AnonymousUser | str | None


def snapshot(obj: Model, fields: Sequence[str]) -> dict[str, Any]:
    """The audited fields of an object, as JSON-able values (foreign keys as their keys)."""
    return model_to_dict(obj, fields=fields)


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: Model,
    las: Iterable[str],
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    network_id: int | None = None,
) -> AuditEntry:
    user = actor if isinstance(actor, AbstractBaseUser) else None
    label = (
        str(actor) if actor is not None and not isinstance(actor, AnonymousUser) else "anonymous"
    )
    entry = AuditEntry.objects.create(
        at=timezone.now(),
        actor_id=user.pk if user is not None else None,
        actor_label=(user.get_username() if user is not None else label)[:200],
        action=action,
        object_type=obj._meta.model_name or "",
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        network_id=network_id,
        before=before,
        after=after,
    )
    entry.las.add(*LocalAuthority.objects.filter(code__in=list(las)))
    return entry
