"""Writes to the expertise register. Every change is audited in the same transaction."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from schoolweave.audit.services import Actor, audit_record, snapshot
from schoolweave.core.knowledge.expertise import (
    ComputedOffer,
    ComputedStrength,
    offers_from_strengths,
)
from schoolweave.core.knowledge.vocabulary import EvidenceKind, Phase
from schoolweave.knowledge.models import Expertise
from schoolweave.networks.models import LearningFocus, Network
from schoolweave.register.models import School

EXPERTISE_AUDITED = (
    "school",
    "network",
    "focus",
    "phase",
    "title",
    "description",
    "person_name",
    "person_role",
    "evidence",
    "evidence_text",
    "evidence_date",
    "evidence_year",
    "is_public",
)
COMPUTED_TITLE = "{focus} at {phase}: a strength in the performance data"


@dataclass(frozen=True)
class ExpertiseFields:
    """What a school or network says it can offer. For a computed strength only `is_public`,
    `description` and the person change: the evidence is the data's."""

    focus: LearningFocus
    phase: Phase
    title: str
    description: str = ""
    person_name: str = ""
    person_role: str = ""
    evidence_text: str = ""
    evidence_date: date | None = None
    is_public: bool = False


@dataclass(frozen=True)
class ComputedCounts:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0


def _network_la(network: Network) -> str:
    owner = network.owner_las.order_by("code").first()
    if owner is None:
        raise ValueError(f"Network {network.pk} has no owner local authority")
    return owner.code


def _audit(actor: Actor, action: str, item: Expertise, before: dict[str, object] | None) -> None:
    after = snapshot(item, EXPERTISE_AUDITED) if action != "expertise.delete" else None
    if before is not None and after is not None:
        changed = [k for k in after if after[k] != before.get(k)]
        if not changed:
            return
        before = {k: before[k] for k in changed}
        after = {k: after[k] for k in changed}
    audit_record(
        actor=actor,
        action=action,
        obj=item,
        las=[item.la_id],
        network_id=item.network_id,
        before=before,
        after=after,
    )


@transaction.atomic
def expertise_create(
    *,
    actor: Actor,
    fields: ExpertiseFields,
    school: School | None = None,
    network: Network | None = None,
    now: datetime | None = None,
) -> Expertise:
    now = now or timezone.now()
    la = school.la_id if school is not None else _network_la(network) if network else ""
    item = Expertise(
        school=school,
        network=network,
        la_id=la,
        focus=fields.focus,
        phase=fields.phase,
        title=fields.title.strip(),
        description=fields.description.strip(),
        person_name=fields.person_name.strip(),
        person_role=fields.person_role.strip(),
        evidence=EvidenceKind.DESCRIBED,
        evidence_text=fields.evidence_text.strip(),
        evidence_date=fields.evidence_date or timezone.localdate(now),
        is_public=fields.is_public,
        created_at=now,
        updated_at=now,
    )
    item.full_clean()
    item.save()
    _audit(actor, "expertise.create", item, None)
    return item


@transaction.atomic
def expertise_update(
    *, actor: Actor, expertise: Expertise, fields: ExpertiseFields, now: datetime | None = None
) -> Expertise:
    before = snapshot(expertise, EXPERTISE_AUDITED)
    expertise.description = fields.description.strip()
    expertise.person_name = fields.person_name.strip()
    expertise.person_role = fields.person_role.strip()
    expertise.is_public = fields.is_public
    changed = ["description", "person_name", "person_role", "is_public", "updated_at"]
    if not expertise.is_computed:
        expertise.focus = fields.focus
        expertise.phase = fields.phase
        expertise.title = fields.title.strip()
        expertise.evidence_text = fields.evidence_text.strip()
        expertise.evidence_date = fields.evidence_date or expertise.evidence_date
        changed += ["focus", "phase", "title", "evidence_text", "evidence_date"]
    expertise.updated_at = now or timezone.now()
    expertise.full_clean()
    expertise.save(update_fields=changed)
    _audit(actor, "expertise.update", expertise, before)
    return expertise


@transaction.atomic
def expertise_delete(*, actor: Actor, expertise: Expertise) -> None:
    before = snapshot(expertise, EXPERTISE_AUDITED)
    audit_record(
        actor=actor,
        action="expertise.delete",
        obj=expertise,
        las=[expertise.la_id],
        network_id=expertise.network_id,
        before=before,
        after=None,
    )
    expertise.delete()


@transaction.atomic
def expertise_sync_computed(
    *,
    actor: Actor,
    la_code: str,
    strengths: Iterable[ComputedStrength],
    now: datetime | None = None,
) -> ComputedCounts:
    """Make the LA's schools' computed strengths those given (plain data: the integration
    point with the performance data). New ones are not public until the school chooses; a
    school's choice is kept when its strength is computed again; strengths the data no longer
    show are removed."""
    now = now or timezone.now()
    urns = set(School.objects.filter(la_id=la_code).values_list("urn", flat=True))
    offers = offers_from_strengths(s for s in strengths if s.urn in urns)
    focuses = {f.slug: f for f in LearningFocus.objects.filter(slug__in={o.focus for o in offers})}
    existing = {
        (e.school_id, e.focus.slug, e.phase): e
        for e in Expertise.objects.filter(
            la_id=la_code, evidence=EvidenceKind.COMPUTED, school__isnull=False
        ).select_related("focus")
    }
    added = updated = unchanged = 0
    for offer in offers:
        focus = focuses.get(offer.focus)
        if focus is None:
            continue  # the LA has removed this learning focus from its vocabulary
        item = existing.pop((offer.urn, offer.focus, offer.phase.value), None)
        if item is None:
            _computed_create(actor, la_code, focus, offer, now)
            added += 1
        elif (item.evidence_text, item.evidence_year, item.score) != (
            offer.reason,
            offer.year,
            offer.score,
        ):
            before = snapshot(item, EXPERTISE_AUDITED)
            item.evidence_text, item.evidence_year, item.score = (
                offer.reason,
                offer.year,
                offer.score,
            )
            item.evidence_date, item.updated_at = timezone.localdate(now), now
            item.save(
                update_fields=(
                    "evidence_text",
                    "evidence_year",
                    "score",
                    "evidence_date",
                    "updated_at",
                )
            )
            _audit(actor, "expertise.update", item, before)
            updated += 1
        else:
            unchanged += 1
    for item in existing.values():
        expertise_delete(actor=actor, expertise=item)
    return ComputedCounts(added, updated, len(existing), unchanged)


def _computed_create(
    actor: Actor, la_code: str, focus: LearningFocus, offer: ComputedOffer, now: datetime
) -> Expertise:
    item = Expertise(
        school_id=offer.urn,
        la_id=la_code,
        focus=focus,
        phase=offer.phase,
        title=COMPUTED_TITLE.format(focus=focus.name, phase=offer.phase.label.lower()),
        evidence=EvidenceKind.COMPUTED,
        evidence_text=offer.reason,
        evidence_date=timezone.localdate(now),
        evidence_year=offer.year,
        score=offer.score,
        is_public=False,
        created_at=now,
        updated_at=now,
    )
    item.full_clean()
    item.save()
    _audit(actor, "expertise.create", item, None)
    return item
