"""Writes to the network register. Every change is recorded in the audit log, in the same
transaction."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from schoolweave.audit.services import Actor, audit_record, snapshot
from schoolweave.core.networks.sheet import NetworkPlan
from schoolweave.core.networks.vocabulary import (
    MembershipRole,
    NetworkContactRole,
    NetworkKind,
    NetworkStatus,
)
from schoolweave.networks.models import LearningFocus, Membership, Network, NetworkContact, Person
from schoolweave.register.models import LocalAuthority

NETWORK_AUDITED = (
    "name",
    "kind",
    "status",
    "purpose",
    "start_date",
    "end_date",
    "is_published",
    "is_illustrative",
    "partners",
    "initiatives",
)
MEMBERSHIP_AUDITED = ("school", "role", "joined", "left")


@dataclass(frozen=True)
class NetworksImportCounts:
    networks_added: int = 0
    memberships_added: int = 0
    memberships_changed: int = 0
    memberships_unchanged: int = 0


# Networks ------------------------------------------------------------------------------------


def network_create(
    *,
    actor: Actor,
    name: str,
    kind: NetworkKind,
    owner_las: Iterable[str],
    status: NetworkStatus = NetworkStatus.ACTIVE,
    purpose: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
    is_published: bool = False,
    is_illustrative: bool = False,
    partners: str = "",
    initiatives: str = "",
    learning_focuses: Iterable[str] = (),
) -> Network:
    network = Network(
        name=name,
        kind=kind,
        status=status,
        purpose=purpose,
        start_date=start_date,
        end_date=end_date,
        is_published=is_published,
        is_illustrative=is_illustrative,
        partners=partners,
        initiatives=initiatives,
    )
    network.full_clean()
    network.save()
    codes = list(owner_las)
    network.owner_las.add(*LocalAuthority.objects.filter(code__in=codes))
    network.learning_focuses.add(*LearningFocus.objects.filter(slug__in=list(learning_focuses)))
    audit_record(
        actor=actor,
        action="network.create",
        obj=network,
        las=codes,
        network_id=network.pk,
        before=None,
        after={**snapshot(network, NETWORK_AUDITED), **_relations(network)},
    )
    return network


def network_update(*, actor: Actor, network: Network, **changes: object) -> Network:
    """Change a network's own fields; `learning_focuses` (slugs) too. Records what changed."""
    before = {**snapshot(network, NETWORK_AUDITED), **_relations(network)}
    focuses = changes.pop("learning_focuses", None)
    for field, value in changes.items():
        setattr(network, field, value)
    network.full_clean()
    network.save(update_fields=tuple(changes) or None)
    if focuses is not None:
        network.learning_focuses.set(LearningFocus.objects.filter(slug__in=list(focuses)))  # type: ignore[call-overload]
    after = {**snapshot(network, NETWORK_AUDITED), **_relations(network)}
    if after != before:
        audit_record(
            actor=actor,
            action="network.update",
            obj=network,
            las=_owner_codes(network),
            network_id=network.pk,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
    return network


# Memberships ---------------------------------------------------------------------------------


def membership_start(
    *,
    actor: Actor,
    network: Network,
    urn: int,
    role: MembershipRole,
    joined: date | None,
    left: date | None = None,
) -> Membership:
    membership = Membership(network=network, school_id=urn, role=role, joined=joined, left=left)
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action="membership.start",
        obj=membership,
        las=_owner_codes(network),
        network_id=network.pk,
        before=None,
        after=snapshot(membership, MEMBERSHIP_AUDITED),
    )
    return membership


def membership_update(
    *, actor: Actor, membership: Membership, role: MembershipRole, left: date | None
) -> Membership:
    """Correct a membership's role or leaving date (a correction, as a sheet re-import makes)."""
    before = snapshot(membership, MEMBERSHIP_AUDITED)
    membership.role, membership.left = role, left
    membership.full_clean()
    membership.save(update_fields=("role", "left"))
    audit_record(
        actor=actor,
        action="membership.end" if before["left"] is None and left else "membership.update",
        obj=membership,
        las=_owner_codes(membership.network),
        network_id=membership.network_id,
        before=before,
        after=snapshot(membership, MEMBERSHIP_AUDITED),
    )
    return membership


def membership_end(*, actor: Actor, membership: Membership, left: date) -> Membership:
    return membership_update(
        actor=actor, membership=membership, role=MembershipRole(membership.role), left=left
    )


# Sheets of memberships (import-networks, load-demo) ------------------------------------------


@transaction.atomic
def networks_import(
    *, actor: Actor, plans: list[NetworkPlan], illustrative: bool = False
) -> NetworksImportCounts:
    """Create or update networks and memberships from a checked sheet. Re-importing the same
    sheet changes nothing; memberships the sheet does not mention are left alone. Networks an LA
    imports are its record, so they are published."""
    counts = NetworksImportCounts()
    for plan in plans:
        network, created = _network_for(actor, plan, illustrative)
        missing = set(plan.learning_focuses) - set(
            network.learning_focuses.values_list("slug", flat=True)
        )
        if missing and not created:
            focuses = set(network.learning_focuses.values_list("slug", flat=True)) | missing
            network_update(actor=actor, network=network, learning_focuses=focuses)
        added, changed, unchanged = _sync_memberships(actor, network, plan)
        counts = NetworksImportCounts(
            networks_added=counts.networks_added + created,
            memberships_added=counts.memberships_added + added,
            memberships_changed=counts.memberships_changed + changed,
            memberships_unchanged=counts.memberships_unchanged + unchanged,
        )
    return counts


def _network_for(actor: Actor, plan: NetworkPlan, illustrative: bool) -> tuple[Network, bool]:
    network = Network.objects.filter(name__iexact=plan.name, owner_las__code=plan.la).first()
    if network is not None:
        return network, False
    still_in = [row for row in plan.memberships if row.left is None]
    network = network_create(
        actor=actor,
        name=plan.name,
        kind=plan.kind,
        owner_las=[plan.la],
        status=NetworkStatus.ACTIVE if still_in else NetworkStatus.ENDED,
        start_date=min(row.joined for row in plan.memberships),
        end_date=None if still_in else max(row.left for row in plan.memberships if row.left),
        is_published=True,
        is_illustrative=illustrative,
        learning_focuses=plan.learning_focuses,
    )
    return network, True


def _sync_memberships(actor: Actor, network: Network, plan: NetworkPlan) -> tuple[int, int, int]:
    existing = {(m.school_id, m.joined): m for m in network.memberships.all()}
    added = changed = unchanged = 0
    for row in plan.memberships:
        membership = existing.get((row.urn, row.joined))
        if membership is None:
            membership_start(
                actor=actor,
                network=network,
                urn=row.urn,
                role=row.role,
                joined=row.joined,
                left=row.left,
            )
            added += 1
        elif (membership.role, membership.left) != (row.role, row.left):
            membership_update(actor=actor, membership=membership, role=row.role, left=row.left)
            changed += 1
        else:
            unchanged += 1
    return added, changed, unchanged


def _relations(network: Network) -> dict[str, list[str]]:
    return {
        "owner_las": sorted(la.code for la in network.owner_las.all()),
        "learning_focuses": sorted(f.slug for f in network.learning_focuses.all()),
    }


def _owner_codes(network: Network) -> list[str]:
    return [la.code for la in network.owner_las.all()]


# Leaders -------------------------------------------------------------------------------------


def network_leader_add(*, actor: Actor, network: Network, person: Person) -> NetworkContact:
    contact, created = NetworkContact.objects.get_or_create(
        network=network, person=person, role=NetworkContactRole.LEADER
    )
    if created:
        audit_record(
            actor=actor,
            action="leader.add",
            obj=contact,
            las=_owner_codes(network),
            network_id=network.pk,
            before=None,
            after={"person": person.name, "role": contact.role},
        )
    return contact


def network_leader_remove(*, actor: Actor, contact: NetworkContact) -> None:
    audit_record(
        actor=actor,
        action="leader.remove",
        obj=contact,
        las=_owner_codes(contact.network),
        network_id=contact.network_id,
        before={"person": contact.person.name, "role": contact.role},
        after=None,
    )
    contact.delete()
