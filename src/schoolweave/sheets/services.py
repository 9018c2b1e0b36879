"""Submitting, revising and reviewing identification sheets; approval applies a sheet to the
register through the network services, so every change it makes is audited and memberships keep
their history."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from schoolweave.audit.services import audit_record
from schoolweave.core.networks.identification import Leader, SheetContent, membership_changes
from schoolweave.core.networks.vocabulary import NetworkContactRole, NetworkStatus
from schoolweave.networks.models import Network, Person
from schoolweave.networks.services import (
    membership_end,
    membership_start,
    network_create,
    network_leader_add,
    network_leader_remove,
    network_update,
)
from schoolweave.sheets.models import IdentificationSheet, SheetReview, SheetVersion
from schoolweave.sheets.selectors import network_content

User = AbstractBaseUser
COMMENT_REQUIRED = "Say what needs to change, so the network can put it right"


@transaction.atomic
def sheet_submit(
    *, actor: User, content: SheetContent, network: Network | None, now: datetime | None = None
) -> IdentificationSheet:
    now = now or timezone.now()
    sheet = IdentificationSheet.objects.create(
        network=network,
        la_id=content.la,
        proposer_id=actor.pk,
        created_at=now,
        updated_at=now,
    )
    _add_version(actor, sheet, content, now)
    return sheet


@transaction.atomic
def sheet_revise(
    *, actor: User, sheet: IdentificationSheet, content: SheetContent, now: datetime | None = None
) -> SheetVersion:
    now = now or timezone.now()
    version = _add_version(actor, sheet, content, now)
    sheet.status, sheet.updated_at = IdentificationSheet.Status.SUBMITTED, now
    sheet.save(update_fields=("status", "updated_at"))
    return version


@transaction.atomic
def sheet_request_changes(
    *, actor: User, sheet: IdentificationSheet, comment: str, now: datetime | None = None
) -> SheetReview:
    return _decide(actor, sheet, SheetReview.Decision.CHANGES_REQUESTED, comment, now)


@transaction.atomic
def sheet_reject(
    *, actor: User, sheet: IdentificationSheet, comment: str, now: datetime | None = None
) -> SheetReview:
    return _decide(actor, sheet, SheetReview.Decision.REJECTED, comment, now)


@transaction.atomic
def sheet_approve(
    *, actor: User, sheet: IdentificationSheet, comment: str = "", now: datetime | None = None
) -> Network:
    now = now or timezone.now()
    content = SheetContent.from_json(sheet.versions.order_by("-number")[0].content)
    network = _apply(actor, sheet, content, timezone.localdate(now))
    sheet.network = network
    sheet.save(update_fields=("network",))
    _decide(actor, sheet, SheetReview.Decision.APPROVED, comment, now)
    return network


def _add_version(
    actor: User, sheet: IdentificationSheet, content: SheetContent, now: datetime
) -> SheetVersion:
    number = (sheet.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = SheetVersion.objects.create(
        sheet=sheet,
        number=number,
        content=content.to_json(),
        submitted_by_id=actor.pk,
        submitted_at=now,
    )
    audit_record(
        actor=actor,
        action="sheet.submit" if number == 1 else "sheet.revise",
        obj=sheet,
        las=[sheet.la_id],
        network_id=sheet.network_id,
        before=None,
        after={"version": number, **content.to_json()},
    )
    return version


def _decide(
    actor: User,
    sheet: IdentificationSheet,
    decision: SheetReview.Decision,
    comment: str,
    now: datetime | None,
) -> SheetReview:
    if decision != SheetReview.Decision.APPROVED and not comment.strip():
        raise ValueError(COMMENT_REQUIRED)
    now = now or timezone.now()
    review = SheetReview.objects.create(
        sheet=sheet,
        version=sheet.versions.order_by("-number")[0],
        reviewer_id=actor.pk,
        decision=decision,
        comment=comment.strip(),
        decided_at=now,
    )
    before = sheet.status
    sheet.status, sheet.updated_at = IdentificationSheet.Status(decision.value), now
    sheet.save(update_fields=("status", "updated_at"))
    audit_record(
        actor=actor,
        action=f"sheet.{decision.value}",
        obj=sheet,
        las=[sheet.la_id],
        network_id=sheet.network_id,
        before={"status": before},
        after={"status": sheet.status, "comment": review.comment},
    )
    return review


def _apply(actor: User, sheet: IdentificationSheet, content: SheetContent, today: date) -> Network:
    fields = {
        "name": content.name,
        "kind": content.kind,
        "purpose": content.purpose,
        "partners": content.partners,
        "initiatives": content.initiatives,
        "start_date": content.start_date,
        "is_published": True,
    }
    if sheet.network is None:
        network = network_create(
            actor=actor,
            owner_las=[content.la],
            status=NetworkStatus.ACTIVE,
            learning_focuses=content.learning_focuses,
            **fields,  # type: ignore[arg-type]
        )
        current = None
    else:
        network = sheet.network
        current = network_content(network=network)
        network_update(
            actor=actor, network=network, learning_focuses=content.learning_focuses, **fields
        )
    _apply_members(actor, network, current, content, content.start_date or today, today)
    _apply_leaders(actor, network, sheet, content.leaders)
    return network


def _apply_members(
    actor: User,
    network: Network,
    current: SheetContent | None,
    content: SheetContent,
    joined: date,
    today: date,
) -> None:
    moves = membership_changes(current, content)
    # Schools joining an existing network join today; those of a new one from its start.
    start = joined if current is None else today
    present = {m.school_id: m for m in network.memberships.filter(left__isnull=True)}
    for member in moves.leave:
        membership_end(actor=actor, membership=present[member.urn], left=today)
    for old, new in moves.change_role:
        membership_end(actor=actor, membership=present[old.urn], left=today)
        membership_start(actor=actor, network=network, urn=new.urn, role=new.role, joined=today)
    for member in moves.join:
        membership_start(
            actor=actor, network=network, urn=member.urn, role=member.role, joined=start
        )


def _apply_leaders(
    actor: User, network: Network, sheet: IdentificationSheet, leaders: tuple[Leader, ...]
) -> None:
    people = [_person_for(leader) for leader in leaders]
    proposer = sheet.proposer
    if not any(person.user_id == proposer.pk for person in people) and not _is_officer(sheet):
        # Whoever proposed the network leads it, so they can keep its record up to date.
        people.append(_person_of_user(proposer))
    for person in people:
        network_leader_add(actor=actor, network=network, person=person)
    keep = {person.pk for person in people}
    for contact in network.contacts.filter(role=NetworkContactRole.LEADER).select_related("person"):
        if contact.person_id not in keep:
            network_leader_remove(actor=actor, contact=contact)


def _person_for(leader: Leader) -> Person:
    """The leader's Person. An email that is an account's is that account's person; otherwise
    the person with that email (or that name, when no email is given), or a new one."""
    account = (
        get_user_model().objects.filter(email__iexact=leader.email).first()
        if leader.email
        else None
    )
    if account is not None:
        person = _person_of_user(account)
    elif leader.email:
        person = Person.objects.filter(email__iexact=leader.email).first() or Person()
    else:
        person = Person.objects.filter(name__iexact=leader.name, email="").first() or Person()
    person.name = leader.name
    person.job_title = leader.job_title or person.job_title
    person.email = leader.email or person.email
    person.save()
    return person


def _person_of_user(user: AbstractBaseUser) -> Person:
    person, _ = Person.objects.get_or_create(
        user_id=user.pk,
        defaults={
            "name": getattr(user, "get_full_name", lambda: "")() or user.get_username(),
            "email": getattr(user, "email", ""),
        },
    )
    return person


def _is_officer(sheet: IdentificationSheet) -> bool:
    return sheet.proposer.la_roles.filter(la_id=sheet.la_id).exists()
