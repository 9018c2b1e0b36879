"""Reading funding, staff time and partners for pages, sections and exports. ORM rows become
core figures here (core.resources.funding, core.resources.staff); who may see what is asked of
accounts.permissions."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import Count, Prefetch, Q, QuerySet

from schoolweave.accounts.permissions import (
    Viewer,
    can_fund_network,
    can_manage_funding,
    can_see_network_staff_time,
    networks_visible,
    partners_visible,
)
from schoolweave.core.money import Money
from schoolweave.core.resources.funding import (
    AllocationLine,
    Totals,
    paid_amount,
    per_pupil,
    totals,
    totals_by,
)
from schoolweave.core.resources.staff import Load, TimeGiven, peak_load
from schoolweave.core.resources.vocabulary import AllocationStatus, PaymentStatus, TimeUnit
from schoolweave.core.resources.years import FinancialYear
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import OPEN_STATUSES, LocalAuthority, School
from schoolweave.resources.models import (
    Allocation,
    FundingStream,
    PartnerOrganisation,
    Partnership,
    Payment,
    StaffAllocation,
    StaffMember,
)


@dataclass(frozen=True)
class AllocationView:
    allocation: Allocation
    paid: Money

    @property
    def to_pay(self) -> Money:
        return max(self.allocation.amount - self.paid, Money.zero())

    @property
    def is_flagged(self) -> bool:
        return bool(self.allocation.over_limit_reason) or any(
            payment.over_limit_reason for payment in self.allocation.payments.all()
        )


@dataclass(frozen=True)
class YearRow:
    year: FinancialYear
    totals: Totals


@dataclass(frozen=True)
class NetworkFunding:
    allocations: list[AllocationView]
    years: list[YearRow]
    totals: Totals
    streams: list[FundingStream]  # streams the viewer may allocate from to this network
    staff_time: list[StaffAllocation] | None  # None: not for this viewer
    partnerships: list[Partnership]
    pupils_known: int | None  # pupils in member schools now, when every school's is known
    per_pupil: Money | None  # this financial year's allocations per pupil

    @property
    def is_flagged(self) -> bool:
        return any(view.is_flagged for view in self.allocations)


def _allocations() -> QuerySet[Allocation]:
    return Allocation.objects.select_related(
        "stream__la", "network", "fund_holder_school", "fund_holder_partner"
    ).prefetch_related("payments")


def allocation_view(allocation: Allocation) -> AllocationView:
    payments = [p.amount for p in allocation.payments.all() if p.status == PaymentStatus.PAID]
    paid = paid_amount(
        amount=allocation.amount, status=AllocationStatus(allocation.status), payments=payments
    )
    return AllocationView(allocation=allocation, paid=paid)


def _line(view: AllocationView) -> AllocationLine:
    allocation = view.allocation
    return AllocationLine(
        stream_id=allocation.stream_id,
        network_id=allocation.network_id,
        year=allocation.year,
        amount=allocation.amount,
        paid=view.paid,
    )


def _years(views: Iterable[AllocationView]) -> list[YearRow]:
    by_year = totals_by((_line(v) for v in views), key=lambda line: line.year)
    return [YearRow(year=year, totals=by_year[year]) for year in sorted(by_year)]


def network_funding(*, network: Network, who: Viewer, today: date) -> NetworkFunding:
    views = [
        allocation_view(a)
        for a in _allocations().filter(network=network).order_by("financial_year", "stream__name")
    ]
    owners = [la.code for la in network.owner_las.all()]
    streams = list(
        FundingStream.objects.filter(la_id__in=owners)
        .select_related("la")
        .order_by("-first_year", "name")
    )
    current = [
        m.school.pupils
        for m in Membership.objects.filter(network=network, left__isnull=True).select_related(
            "school"
        )
    ]
    this_year = FinancialYear.containing(today)
    this_years_money = Money.total(
        v.allocation.amount for v in views if v.allocation.year == this_year
    )
    staff = None
    if can_see_network_staff_time(who, network):
        staff = list(
            StaffAllocation.objects.filter(network=network)
            .select_related("staff")
            .order_by("end_date", "staff__name")
        )
    known = None if not current or None in current else sum(p for p in current if p is not None)
    return NetworkFunding(
        allocations=views,
        years=_years(views),
        totals=totals(_line(v) for v in views),
        streams=[s for s in streams if can_fund_network(who, s.la_id, network)],
        staff_time=staff,
        partnerships=list(partnerships_of(network=network, who=who)),
        pupils_known=known,
        per_pupil=per_pupil(this_years_money, current) if this_years_money else None,
    )


@dataclass(frozen=True)
class FundingSummary:
    years: list[YearRow]
    totals: Totals
    is_flagged: bool
    partnerships: list[Partnership]


def network_funding_summary(*, network: Network, who: Viewer) -> FundingSummary:
    """What the network's page shows: its money by financial year and its partners (three
    queries)."""
    views = [allocation_view(a) for a in _allocations_light().filter(network=network)]
    return FundingSummary(
        years=_years(views),
        totals=totals(_line(v) for v in views),
        is_flagged=any(v.is_flagged for v in views),
        partnerships=list(
            Partnership.objects.filter(
                network=network,
                partner__in=partners_visible(who, PartnerOrganisation.objects.all()),
            )
            .select_related("partner")
            .order_by("end_date", "partner__name")
        ),
    )


def _allocations_light() -> QuerySet[Allocation]:
    return Allocation.objects.prefetch_related("payments")


def without_partners_among(networks: list[Network]) -> list[Network]:
    """Those of `networks` with no current partner beyond schools (one query)."""
    partnered = set(
        Partnership.objects.filter(
            network__in=[n.pk for n in networks], end_date__isnull=True
        ).values_list("network_id", flat=True)
    )
    return [n for n in networks if n.pk not in partnered]


# An LA's funding -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StreamRow:
    stream: FundingStream
    totals: Totals  # every allocation, whoever may see it
    hidden: Money  # allocated to networks the viewer may not see

    @property
    def remaining(self) -> Money:
        return self.stream.amount - self.totals.allocated

    @property
    def is_over(self) -> bool:
        return self.totals.allocated > self.stream.amount


@dataclass(frozen=True)
class NetworkRow:
    network: Network
    totals: Totals
    by_year: dict[FinancialYear, Money]
    schools: int
    per_pupil: Money | None
    flagged: bool


@dataclass(frozen=True)
class LAFunding:
    la: LocalAuthority
    streams: list[StreamRow]
    networks: list[NetworkRow]
    years: list[YearRow]
    year_columns: list[FinancialYear]
    totals: Totals
    open_schools: int
    schools_benefiting: list[School]
    hidden: Money  # allocated to networks the viewer may not see
    can_manage: bool
    has_illustrative: bool
    finance: dict[int, "SchoolFinance"] = field(default_factory=dict)

    @property
    def share_benefiting(self) -> int | None:
        """Per cent of the LA's open schools in a funded network."""
        if not self.open_schools:
            return None
        open_benefiting = sum(1 for s in self.schools_benefiting if s.la_id == self.la.code)
        return round(100 * open_benefiting / self.open_schools)


def la_funding(*, la: LocalAuthority, who: Viewer) -> LAFunding:
    streams = list(FundingStream.objects.filter(la=la).order_by("-first_year", "name"))
    views = [allocation_view(a) for a in _allocations().filter(stream__la=la)]
    visible_ids = set(
        networks_visible(who, Network.objects.filter(allocations__stream__la=la)).values_list(
            "pk", flat=True
        )
    )
    shown = [v for v in views if v.allocation.network_id in visible_ids]
    hidden = [v for v in views if v.allocation.network_id not in visible_ids]
    by_stream = totals_by((_line(v) for v in views), key=lambda line: line.stream_id)
    hidden_by_stream = totals_by((_line(v) for v in hidden), key=lambda line: line.stream_id)
    empty = Totals(allocated=Money.zero(), paid=Money.zero())
    networks = _network_rows(shown)
    schools = _schools_benefiting(visible_ids & {v.allocation.network_id for v in shown})
    return LAFunding(
        la=la,
        streams=[
            StreamRow(
                stream=s,
                totals=by_stream.get(s.pk, empty),
                hidden=hidden_by_stream.get(s.pk, empty).allocated,
            )
            for s in streams
        ],
        networks=networks,
        years=_years(shown),
        year_columns=sorted({v.allocation.year for v in shown}),
        totals=totals(_line(v) for v in shown),
        open_schools=School.objects.filter(la=la, status__in=OPEN_STATUSES).count(),
        schools_benefiting=schools,
        hidden=totals(_line(v) for v in hidden).allocated,
        can_manage=can_manage_funding(who, la.code),
        has_illustrative=any(s.is_illustrative for s in streams)
        or any(row.network.is_illustrative for row in networks),
        finance=school_finance(urns=[s.urn for s in schools]),
    )


def _network_rows(views: list[AllocationView]) -> list[NetworkRow]:
    grouped: dict[int, list[AllocationView]] = {}
    for view in views:
        grouped.setdefault(view.allocation.network_id, []).append(view)
    pupils = _current_pupils(grouped)
    rows = []
    for items in grouped.values():
        network = items[0].allocation.network
        by_year: dict[FinancialYear, Money] = {}
        for view in items:
            year = view.allocation.year
            by_year[year] = by_year.get(year, Money.zero()) + view.allocation.amount
        counts = pupils.get(network.pk, [])
        average = (
            per_pupil(Money.total(by_year.values()).split(len(by_year))[0], counts)
            if by_year
            else None
        )
        rows.append(
            NetworkRow(
                network=network,
                totals=totals(_line(v) for v in items),
                by_year=by_year,
                schools=len(counts),
                per_pupil=average,
                flagged=any(v.is_flagged for v in items),
            )
        )
    return sorted(rows, key=lambda row: (row.network.is_illustrative, row.network.name))


def _current_pupils(grouped: dict[int, list[AllocationView]]) -> dict[int, list[int | None]]:
    pupils: dict[int, list[int | None]] = {}
    memberships = Membership.objects.filter(
        network_id__in=list(grouped), left__isnull=True
    ).values_list("network_id", "school__pupils")
    for network_id, count in memberships:
        pupils.setdefault(network_id, []).append(count)
    return pupils


def _schools_benefiting(network_ids: set[int]) -> list[School]:
    return list(
        School.objects.filter(
            memberships__network_id__in=network_ids, memberships__left__isnull=True
        )
        .distinct()
        .order_by("name")
    )


def stream_allocations(*, stream: FundingStream, who: Viewer) -> tuple[list[AllocationView], Money]:
    """A stream's allocations to networks the viewer may see, and the money allocated to
    networks they may not (shown as one figure, without names)."""
    views = [
        allocation_view(a)
        for a in _allocations().filter(stream=stream).order_by("network__name", "financial_year")
    ]
    visible = set(
        networks_visible(who, Network.objects.filter(allocations__stream=stream)).values_list(
            "pk", flat=True
        )
    )
    hidden = Money.total(
        v.allocation.amount for v in views if v.allocation.network_id not in visible
    )
    return [v for v in views if v.allocation.network_id in visible], hidden


def stream_get(*, pk: int) -> FundingStream | None:
    return FundingStream.objects.select_related("la").filter(pk=pk).first()


def allocation_get(*, pk: int) -> Allocation | None:
    return _allocations().filter(pk=pk).first()


def payments_of(*, allocation: Allocation) -> list[Payment]:
    return list(Payment.objects.filter(allocation=allocation).order_by("date", "pk"))


def school_funds(*, urn: int, who: Viewer) -> list[Allocation]:
    """Money a school holds for its networks, in networks the viewer may see (one query)."""
    visible = networks_visible(who, Network.objects.all())
    return list(
        Allocation.objects.filter(fund_holder_school_id=urn, network__in=visible)
        .select_related("stream", "network")
        .order_by("-financial_year", "network__name")
    )


# School finance figures (from the performance data, where the evidence app holds them) -------


@dataclass(frozen=True)
class SchoolFinance:
    urn: int
    year: str
    income: Money | None
    expenditure: Money | None
    balance: Money | None


def school_finance(*, urns: list[int]) -> dict[int, SchoolFinance]:
    """Each school's latest published income, expenditure and balance, where the performance
    data (the evidence app's figures: measures income, expenditure, balance, in pounds) has
    them. Pounds become pence through their decimal text, never float arithmetic."""
    try:
        figure = apps.get_model("evidence", "Figure")
    except LookupError:  # pragma: no cover - the evidence app is part of the project
        return {}
    rows = (
        figure.objects.filter(school_id__in=urns, measure__in=_FINANCE_MEASURES)
        .order_by("school_id", "-year")
        .values_list("school_id", "year", "measure", "value")
    )
    latest: dict[int, int] = {}
    values: dict[int, dict[str, Money | None]] = {}
    for urn, year, measure, value in rows:
        if latest.setdefault(urn, year) != year:
            continue
        values.setdefault(urn, {})[measure] = _pounds(value)
    return {
        urn: SchoolFinance(
            urn=urn,
            year=f"{latest[urn] - 1}/{latest[urn] % 100:02d}",
            income=found.get("income"),
            expenditure=found.get("expenditure"),
            balance=found.get("balance"),
        )
        for urn, found in values.items()
    }


_FINANCE_MEASURES = ("income", "expenditure", "balance")


def _pounds(value: float | None) -> Money | None:
    if value is None:
        return None
    pence = (Decimal(repr(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Money(int(pence))


# LA staff time -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffRow:
    member: StaffMember
    allocations: list[StaffAllocation]
    load: Load


def staff_loads(*, la_code: str) -> list[StaffRow]:
    members = StaffMember.objects.filter(la_id=la_code).prefetch_related(
        Prefetch(
            "allocations",
            queryset=StaffAllocation.objects.select_related("network").order_by(
                "start_date", "network__name"
            ),
        )
    )
    return [
        StaffRow(
            member=member,
            allocations=list(member.allocations.all()),
            load=peak_load(
                (
                    TimeGiven(
                        network_id=a.network_id,
                        days=a.days,
                        unit=TimeUnit(a.unit),
                        start=a.start_date,
                        end=a.end_date,
                    )
                    for a in member.allocations.all()
                ),
                capacity=member.capacity_days,
            ),
        )
        for member in members
    ]


def staff_member_get(*, pk: int) -> StaffMember | None:
    return StaffMember.objects.select_related("la").filter(pk=pk).first()


# Partners ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerFilters:
    q: str = ""
    kind: str = ""
    la: str = ""


def partner_list(*, who: Viewer, filters: PartnerFilters) -> QuerySet[PartnerOrganisation]:
    partners: QuerySet[PartnerOrganisation] = partners_visible(
        who, PartnerOrganisation.objects.all()
    )
    for word in filters.q.split():
        partners = partners.filter(Q(name__icontains=word) | Q(offer__icontains=word))
    if filters.kind:
        partners = partners.filter(kind=filters.kind)
    if filters.la:
        partners = partners.filter(la_id=filters.la)
    visible = networks_visible(who, Network.objects.all())
    return (
        partners.select_related("la")
        .annotate(
            networks_now=Count(
                "partnerships",
                filter=Q(partnerships__end_date__isnull=True, partnerships__network__in=visible),
                distinct=True,
            )
        )
        .order_by("is_illustrative", "name")
    )


def partner_get(*, pk: int) -> PartnerOrganisation | None:
    return (
        PartnerOrganisation.objects.select_related("la")
        .prefetch_related("contacts")
        .filter(pk=pk)
        .first()
    )


def partner_networks(*, partner: PartnerOrganisation, who: Viewer) -> list[Partnership]:
    visible = networks_visible(who, Network.objects.all())
    return list(
        Partnership.objects.filter(partner=partner, network__in=visible)
        .select_related("network")
        .order_by("end_date", "network__name")
    )


def partnerships_of(*, network: Network, who: Viewer) -> QuerySet[Partnership]:
    return (
        Partnership.objects.filter(
            network=network, partner__in=partners_visible(who, PartnerOrganisation.objects.all())
        )
        .select_related("partner")
        .prefetch_related("partner__contacts")
        .order_by("end_date", "partner__name")
    )


@dataclass(frozen=True)
class Unpartnered:
    network: Network
    named_in_sheet: str  # partners the network's own record names, not yet recorded as such


def networks_without_partners(*, la_code: str, who: Viewer) -> list[Unpartnered]:
    """The LA's active networks the viewer may see with no current partner beyond schools."""
    partnered = Partnership.objects.filter(end_date__isnull=True).values("network_id")
    networks = (
        networks_visible(who, Network.objects.filter(owner_las__code=la_code))
        .exclude(pk__in=partnered)
        .exclude(status="ended")
        .annotate(
            current_members=Count(
                "memberships", filter=Q(memberships__left__isnull=True), distinct=True
            )
        )
        .order_by("is_illustrative", "name")
    )
    return [Unpartnered(network=n, named_in_sheet=n.partners.strip()) for n in networks]
