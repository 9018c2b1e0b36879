"""The register and the performance data as the brokering engine's candidates."""

from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import Any

from schoolweave.accounts.permissions import Viewer, networks_visible
from schoolweave.core.broker import Candidate, Willingness
from schoolweave.core.performance.measures import MEASURES
from schoolweave.core.performance.strengths import Assessment, Judgement
from schoolweave.evidence.selectors.school import format_value
from schoolweave.evidence.selectors.similar import strengths_for_schools
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import OPEN_STATUSES, GroupLink, School

OFSTED_GRADES = {
    "outstanding": 1,
    "good": 2,
    "requires improvement": 3,
    "satisfactory": 3,
    "inadequate": 4,
    "serious weaknesses": 4,
    "special measures": 4,
}
TRUST_TYPES = ("Multi-academy trust", "Single-academy trust", "Trust")
# Ofsted and finance are judged, but they are not what schools learn together: Ofsted decides
# who may lead a group instead.
NOT_LEARNING = frozenset({"ofsted", "finance"})


def schools_in_scope(*, la_code: str, phases: Collection[str] = ()) -> list[School]:
    schools = School.objects.filter(la_id=la_code, status__in=OPEN_STATUSES).order_by("urn")
    if phases:
        schools = schools.filter(phase_name__in=list(phases))
    return list(schools)


def candidates(
    *,
    who: Viewer,
    schools: list[School],
    willingness: Mapping[int, Willingness],
    default: Willingness = Willingness.UNDECIDED,
    leaders: Mapping[int, bool] | None = None,
) -> list[Candidate]:
    """Candidates with their strengths and needs against similar schools, their trust, and the
    schools they are in a (visible) network with now."""
    urns = [s.urn for s in schools]
    assessments = strengths_for_schools(urns=urns)
    trusts = _trusts(urns)
    partners = _partners_now(who, urns)
    leaders = leaders or {}
    return [
        _candidate(s, assessments.get(s.urn, ()), trusts, partners, willingness, default, leaders)
        for s in schools
    ]


def _candidate(
    school: School,
    assessments: Collection[Assessment],
    trusts: Mapping[int, str],
    partners: Mapping[int, frozenset[int]],
    willingness: Mapping[int, Willingness],
    default: Willingness,
    leaders: Mapping[int, bool],
) -> Candidate:
    strengths: dict[str, float] = {}
    needs: dict[str, float] = {}
    evidence: dict[str, str] = {}
    for assessment in assessments:
        if (
            assessment.focus in NOT_LEARNING
            or assessment.score is None
            or assessment.judgement not in (Judgement.STRENGTH, Judgement.NEED)
        ):
            continue
        target = strengths if assessment.judgement is Judgement.STRENGTH else needs
        target[assessment.focus] = round(abs(assessment.score), 2)
        evidence[assessment.focus] = short_evidence(assessment)
    return Candidate(
        urn=school.urn,
        name=school.name,
        phase=school.phase_name or "Not recorded",
        lat=school.lat,
        lon=school.lon,
        pupils=float(school.pupils) if school.pupils else None,
        fsm=school.percentage_fsm,
        ofsted=OFSTED_GRADES.get(school.ofsted_rating.strip().lower()),
        trust=trusts.get(school.urn),
        strengths=strengths,
        needs=needs,
        evidence=evidence,
        willingness=willingness.get(school.urn, default),
        leader_eligible=leaders.get(school.urn),
        partners_now=partners.get(school.urn, frozenset()),
    )


def short_evidence(assessment: Assessment) -> str:
    """A strength or need in a few words, for a placement's reasons: "KS2 maths progress +6.1
    against +0.8 at similar schools"."""
    if assessment.measure is None or assessment.value is None or assessment.comparison is None:
        return assessment.judgement.label.lower()
    measure = MEASURES[assessment.measure]
    return (
        f"{measure.label} {format_value(assessment.value, measure)} against "
        f"{format_value(assessment.comparison, measure)} at similar schools"
    )


def _trusts(urns: Collection[int]) -> dict[int, str]:
    links = GroupLink.objects.filter(
        school_id__in=urns, ended_date__isnull=True, group__type_name__in=TRUST_TYPES
    ).values_list("school_id", "group_id")
    return {urn: f"trust:{uid}" for urn, uid in links}


def _partners_now(who: Viewer, urns: Collection[int]) -> dict[int, frozenset[int]]:
    memberships = Membership.objects.filter(
        left__isnull=True, network__in=networks_visible(who, Network.objects.all())
    )
    networks_of: dict[int, set[int]] = defaultdict(set)
    members_of: dict[int, set[int]] = defaultdict(set)
    for urn, network in memberships.filter(
        network__in=memberships.filter(school_id__in=urns).values("network_id")
    ).values_list("school_id", "network_id"):
        networks_of[urn].add(network)
        members_of[network].add(urn)
    return {
        urn: frozenset(set().union(*(members_of[n] for n in networks_of[urn])) - {urn})
        for urn in urns
        if urn in networks_of
    }


def round_groups(
    result: Mapping[str, Any], partners_now: Mapping[int, frozenset[int]]
) -> list[dict[str, Any]]:
    """The proposal's groups with what changes: which members already work together now."""
    groups = []
    proposed: list[dict[str, Any]] = result.get("groups", [])
    for number, group in enumerate(proposed, start=1):
        urns = [m["urn"] for m in group["members"]]
        together = [
            (a, b)
            for i, a in enumerate(urns)
            for b in urns[i + 1 :]
            if b in partners_now.get(a, ())
        ]
        groups.append({**group, "number": number, "already_together": together})
    return groups


def partners_now_of(who: Viewer, urns: Collection[int]) -> dict[int, frozenset[int]]:
    return _partners_now(who, urns)
