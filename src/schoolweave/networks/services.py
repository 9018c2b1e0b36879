"""Writes to the network register."""

from dataclasses import dataclass

from django.db import transaction

from schoolweave.core.networks.sheet import NetworkPlan
from schoolweave.core.networks.vocabulary import NetworkStatus
from schoolweave.networks.models import LearningFocus, Membership, Network
from schoolweave.register.models import LocalAuthority


@dataclass(frozen=True)
class NetworksImportCounts:
    networks_added: int = 0
    memberships_added: int = 0
    memberships_changed: int = 0
    memberships_unchanged: int = 0


@transaction.atomic
def networks_import(
    *, plans: list[NetworkPlan], illustrative: bool = False
) -> NetworksImportCounts:
    """Create or update networks and memberships from a checked sheet. Re-importing the same
    sheet changes nothing; memberships the sheet does not mention are left alone."""
    focuses = {focus.slug: focus for focus in LearningFocus.objects.all()}
    counts = NetworksImportCounts()
    for plan in plans:
        network, created = _network_for(plan, illustrative)
        network.learning_focuses.add(*(focuses[slug] for slug in plan.learning_focuses))
        added, changed, unchanged = _sync_memberships(network, plan)
        counts = NetworksImportCounts(
            networks_added=counts.networks_added + created,
            memberships_added=counts.memberships_added + added,
            memberships_changed=counts.memberships_changed + changed,
            memberships_unchanged=counts.memberships_unchanged + unchanged,
        )
    return counts


def _network_for(plan: NetworkPlan, illustrative: bool) -> tuple[Network, bool]:
    network = Network.objects.filter(name__iexact=plan.name, owner_las__code=plan.la).first()
    if network is not None:
        return network, False
    joined = [row.joined for row in plan.memberships]
    still_in = [row for row in plan.memberships if row.left is None]
    network = Network.objects.create(
        name=plan.name,
        kind=plan.kind,
        status=NetworkStatus.ACTIVE if still_in else NetworkStatus.ENDED,
        start_date=min(joined),
        end_date=None if still_in else max(row.left for row in plan.memberships if row.left),
        is_illustrative=illustrative,
    )
    network.owner_las.add(*LocalAuthority.objects.filter(code=plan.la))
    return network, True


def _sync_memberships(network: Network, plan: NetworkPlan) -> tuple[int, int, int]:
    existing = {(m.school_id, m.joined): m for m in network.memberships.all()}
    added = changed = unchanged = 0
    for row in plan.memberships:
        membership = existing.get((row.urn, row.joined))
        if membership is None:
            Membership.objects.create(
                network=network, school_id=row.urn, role=row.role, joined=row.joined, left=row.left
            )
            added += 1
        elif (membership.role, membership.left) != (row.role, row.left):
            membership.role, membership.left = row.role, row.left
            membership.full_clean()
            membership.save(update_fields=("role", "left"))
            changed += 1
        else:
            unchanged += 1
    return added, changed, unchanged
