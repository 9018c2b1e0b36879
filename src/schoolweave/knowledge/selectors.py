"""Reads of the knowledge app. Every list takes the Viewer and narrows to what
accounts.permissions lets them see."""

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone

from schoolweave.accounts.permissions import (
    Viewer,
    enquiries_visible,
    expertise_visible,
    networks_visible,
)
from schoolweave.core.knowledge.expertise import EVIDENCE_FOCUS, ComputedStrength
from schoolweave.core.knowledge.reviews import Ratings, Section, SectionSummary, struggles
from schoolweave.core.knowledge.search import distances_within
from schoolweave.core.knowledge.suggest import Previous, RegisterFacts
from schoolweave.core.knowledge.vocabulary import Phase, Rating, ReviewKind, StageStatus
from schoolweave.core.numbers import URN_DIGITS, typed_number
from schoolweave.core.performance.strengths import Judgement
from schoolweave.evidence.selectors import strengths_for_schools
from schoolweave.knowledge.models import (
    Diagnostic,
    Enquiry,
    EnquiryStageRecord,
    Expertise,
    SelfReview,
)
from schoolweave.knowledge.texts import texts
from schoolweave.landscape.reports import la_landscape
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import OPEN_STATUSES, LocalAuthority, School

MAINTAINED = "Local authority maintained schools"
NO_PLACE = "No school in the register has that URN, postcode or name"
MANY_PLACES = "More than one school matches {text}: give its URN or postcode"
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$", re.IGNORECASE)


# Expertise ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpertiseFilters:
    q: str = ""
    focus: str = ""  # learning focus slug
    phase: str = ""  # a Phase value; offers for all phases match too
    la: str = ""
    evidence: str = ""  # an EvidenceKind value
    near: str = ""  # a school's URN, postcode or name
    km: float | None = None


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float


@dataclass
class ExpertiseResults:
    rows: Sequence[tuple[Expertise, float | None]] = field(default_factory=list)
    place: Place | None = None
    place_error: str = ""


def _expertise_base(who: Viewer) -> QuerySet[Expertise]:
    return expertise_visible(
        who, Expertise.objects.select_related("school", "network", "focus", "la")
    )


def school_expertise(*, who: Viewer, school: School) -> list[Expertise]:
    return list(_expertise_base(who).filter(school=school))


def network_expertise(*, who: Viewer, network: Network) -> list[Expertise]:
    """The network's own offers, and those of its schools now."""
    members = Membership.objects.filter(network=network, left__isnull=True).values("school_id")
    return list(_expertise_base(who).filter(Q(network=network) | Q(school_id__in=members)))


def expertise_get(*, who: Viewer, pk: int) -> Expertise | None:
    return _expertise_base(who).filter(pk=pk).first()


def find_place(text: str) -> tuple[Place | None, str]:
    """A school to measure from, by URN, postcode or name (every word)."""
    text = text.strip()
    if not text:
        return None, ""
    schools = School.objects.exclude(lat__isnull=True).exclude(lon__isnull=True)
    urn = typed_number(text, max_digits=URN_DIGITS)
    if urn is not None:
        found = list(schools.filter(urn=urn)[:2])
    elif _POSTCODE.match(text):
        squashed = text.upper().replace(" ", "")
        found = list(
            schools.annotate(pc=Replace(Upper("postcode"), Value(" "), Value("")))
            .filter(pc=squashed)
            .order_by("-status", "name")[:2]
        )
    else:
        matching = schools.filter(status__in=OPEN_STATUSES)
        for word in text.split():
            matching = matching.filter(name__icontains=word)
        found = list(matching.order_by("name")[:2])
    if not found:
        return None, NO_PLACE
    if len(found) > 1 and not _POSTCODE.match(text):
        return None, MANY_PLACES.format(
            text=f"\N{LEFT SINGLE QUOTATION MARK}{text}\N{RIGHT SINGLE QUOTATION MARK}"
        )
    school = found[0]
    assert school.lat is not None and school.lon is not None
    label = f"{school.name}, {school.postcode}" if school.postcode else school.name
    return Place(label, school.lat, school.lon), ""


def expertise_search(*, who: Viewer, filters: ExpertiseFilters) -> ExpertiseResults:
    """Who offers what, where: nearest first when measured from a school."""
    found = _expertise_base(who)
    for word in filters.q.split():
        found = found.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(school__name__icontains=word)
            | Q(network__name__icontains=word)
            | Q(focus__name__icontains=word)
        )
    if filters.focus:
        found = found.filter(focus__slug=filters.focus)
    if filters.phase:
        found = found.filter(phase__in=(filters.phase, Phase.ALL))
    if filters.la:
        found = found.filter(la_id=filters.la)
    if filters.evidence:
        found = found.filter(evidence=filters.evidence)
    items = list(found.order_by("focus__name", "phase", "title", "pk"))
    place, error = find_place(filters.near)
    if place is None:
        return ExpertiseResults([(item, None) for item in items], None, error)
    distances = _distances(items, place, filters.km)
    rows = sorted(
        ((item, distances[item.pk]) for item in items if item.pk in distances),
        key=lambda row: (row[1], row[0].title),
    )
    return ExpertiseResults(rows, place, "")


def _distances(items: Sequence[Expertise], place: Place, km: float | None) -> dict[int, float]:
    """For a school's offer, the school; for a network's, its nearest school now."""
    points: list[tuple[tuple[int, int], float, float]] = []
    network_ids = {item.network_id for item in items if item.network_id}
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for network_id, lat, lon in Membership.objects.filter(
        network_id__in=network_ids,
        left__isnull=True,
        school__lat__isnull=False,
        school__lon__isnull=False,
    ).values_list("network_id", "school__lat", "school__lon"):
        if lat is not None and lon is not None:
            members[network_id].append((lat, lon))
    for item in items:
        if item.school is not None and item.school.lat is not None and item.school.lon is not None:
            points.append(((item.pk, 0), item.school.lat, item.school.lon))
        for n, (lat, lon) in enumerate(members.get(item.network_id or 0, [])):
            points.append(((item.pk, n), lat, lon))
    nearest: dict[int, float] = {}
    for (pk, _), km_away in distances_within(
        origin=(place.lat, place.lon), points=points, km=km
    ).items():
        nearest[pk] = min(km_away, nearest.get(pk, km_away))
    return nearest


def computed_strengths(*, la_code: str) -> list[ComputedStrength]:
    """The performance data's strengths for the LA's open schools, in the focus areas the
    expertise register maps (core.knowledge.expertise.EVIDENCE_FOCUS), as plain data."""
    urns = list(
        School.objects.filter(la_id=la_code, status__in=OPEN_STATUSES).values_list("urn", flat=True)
    )
    found = strengths_for_schools(urns=urns, focus_areas=list(EVIDENCE_FOCUS))
    return [
        ComputedStrength(a.urn, a.focus, a.reason, a.year, a.score)
        for assessments in found.values()
        for a in assessments
        if a.judgement is Judgement.STRENGTH
    ]


# Enquiries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnquiryFilters:
    q: str = ""
    la: str = ""
    focus: str = ""
    status: str = ""  # "finished" or "in_progress"


def _enquiry_base(who: Viewer) -> QuerySet[Enquiry]:
    return enquiries_visible(
        who,
        Enquiry.objects.select_related("network", "focus").prefetch_related(
            "network__owner_las",
            Prefetch("stages", queryset=EnquiryStageRecord.objects.order_by("pk")),
        ),
    )


def enquiry_library(*, who: Viewer, filters: EnquiryFilters) -> list[Enquiry]:
    found = _enquiry_base(who)
    for word in filters.q.split():
        found = found.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(network__name__icontains=word)
            | Q(focus__name__icontains=word)
        )
    if filters.la:
        found = found.filter(network__owner_las__code=filters.la)
    if filters.focus:
        found = found.filter(focus__slug=filters.focus)
    if filters.status == "finished":
        found = found.filter(finished_on__isnull=False)
    elif filters.status == "in_progress":
        found = found.filter(finished_on__isnull=True)
    return list(found.distinct().order_by("-updated_at", "-pk"))


def enquiry_las(*, who: Viewer) -> list[tuple[str, str]]:
    """(code, name) of the LAs whose networks have enquiries the viewer may see."""
    codes = _enquiry_base(who).values("network__owner_las__code")
    return list(LocalAuthority.objects.filter(code__in=codes).values_list("code", "name"))


def network_enquiries(*, who: Viewer, network: Network) -> list[tuple[Enquiry, int]]:
    """The network's enquiries the viewer may see, each with its number of stages done."""
    found = enquiries_visible(who, Enquiry.objects.filter(network=network)).annotate(
        done=Count("stages", filter=Q(stages__status=StageStatus.DONE))
    )
    return [(e, e.done) for e in found.order_by("-updated_at", "-pk")]


def enquiry_get(*, pk: int) -> Enquiry | None:
    return (
        Enquiry.objects.select_related("network", "focus")
        .prefetch_related("network__owner_las", "stages", "notes", "attachments")
        .filter(pk=pk)
        .first()
    )


def stages_done(enquiry: Enquiry) -> int:
    return sum(1 for s in enquiry.stages.all() if s.status == StageStatus.DONE)


# The diagnostic -------------------------------------------------------------------------------


def register_facts(*, who: Viewer, la: LocalAuthority) -> RegisterFacts:
    """What the landscape review (as the viewer may see it) and the register count."""
    report = la_landscape(who=who, la=la)
    landscape = report.landscape
    networks = landscape.networks
    in_overlap = {o.first for o in landscape.overlaps} | {o.second for o in landscape.overlaps}
    ids = [int(n.key.split(":")[1]) for n in networks if n.key.startswith("network:")]
    starts = Network.objects.filter(pk__in=ids, start_date__isnull=False).values_list(
        "start_date", flat=True
    )
    today = timezone.localdate()
    ages = [(today - start).days / 365.25 for start in starts if start is not None]
    schools = School.objects.filter(la_id=la.code, status__in=OPEN_STATUSES)
    return RegisterFacts(
        open_schools=len(landscape.schools),
        maintained_schools=schools.filter(type_group_name=MAINTAINED).count(),
        networks=len(networks),
        overlapping_pairs=len(landscape.overlaps),
        networks_overlapping=len(in_overlap),
        disconnected_networks=sum(1 for n in networks if n.closest_overlap is None),
        schools_in_networks=sum(c.in_network for c in landscape.coverage),
        isolated_schools=sum(1 for m in landscape.schools if m.isolated),
        median_network_years=median(ages) if ages else None,
    )


def previous_diagnostic(*, la_code: str) -> Previous | None:
    last = Diagnostic.objects.filter(la_id=la_code).first()
    if last is None:
        return None
    return Previous(last.created_at.date(), last.answers)


def latest_diagnostics(*, la_code: str, count: int) -> list[Diagnostic]:
    return list(Diagnostic.objects.filter(la_id=la_code).defer("ranking", "suggestions")[:count])


def la_diagnostics(*, la_code: str) -> list[Diagnostic]:
    return list(Diagnostic.objects.filter(la_id=la_code).select_related("created_by"))


def diagnostic_get(*, pk: int) -> Diagnostic | None:
    return Diagnostic.objects.filter(pk=pk).select_related("la", "created_by").first()


# Self-reviews ---------------------------------------------------------------------------------


def _reviews() -> QuerySet[SelfReview]:
    return SelfReview.objects.select_related("network", "la", "created_by").prefetch_related(
        "answers"
    )


def last_network_review(*, network: Network) -> SelfReview | None:
    return (
        SelfReview.objects.filter(network=network, kind=ReviewKind.NETWORK_CHALLENGES)
        .only("pk", "created_at")
        .first()
    )


def la_reviewed_counts(*, who: Viewer, la_code: str) -> tuple[int, int]:
    """(networks of the LA the viewer may see, how many of them have reviewed themselves)."""
    reviewed = SelfReview.objects.filter(network=OuterRef("pk"), kind=ReviewKind.NETWORK_CHALLENGES)
    flags = list(
        networks_visible(who, Network.objects.filter(owner_las__code=la_code))
        .annotate(reviewed=Exists(reviewed))
        .values_list("reviewed", flat=True)
    )
    return len(flags), sum(flags)


def network_reviews(*, network: Network) -> list[SelfReview]:
    return list(_reviews().filter(network=network, kind=ReviewKind.NETWORK_CHALLENGES))


def brokerage_reviews(*, la_code: str) -> list[SelfReview]:
    return list(_reviews().filter(la_id=la_code, kind=ReviewKind.LA_BROKERAGE))


def review_get(*, pk: int) -> SelfReview | None:
    return _reviews().filter(pk=pk).first()


def previous_review(review: SelfReview) -> SelfReview | None:
    earlier = _reviews().filter(kind=review.kind, la_id=review.la_id, network=review.network)
    return earlier.filter(
        Q(created_at__lt=review.created_at) | Q(created_at=review.created_at, pk__lt=review.pk)
    ).first()


def ratings_of(review: SelfReview) -> Ratings:
    return {a.question: Rating(a.rating) for a in review.answers.all()}


@dataclass(frozen=True)
class StruggleSummary:
    networks: int  # networks the LA owns that the viewer may see
    reviewed: list[tuple[Network, SelfReview]]  # each reviewed network's latest review
    sections: tuple[SectionSummary, ...]


def la_struggles(*, who: Viewer, la_code: str) -> StruggleSummary:
    """Where the LA's networks say they struggle, from each one's latest self-review."""
    networks = list(
        networks_visible(who, Network.objects.filter(owner_las__code=la_code)).order_by("name")
    )
    latest: dict[int, SelfReview] = {}
    for review in (
        _reviews()
        .filter(kind=ReviewKind.NETWORK_CHALLENGES, network__in=networks)
        .order_by("-created_at", "-pk")
    ):
        assert review.network_id is not None
        latest.setdefault(review.network_id, review)
    sections = [Section(s.key, tuple(q.key for q in s.questions)) for s in texts().challenges]
    summary = struggles(
        latest={pk: ratings_of(review) for pk, review in latest.items()}, sections=sections
    )
    reviewed = [(n, latest[n.pk]) for n in networks if n.pk in latest]
    return StruggleSummary(len(networks), reviewed, summary)
