"""Writes of brokering rounds. Each is one transaction and leaves an audit entry."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from schoolweave.audit.services import Actor, audit_record
from schoolweave.brokering.config import config_from, scope_from
from schoolweave.brokering.models import PairRule, Response, Round, RoundSchool
from schoolweave.brokering.selectors import schools_in_scope
from schoolweave.core.broker import Role, Shape, Willingness
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind
from schoolweave.networks.models import Network
from schoolweave.networks.services import membership_start, network_create
from schoolweave.register.models import LocalAuthority, School

NOT_RUNNABLE = "This round cannot run now: it is {status}"
KIND_OF_SHAPE = {
    Shape.TRIAD: NetworkKind.TRIAD,
    Shape.HUB: NetworkKind.HUB_AND_SPOKE,
    Shape.COMMUNITY: NetworkKind.LEARNING_COMMUNITY,
    Shape.CLUSTER: NetworkKind.CLUSTER,
}
ROLE_IN_NETWORK = {
    Role.COORDINATOR: MembershipRole.COORDINATOR,
    Role.PARTNER: MembershipRole.PARTNER,
    Role.HUB: MembershipRole.HUB,
    Role.SPOKE: MembershipRole.SPOKE,
    Role.LEAD: MembershipRole.LEAD,
    Role.MEMBER: MembershipRole.MEMBER,
}


@transaction.atomic
def round_create(
    *,
    actor: AbstractBaseUser,
    la: LocalAuthority,
    name: str,
    shape: Shape,
    settings: dict[str, Any],
) -> Round:
    config_from(shape, settings)  # refuses bad settings before anything is saved
    phases, default = scope_from(settings)
    now = timezone.now()
    created = Round.objects.create(
        la=la,
        name=name,
        shape=shape,
        criteria=settings,
        created_by_id=actor.pk,
        created_at=now,
        updated_at=now,
    )
    RoundSchool.objects.bulk_create(
        RoundSchool(round=created, school=school, willingness=default)
        for school in schools_in_scope(la_code=la.code, phases=phases)
    )
    _audit(actor, "round.create", created, None, {"name": name, "shape": shape, **settings})
    return created


@transaction.atomic
def round_set_willingness(
    *, actor: AbstractBaseUser, round: Round, school: School, willingness: Willingness
) -> RoundSchool:
    entry = round.schools.get(school=school)
    before = entry.willingness
    entry.willingness = willingness
    entry.save(update_fields=("willingness",))
    _audit(actor, "round.willingness", round, {school.urn: before}, {school.urn: willingness})
    return entry


@transaction.atomic
def round_set_willingness_many(
    *, actor: AbstractBaseUser, round: Round, choices: Mapping[int, Willingness]
) -> int:
    changed = 0
    for entry in round.schools.filter(school_id__in=list(choices)):
        if entry.willingness != choices[entry.school_id]:
            round_set_willingness(
                actor=actor, round=round, school=entry.school, willingness=choices[entry.school_id]
            )
            changed += 1
    return changed


@transaction.atomic
def round_ask_la_to_decide(*, actor: AbstractBaseUser, round: Round, school: School) -> None:
    entry = round.schools.get(school=school)
    entry.asks_la_to_decide = True
    entry.save(update_fields=("asks_la_to_decide",))
    _audit(actor, "round.asks_la_to_decide", round, None, {"school": school.urn})


@transaction.atomic
def round_decide_role(
    *, actor: AbstractBaseUser, round: Round, school: School, may_lead: bool, reason: str
) -> RoundSchool:
    """The LA's decision on whether a school may lead a group, with its reason, kept openly."""
    entry = round.schools.get(school=school)
    before = {"may_lead": entry.may_lead, "reason": entry.decision_reason}
    entry.may_lead, entry.decision_reason = may_lead, reason.strip()
    entry.decided_by_id, entry.decided_at = actor.pk, timezone.now()
    entry.save(update_fields=("may_lead", "decision_reason", "decided_by", "decided_at"))
    _audit(
        actor,
        "round.decide_role",
        round,
        before,
        {"school": school.urn, "may_lead": may_lead, "reason": reason},
    )
    return entry


@transaction.atomic
def round_add_pair_rule(
    *, actor: AbstractBaseUser, round: Round, first: School, second: School, kind: PairRule.Kind
) -> PairRule:
    rule, _ = PairRule.objects.update_or_create(
        round=round, first=first, second=second, defaults={"kind": kind}
    )
    _audit(
        actor,
        "round.pair_rule",
        round,
        None,
        {"first": first.urn, "second": second.urn, "kind": kind},
    )
    return rule


@transaction.atomic
def round_run(*, actor: AbstractBaseUser, round: Round) -> Round:
    """Queue the round for the worker (schoolweave db_worker)."""
    from schoolweave.brokering.tasks import run_round

    if round.is_busy or round.status == Round.Status.PUBLISHED:
        raise ValueError(NOT_RUNNABLE.format(status=round.get_status_display().lower()))
    round.status, round.progress, round.error = Round.Status.QUEUED, "Waiting for the worker", ""
    round.updated_at = timezone.now()
    round.save(update_fields=("status", "progress", "error", "updated_at"))
    _audit(actor, "round.run", round, None, {"runs": round.runs + 1})
    transaction.on_commit(lambda: run_round.enqueue(round.pk))
    return round


def round_progress(round_id: int, status: Round.Status, progress: str, **fields: Any) -> None:
    """The worker's reports, written at once so the page can show them."""
    Round.objects.filter(pk=round_id).update(
        status=status, progress=progress, updated_at=timezone.now(), **fields
    )


@transaction.atomic
def round_consult(*, actor: AbstractBaseUser, round: Round) -> Round:
    round.status, round.updated_at = Round.Status.CONSULTING, timezone.now()
    round.save(update_fields=("status", "updated_at"))
    _audit(actor, "round.consult", round, None, {"status": round.status})
    return round


@transaction.atomic
def round_respond(
    *, actor: AbstractBaseUser, round: Round, school: School, accepts: bool, comment: str
) -> Response:
    response, _ = Response.objects.update_or_create(
        round=round,
        school=school,
        defaults={
            "accepts": accepts,
            "comment": comment.strip(),
            "responded_by_id": actor.pk,
            "responded_at": timezone.now(),
        },
    )
    _audit(actor, "round.respond", round, None, {"school": school.urn, "accepts": accepts})
    return response


@transaction.atomic
def round_publish(
    *, actor: AbstractBaseUser, round: Round, now: datetime | None = None
) -> list[Network]:
    """Every group no school declined becomes a published network, with its roles."""
    now = now or timezone.now()
    declined = set(round.responses.filter(accepts=False).values_list("school_id", flat=True))
    shape = Shape(round.shape)
    created = []
    for number, group in enumerate((round.result or {}).get("groups", []), start=1):
        members = group["members"]
        if declined & {m["urn"] for m in members}:
            continue
        leader = members[0]["name"]
        network = network_create(
            actor=actor,
            name=f"{round.name} {number}: {leader}",
            kind=KIND_OF_SHAPE[shape],
            owner_las=[round.la_id],
            purpose=" ".join(group["reasons"][:1]),
            start_date=now.date(),
            is_published=True,
            learning_focuses=[group["focus"]] if group.get("focus") else [],
        )
        for member in members:
            membership_start(
                actor=actor,
                network=network,
                urn=member["urn"],
                role=ROLE_IN_NETWORK[Role(member["role"])],
                joined=now.date(),
            )
        created.append(network)
    round.status, round.updated_at = Round.Status.PUBLISHED, now
    round.save(update_fields=("status", "updated_at"))
    _audit(actor, "round.publish", round, None, {"networks": [n.pk for n in created]})
    return created


def _audit(actor: Actor, action: str, round: Round, before: Any, after: Any) -> None:
    audit_record(
        actor=actor, action=action, obj=round, las=[round.la_id], before=before, after=after
    )
