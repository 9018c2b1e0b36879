"""Resources and partners: funding streams and their allocations to networks, payments, LA
staff time, and partner organisations beyond schools.

Money is held in whole pence (`*_pence`, big integers); the `Money` properties turn them into
core.money.Money. Financial years are held as the year they start in (2024 for 2024-25).
"""

from django.core.validators import MinValueValidator
from django.db import models

from schoolweave.core.money import Money
from schoolweave.core.resources.vocabulary import (
    AllocationStatus,
    FundHolderKind,
    PartnerKind,
    PaymentStatus,
    TimeUnit,
)
from schoolweave.core.resources.years import FinancialYear
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority, School


class FunderProfile(models.Model):
    """How an LA publishes its grants as 360Giving open data."""

    la = models.OneToOneField(
        LocalAuthority, on_delete=models.CASCADE, primary_key=True, related_name="funder_profile"
    )
    org_id = models.CharField(
        "organisation identifier",
        max_length=100,
        blank=True,
        help_text="The LA's identifier in the Organisation Identifier Standard, e.g. GB-LAE-SAW",
    )
    grant_prefix = models.CharField(
        "360Giving prefix",
        max_length=60,
        blank=True,
        help_text="The prefix 360Giving gave the LA for its grant identifiers, e.g. 360G-sandwell",
    )
    department = models.CharField(
        max_length=200,
        blank=True,
        help_text="The department that awards the grants (Local Government Transparency Code)",
    )
    website = models.URLField(blank=True)

    def __str__(self) -> str:
        return f"How {self.la.name} publishes grants"


class FundingStream(models.Model):
    """Money an LA has for networks: its own budget, a government grant, a bid won."""

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="funding_streams")
    name = models.CharField(max_length=200)
    source = models.CharField(
        max_length=200,
        help_text="Where the money comes from, e.g. the LA's school improvement budget",
    )
    purpose = models.TextField()
    amount_pence = models.BigIntegerField(validators=[MinValueValidator(0)])
    first_year = models.PositiveSmallIntegerField(
        help_text="the financial year it starts (2024: 2024-25)"
    )
    last_year = models.PositiveSmallIntegerField(help_text="the financial year it ends")
    conditions = models.TextField(blank=True)
    over_limit_reason = models.TextField(
        blank=True, help_text="Why an officer let its allocations go over its amount"
    )
    is_illustrative = models.BooleanField(
        default=False, help_text="Made up for demonstration, like the illustrative networks."
    )

    class Meta:
        ordering = ("la", "-first_year", "name")
        constraints = (
            models.UniqueConstraint(fields=("la", "name"), name="unique_funding_stream_name"),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="funding_stream_years_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_pence__gte=0), name="funding_stream_amount_not_negative"
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def amount(self) -> Money:
        return Money(self.amount_pence)

    @property
    def first(self) -> FinancialYear:
        return FinancialYear(self.first_year)

    @property
    def last(self) -> FinancialYear:
        return FinancialYear(self.last_year)

    @property
    def period(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first)
        return f"{self.first} to {self.last}"

    def covers(self, year: FinancialYear) -> bool:
        return self.first_year <= year.start_year <= self.last_year


class PartnerOrganisation(models.Model):
    """An organisation beyond schools that works with networks: a university, a college, a
    health or police service, a business, a charity, another LA."""

    la = models.ForeignKey(
        LocalAuthority,
        on_delete=models.PROTECT,
        related_name="partner_organisations",
        help_text="The local authority that keeps this record",
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=PartnerKind.choices())
    offer = models.TextField(
        "what they offer",
        blank=True,
        help_text="accreditation, enquiry support, teacher training...",
    )
    website = models.URLField(blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    is_public = models.BooleanField(
        default=True, help_text="Shown to everyone; otherwise only to the LA's officers."
    )
    is_illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ("name",)
        constraints = (models.UniqueConstraint(fields=("la", "name"), name="unique_partner_name"),)

    def __str__(self) -> str:
        return self.name


class PartnerContact(models.Model):
    """A person at a partner organisation. Shown only to signed-in users."""

    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    telephone = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return f"{self.name} ({self.partner})"


class Partnership(models.Model):
    """A partner working with a network, for a purpose, from a date (to a date)."""

    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="partnerships")
    purpose = models.TextField()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-start_date", "partner__name")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="partnership_ends_after_it_starts",
            ),
        )

    def __str__(self) -> str:
        return f"{self.partner} with {self.network}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class Allocation(models.Model):
    """Money from a stream to a network for one financial year, held by a fund holder: a
    member school, a partner, or (neither set) the LA."""

    stream = models.ForeignKey(FundingStream, on_delete=models.PROTECT, related_name="allocations")
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="allocations")
    financial_year = models.PositiveSmallIntegerField()
    amount_pence = models.BigIntegerField(validators=[MinValueValidator(1)])
    fund_holder_school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="funds_held"
    )
    fund_holder_partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funds_held",
    )
    status = models.CharField(
        max_length=20, choices=AllocationStatus.choices(), default=AllocationStatus.COMMITTED
    )
    awarded_on = models.DateField()
    over_limit_reason = models.TextField(
        blank=True, help_text="Why an officer allocated more than the stream had left"
    )

    class Meta:
        ordering = ("financial_year", "stream__name")
        constraints = (
            models.UniqueConstraint(
                fields=("stream", "network", "financial_year"), name="one_allocation_a_year"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="allocation_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(fund_holder_school__isnull=True)
                | models.Q(fund_holder_partner__isnull=True),
                name="allocation_one_fund_holder",
            ),
        )

    def __str__(self) -> str:
        return f"{self.stream} to {self.network}, {self.year}"

    @property
    def amount(self) -> Money:
        return Money(self.amount_pence)

    @property
    def year(self) -> FinancialYear:
        return FinancialYear(self.financial_year)

    @property
    def fund_holder_kind(self) -> FundHolderKind:
        if self.fund_holder_school_id is not None:
            return FundHolderKind.SCHOOL
        if self.fund_holder_partner_id is not None:
            return FundHolderKind.PARTNER
        return FundHolderKind.LA

    @property
    def fund_holder_name(self) -> str:
        if self.fund_holder_school is not None:
            return self.fund_holder_school.name
        if self.fund_holder_partner is not None:
            return self.fund_holder_partner.name
        return self.stream.la.name


class Payment(models.Model):
    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="payments")
    amount_pence = models.BigIntegerField(validators=[MinValueValidator(1)])
    date = models.DateField(help_text="the day it was paid, or is due to be")
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices(), default=PaymentStatus.PAID
    )
    reference = models.CharField(max_length=100, blank=True, help_text="e.g. the invoice number")
    over_limit_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("date", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="payment_amount_positive"
            ),
        )

    def __str__(self) -> str:
        return f"{self.amount} on {self.date:%Y-%m-%d} ({self.get_status_display()})"

    @property
    def amount(self) -> Money:
        return Money(self.amount_pence)


class StaffMember(models.Model):
    """An LA officer or adviser whose time the LA gives to networks."""

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="staff")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    capacity_days = models.DecimalField(
        "capacity (days a year)",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text="Days a year this person has for networks",
    )
    is_illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ("name",)
        verbose_name = "LA staff member"

    def __str__(self) -> str:
        return self.name


class StaffAllocation(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="allocations")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="staff_time")
    role = models.CharField(max_length=200, blank=True, help_text="e.g. link adviser, facilitator")
    days = models.DecimalField(max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    unit = models.CharField(max_length=10, choices=TimeUnit.choices(), default=TimeUnit.TERM)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("staff__name", "start_date")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="staff_allocation_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=models.Q(days__gt=0), name="staff_days_positive"),
        )

    def __str__(self) -> str:
        return f"{self.staff} for {self.network}: {self.days} {self.get_unit_display().lower()}"
